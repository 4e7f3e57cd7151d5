#include "tune/spec.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "core/error.h"
#include "core/json_fields.h"
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

class SpecParser {
 public:
  SpecParser(std::string source, const std::vector<KnobInfo>& knobs)
      : source_(std::move(source)), knobs_(knobs) {}

  SearchSpec parse(const json& j) const {
    const JsonFields f(j, source_);
    f.reject_unknown(kFields);
    SearchSpec spec;
    constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
    if (f.has("max_func_eval"))
      spec.max_func_eval = static_cast<int>(f.integer("max_func_eval", 1, kIntMax));
    if (f.has("objective")) spec.objective = objective(f);
    if (f.has("latency_percentile")) spec.latency_percentile = percentile(f);
    if (f.has("latency_constraint_ms"))
      spec.latency_constraint_ms = f.positive_number("latency_constraint_ms");
    if (f.has("time_budget_s")) spec.time_budget_s = f.positive_number("time_budget_s");
    if (f.has("max_total_threads"))
      spec.max_total_threads = f.integer("max_total_threads", 1, kIntMax);
    spec.params = params(f);
    if (f.has("static_params")) spec.static_params = static_params(f.object("static_params"), spec);
    if (f.has("initial_values")) spec.initial_values = initial_values(f, spec);
    if (spec.initial_values.empty()) spec.initial_values = {default_start(spec.params, knobs_)};
    return spec;
  }

 private:
  static Objective objective(const JsonFields& f) {
    const std::string maximize = objective_name(Objective::kMaximizeInfRate);
    const std::string name =
        f.text("objective", {maximize, objective_name(Objective::kMinimizeLatency)});
    return name == maximize ? Objective::kMaximizeInfRate : Objective::kMinimizeLatency;
  }

  static double percentile(const JsonFields& f) {
    const json& v = f.value("latency_percentile");
    for (double p : {50.0, 75.0, 90.0, 95.0, 99.0, 99.9})
      if (v.is_number() && v.get<double>() == p) return p;
    f.fail("latency_percentile", "expected one of 50, 75, 90, 95, 99, 99.9, got " + v.dump());
  }

  // The knob a spec name stands for, aliases resolved; fails listing the known knobs.
  const KnobInfo& knob(const JsonFields& f, const std::string& name) const {
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
    f.fail(name, "unknown knob, expected one of " + join(names));
  }

  // Fails unless v, at `where` in the spec, is in the knob's declared domain.
  void check_value(const KnobInfo& k, const json& v, const std::string& where) const {
    if (k.type == "int") {
      if (!v.is_number_integer()) fail(where, "expected an integer, got " + v.dump());
      const long long n = v.get<long long>();
      if ((k.min && n < *k.min) || (k.max && n > *k.max))
        fail(where, v.dump() + " is outside the knob's range " + range_text(k));
      return;
    }
    if (std::find(k.values.begin(), k.values.end(), v) == k.values.end())
      fail(where, "expected one of " + values_text(k.values) + ", got " + v.dump());
  }

  // For places that JsonFields::where names (array elements, a knob's value).
  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw InputError(source_ + ": " + where + ": " + what);
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

  std::vector<Param> params(const JsonFields& spec) const {
    const json& j = spec.value("params");
    if (!j.is_object() || j.empty())
      spec.fail("params", "expected an object naming at least one knob, got " + j.dump());
    const JsonFields f = spec.object("params");
    std::vector<Param> out;
    for (const auto& [name, p] : f.items()) {
      const KnobInfo& k = knob(f, name);
      if (std::any_of(out.begin(), out.end(), [&](const Param& q) { return q.name == k.name; }))
        f.fail(name, "given twice (as " + k.name + "), expected each knob once");
      if (!p.is_object()) f.fail(name, "expected an object with min and max, or values");
      out.push_back(param(k, f.object(name)));
    }
    return out;
  }

