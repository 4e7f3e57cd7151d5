#include "server/api.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/error.h"
#include "core/json_fields.h"
#include "core/utc_time.h"
#include "store/device_json.h"
#include "store/record_names.h"

namespace onnxbench::server {
namespace {

using nlohmann::json;

// A client's mistake, answered with `status` and the message.
struct ApiError {
  int status;
  std::string message;
};

std::size_t query_number(const Request& r, const std::string& name, std::size_t fallback,
                         std::size_t max) {
  const auto it = r.query.find(name);
  if (it == r.query.end() || it->second.empty()) return fallback;
  const std::string& v = it->second;
  if (v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    throw ApiError{400, name + ": expected a whole number, got '" + v + "'"};
  return std::min<std::size_t>(std::stoul(v), max);
}

std::string query_text(const Request& r, const std::string& name) {
  const auto it = r.query.find(name);
  return it == r.query.end() ? "" : it->second;
}

// One page of `items`, after filtering.
json page(const Request& r, const json& items) {
  const std::size_t offset = query_number(r, "offset", 0, SIZE_MAX / 2);
  const std::size_t limit = query_number(r, "limit", 100, 1000);
  json out = json::array();
  for (std::size_t i = offset; i < items.size() && i < offset + limit; ++i) out.push_back(items[i]);
  return {{"total", items.size()}, {"offset", offset}, {"limit", limit}, {"items", out}};
}

json to_json(const store::Model& m) {
  return {{"sha256", m.sha256},
          {"name", m.name},
          {"pipeline", m.pipeline},
          {"priority_override", m.priority_override ? json(*m.priority_override) : json(nullptr)},
          {"submitted_at", m.submitted_at}};
}

// A task as the status table shows it: with its model's name and priority override, how long it
// has been in its state, its place in the claim order when queued, and the stages it waits for.
json to_json(const store::Task& t, const store::Model* model, std::optional<std::size_t> position,
             const std::map<std::string, std::string>& stage_states) {
  json waiting = json::array();
  for (const auto& need : t.needs)
    if (const auto it = stage_states.find(need); it == stage_states.end() || it->second != "done")
      waiting.push_back(need);
  return {{"id", t.id},
          {"model_sha256", t.model_sha256},
          {"model", model ? model->name : t.model_sha256.substr(0, 12)},
          {"priority_override",
           model && model->priority_override ? json(*model->priority_override) : json(nullptr)},
          {"stage", t.stage},
          {"state", t.state},
          {"priority", t.priority},
          {"attempts", t.attempts},
          {"max_attempts", t.max_attempts},
          {"worker", t.worker},
          {"last_error", t.last_error},
          {"state_since", utc_iso8601_from_ms(t.state_since_ms)},
          {"seconds_in_state", t.seconds_in_state},
          {"queue_position", position ? json(*position) : json(nullptr)},
          {"waiting_for", t.state == "queued" ? waiting : json::array()},
          {"value", t.value},
          {"needs", t.needs}};
}

json to_json(const store::Worker& w) {
  return {{"name", w.name},
          {"host", w.host},
          {"state", w.state},
          {"started_at", w.started_at},
          {"heartbeat_at", w.heartbeat_at},
          {"seconds_since_heartbeat", w.seconds_since_heartbeat},
          {"capabilities", w.capabilities},
          {"devices", w.devices},
          {"task_id", w.task_id ? json(*w.task_id) : json(nullptr)}};
}

json to_json(const store::Record& r) {
  return {{"id", r.id},
          {"model_sha256", r.key.model_sha256},
          {"kind", r.key.kind},
          {"engine", r.key.engine},
          {"host", r.key.host},
          {"created_at", r.key.created_at},
          {"task_id", r.task_id ? json(*r.task_id) : json(nullptr)},
          {"run", r.run},
          {"body", r.body}};
}

bool contains(const std::string& text, const std::string& part) {
  return part.empty() || text.find(part) != std::string::npos;
}

json parse_body(const Request& r) {
  if (r.body.empty()) return json::object();
  json j = json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw ApiError{400, "request body: expected a JSON object"};
  return j;
}

store::Task task_from(const json& j, std::size_t i) {
  const JsonFields f(j, "request body", "tasks[" + std::to_string(i) + "]");
  store::Task t;
  t.stage = f.value("stage").is_string() ? f.value("stage").get<std::string>() : "";
  if (t.stage.empty()) f.fail("stage", "expected a stage name");
  t.spec = f.has("spec") ? f.value("spec") : json::object();
  if (!t.spec.is_object()) f.fail("spec", "expected a JSON object");
  t.priority = static_cast<int>(f.integer("priority", -1000000, 1000000, 100));
  t.max_attempts = static_cast<int>(f.integer("max_attempts", 1, 100, 3));
  if (f.has("needs")) t.needs = f.value("needs").get<std::vector<std::string>>();
  if (f.has("requires")) t.requires_caps = f.value("requires").get<std::vector<std::string>>();
  t.spec["needs"] = t.needs;
  t.spec["requires"] = t.requires_caps;
  // A measuring task holds a device matching its dimensions while it runs.
  const JsonFields spec(t.spec, "request body", "tasks[" + std::to_string(i) + "].spec");
  if (spec.has("measures") && !spec.value("measures").is_boolean())
    spec.fail("measures", "expected true or false");
  t.measures = spec.has("measures") && spec.value("measures").get<bool>();
  if (spec.has("dimensions")) {
    const json& dims = spec.value("dimensions");
    if (!dims.is_object() ||
        !std::all_of(dims.begin(), dims.end(), [](const json& v) { return v.is_string(); }))
      spec.fail("dimensions", "expected an object of strings such as {\"soc\": \"sm8350\"}");
    t.dimensions = dims.get<std::map<std::string, std::string>>();
  }
  return t;
}

}  // namespace

Response Api::handle(const Request& request) {
  try {
    std::lock_guard lock(mutex_);
    if (request.method == "GET") return read(request);
    if (request.method != "POST") return json_error(405, request.method + ": only GET and POST");
    if (!bearer_matches(request.authorization, token_))
      return json_error(401, token_.empty()
                                 ? "writes are off: serve was started without --token-file"
                                 : "writes need 'Authorization: Bearer TOKEN'");
    return write(request);
  } catch (const ApiError& e) {
    return json_error(e.status, e.message);
  } catch (const InputError& e) {
    return json_error(400, e.what());
  } catch (const nlohmann::json::exception& e) {
    return json_error(400, std::string("request body: ") + e.what());
  } catch (const std::exception& e) {
    return json_error(500, e.what());
  }
}

Response Api::read(const Request& r) {
  const std::string& p = r.path;
  if (p == "/api/summary") {
    json stages = json::array();
    for (const auto& c : store_.stage_counts())
      stages.push_back({{"stage", c.stage}, {"state", c.state}, {"count", c.count}});
    json workers = json::object();
    for (const auto& w : store_.workers()) workers[w.state] = workers.value(w.state, 0) + 1;
    return {200, "application/json",
            json{{"stages", stages},
                 {"workers", workers},
                 {"models", store_.models().size()},
                 {"store", store_.backend()},
                 {"now_utc", utc_now_iso8601()}}
                .dump()};
  }
  if (p == "/api/models") {
    const std::string q = query_text(r, "q");
    json items = json::array();
    for (const auto& m : store_.models())
      if (contains(m.name, q) || contains(m.sha256, q)) items.push_back(to_json(m));
    return {200, "application/json", page(r, items).dump()};
  }
  if (p == "/api/records") {
    store::RecordQuery query;
    query.model = query_text(r, "model");
    query.kind = query_text(r, "kind");
    query.engine = query_text(r, "engine");
    std::map<std::string, std::string> names;
    for (const auto& m : store_.models()) names[m.sha256] = m.name;
    json items = json::array();
    for (auto& rec : store_.records(query)) {
      store::name_record(rec.body, rec.key.model_sha256, names);
      items.push_back(to_json(rec));
    }
    return {200, "application/json", page(r, items).dump()};
  }
  if (p == "/api/tasks") {
    const std::string model = query_text(r, "model"), state = query_text(r, "state"),
                      stage = query_text(r, "stage"), worker = query_text(r, "worker");
    const auto tasks = store_.tasks();
    std::map<std::int64_t, std::size_t> position;
    for (const auto id : store_.queue_order()) position.emplace(id, position.size() + 1);
    std::map<std::string, std::map<std::string, std::string>> stage_states;
    for (const auto& t : tasks) stage_states[t.model_sha256][t.stage] = t.state;
    std::map<std::string, store::Model> models;
    for (auto& m : store_.models()) models.emplace(m.sha256, std::move(m));
    json items = json::array();
    for (const auto& t : tasks) {
      const auto m = models.find(t.model_sha256);
      const bool named = m != models.end() && m->second.name == model;
      if ((!contains(t.model_sha256, model) && !named) || (!state.empty() && t.state != state) ||
          (!stage.empty() && t.stage != stage) || (!worker.empty() && t.worker != worker))
        continue;
      const auto at = position.find(t.id);
      items.push_back(to_json(t, m == models.end() ? nullptr : &m->second,
                              t.state == "queued" && at != position.end()
                                  ? std::optional<std::size_t>(at->second)
                                  : std::nullopt,
                              stage_states[t.model_sha256]));
    }
    return {200, "application/json", page(r, items).dump()};
  }
  if (p == "/api/workers") {
    // What each runs: the stage and model of its task, while that task is running.
    std::map<std::int64_t, json> running;
    std::map<std::string, std::string> names;
    for (const auto& m : store_.models()) names[m.sha256] = m.name;
    for (const auto& t : store_.tasks())
      if (t.state == "running")
        running[t.id] = {{"stage", t.stage},
                         {"model", names.count(t.model_sha256) ? names[t.model_sha256]
                                                               : t.model_sha256.substr(0, 12)},
                         {"seconds_in_state", t.seconds_in_state}};
    json items = json::array();
    for (const auto& w : store_.workers()) {
      json j = to_json(w);
      const auto it = w.task_id ? running.find(*w.task_id) : running.end();
      j["running"] = it == running.end() ? json(nullptr) : it->second;
      items.push_back(std::move(j));
    }
    return {200, "application/json", page(r, items).dump()};
  }
  if (p == "/api/devices") {
    json items = json::array();
    for (const auto& d : store_.devices()) items.push_back(store::device_json(d));
    return {200, "application/json", page(r, items).dump()};
  }
  return json_error(404, p + ": no such API resource");
}

Response Api::write(const Request& r) {
  const json body = parse_body(r);
  if (r.path == "/api/submit") {
    const JsonFields f(body, "request body");
    const JsonFields m(f.value("model"), "request body", "model");
    store::Model model;
    model.sha256 = m.value("sha256").get<std::string>();
    model.name = m.has("name") ? m.value("name").get<std::string>() : model.sha256.substr(0, 12);
    model.pipeline = m.has("pipeline") ? m.value("pipeline").get<std::string>() : "";
    if (m.has("priority"))
      model.priority_override = static_cast<int>(m.integer("priority", -1000000, 1000000));
    model.submitted_at = utc_now_iso8601();
    std::vector<store::Task> tasks;
    const json& list = f.array("tasks");
    for (std::size_t i = 0; i < list.size(); ++i) tasks.push_back(task_from(list[i], i));
    const bool created = store_.submit(model, tasks);
    store_.notify_work();
    return {created ? 201 : 200, "application/json",
            json{{"created", created}, {"model", to_json(model)}}.dump()};
  }
  // /api/models/SHA/ACTION
  const std::string prefix = "/api/models/";
  const auto slash = r.path.find('/', prefix.size());
  if (r.path.rfind(prefix, 0) != 0 || slash == std::string::npos)
    return json_error(404, r.path + ": no such API resource");
  const std::string sha = r.path.substr(prefix.size(), slash - prefix.size());
  const std::string action = r.path.substr(slash + 1);
  const auto model = store_.find_model(sha);
  if (!model) return json_error(404, "model " + sha + ": not in the store");
  if (action == "priority") {
    const JsonFields f(body, "request body");
    const json& v = f.value("priority");
    std::optional<int> p;
    if (!v.is_null()) p = static_cast<int>(f.integer("priority", -1000000, 1000000));
    store_.set_priority_override(model->sha256, p);
    return {200, "application/json",
            json{{"sha256", model->sha256}, {"priority_override", v}}.dump()};
  }
  if (action == "reset") {
    const std::string stage = body.value("stage", "");
    const int n = store_.reset(model->sha256, stage);
    store_.notify_work();
    return {200, "application/json", json{{"sha256", model->sha256}, {"reset", n}}.dump()};
  }
  if (action == "cancel") {
    const int n = store_.cancel(model->sha256);
    return {200, "application/json", json{{"sha256", model->sha256}, {"cancelled", n}}.dump()};
  }
  return json_error(404, r.path + ": no such action (priority, reset, cancel)");
}

}  // namespace onnxbench::server
