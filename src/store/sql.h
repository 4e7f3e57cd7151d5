// The one seam between the store and its two databases: a connection that runs parameterised SQL
// and returns rows of text. Statements are written once, with $1-style parameters and a few
// {tokens} for the spots where the dialects differ (see dialect_sql).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/error.h"

namespace onnxbench::store {

enum class Dialect { kSqlite, kPostgres };

// The database cannot be reached right now (connection lost, server restarting). Callers that
// can wait (workers) retry; everything else reports it.
class StoreUnavailable : public Error {
 public:
  using Error::Error;
};

struct Blob {
  std::string bytes;
};
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

struct SqlRow {
  std::vector<std::optional<std::string>> cells;  // blobs as raw bytes
  const std::string& text(std::size_t i) const;   // NULL reads as ""
  std::int64_t integer(std::size_t i) const;      // NULL reads as 0
  double real(std::size_t i) const;
  bool null(std::size_t i) const { return !cells.at(i); }
};

struct SqlResult {
  std::vector<SqlRow> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  // `sql` in the shared form ($1 parameters, {tokens}); one statement.
  virtual SqlResult exec(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
  // Several statements without parameters (migrations).
  virtual void exec_script(const std::string& sql) = 0;
  // SQLite: BEGIN IMMEDIATE (the write lock up front, so read-then-write cannot race);
  // PostgreSQL: BEGIN (row locks come from FOR UPDATE).
  virtual void begin_write() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  // PostgreSQL LISTEN/NOTIFY; SQLite has none and sleeps instead.
  virtual void notify(const std::string& channel) = 0;
  virtual void wait(const std::string& channel, double seconds) = 0;
};

// Rewrites the shared form for a dialect: $N, {id}, {blob}, {now_ms}, {skip_locked} (of task
// rows t), {skip_locked_device} (of device rows d).
std::string dialect_sql(Dialect dialect, const std::string& sql);

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path);
std::unique_ptr<SqlConnection> open_postgres(const std::string& url);

// Runs `body` between begin_write and commit; rolls back and rethrows on any exception.
template <class F>
auto in_transaction(SqlConnection& db, F&& body) {
  db.begin_write();
  try {
    if constexpr (std::is_void_v<decltype(body())>) {
      body();
      db.commit();
    } else {
      auto result = body();
      db.commit();
      return result;
    }
  } catch (...) {
    db.rollback();
    throw;
  }
}

}  // namespace onnxbench::store
