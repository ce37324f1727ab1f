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
      "      max_hits: 3\n  thresholds:\n    request: 0.6\n",
      "t.yaml");
  REQUIRE(c.rules.signals.count("big_ask"));
  CHECK(c.rules.signals.at("big_ask").add == std::vector<std::string>{"sponsor my visa"});
  CHECK(*c.rules.signals.at("big_ask").max_hits == 3);
  CHECK(c.rules.signals.at("big_ask").mark.line == 4);
  CHECK(c.rules.thresholds.at("request").first == 0.6);
}

TEST_CASE("a signal weight in the config is refused with where and why: weights are learnt", "[config]") {
  const ConfigError e = error_of("identity: {addresses: [j@x.io]}\nrules:\n  signals:\n    ask:\n      weight: 3\n");
  CHECK(e.mark().line == 5);
  CHECK(e.message().find("weights are learned") != std::string::npos);
}

TEST_CASE("a model file is named by the model key, and an empty one is refused", "[config]") {
  CHECK(parse_config("identity: {addresses: [j@x.io]}\nmodel: /var/lib/m.model\n", "t.yaml").model == "/var/lib/m.model");
  CHECK(error_of("identity: {addresses: [j@x.io]}\nmodel: \"\"\n").message().find("'model'") != std::string::npos);
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

TEST_CASE("actions default as documented and a configured action replaces its default entirely", "[config][actions]") {
  const Config d = parse_config("identity: {addresses: [j@x.io]}\n", "t");
  CHECK(d.actions.decline_later.folder == "Networking/Later");
  CHECK(d.actions.decline_later.draft == DraftTemplate::kOpenToFuture);
  CHECK(d.actions.decline.draft == DraftTemplate::kDecline);
  CHECK(d.actions.welcome.keywords == std::vector<std::string>{"$Networking"});
  CHECK(d.actions.not_request.folder.empty());
  const Config c = parse_config(
      "identity: {addresses: [j@x.io]}\nactions:\n  decline: {folder: Archive/No}\n  decline_later: {draft: none}\n", "t");
  CHECK(c.actions.decline.folder == "Archive/No");
  CHECK(c.actions.decline.keywords.empty());  // replaced, not merged
  CHECK(c.actions.decline.draft == DraftTemplate::kNone);
  CHECK(c.actions.decline_later.folder.empty());
}

TEST_CASE("bad actions, reply settings and keywords are errors at their position", "[config][actions]") {
  CHECK(error_of("identity: {addresses: [j@x.io]}\nactions:\n  decline: {draft: maybe}\n").mark().line == 3);
  CHECK(error_of("identity: {addresses: [j@x.io]}\nactions:\n  welcome: {keywords: [\"two words\"]}\n").message().find("IMAP keyword") !=
        std::string::npos);
  CHECK(error_of("identity: {addresses: [j@x.io]}\nactions:\n  ignore: {}\n").message().find("unknown key 'ignore'") !=
        std::string::npos);
  CHECK(error_of("identity: {addresses: [j@x.io]}\nreply: {draft_once_per_days: -3}\n").message().find("whole number") !=
        std::string::npos);
  CHECK(error_of("identity: {addresses: [j@x.io]}\ndry_run: perhaps\n").message().find("true or false") != std::string::npos);
}

TEST_CASE("reply settings, templates, state_dir, dry_run and backfill_days are read", "[config][actions]") {
  const Config c = parse_config(
      "identity: {addresses: [j@x.io]}\nreply:\n  resources: [\"https://example.org/guide\"]\n  next_event: RoboCon\n"
      "  signature: Jordan\n  quote_original: false\n  draft_once_per_days: 14\ntemplates:\n  decline: |\n    Hi {{first_name}}.\n"
      "state_dir: /var/lib/politeno\ndry_run: true\nbackfill_days: 0\n",
      "t");
  CHECK(c.reply.resources == std::vector<std::string>{"https://example.org/guide"});
  CHECK(c.reply.next_event == "RoboCon");
  CHECK_FALSE(c.reply.quote_original);
  CHECK(c.reply.draft_once_per_days == 14);
  CHECK(c.templates.decline == "Hi {{first_name}}.\n");
  CHECK(c.templates.decline_mark.line == 9);  // where the block scalar starts
  CHECK(c.state_dir == "/var/lib/politeno");
  CHECK(c.dry_run);
  CHECK(c.backfill_days == 0);
}

TEST_CASE("an account may carry its own identity", "[config][accounts]") {
  const Config c = parse_config(
      "identity: {addresses: [j@x.io]}\naccounts:\n  - {name: side, host: h.example, username: u, password_file: /p,"
      " identity: {name: J. Lee, addresses: [jl@side.example]}}\n",
      "t");
  REQUIRE(c.accounts.at(0).identity);
  CHECK(c.accounts[0].identity->addresses == std::vector<std::string>{"jl@side.example"});
}
