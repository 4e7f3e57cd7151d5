#include "store/sql.h"

#include <regex>

namespace onnxbench::store {

namespace {
const std::string kEmpty;
}

const std::string& SqlRow::text(std::size_t i) const {
  const auto& cell = cells.at(i);
  return cell ? *cell : kEmpty;
}

std::int64_t SqlRow::integer(std::size_t i) const {
  const auto& cell = cells.at(i);
  return cell && !cell->empty() ? std::stoll(*cell) : 0;
}

double SqlRow::real(std::size_t i) const {
  const auto& cell = cells.at(i);
  return cell && !cell->empty() ? std::stod(*cell) : 0.0;
}

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

}  // namespace

std::string dialect_sql(Dialect dialect, const std::string& sql) {
  std::string s = sql;
  if (dialect == Dialect::kSqlite) {
    static const std::regex param(R"(\$(\d+))");
    s = std::regex_replace(s, param, "?$1");
    replace_all(s, "{id}", "INTEGER PRIMARY KEY");
    replace_all(s, "{blob}", "BLOB");
    // The database's clock, not the caller's: leases compare times taken on one clock.
    replace_all(s, "{now_ms}", "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)");
    replace_all(s, "{skip_locked}", "");
    replace_all(s, "{skip_locked_device}", "");
  } else {
    replace_all(s, "{id}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
    replace_all(s, "{blob}", "BYTEA");
    replace_all(s, "{now_ms}", "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");
    replace_all(s, "{skip_locked}", "FOR UPDATE OF t SKIP LOCKED");
    replace_all(s, "{skip_locked_device}", "FOR UPDATE OF d SKIP LOCKED");
  }
  return s;
}

}  // namespace onnxbench::store
