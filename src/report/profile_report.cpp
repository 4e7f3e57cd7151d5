#include "report/profile_report.h"

#include <algorithm>
#include <sstream>

#include "bench/module_times.h"
#include "core/csv.h"
#include "core/file_io.h"
#include "report/record_json.h"
#include "report/table.h"

namespace onnxbench {
namespace {

// "conv1+relu1" for a fused layer, "(engine)" for one the engine inserted (layout reorders).
std::string model_nodes_text(const LayerProfile& l) {
  if (l.model_nodes.empty()) return "(engine)";
  std::string text;
  for (const auto& n : l.model_nodes) text += (text.empty() ? "" : "+") + n;
  return text;
}

}  // namespace

void print_profile(std::ostream& out, const ProfileResult& r, bool sort_by_time) {
  out << "model     " << r.model.path << "  (sha256 " << r.model.sha256.substr(0, 12) << ")\n"
      << "engine    " << r.engine.name << " " << r.engine.version << "\n"
      << "profile   " << r.config.run_iterations << " iterations after "
      << (r.config.warmup_ms > 0 ? "a " + fixed(r.config.warmup_ms, 0) + " ms"
                                 : std::to_string(r.config.warmup_iterations))
      << " warm-up; whole inference mean " << fixed(r.total_us.mean / 1000.0, 3) << " ms, p50 "
      << fixed(r.total_us.p50 / 1000.0, 3) << " ms\n\n";
  std::vector<const LayerProfile*> layers;
  for (const auto& l : r.layers) layers.push_back(&l);
  if (sort_by_time)
    std::stable_sort(layers.begin(), layers.end(), [](const auto* a, const auto* b) {
      return a->time_us.mean > b->time_us.mean;
    });
  TextTable t(
      {"#", "layer", "op type", "model nodes", "mean us", "p50 us", "max us", "% of total"});
  int index = 0;
  double sum = 0;
  for (const auto* l : layers) {
    t.add_row({std::to_string(++index), l->name, l->op_type, model_nodes_text(*l),
               fixed(l->time_us.mean, 1), fixed(l->time_us.p50, 1), fixed(l->time_us.max, 1),
               fixed(l->share * 100, 2)});
    if (l->time_us.count) sum += l->time_us.mean;
  }
  t.print(out);
  out << "\nsum of layer means " << fixed(sum, 1) << " us over " << r.layers.size()
      << " layers; % of total is each layer's share of that sum\n\n";
  TextTable by_op({"op type", "layers", "mean us", "% of total"});
  for (const auto& o : r.op_types)
    by_op.add_row(
        {o.op_type, std::to_string(o.layers), fixed(o.mean_us, 1), fixed(o.share * 100, 2)});
  by_op.print(out);
}

void write_profile_csv(const std::string& path, const ProfileResult& r) {
  std::ostringstream out;
  out << "name,op_type,count,mean_us,min_us,p50_us,p90_us,p99_us,max_us,share_percent\n";
  for (const auto& l : r.layers) {
    const auto& s = l.time_us;
    out << csv_field(l.name) << "," << csv_field(l.op_type) << "," << s.count << ","
        << fixed(s.mean, 3) << "," << fixed(s.min, 3) << "," << fixed(s.p50, 3) << ","
        << fixed(s.p90, 3) << "," << fixed(s.p99, 3) << "," << fixed(s.max, 3) << ","
        << fixed(l.share * 100, 4) << "\n";
  }
  write_file(path, out.str());
}

nlohmann::json profile_json(const ProfileResult& r,
                            const std::map<std::string, std::string>& module_uids) {
  nlohmann::json j = to_json(r);
  for (auto& layer : j["layers"]) {
    const auto it = module_uids.find(layer["name"].get<std::string>());
    if (it != module_uids.end()) layer["module_uid"] = it->second;
  }
  j["modules"] = nlohmann::json::array();
  for (const auto& m : module_times(r, module_uids))
    j["modules"].push_back({{"uid", m.uid},
                            {"op_type", m.op_type},
                            {"layers", m.layers},
                            {"min_us", m.min_us},
                            {"mean_us", m.mean_us},
                            {"max_us", m.max_us},
                            {"total_mean_us", m.total_mean_us}});
  return j;
}

}  // namespace onnxbench
