// onnxbench store init|migrate|info: create a store, bring its schema up to date, say what is in
// it.
#include <iostream>

#include "cli/commands.h"
#include "cli/store_options.h"
#include "core/error.h"

namespace onnxbench::cli {
namespace {

void run_info(const StoreOption& option) {
  auto s = store::open_existing_store(store::resolve_store_url(option.url), false);
  const int version = s->schema_version();
  std::cout << "store:   " << s->url() << " (" << s->backend() << ")\n"
            << "schema:  version " << version << " of " << s->latest_schema_version()
            << (version < s->latest_schema_version() ? " (run 'onnxbench store migrate')" : "")
            << "\n";
  if (version == 0) return;
  std::int64_t queued = 0, running = 0, done = 0, failed = 0;
  for (const auto& c : s->stage_counts()) {
    if (c.state == "queued") queued += c.count;
    if (c.state == "running") running += c.count;
    if (c.state == "done") done += c.count;
    if (c.state == "failed") failed += c.count;
  }
  std::cout << "records: " << s->records({}).size() << "\n"
            << "models:  " << s->models().size() << "\n"
            << "tasks:   " << queued << " queued, " << running << " running, " << done << " done, "
            << failed << " failed\n"
            << "workers: " << s->workers().size() << "\n";
}

}  // namespace

void add_store(CLI::App& app) {
  auto* cmd = app.add_subcommand("store", "Create, migrate and describe a result store.");
  cmd->require_subcommand(1);
  auto option = std::make_shared<StoreOption>();
  auto existing = std::make_shared<StoreOption>();
  auto* init = cmd->add_subcommand("init",
                                   "Create the store (a SQLite file or a PostgreSQL "
                                   "database's tables) at the newest schema");
  auto* migrate = cmd->add_subcommand("migrate", "Apply the schema migrations a store lacks");
  auto* info = cmd->add_subcommand("info", "Schema version and what the store holds");
  add_store_create_option(*init, *option, "create");
  add_store_read_option(*migrate, *existing, "the schema version");
  add_store_read_option(*info, *existing, "what it holds");
  auto apply = [](const StoreOption& option, const char* verb) {
    const std::string url = store::resolve_store_url(option.url);
    auto s =
        option.must_exist ? store::open_existing_store(url, false) : store::open_store(url, false);
    const int before = s->schema_version();
    s->migrate();
    std::cout << verb << " " << s->url() << " (" << s->backend() << "): schema version " << before
              << " -> " << s->schema_version() << "\n";
  };
  init->callback([apply, option] { apply(*option, "initialized"); });
  migrate->callback([apply, existing] { apply(*existing, "migrated"); });
  info->callback([existing] { run_info(*existing); });
}

}  // namespace onnxbench::cli
