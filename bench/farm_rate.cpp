// Fleet throughput by hand (bench/farm_rate.sh): claims per second with trivial stages (claim
// and complete, no child process) from W worker processes, and how fast models are submitted.
//   farm_rate claims URL WORKERS TASKS
//   farm_rate submit URL MODELS
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "core/utc_time.h"
#include "store/store.h"

namespace {

using namespace onnxbench;
using Clock = std::chrono::steady_clock;

store::Task trivial_task() {
  store::Task t;
  t.stage = "trivial";
  t.priority = 20;
  t.spec = {{"command", {"inspect", "{input}"}}};
  return t;
}

void submit(const std::string& url, int models, const std::string& prefix) {
  auto s = store::open_store(url);
  const std::vector<store::Task> tasks = {trivial_task()};
  for (int i = 0; i < models; ++i) {
    char sha[65];
    std::snprintf(sha, sizeof sha, "%s%056d", prefix.c_str(), i);
    s->submit({sha, "m" + std::to_string(i), "bench", std::nullopt, utc_now_iso8601()}, tasks);
  }
}

int claims(const std::string& url, int workers, int tasks) {
  submit(url, tasks, "c1a1b2c3");
  const auto start = Clock::now();
  for (int w = 0; w < workers; ++w)
    if (fork() == 0) {
      auto s = store::open_store(url);
      const std::string name = "bench-" + std::to_string(w);
      store::Worker me;
      me.name = name;
      s->register_worker(me);
      while (auto t = s->claim(name, 60)) s->complete({t->id, t->epoch}, {}, {}, 1, "");
      _exit(0);
    }
  for (int w = 0; w < workers; ++w) wait(nullptr);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::cout << "claims " << workers << " worker(s): " << tasks << " tasks in " << seconds
            << " s = " << static_cast<long>(tasks / seconds) << " claims/s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "claims" && argc == 5) return claims(argv[2], std::stoi(argv[3]), std::stoi(argv[4]));
  if (mode == "submit" && argc == 4) {
    const auto start = Clock::now();
    submit(argv[2], std::stoi(argv[3]), "5b");
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::cout << "submit: " << argv[3] << " models in " << seconds
              << " s = " << static_cast<long>(std::stoi(argv[3]) / seconds) << " models/s\n";
    return 0;
  }
  std::cerr << "usage: farm_rate claims URL WORKERS TASKS | farm_rate submit URL MODELS\n";
  return 2;
}
