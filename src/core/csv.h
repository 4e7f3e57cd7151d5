// CSV fields as RFC 4180 writes and reads them, the one quoting rule every CSV writer and reader
// uses.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace onnxbench {

// A field holding a comma, quote or line break is quoted, its quotes doubled.
inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// The fields of one CSV line (without its line break): quoted fields may hold commas and doubled
// quotes. std::nullopt when a quote is left open or text follows a closing quote.
inline std::optional<std::vector<std::string>> csv_split(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false, closed = false;  // inside quotes; just after a field's closing quote
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        fields.back() += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else {
        quoted = false;
        closed = true;
      }
    } else if (c == ',') {
      fields.emplace_back();
      closed = false;
    } else if (closed) {
      return std::nullopt;
    } else if (c == '"' && fields.back().empty()) {
      quoted = true;
    } else {
      fields.back() += c;
    }
  }
  if (quoted) return std::nullopt;
  return fields;
}

}  // namespace onnxbench
