// onnxbench zoo: models to try onnxbench on. For now one generator: the demo CNN.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "model/builder.h"

namespace onnxbench::cli {
namespace {

struct GenerateOptions {
  std::string preset;
  std::string out;
  std::uint64_t seed = 0;
  bool dynamic_batch = false;
};

void run_generate(const GenerateOptions& o) {
  const onnx::ModelProto m = model::demo_cnn(o.seed, o.dynamic_batch);
  model::save_model(m, o.out);
  std::cout << "wrote " << o.preset << " (input [" << (o.dynamic_batch ? "N" : "1")
            << ",3,96,96], seed " << o.seed << ") to " << o.out << "\n";
}

}  // namespace

void add_zoo(CLI::App& app) {
  auto* zoo = app.add_subcommand("zoo", "Models to try onnxbench on.");
  zoo->require_subcommand(1);
  auto opts = std::make_shared<GenerateOptions>();
  auto* gen = zoo->add_subcommand(
      "generate",
      "Write a generated model with seeded random weights. The only preset for now is demo-cnn: "
      "a small CNN (input 'input' [N,3,96,96] float32, output 'logits' [N,10], opset 13, about "
      "94 M MACs) that both OpenCV DNN and ONNX Runtime run in a few milliseconds.");
  gen->add_option("PRESET", opts->preset, "Model to generate: demo-cnn")
      ->required()
      ->check(CLI::IsMember({"demo-cnn"}));
  gen->add_option("-o,--out", opts->out, "ONNX file to write")->required();
  gen->add_option("--seed", opts->seed, "Seed of the random weights (same seed, same file)")
      ->capture_default_str();
  gen->add_flag("--dynamic-batch", opts->dynamic_batch,
                "Make the batch dimension the symbol 'N' instead of 1");
  gen->callback([opts] { run_generate(*opts); });
}

}  // namespace onnxbench::cli
