#include <algorithm>
#include <cmath>

#include "common/bench_loop.h"
#include "common/progress.h"
#include "cv_util.h"
#include "ops.h"

namespace onnxbench::runner::opencv {
namespace {

struct LayerRow {
  std::string name, op_type;
  int id = 0;
  std::vector<double> samples_us;
};

// The layer's ONNX node name and op type where the layer stands for a node; OpenCV's own name
// and type otherwise (the Identity layers OpenCV adds for graph outputs, helper layers).
void describe_layer(const ModelInfo& info, const cv::dnn::Net& net, LayerRow& row,
                    const std::string& layer) {
  std::string first_output;
  const std::string node = node_name_of_layer(layer, &first_output);
  const NodeInfo* n = !node.empty() ? info.node_named(node) : info.node_producing(first_output);
  row.name = node.empty() ? layer : node;
  row.op_type = n ? n->op_type : net.getLayer(row.id)->type;
}

}  // namespace

json run_profile(const json& id, Model& model, const json& request) {
  const ProfileSettings s = parse_profile_settings(request);
  const std::int64_t iterations = s.iterations;
  const PreparedInputs inputs = model.prepare_inputs(require(request, "inputs"));
  cv::dnn::Net& net = model.net(0);
  const std::vector<cv::String>& outputs = model.output_names();
  std::vector<cv::Mat> blobs;

  ProgressTicker progress(id, "profile", s.progress_ms);
  std::int64_t done = 0;

  std::vector<LayerRow> rows;
  std::vector<double> total_us;
  total_us.reserve(static_cast<std::size_t>(iterations));
  std::vector<double> ticks;
  const double us_per_tick = 1e6 / cv::getTickFrequency();
  try {
    for (const Clock::time_point start = Clock::now(); s.warming(done, start); ++done) {
      set_inputs(net, inputs);
      net.forward(blobs, outputs);
      progress.tick(done + 1);
    }
    // Layer ids start at 1 (0 is the input pseudo layer "_input"); getLayerNames() lists layers
    // 1..N in id order, which is the order forward() runs them in, and getPerfProfile() returns
    // timings[i] for layer i + 1.
    const std::vector<cv::String> names = net.getLayerNames();
    rows.resize(names.size());
    for (std::size_t l = 0; l < names.size(); ++l) {
      rows[l].id = net.getLayerId(names[l]);
      describe_layer(model.info(), net, rows[l], names[l]);
      rows[l].samples_us.reserve(static_cast<std::size_t>(iterations));
    }
    for (std::int64_t i = 0; i < iterations; ++i, ++done) {
      set_inputs(net, inputs);
      const Clock::time_point t0 = Clock::now();
      net.forward(blobs, outputs);
      const Clock::time_point t1 = Clock::now();
      net.getPerfProfile(ticks);
      total_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
      for (auto& row : rows) {
        const auto at = static_cast<std::size_t>(row.id - 1);
        // Rounded to the nanosecond, which getTickCount() counts in on Linux.
        const double us = at < ticks.size() ? ticks[at] * us_per_tick : 0.0;
        row.samples_us.push_back(std::round(us * 1e3) / 1e3);
      }
      progress.tick(done + 1);
    }
  } catch (const cv::Exception& e) {
    throw cv_error("engine", "inference", e, model.info());
  }

  // A layer fused into its predecessor is skipped by forward() and always reads 0: leave it out.
  json layers = json::array();
  for (const auto& row : rows) {
    if (std::all_of(row.samples_us.begin(), row.samples_us.end(), [](double v) { return v == 0; }))
      continue;
    layers.push_back(
        {{"name", row.name}, {"op_type", row.op_type}, {"samples_us", row.samples_us}});
  }
  return {{"total_us", total_us}, {"layers", layers}};
}

}  // namespace onnxbench::runner::opencv
