#include "store/record_names.h"

namespace onnxbench::store {

void name_record(nlohmann::json& body, const std::string& model_sha256, const std::string& name) {
  if (!body.is_object() || !body.contains("model") || !body["model"].is_object()) return;
  nlohmann::json& model = body["model"];
  if (!name.empty()) model["name"] = name;
  const auto sha = model.find("sha256");
  if (sha != model.end() && sha->is_string() && *sha != model_sha256)
    model["parent_sha256"] = model_sha256;
}

std::string artifact_precision(const nlohmann::json& producer) {
  return producer.is_array() && !producer.empty() && producer[0] == "quantize" ? "int8" : "";
}

std::string precision_label(const nlohmann::json& body) {
  if (!body.is_object()) return "";
  const auto precision = body.find("precision");
  std::string label =
      precision != body.end() && precision->is_string() ? precision->get<std::string>() : "";
  const auto random = body.find("random_calibration");
  if (random != body.end() && random->is_boolean() && random->get<bool>())
    label += (label.empty() ? "" : " ") + std::string("(random calibration data)");
  return label;
}

void name_record(nlohmann::json& body, const std::string& model_sha256,
                 const std::map<std::string, std::string>& names) {
  const auto it = names.find(model_sha256);
  if (it != names.end()) name_record(body, model_sha256, it->second);
}

}  // namespace onnxbench::store
