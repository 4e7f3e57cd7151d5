#include "knobs.h"

#include <algorithm>
#include <charconv>

namespace onnxbench::runner::ort {
namespace {

constexpr int kMaxThreads = 256;
constexpr int kLogErrors = 3;  // ORT_LOGGING_LEVEL_ERROR: stderr stays quiet while all goes well

struct Level {
  const char* name;
  GraphOptimizationLevel level;
};
constexpr Level kLevels[] = {{"disabled", ORT_DISABLE_ALL},
                             {"basic", ORT_ENABLE_BASIC},
                             {"extended", ORT_ENABLE_EXTENDED},
                             {"layout", ORT_ENABLE_LAYOUT},
                             {"all", ORT_ENABLE_ALL}};

std::string knob_names() {
  std::string names;
  for (const auto& k : Settings::describe())
    names += (names.empty() ? "" : ", ") + k["name"].get<std::string>();
  return names;
}

const json& describe_knob(const std::string& name) {
  static const json knobs = Settings::describe();
  for (const auto& k : knobs)
    if (k["name"] == name) return k;
  throw RunnerError("unsupported", "engine 'onnxruntime' has no knob '" + name +
                                       "'; its knobs are: " + knob_names());
}

int get_threads(const json& value, const std::string& name) {
  if (!value.is_number_integer())
    throw RunnerError("bad_request",
                      "knob '" + name + "' is " + brief(value) + ", expected an integer");
  const auto n = value.get<std::int64_t>();
  if (n < 0 || n > kMaxThreads)
    throw RunnerError("unsupported", "knob '" + name + "' is " + std::to_string(n) +
                                         ", expected 0.." + std::to_string(kMaxThreads));
  return static_cast<int>(n);
}

bool get_bool(const json& value, const std::string& name) {
  if (!value.is_boolean())
    throw RunnerError("bad_request",
                      "knob '" + name + "' is " + brief(value) + ", expected true or false");
  return value.get<bool>();
}

std::string get_text(const json& value, const std::string& name) {
  if (!value.is_string())
    throw RunnerError("bad_request",
                      "knob '" + name + "' is " + brief(value) + ", expected a string");
  return value.get<std::string>();
}

std::string get_enum(const json& value, const std::string& name) {
  const std::string text = get_text(value, name);
  const json& values = describe_knob(name)["values"];
  if (std::find(values.begin(), values.end(), text) == values.end())
    throw RunnerError("unsupported",
                      "knob '" + name + "' is '" + text + "', expected one of " + values.dump());
  return text;
}

// "batch=1,sequence=128" (onnxruntime_perf_test -f takes one name:value per flag).
std::vector<std::pair<std::string, std::int64_t>> parse_free_dimensions(const std::string& text) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find(',', begin);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(begin, end - begin);
    const std::size_t eq = item.find('=');
    std::int64_t value = 0;
    const char* first = item.data() + (eq == std::string::npos ? 0 : eq + 1);
    const char* last = item.data() + item.size();
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (eq == std::string::npos || eq == 0 || ec != std::errc() || ptr != last || value < 1)
      throw RunnerError("bad_request", "knob 'free_dimension_overrides': '" + item +
                                           "' is not NAME=SIZE with a size >= 1");
    out.emplace_back(item.substr(0, eq), value);
    begin = end + 1;
  }
  return out;
}

}  // namespace

Settings Settings::parse(const json& options) {
  Settings s;
  for (const auto& [name, value] : options.items()) {
    describe_knob(name);  // unknown: unsupported
    if (name == "intra_op_threads")
      s.intra_op_threads = get_threads(value, name);
    else if (name == "inter_op_threads")
      s.inter_op_threads = get_threads(value, name);
    else if (name == "execution_mode")
      s.parallel = get_enum(value, name) == "parallel";
    else if (name == "graph_optimization_level") {
      const std::string level = get_enum(value, name);
      for (const auto& l : kLevels)
        if (level == l.name) s.optimization = l.level;
    } else if (name == "enable_cpu_mem_arena")
      s.cpu_mem_arena = get_bool(value, name);
    else if (name == "enable_mem_pattern")
      s.mem_pattern = get_bool(value, name);
    else if (name == "allow_spinning")
      s.allow_spinning = get_bool(value, name);
    else if (name == "deterministic_compute")
      s.deterministic_compute = get_bool(value, name);
    else if (name == "free_dimension_overrides")
      s.free_dimensions = parse_free_dimensions(get_text(value, name));
    else if (name == "optimized_model") {
      s.optimized_model = get_text(value, name);
      if (!s.optimized_model.empty() && s.optimized_model.front() != '/')
        throw RunnerError("bad_request", "knob 'optimized_model' is '" + s.optimized_model +
                                             "', expected an absolute path");
    }
  }
  return s;
}

