// SQLite backend of SqlConnection: one file, WAL so readers never block the writer, a busy
// handler so concurrent workers on one host queue for the write lock instead of failing.
#include <sqlite3.h>

#include <chrono>
#include <thread>
#include <unordered_map>

#include "store/sql.h"

namespace onnxbench::store {
namespace {

class SqliteConnection : public SqlConnection {
 public:
  explicit SqliteConnection(const std::string& path) : path_(path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw InputError("store " + path + ": cannot open: " + why);
    }
    // Waits for the write lock in short steps (sqlite3_busy_timeout sleeps up to 100 ms at a
    // time, which idles local workers that contend for it), for 30 s at most.
    sqlite3_busy_handler(
        db_,
        [](void*, int tries) {
          if (tries >= 30000) return 0;
          std::this_thread::sleep_for(std::chrono::microseconds(tries < 1000 ? 100 : 1000));
          return 1;
        },
        nullptr);
    exec_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  }
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : prepared_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  SqlResult exec(const std::string& sql, const std::vector<SqlValue>& params) override {
    sqlite3_stmt* stmt = prepared(sql);
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (std::size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i + 1), params[i]);
    SqlResult result;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail("run");
      SqlRow row;
      const int n = sqlite3_column_count(stmt);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.cells.emplace_back();
          continue;
        }
        const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
        row.cells.emplace_back(std::string(data ? data : "", sqlite3_column_bytes(stmt, c)));
      }
      result.rows.push_back(std::move(row));
    }
    result.affected = sqlite3_changes(db_);
    return result;
  }

  void exec_script(const std::string& sql) override {
    const std::string text = dialect_sql(Dialect::kSqlite, sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail("run");
  }

  void begin_write() override { exec_script("BEGIN IMMEDIATE"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
  void notify(const std::string&) override {}
  void wait(const std::string&, double seconds) override {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  }

 private:
  // Each statement is compiled once per connection and reused.
  sqlite3_stmt* prepared(const std::string& sql) {
    if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
    const std::string text = dialect_sql(Dialect::kSqlite, sql);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, text.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
        SQLITE_OK)
      fail("prepare");
    return prepared_.emplace(sql, stmt).first->second;
  }

  void bind(sqlite3_stmt* stmt, int i, const SqlValue& v) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v)) rc = sqlite3_bind_null(stmt, i);
    if (auto* n = std::get_if<std::int64_t>(&v)) rc = sqlite3_bind_int64(stmt, i, *n);
    if (auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(stmt, i, *d);
    if (auto* s = std::get_if<std::string>(&v))
      rc = sqlite3_bind_text(stmt, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    if (auto* b = std::get_if<Blob>(&v))
      rc = sqlite3_bind_blob64(stmt, i, b->bytes.data(), b->bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail("bind");
  }

  [[noreturn]] void fail(const char* what) {
    throw Error("store " + path_ + ": cannot " + what + " a statement: " + sqlite3_errmsg(db_));
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> prepared_;
};

}  // namespace

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace onnxbench::store
