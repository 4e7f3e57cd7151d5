#include "cli/option_suggestions.h"

#include <set>
#include <vector>

#include "core/text.h"

namespace onnxbench::cli {
namespace {

// The command being run and its parents, deepest first.
std::vector<const CLI::App*> command_chain(const CLI::App& app) {
  std::vector<const CLI::App*> chain{&app};
  while (true) {
    const auto subs = chain.back()->get_subcommands();
    if (subs.empty()) break;
    chain.push_back(subs.front());
  }
  return {chain.rbegin(), chain.rend()};
}

}  // namespace

std::string unknown_option_hint(const CLI::App& app, int argc, const char* const* argv) {
  const auto chain = command_chain(app);
  std::set<std::string> known;
  for (const CLI::App* cmd : chain)
    for (const CLI::Option* opt : cmd->get_options())
      for (const auto& name : opt->get_lnames()) known.insert("--" + name);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0 || arg.size() < 3) continue;
    const std::string name = arg.substr(0, arg.find('='));
    if (known.count(name)) continue;
    const auto near = close_matches(name, {known.begin(), known.end()}, 1);
    return "unknown option " + name + (near.empty() ? "" : "; did you mean " + near.front() + "?");
  }
  return "";
}

}  // namespace onnxbench::cli
