#include "support/store_backends.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "store/sql.h"
#include "support/test_paths.h"

namespace onnxbench::testing {

namespace {

std::string cluster_url(const std::string& database) {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(ONNXBENCH_TEST_PG_PORT) + "/" +
         database;
}

}  // namespace

int test_pg_port() { return ONNXBENCH_TEST_PG_PORT; }

std::string fresh_store_url(const std::string& backend) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "t_" + std::to_string(getpid()) + "_";
  for (char c : std::string(info->test_suite_name()) + "_" + info->name())
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  if (backend == "sqlite") {
    // Not in scratch_dir(): the test's own scratch_dir() call would wipe it.
    const auto dir = std::filesystem::path(build_dir()) / "test-stores";
    std::filesystem::create_directories(dir);
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(dir / (name + ".db" + suffix));
    return (dir / (name + ".db")).string();
  }
  name = name.substr(0, 60);
  auto admin = store::open_postgres(cluster_url("postgres"));
  admin->exec_script("DROP DATABASE IF EXISTS " + name);
  admin->exec_script("CREATE DATABASE " + name);
  return cluster_url(name);
}

void drop_store(const std::string& url) {
  if (url.rfind("postgresql://", 0) != 0) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(url + suffix);
    return;
  }
  // WITH (FORCE): a worker killed a moment ago may still hold a connection.
  auto admin = store::open_postgres(cluster_url("postgres"));
  admin->exec_script("DROP DATABASE IF EXISTS " + url.substr(url.rfind('/') + 1) + " WITH (FORCE)");
}

void BackendTest::TearDown() {
  drop_store(url_);
  if (!HasFailure()) remove_scratch_dir();
}

void ScratchTest::TearDown() {
  if (!HasFailure()) remove_scratch_dir();
}

void restart_postgres() {
  const std::string command = "bash " + source_dir() + "/tests/support/pg_cluster.sh restart " +
                              ONNXBENCH_TEST_PG_DIR + " " + std::to_string(ONNXBENCH_TEST_PG_PORT);
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

}  // namespace onnxbench::testing
