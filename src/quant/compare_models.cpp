#include "quant/compare_models.h"

#include <algorithm>
#include <filesystem>

#include "quant/engine_runs.h"

namespace onnxbench::quant {
std::map<std::string, std::string> standing_for(const onnx::ModelProto& candidate) {
  std::map<std::string, std::string> quantized_from;  // QuantizeLinear output -> its input
  std::map<std::string, std::string> stands;
  for (const auto& n : candidate.graph().node()) {
    for (const auto& o : n.output()) stands.emplace(o, o);
    if (n.op_type() == "QuantizeLinear" && n.input_size() > 0 && n.output_size() > 0)
      quantized_from[n.output(0)] = n.input(0);
  }
  for (const auto& n : candidate.graph().node())
    if (n.op_type() == "DequantizeLinear" && n.input_size() > 0 && n.output_size() > 0)
      if (auto it = quantized_from.find(n.input(0)); it != quantized_from.end())
        stands[n.output(0)] = it->second;
  return stands;
}

ModelComparison compare_models(const onnx::ModelProto& reference, const onnx::ModelProto& candidate,
                               const std::vector<InputSpec>& inputs, const CalibrationSet& set,
                               Engine& reference_engine, Engine& candidate_engine,
                               const CalibrationProgress& progress) {
  load_into(reference_engine, with_every_tensor_exposed(reference), "reference.onnx");
  const onnx::ModelProto exposed = with_every_tensor_exposed(candidate);
  load_into(candidate_engine, exposed, "candidate.onnx");

  // Reference tensor -> the candidate's tensor for it; a dequantized one wins over the float one.
  std::map<std::string, std::string> counterpart;
  for (const auto& [cand, ref] : standing_for(exposed))
    if (cand != ref || !counterpart.count(ref)) counterpart[ref] = cand;

  std::map<std::string, TensorComparison> by_name;
  for (const auto& n : reference.graph().node())
    for (const auto& o : n.output()) by_name[o] = {o, "", n.op_type(), false, {}};
  for (const auto& o : reference.graph().output()) by_name[o.name()].is_output = true;

  ModelComparison result;
  const std::string sample_dir = reference_engine.work_dir() + "/sample";
  for (const auto& sample : set.samples) {
    std::filesystem::create_directories(sample_dir);
    const PreparedInputs prepared = prepare_inputs(inputs, sample, sample_dir);
    const auto ref_out = float_outputs(reference_engine, prepared.files);
    const auto cand_out = float_outputs(candidate_engine, prepared.files);
    for (auto& [name, c] : by_name) {
      const auto r = ref_out.find(name);
      const auto other = counterpart.find(name);
      if (r == ref_out.end() || other == counterpart.end()) continue;
      const auto k = cand_out.find(other->second);
      if (k == cand_out.end()) continue;
      c.candidate_name = other->second;
      c.agreement.add(r->second, k->second);
      if (c.is_output && looks_like_class_scores(r->second.shape))
        c.agreement.add_classes(r->second, k->second);
    }
    std::filesystem::remove_all(sample_dir);
    ++result.samples;
    if (progress) progress(result.samples, set.samples.size());
  }
  for (auto& [name, c] : by_name) {
    if (c.candidate_name.empty()) {
      ++result.unmatched;
      continue;
    }
    result.tensors.push_back(std::move(c));
  }
  std::stable_sort(result.tensors.begin(), result.tensors.end(),
                   [](const TensorComparison& a, const TensorComparison& b) {
                     const double sa = a.agreement.sqnr_db(), sb = b.agreement.sqnr_db();
                     if (sa != sb) return sa < sb;
                     return a.agreement.cosine() < b.agreement.cosine();
                   });
  return result;
}

}  // namespace onnxbench::quant
