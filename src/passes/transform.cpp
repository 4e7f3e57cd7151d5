#include "passes/transform.h"

#include "core/error.h"
#include "graph/model_check.h"

namespace onnxbench::model {

std::vector<PassReport> run_passes(onnx::ModelProto& model,
                                   const std::vector<std::unique_ptr<Pass>>& passes,
                                   const std::string& name) {
  if (const std::string problem = model_problem(model); !problem.empty())
    throw InputError(name + ": " + problem + "; transform needs a model that passes both");
  std::vector<PassReport> reports;
  for (const auto& pass : passes) {
    try {
      reports.push_back(pass->run(model));
    } catch (const NothingToDo& e) {
      if (passes.size() == 1) throw InputError(name + ": " + e.what());
      PassReport unchanged;  // the model is untouched: the chain goes on
      unchanged.notes.push_back("no change: " + std::string(e.what()));
      reports.push_back(std::move(unchanged));
      continue;
    } catch (const InputError& e) {
      throw InputError(name + ": " + e.what());
    }
    if (const std::string problem = model_problem(model); !problem.empty())
      throw Error(name + ": pass " + pass->name() + " produced a model that " + problem);
  }
  return reports;
}

}  // namespace onnxbench::model
