// Records and content-addressed artifacts.
#include <fstream>

#include "core/sha256.h"
#include "store/sql_store.h"

namespace onnxbench::store {

using nlohmann::json;

namespace {

constexpr std::size_t kChunkBytes = 1 << 20;  // artifacts move 1 MiB at a time, never whole

}  // namespace

std::int64_t SqlStore::insert_record(const RecordKey& k, const json& body,
                                     std::optional<std::int64_t> task_id) {
  const auto r = db_->exec(
      "INSERT INTO records (model_sha256, kind, engine, config, host, created_at, task_id, run, "
      "body) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "COALESCE((SELECT MAX(p.run) + 1 FROM records p WHERE p.task_id = $7), 0), $8) "
      "RETURNING id",
      {k.model_sha256, k.kind, k.engine, k.config.dump(), k.host, k.created_at,
       task_id ? SqlValue{*task_id} : SqlValue{}, body.dump()});
  return r.rows.at(0).integer(0);
}

std::int64_t SqlStore::add_record(const RecordKey& key, const json& body) {
  return insert_record(key, body, std::nullopt);
}

std::vector<Record> SqlStore::records(const RecordQuery& q) {
  const auto r = db_->exec(
      "SELECT id, model_sha256, kind, engine, config, host, created_at, task_id, run, body "
      "FROM records WHERE ($1 = '' OR model_sha256 LIKE $1 || '%' OR model_sha256 IN "
      "(SELECT sha256 FROM models WHERE name = $1)) AND ($2 = '' OR kind = $2) "
      "AND ($3 = '' OR engine = $3) AND ($4 = '' OR created_at >= $4) "
      "AND ($5 < 0 OR task_id = $5) ORDER BY id",
      {q.model, q.kind, q.engine, q.since, q.task_id ? *q.task_id : std::int64_t{-1}});
  std::vector<Record> out;
  for (const auto& row : r.rows) {
    Record rec;
    rec.id = row.integer(0);
    rec.key = {row.text(1), row.text(2), row.text(3),
               row.text(5), row.text(6), json::parse(row.text(4))};
    if (!row.null(7)) rec.task_id = row.integer(7);
    rec.run = static_cast<int>(row.integer(8));
    rec.body = json::parse(row.text(9));
    out.push_back(std::move(rec));
  }
  return out;
}

bool SqlStore::has_artifact(const std::string& sha256) {
  return !db_->exec("SELECT 1 FROM artifacts WHERE sha256 = $1", {sha256}).rows.empty();
}

std::string SqlStore::put_artifact(const std::string& path) {
  const std::string sha = sha256_file(path);  // one pass to learn the key, one to store
  if (has_artifact(sha)) return sha;
  in_transaction(*db_, [&] {
    if (!db_->exec("SELECT 1 FROM artifacts WHERE sha256 = $1", {sha}).rows.empty()) return;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot read");
    std::string buffer(kChunkBytes, '\0');
    std::int64_t size = 0, idx = 0;
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
      const auto n = static_cast<std::size_t>(in.gcount());
      db_->exec("INSERT INTO artifact_chunks (sha256, idx, data) VALUES ($1, $2, $3)",
                {sha, idx++, Blob{buffer.substr(0, n)}});
      size += static_cast<std::int64_t>(n);
    }
    db_->exec("INSERT INTO artifacts (sha256, size, chunks) VALUES ($1, $2, $3)", {sha, size, idx});
  });
  return sha;
}

void SqlStore::get_artifact(const std::string& sha256, const std::string& path) {
  const auto meta = db_->exec("SELECT chunks FROM artifacts WHERE sha256 = $1", {sha256});
  if (meta.rows.empty()) throw InputError("store " + url_ + ": no artifact " + sha256);
  const std::int64_t chunks = meta.rows[0].integer(0);
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(partial + ": cannot write");
    Sha256 hash;
    for (std::int64_t i = 0; i < chunks; ++i) {  // one chunk in memory at a time
      const auto r =
          db_->exec("SELECT data FROM artifact_chunks WHERE sha256 = $1 AND idx = $2", {sha256, i});
      if (r.rows.empty())
        throw Error("store " + url_ + ": artifact " + sha256 + " lacks chunk " + std::to_string(i));
      const std::string& data = r.rows[0].text(0);
      hash.update(data);
      out.write(data.data(), static_cast<std::streamsize>(data.size()));
    }
    if (!out.flush()) throw Error(partial + ": cannot write");
    if (hash.hex_digest() != sha256) {
      std::remove(partial.c_str());
      throw Error("store " + url_ + ": artifact " + sha256 + " is corrupt (content hash differs)");
    }
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) throw Error(path + ": cannot write");
}

}  // namespace onnxbench::store
