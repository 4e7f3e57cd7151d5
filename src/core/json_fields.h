// Reading the fields of one JSON object with errors that name the file, the field and what was
// expected: "space.json: stages[2].kernel: expected an odd integer >= 1, got 4".
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace onnxbench {

class JsonFields {
 public:
  // `source` is the file (or "--arch"), `path` the object's place in it ("" for the top level,
  // "stages[1]"). Throws InputError when `object` is not a JSON object.
  JsonFields(const nlohmann::json& object, std::string source, std::string path = "");

  bool has(const std::string& field) const;
  const nlohmann::json& value(const std::string& field) const;  // throws when missing

  // An integer in [min, max]; `fallback` when the field is absent (throws when absent and none).
  std::int64_t integer(const std::string& field, std::int64_t min,
                       std::int64_t max = std::numeric_limits<std::int64_t>::max(),
                       std::optional<std::int64_t> fallback = std::nullopt) const;
  double number(const std::string& field, double min, double max,
                std::optional<double> fallback = std::nullopt) const;
  // A number > 0.
  double positive_number(const std::string& field) const;
  // A number, or null for NaN (JSON has no NaN: the statistics of no samples are written as null).
  double number_or_null(const std::string& field) const;
  std::string text(const std::string& field) const;
  std::string text(const std::string& field, const std::vector<std::string>& choices) const;
  // A non-empty array.
  const nlohmann::json& array(const std::string& field) const;
  // A nested object, whose errors name its place ("params.threads.min").
  JsonFields object(const std::string& field) const;
  // The object's fields, for objects keyed by names (knobs, tensors).
  auto items() const { return object_.items(); }
  bool empty() const { return object_.empty(); }

  // Throws for a field not in `known` (a typo would otherwise be silently ignored).
  void reject_unknown(const std::vector<std::string>& known) const;

  // "source: path.field: what" as an InputError.
  [[noreturn]] void fail(const std::string& field, const std::string& what) const;
  // "path.field", or "path.field[index]" with an index.
  std::string where(const std::string& field, std::optional<std::size_t> index = {}) const;
  const std::string& source() const { return source_; }
  const std::string& path() const { return path_; }

 private:
  const nlohmann::json& object_;
  std::string source_;
  std::string path_;
};

// The JSON document in file `path`; InputError "PATH: not valid JSON: ..." when it is not one
// (a parse error, or a number out of range such as 1e309).
// Syntax errors name the line and column: "PATH: not valid JSON: line 3, column 14: ...".
nlohmann::json read_json_file(const std::string& path);
// The same for JSON text read from `path` by other means.
nlohmann::json parse_json_text(const std::string& text, const std::string& path);

// Checks one JSON value as an integer in [min, max]; returns what is wrong, or "".
std::string integer_problem(const nlohmann::json& v, std::int64_t min, std::int64_t max);

}  // namespace onnxbench
