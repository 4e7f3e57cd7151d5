// One grammar for every subcommand (issue 22), checked from each command's own --help over one
// table of every command: --json takes a FILE with '-' for stdout; where a result goes is -o/--out;
// short options keep one meaning (onnxruntime_perf_test's where both tools have them) and the
// ambiguous letters are not used; --warmup takes a count or a time, the same in every command;
// --store says what the command does with the store, and a command that reads a store refuses one
// that does not exist; no internal words in the help; a misspelled option gets a suggestion.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "latency/latency_test_util.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_cli;

enum class Store { kNone, kSave, kRead, kCreate };

struct Command {
  Command(const char* path, Store store = Store::kNone, const char* store_args = "")
      : path(path), store(store), store_args(store_args) {}
  std::string path;  // "farm status"
  Store store;
  // Arguments that make the command reach its store (for the missing-store check).
  std::string store_args;
};

void PrintTo(const Command& c, std::ostream* out) { *out << c.path; }

// Every subcommand onnxbench has; EveryCommandIsInTheTable keeps this list complete.
const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"inspect"},
      {"bench", Store::kSave},
      {"run"},
      {"profile", Store::kSave},
      {"engines"},
      {"tune", Store::kSave},
      {"transform"},
      {"quantize", Store::kSave},
      {"compare", Store::kSave},
      {"eval", Store::kSave},
      {"metric coco"},
      {"report", Store::kRead, ""},
      {"serve", Store::kRead, "--port 0"},
      {"results", Store::kRead, ""},
      {"store init", Store::kCreate},
      {"store migrate", Store::kRead, ""},
      {"store info", Store::kRead, ""},
      {"farm submit", Store::kCreate},
      {"farm worker", Store::kRead, "--idle-exit 1"},
      {"farm status", Store::kRead, ""},
      {"farm set", Store::kRead, "calibration=random:8"},
      {"farm priority", Store::kRead, "m 0"},
      {"farm reset", Store::kRead, "m"},
      {"farm cancel", Store::kRead, "m"},
      {"farm delete", Store::kRead, "m"},
      {"farm download", Store::kRead, "m -o out"},
      {"farm workers", Store::kRead, ""},
      {"devices add", Store::kCreate},
      {"devices list", Store::kRead, ""},
      {"devices remove", Store::kRead, "board"},
      {"devices reset", Store::kRead, "board"},
      {"devices probe"},
      {"latency table"},
      {"latency fit"},
      {"latency predict"},
      {"latency validate"},
      {"zoo generate"},
      {"zoo sample"},
      {"zoo list"},
      {"zoo export"},
  };
  return all;
}

// Each option of a --help text with the text of its help, wrapped lines joined.
std::map<std::string, std::string> options_of(const std::string& help) {
  static const std::regex option_line(R"(^\s+((?:-\w,)?--[\w-]+)(.*)$)");
  std::map<std::string, std::string> options;
  std::string current;
  std::size_t start = 0;
  while (start < help.size()) {
    const std::size_t end = help.find('\n', start);
    const std::string line = help.substr(start, end == std::string::npos ? end : end - start);
    start = end == std::string::npos ? help.size() : end + 1;
    std::smatch m;
    if (std::regex_match(line, m, option_line)) {
      current = m[1];
      options[current] = m[2];
    } else if (!current.empty() && !line.empty() &&
               std::isspace(static_cast<unsigned char>(line[0]))) {
      options[current] += " " + line;
    } else {
      current.clear();
    }
  }
  return options;
}

std::string long_name(const std::string& flags) { return flags.substr(flags.find("--")); }

class CliGrammar : public ::testing::TestWithParam<Command> {};

