// The store on both backends: schema, records, artifacts, opening errors.
#include "store/store.h"

#include <filesystem>
#include <fstream>
#include <random>

#include "core/error.h"
#include "store/sql.h"
#include "support/store_backends.h"
#include "support/test_paths.h"

namespace onnxbench::testing {
namespace {

using nlohmann::json;

store::RecordQuery query(std::string model, std::string kind = "", std::string engine = "",
                         std::string since = "") {
  store::RecordQuery q;
  q.model = std::move(model);
  q.kind = std::move(kind);
  q.engine = std::move(engine);
  q.since = std::move(since);
  return q;
}

class StoreTest : public BackendTest {};

store::RecordKey key(const std::string& sha, const std::string& kind, const std::string& engine,
                     const std::string& at) {
  return {sha, kind, engine, "host-a", at, json{{"threads", 2}}};
}

TEST_P(StoreTest, OpensAtTheNewestSchemaAndMigratingAgainChangesNothing) {
  auto s = store::open_store(url_);
  EXPECT_EQ(s->schema_version(), s->latest_schema_version());
  EXPECT_GE(s->latest_schema_version(), 1);
  s->migrate();
  EXPECT_EQ(s->schema_version(), s->latest_schema_version());
  EXPECT_EQ(s->backend(), GetParam());
}

TEST_P(StoreTest, RecordsComeBackFilteredByModelKindEngineAndTime) {
  auto s = store::open_store(url_);
  const json body = {{"kind", "bench"}, {"throughput_per_s", 12.5}};
  s->add_record(key("aaaa1111", "bench", "opencv", "2026-11-30T10:00:00Z"), body);
  s->add_record(key("aaaa1111", "profile", "onnxruntime", "2026-12-01T10:00:00Z"), body);
  s->add_record(key("bbbb2222", "bench", "onnxruntime", "2026-12-01T11:00:00Z"), body);

  EXPECT_EQ(s->records({}).size(), 3u);
  EXPECT_EQ(s->records(query("aaaa", "", "", "")).size(), 2u);
  EXPECT_EQ(s->records(query("", "bench", "", "")).size(), 2u);
  EXPECT_EQ(s->records(query("", "", "onnxruntime", "")).size(), 2u);
  EXPECT_EQ(s->records(query("", "", "", "2026-12-01")).size(), 2u);
  const auto one = s->records(query("bbbb", "bench", "onnxruntime", ""));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].body, body);
  EXPECT_EQ(one[0].key.config, (json{{"threads", 2}}));
  EXPECT_EQ(one[0].key.host, "host-a");
}

std::string random_file(const std::string& path, std::size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  std::ofstream(path, std::ios::binary) << bytes;
  return bytes;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::unique_ptr<store::SqlConnection> raw(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 ? store::open_postgres(url) : store::open_sqlite(url);
}

TEST_P(StoreTest, ArtifactsTravelInChunksAndAreVerifiedOnRead) {
  auto s = store::open_store(url_);
  const std::string dir = scratch_dir();
  // 3.5 MiB: four chunks, the last one partial.
  const std::string bytes = random_file(dir + "/model.onnx", 3 * (1 << 20) + (1 << 19), 7);
  const std::string sha = s->put_artifact(dir + "/model.onnx");
  EXPECT_EQ(sha.size(), 64u);
  EXPECT_TRUE(s->has_artifact(sha));
  EXPECT_EQ(s->put_artifact(dir + "/model.onnx"), sha);  // stored once
  s->get_artifact(sha, dir + "/copy.onnx");
  EXPECT_EQ(read_all(dir + "/copy.onnx"), bytes);
  EXPECT_EQ(raw(url_)->exec("SELECT COUNT(*) FROM artifact_chunks").rows[0].integer(0), 4);

  // Flip one stored chunk: the read notices and leaves no file behind.
  raw(url_)->exec("UPDATE artifact_chunks SET data = $1 WHERE idx = 2",
                  {store::Blob{std::string(1 << 20, 'x')}});
  try {
    s->get_artifact(sha, dir + "/bad.onnx");
    FAIL() << "a corrupt artifact was read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("corrupt"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir + "/bad.onnx"));
  EXPECT_THROW(s->get_artifact(std::string(64, '0'), dir + "/none"), InputError);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, kBackends);

TEST(StoreOpen, AnUnreachablePostgresqlUrlIsOneClearError) {
  try {
    store::open_store("postgresql://postgres@127.0.0.1:1/nothing");
    FAIL() << "opened an unreachable store";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("postgresql://postgres@127.0.0.1:1/nothing: cannot connect"),
              std::string::npos)
        << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

TEST(StoreOpen, ASqliteFileInAMissingFolderIsOneClearError) {
  EXPECT_THROW(store::open_store("/no/such/folder/store.db"), InputError);
}

class StoreOpenScratch : public ScratchTest {};

TEST_F(StoreOpenScratch, AFileThatIsNotAStoreIsOneClearError) {
  const std::string path = scratch_dir() + "/not-a-db.db";
  std::ofstream(path) << "this is not a database, just text long enough to be read as a header";
  try {
    store::open_store(path);
    FAIL() << "opened a text file as a store";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not an onnxbench store"), std::string::npos) << e.what();
  }
}

TEST(StoreOpen, ResolvesFlagThenEnvironmentThenDefault) {
  ::setenv("ONNXBENCH_STORE", "/tmp/from-env.db", 1);
  EXPECT_EQ(store::resolve_store_url("flag.db"), "flag.db");
  EXPECT_EQ(store::resolve_store_url(""), "/tmp/from-env.db");
  ::unsetenv("ONNXBENCH_STORE");
  EXPECT_EQ(store::resolve_store_url(""), "onnxbench.db");
}

}  // namespace
}  // namespace onnxbench::testing
