#include "tune/spec.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "core/error.h"
#include "core/text.h"

namespace onnxbench::tune {
namespace {

using nlohmann::json;

// A min..max range expands to one value per int; past this it is surely a typo.
constexpr unsigned long long kMaxRangeValues = 1024;
// default_spec: an engine's int knob joins the search only when its range is this small.
constexpr unsigned long long kDefaultIntCap = 16;
constexpr long long kDefaultMaxBatch = 16;  // the power-of-two knob
constexpr long long kDefaultMaxSetSize = 4;

const std::vector<std::string> kFields = {
    "max_func_eval",         "objective",     "params",
    "initial_values",        "static_params", "latency_percentile",
    "latency_constraint_ms", "time_budget_s", "max_total_threads"};

// Seed 004's names for onnxbench's knobs.
const std::map<std::string, std::string> kAliases = {{"batch-size", kBatch},
                                                     {"batch_size", kBatch},
                                                     {"bs", kBatch},
                                                     {"set-size", kSetSize},
                                                     {"cores", kThreads}};

bool is_power_of_two(long long v) {
  return v > 0 && std::has_single_bit(static_cast<unsigned long long>(v));
}

// hi - lo for lo <= hi, without overflow.
unsigned long long span(long long lo, long long hi) {
  return static_cast<unsigned long long>(hi) - static_cast<unsigned long long>(lo);
}

// Each param at its knob's default where the search range holds it, else at its first value.
Config default_start(const std::vector<Param>& params, const std::vector<KnobInfo>& knobs) {
  Config start;
  for (const auto& p : params) {
    const auto k = std::find_if(knobs.begin(), knobs.end(),
                                [&](const KnobInfo& i) { return i.name == p.name; });
    const bool in_range = k != knobs.end() && std::find(p.values.begin(), p.values.end(),
                                                        k->default_value) != p.values.end();
    start[p.name] = in_range ? k->default_value : p.values.front();
  }
  return start;
}

// The powers of two in [lo, hi].
std::vector<json> powers_of_two(long long lo, long long hi) {
  std::vector<json> out;
  for (long long v = 1; v <= hi; v *= 2) {
    if (v >= lo) out.emplace_back(v);
    if (v > hi / 2) break;  // v * 2 would pass hi, or overflow
  }
  return out;
}

// lo, lo + 1, ..., hi (none when lo > hi). It stops at hi rather than testing v <= hi, which
// steps past the largest long long when hi is it (fuzz_tune_spec found that overflow).
std::vector<json> every_int(long long lo, long long hi) {
  std::vector<json> out;
  if (lo > hi) return out;
  for (long long v = lo;; ++v) {
    out.emplace_back(v);
    if (v == hi) return out;
  }
}

class SpecParser {
 public:
  SpecParser(std::string source, const std::vector<KnobInfo>& knobs)
      : source_(std::move(source)), knobs_(knobs) {}

  SearchSpec parse(const json& j) {
    if (!j.is_object()) fail("spec", "expected a JSON object");
    for (const auto& [key, value] : j.items())
      if (std::find(kFields.begin(), kFields.end(), key) == kFields.end())
        fail(key, "unknown field, expected one of " + join(kFields));
    SearchSpec spec;
    if (j.contains("max_func_eval")) spec.max_func_eval = positive_int(j, "max_func_eval");
    if (j.contains("objective")) spec.objective = objective(j["objective"]);
    if (j.contains("latency_percentile")) spec.latency_percentile = percentile(j);
    if (j.contains("latency_constraint_ms"))
      spec.latency_constraint_ms = positive_number(j, "latency_constraint_ms");
    if (j.contains("time_budget_s")) spec.time_budget_s = positive_number(j, "time_budget_s");
    if (j.contains("max_total_threads"))
      spec.max_total_threads = positive_int(j, "max_total_threads");
    if (!j.contains("params")) fail("params", "missing, expected the knobs to search");
    spec.params = params(j["params"]);
    if (j.contains("static_params")) spec.static_params = static_params(j["static_params"], spec);
    if (j.contains("initial_values"))
      spec.initial_values = initial_values(j["initial_values"], spec);
    if (spec.initial_values.empty()) spec.initial_values = {default_start(spec.params, knobs_)};
    return spec;
  }

 private:
  [[noreturn]] void fail(const std::string& field, const std::string& expected) const {
    throw InputError(source_ + ": " + field + ": " + expected);
  }

  int positive_int(const json& j, const std::string& field) const {
    const json& v = j[field];
    if (!v.is_number_integer() || v.get<long long>() < 1 ||
        v.get<long long>() > std::numeric_limits<int>::max())
      fail(field, "expected an integer >= 1, found " + v.dump());
    return v.get<int>();
  }

