#include <catch2/catch.hpp>

#include "classifier/rules.h"

using namespace politeno::classifier;
using politeno::config::ConfigError;
using politeno::config::RuleOverrides;
using politeno::config::SignalOverride;

TEST_CASE("the built-in rules compile and every signal is described", "[rules]") {
  const Rules r = Rules::defaults();
  REQUIRE(r.signals().size() == kSignalCount);
  for (const Signal& s : r.signals()) {
    CHECK_FALSE(s.name.empty());
    CHECK_FALSE(s.description.empty());
  }
  CHECK(r.text_matcher().size() > 300);
}

TEST_CASE("every signal has a role and counts at least one hit", "[rules]") {
  const Rules r = Rules::defaults();
  for (const Signal& s : r.signals()) {
    CHECK(s.max_hits >= 1);
    CHECK(to_string(s.role) != "?");
  }
}

TEST_CASE("overrides extend, replace and remove phrases and change hit caps and thresholds", "[rules]") {
  RuleOverrides o;
  SignalOverride big;
  big.add = {"sponsor my visa"};
  big.remove = {"letterhead"};
  big.max_hits = 4;
  o.signals["big_ask"] = big;
  SignalOverride sales;
  sales.phrases = std::vector<std::string>{"our widget"};
  o.signals["sales"] = sales;
  o.thresholds["request"] = {0.7, {}};
  const Rules r = Rules::build(o, "c.yaml");
  const auto& entries = r.signal(kBigAsk).entries;
  CHECK(std::find(entries.begin(), entries.end(), "sponsor my visa") != entries.end());
  CHECK(std::find(entries.begin(), entries.end(), "letterhead") == entries.end());
  CHECK(r.signal(kBigAsk).max_hits == 4);
  CHECK(r.signal(kSales).entries == std::vector<std::string>{"our widget"});
  CHECK(apply_overrides(Thresholds{}, r.threshold_overrides()).request == 0.7);
}

TEST_CASE("an unknown signal or threshold is a config error at its position", "[rules]") {
  RuleOverrides o;
  SignalOverride s;
  s.mark = {7, 5};
  o.signals["bigask"] = s;
  try {
    Rules::build(o, "c.yaml");
    FAIL("expected an error");
  } catch (const ConfigError& e) {
    CHECK(e.mark().line == 7);
    CHECK(e.message().find("unknown signal 'bigask'") == 0);
  }
  RuleOverrides t;
  t.thresholds["requst"] = {1, {3, 3}};
  CHECK_THROWS_AS(Rules::build(t, "c.yaml"), ConfigError);
}

TEST_CASE("a threshold outside 0..1 is refused: thresholds are probabilities", "[rules]") {
  RuleOverrides o;
  o.thresholds["transactional"] = {2.5, {4, 5}};
  CHECK_THROWS_AS(Rules::build(o, "c.yaml"), ConfigError);
}

TEST_CASE("structural signals take a hit cap but no phrases", "[rules]") {
  RuleOverrides o;
  SignalOverride s;
  s.add = {"x"};
  o.signals["tracking_pixel"] = s;
  CHECK_THROWS_AS(Rules::build(o, "c.yaml"), ConfigError);
}

TEST_CASE("removing a phrase that is not there is an error, not a silent no-op", "[rules]") {
  RuleOverrides o;
  SignalOverride s;
  s.remove = {"no such phrase"};
  o.signals["ask"] = s;
  CHECK_THROWS_AS(Rules::build(o, "c.yaml"), ConfigError);
}
