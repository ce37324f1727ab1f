#include <catch2/catch.hpp>

#include "config/config.h"

using namespace politeno::config;

namespace {

const char* kGood = R"(identity:
  name: Jordan Lee
  addresses: [Jordan.Lee@acme-robotics.com]
senders:
  trusted: ["@acme-robotics.com"]
  known: [maria.gonzalez@stateuniv.edu]
  reputation_concerns: [growthhackz.io, "@leadgen.example", vince@quick.example]
  negative_history: [p.hartley@brightpath.example]
capacity:
  max_accepted_per_week: 5
  busy_until: 2027-01-15
rules: {}
)";

// The ConfigError that parsing `yaml` throws.
ConfigError error_of(const std::string& yaml) {
  try {
    parse_config(yaml, "test.yaml");
  } catch (const ConfigError& e) {
    return e;
  }
  FAIL("expected a ConfigError");
  throw;
}

}  // namespace

TEST_CASE("the documented example config loads", "[config]") {
  const Config c = parse_config(kGood, "test.yaml");
  CHECK(c.identity.name == "Jordan Lee");
  CHECK(c.identity.addresses == std::vector<std::string>{"jordan.lee@acme-robotics.com"});
  CHECK(c.senders.trusted.match("x@acme-robotics.com"));
  CHECK(c.senders.reputation_concerns.entries().size() == 3);
  CHECK(c.capacity.max_accepted_per_week == 5);
  REQUIRE(c.capacity.busy_until);
  CHECK(*c.capacity.busy_until == std::chrono::year_month_day(std::chrono::year(2027) / 1 / 15));
}

TEST_CASE("an unknown key is an error naming file, line, column and the keys expected", "[config]") {
  const ConfigError e = error_of("identity:\n  name: J\n  addresses: [j@x.io]\nsendrs: {}\n");
  CHECK(e.mark().line == 4);
  CHECK(e.mark().column == 1);
  CHECK(std::string(e.what()).find("test.yaml:4:1: unknown key 'sendrs'") == 0);
  CHECK(e.message().find("senders") != std::string::npos);
}

TEST_CASE("a wrong type names what was expected", "[config]") {
  const ConfigError e = error_of("identity:\n  name: J\n  addresses: j@x.io\n");
  CHECK(e.mark().line == 3);
  CHECK(e.message() == "expected a list of strings for 'identity.addresses', found a scalar");
}

TEST_CASE("bad values are errors at the value's position", "[config]") {
  CHECK(error_of("identity: {addresses: [j@x.io]}\ncapacity:\n  busy_until: 2027-13-40\n").mark().line == 3);
  CHECK(error_of("identity: {addresses: [j@x.io]}\ncapacity:\n  max_accepted_per_week: -1\n").message().find(
            "whole number") != std::string::npos);
  const ConfigError e = error_of("identity: {addresses: [j@x.io]}\nsenders:\n  known:\n    - ok@x.io\n    - not an address\n");
  CHECK(e.mark().line == 5);
  CHECK(e.mark().column == 7);
}

TEST_CASE("YAML syntax errors carry their position", "[config]") {
  const ConfigError e = error_of("identity:\n  name: [unclosed\n");
  CHECK(e.mark().line >= 2);
  CHECK(e.message().find("YAML syntax") == 0);
}

TEST_CASE("identity with no address is refused", "[config]") {
  CHECK(error_of("identity:\n  name: J\n").message().find("identity.addresses") != std::string::npos);
  CHECK(error_of("").message().find("empty") != std::string::npos);
}

TEST_CASE("rule overrides are read with their positions", "[config]") {
  const Config c = parse_config(
      "identity: {addresses: [j@x.io]}\nrules:\n  signals:\n    big_ask:\n      add: [\"sponsor my visa\"]\n"
      "      weight: 3\n  thresholds:\n    request: 2.5\n",
      "t.yaml");
  REQUIRE(c.rules.signals.count("big_ask"));
  CHECK(c.rules.signals.at("big_ask").add == std::vector<std::string>{"sponsor my visa"});
  CHECK(*c.rules.signals.at("big_ask").weight == 3);
  CHECK(c.rules.signals.at("big_ask").mark.line == 4);
  CHECK(c.rules.thresholds.at("request").first == 2.5);
}

TEST_CASE("the config is found by flag, then environment, then XDG, then /etc", "[config]") {
  auto env = [](std::map<std::string, std::string> vars) {
    return [vars](const char* n) -> const char* {
      auto it = vars.find(n);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  };
  auto none = [](const std::string&) { return false; };
  CHECK(locate_config(std::string("/x.yaml"), env({{"POLITENO_CONFIG", "/env.yaml"}}), none).path == "/x.yaml");
  CHECK(locate_config(std::nullopt, env({{"POLITENO_CONFIG", "/env.yaml"}}), none).path == "/env.yaml");
  auto only = [](std::string p) { return [p](const std::string& q) { return q == p; }; };
  CHECK(locate_config(std::nullopt, env({{"XDG_CONFIG_HOME", "/xdg"}}), only("/xdg/politeno/config.yaml")).path ==
        "/xdg/politeno/config.yaml");
  CHECK(locate_config(std::nullopt, env({{"HOME", "/home/j"}}), only("/home/j/.config/politeno/config.yaml")).path ==
        "/home/j/.config/politeno/config.yaml");
  CHECK(locate_config(std::nullopt, env({}), only("/etc/politeno/config.yaml")).path == "/etc/politeno/config.yaml");
  const ConfigLocation none_found = locate_config(std::nullopt, env({{"HOME", "/h"}}), none);
  CHECK(none_found.path.empty());
  CHECK(none_found.tried.size() == 2);
}
