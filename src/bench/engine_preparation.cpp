#include "bench/engine_preparation.h"

#include "core/error.h"
#include "engines/registry.h"
#include "graph/builder.h"
#include "passes/passes.h"

namespace onnxbench {

void prepare_for_engine(ModelUnderTest& model, const onnx::ModelProto& proto,
                        const std::string& engine, const std::string& work_dir) {
  if (!engine_needs_simplified_graph(engine)) return;
  onnx::ModelProto copy = proto;
  model::PassReport report;
  try {
    report = model::simplify_pass()->run(copy);
  } catch (const InputError&) {
    return;  // nothing to simplify (NothingToDo), or a graph simplify does not rewrite
  }
  const std::string path = work_dir + "/simplified-for-" + engine + ".onnx";
  model::save_model(copy, path);
  model.load_path = path;
  model.prepared =
      "simplified for " + engine + " in a temporary copy (" + report.changes_text() + ")";
}

}  // namespace onnxbench
