// --store, declared once with help written for what each command does with the store
// (DESIGN.md, "The store and the fleet"): a measuring command saves its record there, a command
// that reads (results, report, serve, farm status, ...) needs one that exists, and farm submit or
// store init create one.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "store/store.h"

namespace onnxbench::cli {

struct StoreOption {
  std::string url;  // empty: $ONNXBENCH_STORE, else ./onnxbench.db
  CLI::Option* option = nullptr;
  bool must_exist = false;  // reading commands: a missing store is an error, not a new one
  bool given() const { return option && option->count() > 0; }
};

// A measuring command's --store: also save the record that --json writes.
void add_store_option(CLI::App& cmd, StoreOption& option);
// A command that reads the store: `what` says what it reads ("the records to list").
void add_store_read_option(CLI::App& cmd, StoreOption& option, const std::string& what);
// A command that creates the store when it is missing: `what` says what it puts there.
void add_store_create_option(CLI::App& cmd, StoreOption& option, const std::string& what);

// Opens the store that the global --store/ONNXBENCH_STORE resolution names; a reading command's
// store must exist (store::open_existing_store).
std::unique_ptr<store::Store> open_store_option(const StoreOption& option);
// Saves `body` when --store was given; prints where it went.
void save_record(const StoreOption& option, const std::string& kind, const nlohmann::json& body,
                 const store::RecordKey& fallback = {});

}  // namespace onnxbench::cli
