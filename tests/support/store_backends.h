// The two store backends for tests: a fresh SQLite file, or a fresh database in the throwaway
// PostgreSQL cluster that CTest's pg_cluster fixture started (tests/support/pg_cluster.sh).
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace onnxbench::testing {

// "sqlite" or "postgresql": a new, empty store's URL, unique to the running test.
std::string fresh_store_url(const std::string& backend);
// Restarts the test cluster (workers must ride it out).
void restart_postgres();

// Parameterised over both backends: INSTANTIATE_TEST_SUITE_P(Backends, X, kBackends).
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { url_ = fresh_store_url(GetParam()); }
  std::string url_;
};

inline const auto kBackends = ::testing::Values(std::string("sqlite"), std::string("postgresql"));

}  // namespace onnxbench::testing
