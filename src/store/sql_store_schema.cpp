// Opening a store, its schema version and migrations.
#include <cstdlib>
#include <filesystem>

#include "store/migrations.h"
#include "store/sql_store.h"

namespace onnxbench::store {

SqlStore::SqlStore(std::unique_ptr<SqlConnection> db, std::string url)
    : db_(std::move(db)), url_(std::move(url)) {}

std::string SqlStore::backend() const {
  return db_->dialect() == Dialect::kSqlite ? "sqlite" : "postgresql";
}

int SqlStore::latest_schema_version() const { return static_cast<int>(migrations().size()); }

int SqlStore::schema_version() {
  db_->exec_script("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const auto r = db_->exec("SELECT MAX(version) FROM schema_version");
  return r.rows.empty() ? 0 : static_cast<int>(r.rows[0].integer(0));
}

void SqlStore::migrate() {
  in_transaction(*db_, [&] {
    // Several processes may open a fresh PostgreSQL store at once; one migrates, the others wait.
    if (db_->dialect() == Dialect::kPostgres) db_->exec("SELECT pg_advisory_xact_lock(715517)");
    const int current = schema_version();
    const int latest = latest_schema_version();
    if (current > latest)
      throw InputError("store " + url_ + ": schema version " + std::to_string(current) +
                       " is newer than this onnxbench knows (" + std::to_string(latest) +
                       "); upgrade onnxbench");
    for (int v = current + 1; v <= latest; ++v) {
      db_->exec_script(migrations()[v - 1]);
      db_->exec("INSERT INTO schema_version (version) VALUES ($1)", {std::int64_t{v}});
    }
  });
}

std::unique_ptr<Store> open_store(const std::string& url, bool migrate) {
  std::string name = url;
  const bool postgres = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!postgres && name.rfind("sqlite:", 0) == 0) name = name.substr(7);
  if (name.empty()) throw InputError("store: empty SQLite path");
  std::unique_ptr<SqlStore> store;
  try {
    store = std::make_unique<SqlStore>(postgres ? open_postgres(name) : open_sqlite(name), name);
    if (migrate && store->schema_version() < store->latest_schema_version()) store->migrate();
  } catch (const StoreUnavailable&) {
    throw;
  } catch (const InputError&) {
    throw;
  } catch (const Error& e) {
    throw InputError("store " + name + ": not an onnxbench store (" + e.what() + ")");
  }
  return store;
}

std::unique_ptr<Store> open_existing_store(const std::string& url, bool migrate) {
  const bool postgres = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  const std::string path = !postgres && url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  const std::string how =
      ": no such store; 'onnxbench store init', 'onnxbench farm submit' or --store on a "
      "measuring command (bench, eval, ...) creates one";
  if (!postgres && !std::filesystem::exists(path)) throw InputError("store " + path + how);
  auto store = open_store(url, false);
  if (store->schema_version() == 0) throw InputError("store " + store->url() + how);
  if (migrate && store->schema_version() < store->latest_schema_version()) store->migrate();
  return store;
}

std::string resolve_store_url(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ONNXBENCH_STORE"); env && *env) return env;
  return "onnxbench.db";
}

}  // namespace onnxbench::store
