#include "report/sensitivity_json.h"

namespace onnxbench {

nlohmann::json sensitivity_json(const quant::SensitivityResult& r, const SensitivitySubject& s) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : r.layers)
    layers.push_back({{"node", l.node},
                      {"op_type", l.op_type},
                      {"only_this_db", l.only_this_db},
                      {"all_but_this_db", l.all_but_this_db}});
  return {{"kind", "sensitivity"},
          {"model", {{"path", s.model_path}, {"sha256", s.model_sha256}}},
          {"engine", {{"name", s.engine}}},
          {"samples", s.samples},
          {"target_sqnr_db", s.target_sqnr_db},
          {"all_quantized_db", r.all_quantized_db},
          {"layers", layers},
          {"kept_float", r.kept_float},
          {"mixed_db", r.mixed_db},
          {"target_reached", r.target_reached}};
}

}  // namespace onnxbench
