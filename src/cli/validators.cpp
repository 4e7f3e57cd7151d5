#include "cli/validators.h"

#include <sstream>

#include "core/text.h"
#include "engines/registry.h"

namespace onnxbench::cli {
namespace {

// The number in `text`, or false when it is not one.
bool parse_number(const std::string& text, double& value) {
  std::istringstream in(text);
  in >> value;
  return in && in.peek() == std::char_traits<char>::eof();
}

std::string number_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

CLI::Validator at_least(double min) {
  return CLI::Validator(
      [min](std::string& text) -> std::string {
        double v = 0;
        if (!parse_number(text, v)) return "expected a number, got '" + text + "'";
        if (v < min) return "must be at least " + number_text(min) + ", got " + text;
        return "";
      },
      ">=" + number_text(min));
}

CLI::Validator above_zero() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double v = 0;
        if (!parse_number(text, v)) return "expected a number, got '" + text + "'";
        if (!(v > 0)) return "must be above 0, got " + text;
        return "";
      },
      ">0");
}

CLI::Validator known_engine() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto engines = known_engines();
        for (const auto& e : engines)
          if (e == text) return "";
        return "unknown engine '" + text + "'; known engines: " + join(engines, ", ");
      },
      "ENGINE");
}

}  // namespace onnxbench::cli