TEST_P(CliGrammar, HelpFollowsTheGrammar) {
  const Command& c = GetParam();
  const CliResult r = run_cli(c.path + " --help");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto options = options_of(r.output);
  ASSERT_FALSE(options.empty()) << r.output;
  for (const char* internal : {"seed 00", "seed 01", "issue "})
    EXPECT_EQ(r.output.find(internal), std::string::npos) << c.path << ": '" << internal << "'";
  // The meaning of each short option, the same in every command that has it.
  const std::map<std::string, std::string> shorts = {
      {"-x", "--threads"}, {"-r", "--iterations"}, {"-t", "--duration"},
      {"-w", "--warmup"},  {"-e", "--engine"},     {"-b", "--batch"},
      {"-o", "--out"},     {"-p", "--pass"},       {"-h", "--help"}};
  for (const auto& [flags, help] : options) {
    const std::string name = long_name(flags);
    if (flags.rfind("--", 0) != 0) {
      const std::string letter = flags.substr(0, 2);
      ASSERT_TRUE(shorts.count(letter)) << c.path << ": short option " << flags;
      EXPECT_EQ(shorts.at(letter), name) << c.path << ": " << flags;
    }
    EXPECT_NE(name, "--output") << c.path << ": where a result goes is -o/--out";
    EXPECT_NE(name, "--output-dir") << c.path;
    EXPECT_NE(name, "--format") << c.path << ": --json FILE / --csv FILE instead";
    if (name == "--json") {
      EXPECT_NE(help.find("FILE"), std::string::npos) << c.path << ": " << help;
      EXPECT_NE(help.find("'-' = stdout"), std::string::npos) << c.path << ": " << help;
    }
    if (name == "--warmup") {
      EXPECT_NE(help.find("a request count (10) or a time (500ms, 2s)"), std::string::npos)
          << c.path << ": " << help;
    }
    if (name == "--store") {
      const bool saves = help.find("also save the record") != std::string::npos;
      const bool reads = help.find("the store to read") != std::string::npos &&
                         help.find("it must exist") != std::string::npos;
      const bool creates = help.find("created when missing") != std::string::npos;
      EXPECT_EQ(saves, c.store == Store::kSave) << c.path << ": " << help;
      EXPECT_EQ(reads, c.store == Store::kRead) << c.path << ": " << help;
      if (c.store == Store::kCreate) {
        EXPECT_TRUE(creates) << c.path << ": " << help;
      }
    }
  }
  EXPECT_EQ(options.count("--store") > 0, c.store != Store::kNone) << c.path;
}

TEST_P(CliGrammar, AMisspelledOptionGetsASuggestion) {
  const Command& c = GetParam();
  const auto options = options_of(run_cli(c.path + " --help").output);
  std::string longest;
  for (const auto& [flags, help] : options)
    if (long_name(flags).size() > longest.size()) longest = long_name(flags);
  ASSERT_GT(longest.size(), 5u) << c.path;
  const std::string typo = longest.substr(0, longest.size() - 1);  // --iteration
  const CliResult r = run_cli(c.path + " " + typo + " 1");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("unknown option " + typo + "; did you mean " + longest + "?"),
            std::string::npos)
      << c.path << ": " << r.output;
}

// One --warmup everywhere: every command that has it reads a count or a time and refuses anything
// else with the same words, before it starts anything.
TEST(CliGrammarTable, WarmupIsACountOrATimeInEveryCommandThatHasIt) {
  int with_warmup = 0;
  for (const Command& c : commands()) {
    if (!options_of(run_cli(c.path + " --help").output).count("-w,--warmup")) continue;
    ++with_warmup;
    for (const char* good : {"10", "500ms", "2s"}) {
      const CliResult r = run_cli(c.path + " --warmup " + good);
      EXPECT_EQ(r.output.find("--warmup"), std::string::npos) << c.path << " " << good << r.output;
    }
    const CliResult r = run_cli(c.path + " --warmup 2x");
    EXPECT_NE(r.exit_code, 0) << c.path;
    EXPECT_NE(r.output.find("--warmup"), std::string::npos) << c.path << ": " << r.output;
    EXPECT_NE(r.output.find("expected a request count (10) or a time (500ms, 2s)"),
              std::string::npos)
        << c.path << ": " << r.output;
  }
  EXPECT_GE(with_warmup, 7);  // bench, profile, tune and the four latency commands
}

