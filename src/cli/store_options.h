// --store on the measuring commands, declared once: where to also save the record that --json
// writes (DESIGN.md, "The store and the fleet").
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "store/store.h"

namespace onnxbench::cli {

struct StoreOption {
  std::string url;  // empty: $ONNXBENCH_STORE, else ./onnxbench.db
  CLI::Option* option = nullptr;
  bool given() const { return option && option->count() > 0; }
};

void add_store_option(CLI::App& cmd, StoreOption& option);
// Opens the store that the global --store/ONNXBENCH_STORE resolution names.
std::unique_ptr<store::Store> open_store_option(const StoreOption& option);
// Saves `body` when --store was given; prints where it went.
void save_record(const StoreOption& option, const std::string& kind, const nlohmann::json& body,
                 const store::RecordKey& fallback = {});

}  // namespace onnxbench::cli