json Settings::describe() {
  const auto threads = [](const char* name, const char* help) {
    return json{{"name", name}, {"type", "int"},      {"default", 0},
                {"min", 0},     {"max", kMaxThreads}, {"help", help}};
  };
  const auto flag = [](const char* name, bool fallback, const char* help) {
    return json{{"name", name}, {"type", "bool"}, {"default", fallback}, {"help", help}};
  };
  return json::array(
      {threads("intra_op_threads",
               "threads inside one operator (onnxruntime_perf_test -x), 0 = ORT default (one per "
               "physical core)"),
       threads("inter_op_threads",
               "threads running independent operators in parallel execution mode "
               "(onnxruntime_perf_test -y), 0 = ORT default"),
       {{"name", "execution_mode"},
        {"type", "enum"},
        {"default", "sequential"},
        {"values", {"sequential", "parallel"}},
        {"help", "run operators one after another, or independent branches in parallel (-P)"}},
       {{"name", "graph_optimization_level"},
        {"type", "enum"},
        {"default", "all"},
        {"values", {"disabled", "basic", "extended", "layout", "all"}},
        {"help", "graph optimizations applied when the session is created (-o)"}},
       flag("enable_cpu_mem_arena", true,
            "serve CPU tensor memory from an arena instead of the system allocator"),
       flag("enable_mem_pattern", true,
            "plan memory from the pattern of the first run (sequential mode only)"),
       flag("allow_spinning", true,
            "thread pool threads spin while waiting for work (session.intra_op.allow_spinning and "
            "session.inter_op.allow_spinning; onnxruntime_perf_test -D sets false): lower latency, "
            "CPU burnt between requests"),
       flag("deterministic_compute", false,
            "deterministic kernels where ONNX Runtime has a choice (SetDeterministicCompute)"),
       {{"name", "free_dimension_overrides"},
        {"type", "string"},
        {"default", ""},
        {"format", "NAME=SIZE[,NAME=SIZE...], SIZE >= 1"},
        {"help",
         "fix symbolic dimensions by name before optimization, e.g. batch=1 "
         "(AddFreeDimensionOverrideByName, onnxruntime_perf_test -f)"}},
       {{"name", "optimized_model"},
        {"type", "path"},
        {"default", ""},
        {"format", "an absolute file path; empty: not saved"},
        {"help",
         "save the model as ONNX Runtime optimized it (SetOptimizedModelFilePath) to this .onnx "
         "file, from the first instance's session"}}});
}

Ort::SessionOptions Settings::session_options(bool save_optimized) const {
  Ort::SessionOptions o;
  o.SetLogSeverityLevel(kLogErrors);
  if (intra_op_threads > 0) o.SetIntraOpNumThreads(intra_op_threads);
  if (inter_op_threads > 0) o.SetInterOpNumThreads(inter_op_threads);
  o.SetExecutionMode(parallel ? ORT_PARALLEL : ORT_SEQUENTIAL);
  o.SetGraphOptimizationLevel(optimization);
  if (!cpu_mem_arena) o.DisableCpuMemArena();
  if (!mem_pattern) o.DisableMemPattern();
  o.AddConfigEntry("session.intra_op.allow_spinning", allow_spinning ? "1" : "0");
  o.AddConfigEntry("session.inter_op.allow_spinning", allow_spinning ? "1" : "0");
  if (deterministic_compute) o.SetDeterministicCompute(true);
  for (const auto& [name, size] : free_dimensions)
    o.AddFreeDimensionOverrideByName(name.c_str(), size);
  if (save_optimized && !optimized_model.empty())
    o.SetOptimizedModelFilePath(optimized_model.c_str());
  return o;
}

}  // namespace onnxbench::runner::ort
