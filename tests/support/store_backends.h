// The two store backends for tests: a fresh SQLite file, or a fresh database in the throwaway
// PostgreSQL cluster that CTest's pg_cluster fixture started (tests/support/pg_cluster.sh).
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace onnxbench::testing {

// "sqlite" or "postgresql": a new, empty store's URL, unique to the running test.
std::string fresh_store_url(const std::string& backend);
// Removes a store fresh_store_url made: the SQLite file, or the PostgreSQL database.
void drop_store(const std::string& url);
// The port of the test cluster: derived from the build folder, so checkouts testing at once differ.
int test_pg_port();
// Restarts the test cluster (workers must ride it out).
void restart_postgres();

// Parameterised over both backends: INSTANTIATE_TEST_SUITE_P(Backends, X, kBackends). The store
// is dropped after the test, and its scratch folder removed unless it failed (its logs stay).
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { url_ = fresh_store_url(GetParam()); }
  void TearDown() override;
  std::string url_;
};

// A test with a scratch folder, removed after it unless it failed.
class ScratchTest : public ::testing::Test {
 protected:
  void TearDown() override;
};

inline const auto kBackends = ::testing::Values(std::string("sqlite"), std::string("postgresql"));

}  // namespace onnxbench::testing
