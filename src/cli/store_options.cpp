#include "cli/store_options.h"

#include <iostream>

#include "store/record_key.h"

namespace onnxbench::cli {

void add_store_option(CLI::App& cmd, StoreOption& option) {
  option.option = cmd.add_option("--store", option.url,
                                 "also save the record in the store at URL (a SQLite file or "
                                 "postgresql://...); bare --store: $ONNXBENCH_STORE, else "
                                 "./onnxbench.db")
                      ->expected(0, 1);
}

std::unique_ptr<store::Store> open_store_option(const StoreOption& option) {
  return store::open_store(store::resolve_store_url(option.url));
}

void save_record(const StoreOption& option, const std::string& kind, const nlohmann::json& body,
                 const store::RecordKey& fallback) {
  if (!option.given()) return;
  auto store = open_store_option(option);
  const auto id = store->add_record(store::record_key(kind, body, fallback), body);
  std::cerr << "onnxbench: " << kind << " record " << id << " saved in " << store->url() << "\n";
}

}  // namespace onnxbench::cli
