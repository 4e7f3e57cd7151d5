// onnxbench entry point: builds the command tree and dispatches. The only place that exits.
#include <iostream>
#include <new>

#include "cli/commands.h"
#include "core/command_line.h"
#include "core/error.h"
#include "core/version.h"
#include "engines/interrupt.h"

int main(int argc, char** argv) {
  onnxbench::install_interrupt_handlers();
  onnxbench::remember_command_line(argc, argv);
  CLI::App app{
      "onnxbench: measure how fast and how accurately ONNX models run on this machine.\n"
      "Run 'onnxbench COMMAND --help' for the options of a command."};
  app.set_version_flag("--version", std::string(onnxbench::kVersion));
  app.require_subcommand(1);
  onnxbench::cli::add_inspect(app);
  onnxbench::cli::add_bench(app);
  onnxbench::cli::add_run(app);
  onnxbench::cli::add_profile(app);
  onnxbench::cli::add_zoo(app);
  onnxbench::cli::add_engines(app);
  onnxbench::cli::add_tune(app);
  onnxbench::cli::add_transform(app);
  onnxbench::cli::add_quantize(app);
  onnxbench::cli::add_compare(app);
  onnxbench::cli::add_report(app);
  onnxbench::cli::add_serve(app);
  onnxbench::cli::add_store(app);
  onnxbench::cli::add_results(app);
  onnxbench::cli::add_farm(app);
  onnxbench::cli::add_eval(app);
  onnxbench::cli::add_metric(app);
  onnxbench::cli::add_latency(app);
  onnxbench::cli::add_devices(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    // One line, like every other error; exit code 2 tells usage errors apart (README).
    std::cerr << "onnxbench: error: " << e.what() << " (see 'onnxbench "
              << (argc > 1 ? std::string(argv[1]) + " " : std::string()) << "--help')\n";
    return 2;
  } catch (const onnxbench::Interrupted& e) {
    std::cerr << "onnxbench: " << e.what() << "\n";
    return e.exit_code();
  } catch (const onnxbench::Error& e) {
    std::cerr << "onnxbench: error: " << e.what() << "\n";
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "onnxbench: error: out of memory: the machine could not provide the memory this "
                 "command needs (a smaller --batch, fewer --instances or a --memory-limit helps)\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "onnxbench: internal error: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
