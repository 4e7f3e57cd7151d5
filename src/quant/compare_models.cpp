#include "quant/compare_models.h"

#include <algorithm>
#include <filesystem>
#include <functional>

#include "quant/engine_runs.h"

namespace onnxbench::quant {
namespace {

using Outputs = std::map<std::string, Tensor>;

// Runs every sample of `set` through both loaded engines and hands their outputs to `compare`.
void run_samples(const std::vector<InputSpec>& inputs, const CalibrationSet& set,
                 Engine& reference_engine, Engine& candidate_engine,
                 const std::function<void(const Outputs&, const Outputs&)>& compare,
                 const std::function<void()>& after_sample) {
  const std::string sample_dir = reference_engine.work_dir() + "/sample";
  for (const auto& sample : set.samples) {
    std::filesystem::create_directories(sample_dir);
    const PreparedInputs prepared = prepare_inputs(inputs, sample, sample_dir);
    compare(float_outputs(reference_engine, prepared.files),
            float_outputs(candidate_engine, prepared.files));
    std::filesystem::remove_all(sample_dir);
    after_sample();
  }
}

void add_agreement(TensorComparison& c, const Tensor& reference, const Tensor& candidate) {
  c.agreement.add(reference, candidate);
  if (c.is_output && looks_like_class_scores(reference.shape))
    c.agreement.add_classes(reference, candidate);
}

}  // namespace

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
  const onnx::ModelProto exposed = with_every_tensor_exposed(candidate);
  // Reference tensor -> the candidate's tensor for it; a dequantized one wins over the float one.
  std::map<std::string, std::string> counterpart;
  for (const auto& [cand, ref] : standing_for(exposed))
    if (cand != ref || !counterpart.count(ref)) counterpart[ref] = cand;

  std::map<std::string, TensorComparison> by_name;
  for (const auto& n : reference.graph().node())
    for (const auto& o : n.output()) by_name[o] = {o, "", n.op_type(), false, {}};
  for (const auto& o : reference.graph().output()) by_name[o.name()].is_output = true;

  ModelComparison result;
  const std::size_t steps = 2 * set.samples.size();
  std::size_t done = 0;
  const auto count_step = [&] {
    if (progress) progress(++done, steps);
  };

  // Every intermediate tensor, from both models with every tensor exposed.
  load_into(reference_engine, with_every_tensor_exposed(reference), "reference.onnx");
  load_into(candidate_engine, exposed, "candidate.onnx");
  run_samples(
      inputs, set, reference_engine, candidate_engine,
      [&](const Outputs& ref_out, const Outputs& cand_out) {
        for (auto& [name, c] : by_name) {
          const auto r = ref_out.find(name);
          const auto other = counterpart.find(name);
          if (c.is_output || r == ref_out.end() || other == counterpart.end()) continue;
          const auto k = cand_out.find(other->second);
          if (k == cand_out.end()) continue;
          c.candidate_name = other->second;
          add_agreement(c, r->second, k->second);
        }
      },
      [&] {
        ++result.samples;
        count_step();
      });

  // The graph outputs, from the models as they are: exposing every tensor stops an engine fusing
  // nodes (ONNX Runtime's int8 kernels), which changes the outputs a user would get.
  load_into(reference_engine, reference, "reference.onnx");
  load_into(candidate_engine, candidate, "candidate.onnx");
  run_samples(
      inputs, set, reference_engine, candidate_engine,
      [&](const Outputs& ref_out, const Outputs& cand_out) {
        for (auto& [name, c] : by_name) {
          const auto r = ref_out.find(name);
          if (!c.is_output || r == ref_out.end()) continue;
          const auto other = counterpart.find(name);
          auto k = other == counterpart.end() ? cand_out.end() : cand_out.find(other->second);
          if (k == cand_out.end()) k = cand_out.find(name);
          if (k == cand_out.end()) continue;
          c.candidate_name = k->first;
          add_agreement(c, r->second, k->second);
        }
      },
      count_step);

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
