// PostgreSQL backend of SqlConnection (libpq). Parameters travel typed (int8, float8, bytea) or as
// untyped text the server infers; statements are prepared once per session; results come back as
// text, bytea decoded. A lost connection throws StoreUnavailable, and the next call tries to
// reconnect, so workers ride out a restart.
#include <libpq-fe.h>
#include <sys/select.h>

#include <cstring>
#include <unordered_map>

#include "store/sql.h"

namespace onnxbench::store {
namespace {

struct Clear {
  PGresult* r;
  ~Clear() { PQclear(r); }
};

class PostgresConnection : public SqlConnection {
 public:
  explicit PostgresConnection(const std::string& url) : url_(url) {
    // connect_timeout keeps an unreachable host from hanging the command.
    const char* keys[] = {"dbname", "connect_timeout", nullptr};
    const char* values[] = {url.c_str(), "5", nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (PQstatus(conn_) != CONNECTION_OK) {
      const std::string why = one_line(PQerrorMessage(conn_));
      PQfinish(conn_);
      throw InputError("store " + url + ": cannot connect: " + why);
    }
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  }
  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  SqlResult exec(const std::string& sql, const std::vector<SqlValue>& params) override {
    ensure_connected();
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size());
    std::vector<Oid> types(params.size(), 0);
    std::vector<int> lengths(params.size(), 0), formats(params.size(), 0);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) continue;  // values[i] stays NULL
      if (auto* n = std::get_if<std::int64_t>(&v)) storage[i] = std::to_string(*n), types[i] = 20;
      if (auto* d = std::get_if<double>(&v)) storage[i] = std::to_string(*d), types[i] = 701;
      if (auto* s = std::get_if<std::string>(&v)) storage[i] = *s;
      if (auto* b = std::get_if<Blob>(&v)) storage[i] = b->bytes, types[i] = 17, formats[i] = 1;
      values[i] = storage[i].data();
      lengths[i] = static_cast<int>(storage[i].size());
    }
    const int n = static_cast<int>(params.size());
    PGresult* res = PQexecPrepared(conn_, prepared(sql, types).c_str(), n, values.data(),
                                   lengths.data(), formats.data(), 0);
    Clear clear{res};
    check(res);
    SqlResult result;
    const int rows = PQntuples(res), cols = PQnfields(res);
    for (int r = 0; r < rows; ++r) {
      SqlRow row;
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.cells.emplace_back();
        } else if (PQftype(res, c) == 17) {
          std::size_t n = 0;
          unsigned char* raw =
              PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(res, r, c)), &n);
          row.cells.emplace_back(std::string(reinterpret_cast<char*>(raw), n));
          PQfreemem(raw);
        } else {
          row.cells.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
        }
      }
      result.rows.push_back(std::move(row));
    }
    const char* affected = PQcmdTuples(res);
    result.affected = affected && *affected ? std::stoll(affected) : 0;
    return result;
  }

  void exec_script(const std::string& sql) override {
    ensure_connected();
    PGresult* res = PQexec(conn_, dialect_sql(Dialect::kPostgres, sql).c_str());
    Clear clear{res};
    check(res);
  }

  void begin_write() override { exec_script("BEGIN"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() noexcept override {
    if (PQstatus(conn_) != CONNECTION_OK) return;
    PQclear(PQexec(conn_, "ROLLBACK"));
  }

  void notify(const std::string& channel) override { exec_script("NOTIFY " + channel); }

  void wait(const std::string& channel, double seconds) override {
    if (listening_ != channel) {
      exec_script("LISTEN " + channel);
      listening_ = channel;
    }
    if (consume_notification()) return;
    const int fd = PQsocket(conn_);
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    timeval tv{static_cast<time_t>(seconds),
               static_cast<suseconds_t>((seconds - static_cast<long>(seconds)) * 1e6)};
    if (select(fd + 1, &set, nullptr, nullptr, &tv) > 0) consume_notification();
  }

 private:
  // Each statement is parsed and planned once per session: the name of its prepared form, keyed
  // by its text and parameter types (a parameter's type is fixed when it is prepared).
  const std::string& prepared(const std::string& sql, const std::vector<Oid>& types) {
    std::string key = sql;
    for (Oid t : types) key += "," + std::to_string(t);
    auto it = prepared_.find(key);
    if (it != prepared_.end()) return it->second;
    const std::string name = "onnxbench_" + std::to_string(prepared_.size());
    PGresult* res = PQprepare(conn_, name.c_str(), dialect_sql(Dialect::kPostgres, sql).c_str(),
                              static_cast<int>(types.size()), types.data());
    Clear clear{res};
    check(res);
    return prepared_.emplace(key, name).first->second;
  }

  bool consume_notification() {
    if (!PQconsumeInput(conn_)) return false;  // the next exec notices the lost connection
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_)) {
      any = true;
      PQfreemem(n);
    }
    return any;
  }

  void ensure_connected() {
    if (PQstatus(conn_) == CONNECTION_OK) return;
    PQreset(conn_);
    listening_.clear();  // LISTEN and prepared statements do not survive a new session
    prepared_.clear();
    if (PQstatus(conn_) != CONNECTION_OK)
      throw StoreUnavailable("store " + url_ +
                             ": connection lost: " + one_line(PQerrorMessage(conn_)));
  }

  void check(PGresult* res) {
    const auto status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const std::string why = one_line(PQerrorMessage(conn_));
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    // Class 08 (connection exception), 57P0x (server shutting down) and class 40 (deadlock,
    // serialization) are transient: worth waiting out and retrying.
    const bool lost =
        PQstatus(conn_) != CONNECTION_OK ||
        (state && (std::strncmp(state, "08", 2) == 0 || std::strncmp(state, "57P", 3) == 0 ||
                   std::strncmp(state, "40", 2) == 0));
    if (lost) throw StoreUnavailable("store " + url_ + ": connection lost: " + why);
    throw Error("store " + url_ + ": " + why);
  }

  static std::string one_line(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    for (char& c : s)
      if (c == '\n' || c == '\t') c = ' ';
    return s;
  }

  std::string url_, listening_;
  std::unordered_map<std::string, std::string> prepared_;
  PGconn* conn_ = nullptr;
};

}  // namespace

std::unique_ptr<SqlConnection> open_postgres(const std::string& url) {
  return std::make_unique<PostgresConnection>(url);
}

}  // namespace onnxbench::store
