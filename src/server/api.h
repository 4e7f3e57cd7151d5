// The JSON API over the store (all under /api/):
//   GET  summary                         tasks per stage and state, workers, models
//   GET  models?q=&offset=&limit=        models (q: name or sha256 part)
//   GET  records?model=&kind=&engine=&offset=&limit=
//   GET  tasks?model=&state=&stage=&worker=&offset=&limit=
//   GET  workers
//   POST submit                          {"model": {...}, "tasks": [...]} (store::Store::submit)
//   POST models/SHA/priority             {"priority": N | null}
//   POST models/SHA/reset                {"stage": S}? (every stage when absent)
//   POST models/SHA/cancel
// Lists answer {"total", "offset", "limit", "items"}; limit is at most 1000 (default 100).
// Writes need the token (Authorization: Bearer); errors are JSON with their status code.
#pragma once

#include <mutex>
#include <string>

#include "server/http.h"
#include "store/store.h"

namespace onnxbench::server {

class Api {
 public:
  Api(store::Store& store, std::string token) : store_(store), token_(std::move(token)) {}
  // Safe to call from many threads: store calls are serialized (one connection).
  Response handle(const Request& request);

 private:
  Response read(const Request& request);
  Response write(const Request& request);

  store::Store& store_;
  std::string token_;
  std::mutex mutex_;
};

}  // namespace onnxbench::server
