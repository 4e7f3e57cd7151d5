// What a command's JSON record is filed under, read from the record itself.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "store/store.h"

namespace onnxbench::store {

// model.sha256, engine.name (eval: run.engine), config, host.hostname and timestamp_utc of the
// body where present; `fallback` fills what the body lacks (compare and tune records carry less),
// then this host and now.
RecordKey record_key(const std::string& kind, const nlohmann::json& body,
                     const RecordKey& fallback = {});

}  // namespace onnxbench::store
