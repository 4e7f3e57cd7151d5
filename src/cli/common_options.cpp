#include "cli/common_options.h"

#include <iostream>
#include <regex>

#include "cli/validators.h"
#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench::cli {

CLI::Option* add_json_option(CLI::App& cmd, std::string& path, const std::string& what) {
  return cmd.add_option("--json", path, "write " + what + " as JSON to FILE ('-' = stdout)")
      ->type_name("FILE");
}

void write_json_option(const std::string& path, const nlohmann::json& record, int indent) {
  if (path.empty()) return;
  const std::string text = record.dump(indent) + "\n";
  if (json_to_stdout(path))
    std::cout << text << std::flush;
  else
    write_file(path, text);
}

CLI::Option* add_out_option(CLI::App& cmd, std::string& path, const std::string& help) {
  return cmd.add_option("-o,--out", path, help)->type_name("PATH");
}

Warmup parse_warmup(const std::string& text) {
  static const std::regex re(R"((\d+(?:\.\d+)?)(ms|s)?)");
  std::smatch m;
  if (!std::regex_match(text, m, re))
    throw InputError("--warmup '" + text +
                     "': expected a request count (10) or a time (500ms, 2s)");
  Warmup w;
  if (m[2].matched) {
    w.iterations = 1;
    w.ms = std::stod(m[1]) * (m[2] == "s" ? 1000.0 : 1.0);
    return w;
  }
  if (m[1].str().find('.') != std::string::npos)
    throw InputError("--warmup '" + text + "': a request count must be a whole number");
  w.iterations = std::stoll(m[1]);
  return w;
}

CLI::Option* add_warmup_option(CLI::App& cmd, std::string& warmup, const std::string& per) {
  return cmd
      .add_option("-w,--warmup", warmup,
                  "warm-up " + per +
                      ", discarded and reported apart: a request count (10) or a time "
                      "(500ms, 2s)")
      ->type_name("N|TIME")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            try {
              parse_warmup(text);
              return "";
            } catch (const InputError& e) {  // "--warmup '2x': expected ...": CLI11 names it
              const std::string message = e.what();
              return message.substr(message.find(": ") + 2) + ", got '" + text + "'";
            }
          },
          "N|TIME"));
}

CLI::Option* add_iterations_option(CLI::App& cmd, long long& iterations, const std::string& help) {
  return cmd.add_option("-r,--iterations", iterations, help)->check(at_least(1));
}

CLI::Option* add_duration_option(CLI::App& cmd, double& seconds, const std::string& help) {
  return cmd.add_option("-t,--duration", seconds, help)->check(above_zero());
}

}  // namespace onnxbench::cli
