// The options many commands share, declared once here with their help, so that every command
// speaks one grammar (issue 22):
//   --json FILE        the record as JSON; '-' is stdout
//   -o, --out PATH     where the command's result goes (a file or a folder, per command)
//   -w, --warmup N|T   a request count (10) or a time (500ms)
//   -r, --iterations   run length in requests    (perf_test's -r)
//   -t, --duration     run length in seconds     (perf_test's and benchmark_app's -t)
// Short options follow onnxruntime_perf_test where both have the option; the letters whose
// meaning there differs from ours (-n, -d, -i, -s) are not used.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace onnxbench::cli {

// --json FILE: "write WHAT as JSON to FILE ('-' = stdout)".
CLI::Option* add_json_option(CLI::App& cmd, std::string& path, const std::string& what);
// Writes `record` where --json said: nothing for "", stdout for "-", else the file.
void write_json_option(const std::string& path, const nlohmann::json& record, int indent = 2);
// The table goes to stdout unless --json does.
inline bool json_to_stdout(const std::string& path) { return path == "-"; }

// -o, --out PATH, with `help` saying what is written there.
CLI::Option* add_out_option(CLI::App& cmd, std::string& path, const std::string& help);

// A warm-up: at least `iterations` requests and, for a time, at least `ms` milliseconds.
struct Warmup {
  long long iterations = 0;
  double ms = 0;
};
// "10" is ten requests, "500ms" or "2s" at least that long (with one request at least).
// Throws InputError naming --warmup.
Warmup parse_warmup(const std::string& text);
// -w, --warmup COUNT|TIME; `per` says what it is counted per ("per instance", "before each
// trial").
CLI::Option* add_warmup_option(CLI::App& cmd, std::string& warmup, const std::string& per);

// -r, --iterations and -t, --duration: the run length in requests or seconds.
CLI::Option* add_iterations_option(CLI::App& cmd, long long& iterations, const std::string& help);
CLI::Option* add_duration_option(CLI::App& cmd, double& seconds, const std::string& help);

}  // namespace onnxbench::cli
