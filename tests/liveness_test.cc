#include <catch2/catch.hpp>

#include "daemon/liveness.h"

using politeno::daemon::Liveness;
using namespace std::chrono_literals;

TEST_CASE("liveness is healthy while every promise holds and not once one is broken", "[liveness]") {
  Liveness l;
  const Liveness::Clock::time_point t0{};
  CHECK(l.healthy(t0));  // no workers, no promises
  l.promise("work", t0 + 60s);
  l.promise("home", t0 + 30min);
  CHECK(l.healthy(t0 + 59s));
  CHECK(l.healthy(t0 + 60s));
  CHECK_FALSE(l.healthy(t0 + 61s));
  CHECK(l.overdue(t0 + 61s) == std::vector<std::string>{"work"});
  // A fresh promise (progress) heals it.
  l.promise("work", t0 + 5min);
  CHECK(l.healthy(t0 + 61s));
}

TEST_CASE("a released worker never withholds the watchdog", "[liveness]") {
  Liveness l;
  const Liveness::Clock::time_point t0{};
  l.promise("parked", t0 + 1s);
  l.release("parked");
  CHECK(l.healthy(t0 + 1h));
  CHECK(l.overdue(t0 + 1h).empty());
}
