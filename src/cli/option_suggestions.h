// "did you mean --iterations?" for an option the command does not have (issue 22).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace onnxbench::cli {

// For the first argument of `argv` that looks like an option (--name or --name=value) and that
// neither the command being run nor its parents declare: "unknown option --iteration; did you
// mean --iterations?" (or without the suggestion when nothing is close). "" when every option
// is known. Call after app.parse() failed: the subcommands it matched say which command it is.
std::string unknown_option_hint(const CLI::App& app, int argc, const char* const* argv);

}  // namespace onnxbench::cli
