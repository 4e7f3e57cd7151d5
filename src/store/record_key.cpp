#include "store/record_key.h"

#include "core/host_info.h"
#include "core/utc_time.h"

namespace onnxbench::store {

using nlohmann::json;

namespace {

std::string text_at(const json& body, const char* pointer) {
  const json::json_pointer p(pointer);
  return body.contains(p) && body.at(p).is_string() ? body.at(p).get<std::string>() : "";
}

}  // namespace

RecordKey record_key(const std::string& kind, const json& body, const RecordKey& fallback) {
  RecordKey k = fallback;
  k.kind = kind;
  if (auto s = text_at(body, "/model/sha256"); !s.empty()) k.model_sha256 = s;
  if (auto s = text_at(body, "/engine/name"); !s.empty()) k.engine = s;
  if (auto s = text_at(body, "/run/engine"); !s.empty() && k.engine.empty()) k.engine = s;  // eval
  if (auto s = text_at(body, "/host/hostname"); !s.empty()) k.host = s;
  if (auto s = text_at(body, "/timestamp_utc"); !s.empty()) k.created_at = s;
  if (body.contains("config") && body["config"].is_object()) k.config = body["config"];
  if (k.host.empty()) k.host = host_info().hostname;
  if (k.created_at.empty()) k.created_at = utc_now_iso8601();
  return k;
}

}  // namespace onnxbench::store
