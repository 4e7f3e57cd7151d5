// onnxbench zoo generate (the demo CNN, or an architecture JSON) and zoo sample (architectures
// drawn from a MobileNetV2 search space, seed 001's sample step), all without Python.
#include "cli/zoo_generate.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "core/error.h"
#include "core/file_io.h"
#include "graph/builder.h"
#include "inspect/inspect.h"
#include "inspect/macs.h"
#include "zoo/architecture.h"
#include "zoo/generators.h"
#include "zoo/search_space.h"

namespace onnxbench::cli {
namespace {

namespace fs = std::filesystem;

struct BatchOptions {
  std::int64_t batch = 1;
  bool dynamic_batch = false;

  model::Dim dim() const {
    if (batch < 1) throw InputError("--batch " + std::to_string(batch) + ": must be at least 1");
    return dynamic_batch ? model::Dim("N") : model::Dim(batch);
  }
};

void add_batch_options(CLI::App& cmd, BatchOptions& o) {
  auto* batch =
      cmd.add_option("--batch", o.batch, "Batch size of the input")->capture_default_str();
  cmd.add_flag("--dynamic-batch", o.dynamic_batch,
               "Make the batch dimension the symbol 'N' instead of --batch")
      ->excludes(batch);
}

struct GenerateOptions {
  std::string preset;
  std::string arch;
  std::string out;
  std::uint64_t seed = 0;
  BatchOptions batch;
};

// "301 M MACs, 3.50 M parameters"
std::string size_text(const onnx::ModelProto& m) {
  const model::ModelSummary s = model::inspect_model(m);
  return model::macs_to_string(s.total_macs) + " MACs, " +
         model::macs_to_string(s.parameter_count) + " parameters";
}

std::string input_text(const onnx::ModelProto& m) {
  return model::dims_to_string(
      model::dims_from_proto(m.graph().input(0).type().tensor_type().shape()));
}

void run_generate(const GenerateOptions& o) {
  if (o.preset.empty() == o.arch.empty())
    throw InputError("give either the preset demo-cnn or --arch ARCH.json");
  if (!o.preset.empty() && o.batch.batch != 1)
    throw InputError("--batch " + std::to_string(o.batch.batch) +
                     ": demo-cnn has batch 1 or --dynamic-batch");
  std::string what = o.preset;
  onnx::ModelProto m;
  if (o.preset.empty()) {
    const model::Architecture arch = model::read_architecture(o.arch);
    what = model::family_name(arch);
    m = model::generate_model(arch, o.seed, o.batch.dim());
  } else {
    m = model::demo_cnn(o.seed, o.batch.dynamic_batch);
  }
  model::save_model(m, o.out);
  std::cout << "wrote " << what << " (input " << input_text(m) << ", " << size_text(m) << ", seed "
            << o.seed << ") to " << o.out << "\n";
}

struct SampleOptions {
  std::string space;
  std::uint64_t count = 0;
  std::uint64_t seed = 0;
  std::string out;
  BatchOptions batch;
};

// "e6k5d3" per stage (expansion, kernel, depth), space-separated.
std::string stages_text(const model::MobileNetV2Arch& a) {
  std::string s;
  for (const auto& st : a.stages)
    s += (s.empty() ? "" : " ") + std::string("e") + std::to_string(st.expansion) + "k" +
         std::to_string(st.kernel) + "d" + std::to_string(st.depth);
  return s;
}

void run_sample(const SampleOptions& o) {
  const model::MobileNetV2Space space = model::read_space(o.space);
  const model::Dim batch = o.batch.dim();
  if (o.count < 1) throw InputError("--n 0: must be at least 1");
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) throw InputError("--out " + o.out + ": cannot create the folder: " + ec.message());
  std::cout << "sampling " << o.count << " of " << model::space_size(space)
            << " architectures from " << o.space << " (seed " << o.seed
            << "; weights seeded with it too)\n";
  const auto archs = model::sample_architectures(space, o.count, o.seed);
  for (std::size_t i = 0; i < archs.size(); ++i) {
    char stem[32];
    std::snprintf(stem, sizeof stem, "arch_%03zu", i);
    const fs::path onnx_path = fs::path(o.out) / (std::string(stem) + ".onnx");
    const fs::path json_path = fs::path(o.out) / (std::string(stem) + ".json");
    const model::Architecture arch = archs[i];
    write_file(json_path.string(), model::architecture_to_json(arch).dump(2) + "\n");
    const onnx::ModelProto m = model::generate_model(arch, o.seed, batch);
    model::save_model(m, onnx_path.string());
    std::cout << onnx_path.string() << ": input " << input_text(m) << ", width "
              << archs[i].width_mult << ", " << stages_text(archs[i]) << ": " << size_text(m)
              << std::endl;
  }
}

}  // namespace

void add_zoo_generate(CLI::App& zoo) {
  auto o = std::make_shared<GenerateOptions>();
  auto* gen = zoo.add_subcommand(
      "generate",
      "Write a generated model with seeded random weights (input 'input', output 'logits'), "
      "without Python. Either the preset demo-cnn (a small CNN, [N,3,96,96] -> [N,10], "
      "about 94 M MACs, that both engines run in a few milliseconds) or --arch ARCH.json: a "
      "mobilenet_v2 (opset 10: ReLU6 as the Clip OpenCV 4.6 imports), resnet or "
      "transformer_encoder (opset 13) architecture; fields in docs/zoo-generate.md, examples in "
      "bench/architectures. All run on ONNX Runtime; MobileNetV2 and ResNet on OpenCV "
      "too, the transformer on OpenCV 4.6 at batch 1 only.");
  auto* preset = gen->add_option("PRESET", o->preset, "Preset to generate: demo-cnn")
                     ->check(CLI::IsMember({"demo-cnn"}));
  gen->add_option("--arch", o->arch, "Architecture JSON file to build")
      ->check(CLI::ExistingFile)
      ->excludes(preset);
  gen->add_option("-o,--out", o->out, "ONNX file to write")->required();
  gen->add_option("--seed", o->seed, "Seed of the random weights (same seed, same file)")
      ->capture_default_str();
  add_batch_options(*gen, o->batch);
  gen->callback([o] { run_generate(*o); });
}

void add_zoo_sample(CLI::App& zoo) {
  auto o = std::make_shared<SampleOptions>();
  auto* sample = zoo.add_subcommand(
      "sample",
      "Draw N architectures from a MobileNetV2 search space JSON (each stage's expansion, kernel "
      "and depth, width_mult and input_size chosen uniformly with a seeded SplitMix64, the same "
      "on every machine) and write DIR/arch_000.onnx with DIR/arch_000.json, its architecture; "
      "'zoo generate --arch DIR/arch_000.json --seed S' writes the same model again. Prints each "
      "model's MACs and parameters. Format in docs/zoo-generate.md; example: "
      "bench/spaces/mobilenet_v2_cifar10.json.");
  sample->add_option("--space", o->space, "Search space JSON file")
      ->required()
      ->check(CLI::ExistingFile);
  sample->add_option("--n", o->count, "How many architectures to draw")->required();
  sample->add_option("--seed", o->seed, "Seed of the draw and of the weights")
      ->capture_default_str();
  sample->add_option("-o,--out", o->out, "Folder to write the models and JSON files into")
      ->required();
  add_batch_options(*sample, o->batch);
  sample->callback([o] { run_sample(*o); });
}

}  // namespace onnxbench::cli