// A time warm-up runs where the engine's profiler runs too (profile, and latency's profiled
// modules), and the record says it.
TEST(CliGrammarTable, ProfileAndLatencyWarmUpForATime) {
  const std::string dir = testing::scratch_dir();
  const std::string model = dir + "/demo.onnx";
  ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + model).exit_code, 0);
  for (const char* engine : {"onnxruntime", "opencv"}) {
    const CliResult r = run_cli("profile " + model + " --engine " + engine +
                                " --warmup 30ms -r 3 --json " + dir + "/profile.json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto record = nlohmann::json::parse(read_file(dir + "/profile.json"));
    EXPECT_EQ(record["config"]["warmup"]["ms"], 30.0) << engine << ": " << record["config"].dump();
  }
  const std::string space = testing::write_tiny_space(dir);
  const CliResult r = run_cli("latency table --space " + space + " -e onnxruntime -o " + dir +
                              "/table.csv --threads 1 --warmup 5ms --iterations 3");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto side = nlohmann::json::parse(read_file(dir + "/table.json"));
  EXPECT_EQ(side["measurement"]["warmup_ms"], 5.0) << side.dump();
}

class StoreReadingCommand : public ::testing::TestWithParam<Command> {};

TEST_P(StoreReadingCommand, RefusesAStoreThatDoesNotExist) {
  const Command& c = GetParam();
  const std::string dir = testing::scratch_dir();
  const std::string missing = dir + "/missing.db";
  const CliResult r = run_cli(c.path + " " + c.store_args + " --store " + missing);
  EXPECT_TRUE(testing::is_one_line_error(r, {missing, "no such store"})) << c.path;
  EXPECT_FALSE(fs::exists(missing)) << c.path;
}

std::string test_name(const ::testing::TestParamInfo<Command>& info) {
  std::string name = info.param.path;
  std::replace(name.begin(), name.end(), ' ', '_');
  return name;
}

std::vector<Command> store_reading_commands() {
  std::vector<Command> reading;
  for (const auto& c : commands())
    if (c.store == Store::kRead) reading.push_back(c);
  return reading;
}

INSTANTIATE_TEST_SUITE_P(EveryCommand, CliGrammar, ::testing::ValuesIn(commands()), test_name);
INSTANTIATE_TEST_SUITE_P(EveryCommand, StoreReadingCommand,
                         ::testing::ValuesIn(store_reading_commands()), test_name);

// The table above holds every subcommand: the top-level --help and each group's list theirs.
TEST(CliGrammarTable, EveryCommandIsInTheTable) {
  std::vector<std::string> listed;
  for (const auto& c : commands()) listed.push_back(c.path);
  const std::regex subcommand_line(R"(^  ([a-z]+)\s{2,}.*$)");
  const std::regex section_line(R"(^[A-Z][A-Za-z ]*:$)");
  std::vector<std::string> groups = {""};
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string group = groups[i];
    const CliResult r = run_cli((group.empty() ? "" : group + " ") + "--help");
    const std::size_t at = r.output.find("Subcommands:");
    if (at == std::string::npos) continue;
    std::size_t start = r.output.find('\n', at) + 1;
    while (start < r.output.size()) {
      const std::size_t end = r.output.find('\n', start);
      const std::string line = r.output.substr(start, end - start);
      start = end == std::string::npos ? r.output.size() : end + 1;
      std::smatch m;
      if (std::regex_match(line, section_line)) break;
      if (!std::regex_match(line, m, subcommand_line)) continue;  // a description's next line
      const std::string path = group.empty() ? m[1].str() : group + " " + m[1].str();
      if (std::find(listed.begin(), listed.end(), path) != listed.end()) continue;
      const CliResult sub = run_cli(path + " --help");
      if (sub.output.find("Subcommands:") != std::string::npos)
        groups.push_back(path);
      else
        ADD_FAILURE() << "'" << path << "' is not in the grammar table";
    }
  }
}

}  // namespace
}  // namespace onnxbench
