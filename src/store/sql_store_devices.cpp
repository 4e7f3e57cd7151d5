// Devices: named places to measure, their dimensions, last probe, quarantine and the lease a
// measuring task holds on one (taken in sql_store_claims.cpp, with the task's own lease).
#include "core/utc_time.h"
#include "store/sql_store.h"

namespace onnxbench::store {

using nlohmann::json;

const char* const kFreeMatchingDevice =
    "d.quarantined = 0 AND (d.lease_task_id IS NULL OR d.lease_until_ms < {now_ms}) "
    "AND d.name IN (SELECT wd.device FROM worker_devices wd WHERE wd.worker = $1) "
    "AND NOT EXISTS (SELECT 1 FROM task_dims td WHERE td.task_id = t.id AND NOT EXISTS "
    "(SELECT 1 FROM device_dims dd WHERE dd.device = d.name AND dd.key = td.key "
    "AND dd.value = td.value))";

bool SqlStore::add_device(const Device& device) {
  return in_transaction(*db_, [&] {
    const auto r = db_->exec(
        "INSERT INTO devices (name, url, added_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (name) DO NOTHING RETURNING name",
        {device.name, device.url, utc_now_iso8601()});
    if (r.rows.empty()) return false;
    for (const auto& [key, values] : device.dimensions)
      for (const auto& value : values)
        db_->exec("INSERT INTO device_dims (device, key, value) VALUES ($1, $2, $3)",
                  {device.name, key, value});
    return true;
  });
}

std::vector<Device> SqlStore::devices(const std::string& name) {
  const auto r = db_->exec(
      "SELECT d.name, d.url, d.added_at, d.probe, d.probed_at, d.lease_worker, d.lease_task_id, "
      "d.lease_epoch, (d.lease_until_ms - {now_ms}) / 1000.0, d.consecutive_failures, "
      "d.quarantined, d.temperature_c, t.stage, t.model_sha256 FROM devices d "
      "LEFT JOIN tasks t ON t.id = d.lease_task_id AND t.epoch = d.lease_epoch "
      "WHERE $1 = '' OR d.name = $1 ORDER BY d.name",
      {name});
  const auto dims = db_->exec(
      "SELECT device, key, value FROM device_dims WHERE $1 = '' OR device = $1 "
      "ORDER BY device, key, value",
      {name});
  std::vector<Device> out;
  for (const auto& row : r.rows) {
    Device d;
    d.name = row.text(0);
    d.url = row.text(1);
    d.added_at = row.text(2);
    if (!row.null(3)) d.probe = json::parse(row.text(3), nullptr, false);
    d.probed_at = row.text(4);
    d.quarantined = row.integer(10) != 0;
    d.consecutive_failures = static_cast<int>(row.integer(9));
    if (!row.null(11)) d.temperature_c = row.real(11);
    const bool leased = !row.null(6) && row.real(8) >= 0;
    if (leased) {
      d.lease_worker = row.text(5);
      d.task_id = row.integer(6);
      d.lease_epoch = row.integer(7);
      d.lease_seconds_left = row.real(8);
      d.task_stage = row.text(12);
      d.task_model_sha256 = row.text(13);
    }
    d.state = d.quarantined ? "quarantined" : leased ? "busy" : "idle";
    for (const auto& dim : dims.rows)
      if (dim.text(0) == d.name) d.dimensions[dim.text(1)].push_back(dim.text(2));
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<Device> SqlStore::find_device(const std::string& name) {
  if (name.empty()) return std::nullopt;
  auto all = devices(name);
  if (all.empty()) return std::nullopt;
  return all[0];
}

bool SqlStore::remove_device(const std::string& name) {
  return in_transaction(*db_, [&] {
    const auto r = db_->exec(
        "SELECT lease_task_id, lease_worker FROM devices WHERE name = $1 "
        "AND lease_task_id IS NOT NULL AND lease_until_ms >= {now_ms}",
        {name});
    if (!r.rows.empty())
      throw InputError("device '" + name + "' is measuring task " + r.rows[0].text(0) +
                       " for worker " + r.rows[0].text(1) + "; remove it once it is idle");
    db_->exec("DELETE FROM device_dims WHERE device = $1", {name});
    db_->exec("DELETE FROM worker_devices WHERE device = $1", {name});
    return db_->exec("DELETE FROM devices WHERE name = $1", {name}).affected == 1;
  });
}

bool SqlStore::reset_device(const std::string& name) {
  const auto r = db_->exec(
      "UPDATE devices SET quarantined = 0, consecutive_failures = 0 WHERE name = $1", {name});
  if (r.affected == 1) notify_work();
  return r.affected == 1;
}

bool SqlStore::set_device_probe(const std::string& name, const json& probe) {
  return db_->exec("UPDATE devices SET probe = $2, probed_at = $3 WHERE name = $1",
                   {name, probe.dump(), utc_now_iso8601()})
             .affected == 1;
}

bool SqlStore::device_attempt_ended(const Lease& lease, const DeviceAttempt& a) {
  const SqlValue temperature = a.temperature_c ? SqlValue{*a.temperature_c} : SqlValue{};
  const auto r = db_->exec(
      "UPDATE devices SET consecutive_failures = CASE WHEN $3 = 1 THEN 0 "
      "ELSE consecutive_failures + 1 END, "
      "quarantined = CASE WHEN $3 = 0 AND consecutive_failures + 1 >= $4 THEN 1 "
      "ELSE quarantined END, temperature_c = COALESCE($5, temperature_c) "
      "WHERE lease_task_id = $1 AND lease_epoch = $2",
      {lease.task_id, lease.epoch, std::int64_t{a.ok ? 1 : 0}, std::int64_t{a.quarantine_after},
       temperature});
  return r.affected == 1;
}

void SqlStore::free_device(const Lease& lease) {
  db_->exec(
      "UPDATE devices SET lease_worker = NULL, lease_task_id = NULL, lease_until_ms = NULL "
      "WHERE lease_task_id = $1 AND lease_epoch = $2",
      {lease.task_id, lease.epoch});
}

}  // namespace onnxbench::store
