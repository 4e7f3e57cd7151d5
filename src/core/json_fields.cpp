#include "core/json_fields.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench {
namespace {

std::string range_text(std::int64_t min, std::int64_t max) {
  if (max == std::numeric_limits<std::int64_t>::max()) return ">= " + std::to_string(min);
  return "in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
}

}  // namespace

std::string integer_problem(const nlohmann::json& v, std::int64_t min, std::int64_t max) {
  const std::string expected = "expected an integer " + range_text(min, max) + ", got " + v.dump();
  if (!v.is_number_integer()) return expected;
  const std::int64_t i = v.get<std::int64_t>();
  if (i < min || i > max) return expected;
  return "";
}

JsonFields::JsonFields(const nlohmann::json& object, std::string source, std::string path)
    : object_(object), source_(std::move(source)), path_(std::move(path)) {
  if (!object_.is_object())
    throw InputError(source_ + ": " + (path_.empty() ? "" : path_ + ": ") +
                     "expected a JSON object, got " + object_.dump());
}

std::string JsonFields::where(const std::string& field, std::optional<std::size_t> index) const {
  std::string w = path_.empty() ? field : path_ + "." + field;
  if (index) w += "[" + std::to_string(*index) + "]";
  return w;
}

void JsonFields::fail(const std::string& field, const std::string& what) const {
  throw InputError(source_ + ": " + where(field) + ": " + what);
}

bool JsonFields::has(const std::string& field) const { return object_.contains(field); }

const nlohmann::json& JsonFields::value(const std::string& field) const {
  if (!has(field)) fail(field, "missing");
  return object_.at(field);
}

std::int64_t JsonFields::integer(const std::string& field, std::int64_t min, std::int64_t max,
                                 std::optional<std::int64_t> fallback) const {
  if (!has(field) && fallback) return *fallback;
  const nlohmann::json& v = value(field);
  if (const std::string problem = integer_problem(v, min, max); !problem.empty())
    fail(field, problem);
  return v.get<std::int64_t>();
}

double JsonFields::number(const std::string& field, double min, double max,
                          std::optional<double> fallback) const {
  if (!has(field) && fallback) return *fallback;
  const nlohmann::json& v = value(field);
  if (!v.is_number() || v.get<double>() < min || v.get<double>() > max) {
    const bool bounded = std::isfinite(min) || std::isfinite(max);
    fail(field, "expected a number" +
                    (bounded ? " in [" + nlohmann::json(min).dump() + ", " +
                                   nlohmann::json(max).dump() + "]"
                             : std::string()) +
                    ", got " + v.dump());
  }
  return v.get<double>();
}

double JsonFields::positive_number(const std::string& field) const {
  const nlohmann::json& v = value(field);
  if (!v.is_number() || !(v.get<double>() > 0))
    fail(field, "expected a number > 0, got " + v.dump());
  return v.get<double>();
}

double JsonFields::number_or_null(const std::string& field) const {
  const nlohmann::json& v = value(field);
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!v.is_number()) fail(field, "expected a number or null, got " + v.dump());
  return v.get<double>();
}

std::string JsonFields::text(const std::string& field) const {
  const nlohmann::json& v = value(field);
  if (!v.is_string()) fail(field, "expected a string, got " + v.dump());
  return v.get<std::string>();
}

std::string JsonFields::text(const std::string& field,
                             const std::vector<std::string>& choices) const {
  const nlohmann::json& v = value(field);
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  if (!v.is_string() ||
      std::find(choices.begin(), choices.end(), v.get<std::string>()) == choices.end())
    fail(field, "expected one of " + list + ", got " + v.dump());
  return v.get<std::string>();
}

const nlohmann::json& JsonFields::array(const std::string& field) const {
  const nlohmann::json& v = value(field);
  if (!v.is_array() || v.empty()) fail(field, "expected a non-empty array, got " + v.dump());
  return v;
}

JsonFields JsonFields::object(const std::string& field) const {
  return JsonFields(value(field), source_, where(field));
}

void JsonFields::reject_unknown(const std::vector<std::string>& known) const {
  for (const auto& [key, unused] : object_.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    fail(key, "unknown field (known: " + list + ")");
  }
}

namespace {

// "line 3, column 14: syntax error ..." from a parse error at byte `byte` (1-based, as nlohmann
// counts) of `text`, without the library's "[json.exception.parse_error.101]" prefix.
std::string parse_error_text(const std::string& text, std::size_t byte, const std::string& what) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  // The library's reason follows its own position ("parse error at line L, column C: ").
  const auto reason = what.find(": ", what.find("parse error"));
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
         (reason == std::string::npos ? what : what.substr(reason + 2));
}

}  // namespace

nlohmann::json parse_json_text(const std::string& text, const std::string& path) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(path + ": not valid JSON: " + parse_error_text(text, e.byte, e.what()));
  } catch (const nlohmann::json::exception& e) {  // out_of_range for 1e309
    throw InputError(path + ": not valid JSON: " + e.what());
  }
}

nlohmann::json read_json_file(const std::string& path) {
  return parse_json_text(read_file(path), path);
}

}  // namespace onnxbench
