#include "cli/store_options.h"

#include <iostream>

#include "store/record_key.h"

namespace onnxbench::cli {
namespace {

constexpr const char* kWhere =
    " (a SQLite file or postgresql://...; default: $ONNXBENCH_STORE, else ./onnxbench.db)";

}  // namespace

void add_store_option(CLI::App& cmd, StoreOption& option) {
  option.option = cmd.add_option("--store", option.url,
                                 "also save the record in the store at URL (a SQLite file, "
                                 "created when missing, or postgresql://...); bare --store: "
                                 "$ONNXBENCH_STORE, else ./onnxbench.db")
                      ->type_name("URL")
                      ->expected(0, 1);
}

void add_store_read_option(CLI::App& cmd, StoreOption& option, const std::string& what) {
  option.must_exist = true;
  option.option = cmd.add_option("--store", option.url,
                                 "the store to read " + what + " from" + kWhere + "; it must exist")
                      ->type_name("URL")
                      ->expected(0, 1);
}

void add_store_create_option(CLI::App& cmd, StoreOption& option, const std::string& what) {
  option.option = cmd.add_option("--store", option.url,
                                 "the store to " + what + kWhere + "; created when missing")
                      ->type_name("URL");
}

std::unique_ptr<store::Store> open_store_option(const StoreOption& option) {
  const std::string url = store::resolve_store_url(option.url);
  return option.must_exist ? store::open_existing_store(url) : store::open_store(url);
}

void save_record(const StoreOption& option, const std::string& kind, const nlohmann::json& body,
                 const store::RecordKey& fallback) {
  if (!option.given()) return;
  auto store = open_store_option(option);
  const auto id = store->add_record(store::record_key(kind, body, fallback), body);
  std::cerr << "onnxbench: " << kind << " record " << id << " saved in " << store->url() << "\n";
}

}  // namespace onnxbench::cli
