// Measurement hygiene with a fake clock: --cooldown waits, --cooldown-below waits for the device
// to cool (or gives up and says so), and the readings that go into a record.
#include "farm/hygiene.h"

#include <gtest/gtest.h>

namespace onnxbench::testing {
namespace {

using farm::CooldownOptions;
using farm::WaitClock;

// A device whose hottest zone cools by `per_s` degrees a second from `start_c`, on a clock that
// only moves when the cooldown sleeps.
struct FakeDevice {
  double now = 1000, start_c = 80, per_s = 1;
  int probes = 0;
  WaitClock clock() {
    return {[this] { return now; }, [this](double s) { now += s; }};
  }
  DeviceProbe probe() {
    ++probes;
    DeviceProbe p;
    p.governor = "schedutil";
    p.thermal_c = {{"cpu-big", start_c - per_s * (now - 1000)}, {"battery", 30}};
    return p;
  }
};

TEST(Hygiene, NoCooldownWaitsForNothingAndReadsNothing) {
  FakeDevice d;
  EXPECT_TRUE(farm::cool_down(
                  {}, [&] { return d.probe(); }, d.clock())
                  .is_null());
  EXPECT_EQ(d.now, 1000);
  EXPECT_EQ(d.probes, 0);
}

TEST(Hygiene, CooldownSecondsWaitsThatLong) {
  FakeDevice d;
  CooldownOptions o;
  o.seconds = 30;
  const auto out = farm::cool_down(
      o, [&] { return d.probe(); }, d.clock());
  EXPECT_EQ(d.now, 1030);
  EXPECT_EQ(out.at("waited_s"), 30.0);
  EXPECT_EQ(d.probes, 0);
}

TEST(Hygiene, CooldownBelowWaitsUntilTheHottestZoneIsBelow) {
  FakeDevice d;
  CooldownOptions o;
  o.below_c = 50;
  o.poll_s = 5;
  const auto out = farm::cool_down(
      o, [&] { return d.probe(); }, d.clock());
  // 80 °C cooling 1 °C/s reads 50 at 30 s (not below), 45 at 35 s.
  EXPECT_EQ(d.now, 1035);
  EXPECT_EQ(out.at("start_c"), 80.0);
  EXPECT_EQ(out.at("end_c"), 45.0);
  EXPECT_EQ(out.at("reached"), true);
  EXPECT_EQ(out.at("waited_s"), 35.0);
}

TEST(Hygiene, CooldownBelowGivesUpAfterItsMaximumAndSaysSo) {
  FakeDevice d;
  d.per_s = 0.1;
  CooldownOptions o;
  o.seconds = 10;
  o.below_c = 50;
  o.max_wait_s = 60;
  o.poll_s = 25;
  const auto out = farm::cool_down(
      o, [&] { return d.probe(); }, d.clock());
  EXPECT_EQ(d.now, 1070);  // 10 s, then 25 + 25 + 10 s of waiting for 50 °C
  EXPECT_EQ(out.at("reached"), false);
  EXPECT_DOUBLE_EQ(out.at("end_c").get<double>(), 73.0);
}

TEST(Hygiene, ADeviceWithoutThermalZonesIsNotWaitedOn) {
  CooldownOptions o;
  o.below_c = 50;
  double now = 0;
  const WaitClock clock{[&] { return now; }, [&](double s) { now += s; }};
  const auto out = farm::cool_down(
      o, [] { return DeviceProbe{}; }, clock);
  EXPECT_EQ(now, 0);
  EXPECT_TRUE(out.at("start_c").is_null());
  EXPECT_EQ(out.at("reached"), false);
}

TEST(Hygiene, AReadingHasTheGovernorEveryZoneAndTheHottest) {
  FakeDevice d;
  const auto r = farm::hygiene_reading(d.probe());
  EXPECT_EQ(r.at("governor"), "schedutil");
  EXPECT_EQ(r.at("thermal_c").at("battery"), 30.0);
  EXPECT_EQ(r.at("hottest_c"), 80.0);
  const auto none = farm::hygiene_reading(DeviceProbe{});
  EXPECT_TRUE(none.at("governor").is_null());
  EXPECT_TRUE(none.at("hottest_c").is_null());
  EXPECT_TRUE(none.at("thermal_c").empty());
}

}  // namespace
}  // namespace onnxbench::testing