  double positive_number(const json& j, const std::string& field) const {
    const json& v = j[field];
    if (!v.is_number() || !(v.get<double>() > 0))
      fail(field, "expected a number > 0, found " + v.dump());
    return v.get<double>();
  }

  Objective objective(const json& v) const {
    if (v == objective_name(Objective::kMaximizeInfRate)) return Objective::kMaximizeInfRate;
    if (v == objective_name(Objective::kMinimizeLatency)) return Objective::kMinimizeLatency;
    fail("objective", "expected maximize_inf_rate or minimize_latency, found " + v.dump());
  }

  double percentile(const json& j) const {
    const json& v = j["latency_percentile"];
    for (double p : {50.0, 75.0, 90.0, 95.0, 99.0, 99.9})
      if (v.is_number() && v.get<double>() == p) return p;
    fail("latency_percentile", "expected one of 50, 75, 90, 95, 99, 99.9, found " + v.dump());
  }

  // The knob a spec name stands for, aliases resolved; fails listing the known knobs.
  const KnobInfo& knob(const std::string& name, const std::string& field) const {
    auto find = [&](const std::string& n) {
      return std::find_if(knobs_.begin(), knobs_.end(),
                          [&](const KnobInfo& k) { return k.name == n; });
    };
    auto it = find(name);
    if (const auto alias = kAliases.find(name); it == knobs_.end() && alias != kAliases.end())
      it = find(alias->second);
    if (it != knobs_.end()) return *it;
    std::vector<std::string> names;
    for (const auto& k : knobs_) names.push_back(k.name);
    fail(field, "unknown knob, expected one of " + join(names));
  }

  // Fails unless v is in the knob's declared domain.
  void check_value(const KnobInfo& k, const json& v, const std::string& field) const {
    if (k.type == "int") {
      if (!v.is_number_integer()) fail(field, "expected an integer, found " + v.dump());
      const long long n = v.get<long long>();
      if ((k.min && n < *k.min) || (k.max && n > *k.max))
        fail(field, v.dump() + " is outside the knob's range " + range_text(k));
      return;
    }
    if (std::find(k.values.begin(), k.values.end(), v) == k.values.end())
      fail(field, "expected one of " + values_text(k.values) + ", found " + v.dump());
  }

  static std::string range_text(const KnobInfo& k) {
    return "[" + (k.min ? std::to_string(*k.min) : "-inf") + ", " +
           (k.max ? std::to_string(*k.max) : "inf") + "]";
  }

  static std::string values_text(const std::vector<json>& values) {
    std::vector<std::string> texts;
    for (const auto& v : values) texts.push_back(v.dump());
    return join(texts);
  }

  std::vector<Param> params(const json& j) const {
    if (!j.is_object() || j.empty()) fail("params", "expected an object naming at least one knob");
    std::vector<Param> out;
    for (const auto& [name, p] : j.items()) {
      const std::string field = "params." + name;
      const KnobInfo& k = knob(name, field);
      if (std::any_of(out.begin(), out.end(), [&](const Param& q) { return q.name == k.name; }))
        fail(field, "given twice (as " + k.name + "), expected each knob once");
      out.push_back(param(k, p, field));
    }
    return out;
  }

  Param param(const KnobInfo& k, const json& p, const std::string& field) const {
    if (!p.is_object()) fail(field, "expected an object with min and max, or values");
    for (const auto& [key, v] : p.items())
      if (key != "min" && key != "max" && key != "values")
        fail(field + "." + key, "unknown field, expected min, max or values");
    if (p.contains("values")) {
      if (p.contains("min") || p.contains("max"))
        fail(field, "expected min and max, or values, not both");
      return {k.name, listed_values(k, p["values"], field + ".values")};
    }
    if (p.contains("min") || p.contains("max")) return range(k, p, field);
    if (k.type == "int") fail(field, "expected min and max, or values");
    return {k.name, k.values};  // {} searches an enum or bool knob's whole domain
  }

  std::vector<json> listed_values(const KnobInfo& k, const json& values,
                                  const std::string& field) const {
    if (!values.is_array() || values.empty()) fail(field, "expected a non-empty array");
    std::vector<json> out;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string at = field + "[" + std::to_string(i) + "]";
      check_value(k, values[i], at);
      if (std::find(out.begin(), out.end(), values[i]) != out.end())
        fail(at, values[i].dump() + " given twice, expected distinct values");
      out.push_back(values[i]);
    }
    // Neighbours are adjacent values, so ints are searched in increasing order.
    if (k.type == "int") std::sort(out.begin(), out.end());
    return out;
  }

