#include "tune/lut.h"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "core/csv.h"
#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench::tune {
namespace {

using nlohmann::json;

const std::vector<std::string> kColumns = {"model",          "sha256",        "engine",
                                           "objective",      "throughput",    "latency_p50_ms",
                                           "latency_p99_ms", "timestamp_utc", "config"};

struct Record {
  std::size_t line = 0;  // where the record starts
  std::vector<std::string> fields;
};

[[noreturn]] void fail(const std::string& path, std::size_t line, const std::string& field,
                       const std::string& expected) {
  throw InputError(path + ":" + std::to_string(line) + ": " + field + ": " + expected);
}

// The shortest text that reads back as the same double.
std::string number_text(double v) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  return std::string(buffer, end);
}

// Records of RFC 4180 text (quoted fields may span lines; CRLF is accepted); blank lines skipped.
std::vector<Record> parse_csv(const std::string& text, const std::string& path) {
  std::vector<Record> records;
  Record record{1, {}};
  std::string field;
  bool in_quotes = false, quoted = false;
  std::size_t line = 1;
  auto end_record = [&] {
    if (!record.fields.empty() || !field.empty() || quoted) {
      record.fields.push_back(field);
      records.push_back(record);
    }
    record = {line, {}};
    field.clear();
    quoted = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (in_quotes) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        in_quotes = false;
      }
    } else if (c == '"' && field.empty()) {
      in_quotes = quoted = true;
    } else if (c == ',') {
      record.fields.push_back(field);
      field.clear();
      quoted = false;
    } else if (c == '\n') {
      end_record();
    } else if (c != '\r' || i + 1 >= text.size() || text[i + 1] != '\n') {
      field += c;
    }
  }
  if (in_quotes)
    fail(path, record.line, kColumns[std::min(record.fields.size(), kColumns.size() - 1)],
         "unterminated quoted field");
  end_record();
  return records;
}

double number(const std::string& path, const Record& r, std::size_t column) {
  const std::string& s = r.fields[column];
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    fail(path, r.line, kColumns[column], "expected a number, found '" + s + "'");
  return v;
}

LutRow row_of(const std::string& path, const Record& r) {
  if (r.fields.size() < kColumns.size())
    fail(path, r.line, kColumns[r.fields.size()],
         "missing, expected " + std::to_string(kColumns.size()) + " fields");
  if (r.fields.size() > kColumns.size())
    fail(path, r.line, "row",
         "expected " + std::to_string(kColumns.size()) + " fields, found " +
             std::to_string(r.fields.size()) + " (is the config quoted?)");
  LutRow row{r.fields[0],        r.fields[1],        r.fields[2], r.fields[3], number(path, r, 4),
             number(path, r, 5), number(path, r, 6), r.fields[7], {}};
  const json config = json::parse(r.fields[8], nullptr, false);
  if (!config.is_object()) fail(path, r.line, "config", "expected a JSON object of knob values");
  for (const auto& [name, value] : config.items()) row.config[name] = value;
  return row;
}

std::string csv_text(const std::vector<LutRow>& rows) {
  std::string text;
  for (const auto& c : kColumns) text += (text.empty() ? "" : ",") + c;
  text += "\n";
  for (const LutRow& r : rows) {
    const std::vector<std::string> fields = {
        r.model,
        r.sha256,
        r.engine,
        r.objective,
        number_text(r.throughput),
        number_text(r.latency_p50_ms),
        number_text(r.latency_p99_ms),
        r.timestamp_utc,
        json(r.config).dump(-1, ' ', false, json::error_handler_t::replace)};
    for (std::size_t i = 0; i < fields.size(); ++i) text += (i ? "," : "") + csv_field(fields[i]);
    text += "\n";
  }
  return text;
}

bool same_file_name(const std::string& a, const std::string& b) {
  return std::filesystem::path(a).filename() == std::filesystem::path(b).filename();
}

}  // namespace

std::vector<LutRow> read_lut(const std::string& path) {
  if (!std::filesystem::exists(path)) return {};
  const std::vector<Record> records = parse_csv(read_file(path), path);
  if (records.empty()) return {};
  if (records[0].fields != kColumns) {
    std::string header;
    for (const auto& c : kColumns) header += (header.empty() ? "" : ",") + c;
    fail(path, records[0].line, "header", "expected " + header);
  }
  std::vector<LutRow> rows;
  for (std::size_t i = 1; i < records.size(); ++i) rows.push_back(row_of(path, records[i]));
  return rows;
}

void upsert_lut(const std::string& path, const LutRow& row) {
  std::vector<LutRow> rows = read_lut(path);
  const auto same = std::find_if(rows.begin(), rows.end(), [&](const LutRow& r) {
    return r.sha256 == row.sha256 && r.engine == row.engine && r.objective == row.objective;
  });
  if (same != rows.end())
    *same = row;
  else
    rows.push_back(row);
  // Written aside and renamed, so an interrupted write never truncates the table.
  const std::string temporary = path + ".tmp";
  write_file(temporary, csv_text(rows));
  std::filesystem::rename(temporary, path);
}

std::optional<LutRow> find_lut_row(const std::vector<LutRow>& rows, const std::string& sha256,
                                   const std::string& model_name, const std::string& engine,
                                   const std::string& objective) {
  auto find = [&](auto matches) -> std::optional<LutRow> {
    for (const LutRow& r : rows)
      if (r.engine == engine && r.objective == objective && matches(r)) return r;
    return std::nullopt;
  };
  if (auto by_hash = find([&](const LutRow& r) { return !sha256.empty() && r.sha256 == sha256; }))
    return by_hash;
  return find([&](const LutRow& r) { return same_file_name(r.model, model_name); });
}

}  // namespace onnxbench::tune
