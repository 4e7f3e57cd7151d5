#include "bench/engine_preparation.h"

#include "core/error.h"
#include "engines/registry.h"
#include "graph/builder.h"
#include "graph/loader.h"
#include "passes/passes.h"

namespace onnxbench {

std::string prepare_proto_for_engine(onnx::ModelProto& proto, const std::string& engine) {
  if (!engine_needs_simplified_graph(engine)) return "";
  onnx::ModelProto copy = proto;
  model::PassReport report;
  try {
    report = model::simplify_pass()->run(copy);
  } catch (const InputError&) {
    return "";  // nothing to simplify (NothingToDo), or a graph simplify does not rewrite
  }
  proto = std::move(copy);
  return "simplified for " + engine + " in a temporary copy (" + report.changes_text() + ")";
}

void prepare_for_engine(ModelUnderTest& model, const onnx::ModelProto& proto,
                        const std::string& engine, const std::string& work_dir) {
  model.prepared_for = engine;
  if (!engine_needs_simplified_graph(engine)) return;
  onnx::ModelProto copy = proto;
  const std::string prepared = prepare_proto_for_engine(copy, engine);
  if (prepared.empty()) return;
  const std::string path = work_dir + "/simplified-for-" + engine + ".onnx";
  model::save_model(copy, path);
  model.load_path = path;
  model.prepared = prepared;
}

double load_into_engine(Engine& engine, ModelUnderTest& model, int instances,
                        const nlohmann::json& options) {
  const std::string& name = engine.info().engine;
  if (model.prepared_for != name) {
    model.load_path.clear();
    model.prepared.clear();
    if (engine_needs_simplified_graph(name))
      prepare_for_engine(model, model::load_model(model.path).proto, name, engine.work_dir());
    model.prepared_for = name;
  }
  if (model.load_path.empty()) return engine.load(model.path, instances, options);
  try {
    return engine.load(model.load_path, instances, options);
  } catch (const EngineError& e) {  // name the user's model, not the temporary copy
    std::string message = e.what();
    if (const auto at = message.find(model.load_path); at != std::string::npos)
      message.replace(at, model.load_path.size(), model.path + " (" + model.prepared + ")");
    throw EngineError(e.kind(), message, e.node());
  }
}

}  // namespace onnxbench