  Param range(const KnobInfo& k, const json& p, const std::string& field) const {
    if (k.type != "int")
      fail(field, "expected values, not min and max, for a knob of type " + k.type);
    if (!p.contains("min") || !p.contains("max")) fail(field, "expected both min and max");
    check_value(k, p["min"], field + ".min");
    check_value(k, p["max"], field + ".max");
    const long long lo = p["min"].get<long long>(), hi = p["max"].get<long long>();
    if (lo > hi)
      fail(field,
           "min " + std::to_string(lo) + " > max " + std::to_string(hi) + ", expected min <= max");
    Param out{k.name, {}, k.power_of_two};
    if (k.power_of_two) {
      if (!is_power_of_two(lo)) fail(field + ".min", std::to_string(lo) + " is not a power of two");
      if (!is_power_of_two(hi)) fail(field + ".max", std::to_string(hi) + " is not a power of two");
      out.values = powers_of_two(lo, hi);
      return out;
    }
    if (span(lo, hi) >= kMaxRangeValues)
      fail(field,
           "expected at most " + std::to_string(kMaxRangeValues) + " values from min to max");
    out.values = every_int(lo, hi);
    return out;
  }

  Config static_params(const json& j, const SearchSpec& spec) const {
    if (!j.is_object()) fail("static_params", "expected an object of knob values");
    Config out;
    for (const auto& [name, v] : j.items()) {
      const std::string field = "static_params." + name;
      const KnobInfo& k = knob(name, field);
      if (std::any_of(spec.params.begin(), spec.params.end(),
                      [&](const Param& p) { return p.name == k.name; }))
        fail(field,
             k.name + " is searched in params too, expected a knob either searched or static");
      if (out.count(k.name))
        fail(field, "given twice (as " + k.name + "), expected each knob once");
      check_value(k, v, field);
      out[k.name] = v;
    }
    return out;
  }

  std::vector<Config> initial_values(const json& j, const SearchSpec& spec) const {
    if (!j.is_array()) fail("initial_values", "expected an array of points");
    std::vector<Config> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
      const std::string field = "initial_values[" + std::to_string(i) + "]";
      if (!j[i].is_object()) fail(field, "expected an object of searched knob values");
      Config point;
      for (const auto& [name, v] : j[i].items()) {
        const std::string at = field + "." + name;
        const Param* p = searched(knob(name, at).name, spec);
        if (!p) fail(at, "not a searched knob, expected only knobs of params");
        if (point.count(p->name))
          fail(at, "given twice (as " + p->name + "), expected each knob once");
        if (std::find(p->values.begin(), p->values.end(), v) == p->values.end())
          fail(at, v.dump() + " is outside the search range, expected one of " +
                       values_text(p->values));
        point[p->name] = v;
      }
      for (const auto& p : spec.params)
        if (!point.count(p.name))
          fail(field, "missing " + p.name + ", expected every searched knob");
      out.push_back(std::move(point));
    }
    return out;
  }

  static const Param* searched(const std::string& name, const SearchSpec& spec) {
    for (const auto& p : spec.params)
      if (p.name == name) return &p;
    return nullptr;
  }

  std::string source_;
  const std::vector<KnobInfo>& knobs_;
};

// The values default_spec searches for a knob; empty leaves the knob out.
std::vector<json> default_values(const KnobInfo& k) {
  if (k.type != "int") return k.values;
  if (!k.min || !k.max) return {};
  if (k.power_of_two) return powers_of_two(*k.min, std::min(*k.max, kDefaultMaxBatch));
  long long hi = *k.max;
  if (k.name == kSetSize) hi = std::min(hi, kDefaultMaxSetSize);
  // threads and instances are already bounded by the cores; an engine's wide int knob (an
  // inter-op thread count up to 64) is left to a spec that asks for it.
  const bool own = k.name == kSetSize || k.name == kThreads || k.name == kInstances;
  if (!own && span(*k.min, hi) >= kDefaultIntCap) return {};
  return every_int(*k.min, hi);
}

}  // namespace

SearchSpec parse_spec(const nlohmann::json& spec, const std::string& source,
                      const std::vector<KnobInfo>& knobs) {
  return SpecParser(source, knobs).parse(spec);
}

SearchSpec default_spec(const std::vector<KnobInfo>& knobs, int max_func_eval) {
  SearchSpec spec;
  spec.max_func_eval = max_func_eval;
  for (const auto& k : knobs) {
    std::vector<json> values = default_values(k);
    if (!values.empty()) spec.params.push_back({k.name, std::move(values), k.power_of_two});
  }
  spec.initial_values = {default_start(spec.params, knobs)};
  return spec;
}

std::string objective_name(Objective objective) {
  return objective == Objective::kMaximizeInfRate ? "maximize_inf_rate" : "minimize_latency";
}

}  // namespace onnxbench::tune