  Param param(const KnobInfo& k, const JsonFields& p) const {
    p.reject_unknown({"min", "max", "values"});
    const std::string& here = p.path();
    if (p.has("values")) {
      if (p.has("min") || p.has("max")) fail(here, "expected min and max, or values, not both");
      return {k.name, listed_values(k, p)};
    }
    if (p.has("min") || p.has("max")) return range(k, p, here);
    if (k.type == "int") fail(here, "expected min and max, or values");
    return {k.name, k.values};  // {} searches an enum or bool knob's whole domain
  }

  std::vector<json> listed_values(const KnobInfo& k, const JsonFields& p) const {
    const json& values = p.array("values");
    std::vector<json> out;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string at = p.where("values", i);
      check_value(k, values[i], at);
      if (std::find(out.begin(), out.end(), values[i]) != out.end())
        fail(at, values[i].dump() + " given twice, expected distinct values");
      out.push_back(values[i]);
    }
    // Neighbours are adjacent values, so ints are searched in increasing order.
    if (k.type == "int") std::sort(out.begin(), out.end());
    return out;
  }

  Param range(const KnobInfo& k, const JsonFields& p, const std::string& here) const {
    if (k.type != "int")
      fail(here, "expected values, not min and max, for a knob of type " + k.type);
    if (!p.has("min") || !p.has("max")) fail(here, "expected both min and max");
    check_value(k, p.value("min"), p.where("min"));
    check_value(k, p.value("max"), p.where("max"));
    const long long lo = p.value("min").get<long long>(), hi = p.value("max").get<long long>();
    if (lo > hi)
      fail(here,
           "min " + std::to_string(lo) + " > max " + std::to_string(hi) + ", expected min <= max");
    Param out{k.name, {}, k.power_of_two};
    if (k.power_of_two) {
      if (!is_power_of_two(lo)) p.fail("min", std::to_string(lo) + " is not a power of two");
      if (!is_power_of_two(hi)) p.fail("max", std::to_string(hi) + " is not a power of two");
      out.values = powers_of_two(lo, hi);
      return out;
    }
    if (span(lo, hi) >= kMaxRangeValues)
      fail(here, "expected at most " + std::to_string(kMaxRangeValues) + " values from min to max");
    for (long long v = lo; v <= hi; ++v) out.values.emplace_back(v);
    return out;
  }

  Config static_params(const JsonFields& f, const SearchSpec& spec) const {
    Config out;
    for (const auto& [name, v] : f.items()) {
      const KnobInfo& k = knob(f, name);
      if (std::any_of(spec.params.begin(), spec.params.end(),
                      [&](const Param& p) { return p.name == k.name; }))
        f.fail(name,
               k.name + " is searched in params too, expected a knob either searched or static");
      if (out.count(k.name))
        f.fail(name, "given twice (as " + k.name + "), expected each knob once");
      check_value(k, v, f.where(name));
      out[k.name] = v;
    }
    return out;
  }

  std::vector<Config> initial_values(const JsonFields& f, const SearchSpec& spec) const {
    const json& j = f.value("initial_values");
    if (!j.is_array()) f.fail("initial_values", "expected an array of points, got " + j.dump());
    std::vector<Config> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
      const std::string field = f.where("initial_values", i);
      if (!j[i].is_object())
        fail(field, "expected an object of searched knob values, got " + j[i].dump());
      const JsonFields point_fields(j[i], source_, field);
      Config point;
      for (const auto& [name, v] : point_fields.items()) {
        const Param* p = searched(knob(point_fields, name).name, spec);
        if (!p) point_fields.fail(name, "not a searched knob, expected only knobs of params");
        if (point.count(p->name))
          point_fields.fail(name, "given twice (as " + p->name + "), expected each knob once");
        if (std::find(p->values.begin(), p->values.end(), v) == p->values.end())
          point_fields.fail(name, v.dump() + " is outside the search range, expected one of " +
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
  std::vector<json> out;
  for (long long v = *k.min; v <= hi; ++v) out.emplace_back(v);
  return out;
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
