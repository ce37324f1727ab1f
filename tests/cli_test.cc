#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "dovecot_fixture.h"
#include "test_support.h"

using namespace politeno::cli;

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run run(const std::vector<std::string>& args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int code = run_main(args, {in, out, err});
  return {code, out.str(), err.str()};
}

using politeno::testing::TempDir;

const char* kConfig = "identity:\n  name: Jordan Lee\n  addresses: [jordan.lee@acme-robotics.com]\n";

}  // namespace

TEST_CASE("classify --json prints exactly one object per file with the documented keys", "[cli]") {
  TempDir dir;
  const std::string cfg = dir.write("c.yaml", kConfig);
  const std::string a = dir.write("a.eml", "From: Noor <noor@x.example>\r\nSubject: coffee?\r\n\r\nWould you be up for a coffee next week?\r\n");
  const std::string b = dir.write("b.eml", "From: shop@x.example\r\nSubject: receipt\r\n\r\nThanks for your order.\r\n");
  const Run r = run({"classify", "--config", cfg, "--json", a, b});
  CHECK(r.code == kExitOk);
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    for (const char* key : {"file", "is_request", "verdict", "red_flags", "reasons", "score", "defects"}) CHECK(j.contains(key));
    for (const auto& reason : j["reasons"]) {
      CHECK(reason.contains("flag"));
      CHECK(reason.contains("evidence"));
      CHECK(reason.contains("weight"));
    }
    ++n;
  }
  CHECK(n == 2);
  CHECK(r.out.find("\"verdict\":\"welcome\"") != std::string::npos);
}

TEST_CASE("an unreadable file is named on stderr, the rest are classified, and the exit is 1", "[cli]") {
  TempDir dir;
  const std::string cfg = dir.write("c.yaml", kConfig);
  const std::string a = dir.write("a.eml", "From: a@x.example\r\n\r\nhello\r\n");
  const Run r = run({"classify", "--config", cfg, "--json", "/nonexistent/x.eml", a});
  CHECK(r.code == kExitFailure);
  CHECK(r.err.find("/nonexistent/x.eml") != std::string::npos);
  CHECK(r.out.find("a.eml") != std::string::npos);
}

TEST_CASE("classify reads standard input for '-'", "[cli]") {
  TempDir dir;
  const std::string cfg = dir.write("c.yaml", kConfig);
  const Run r = run({"classify", "--config", cfg, "-"},
                    "From: a@x.example\r\nTo: jordan.lee@acme-robotics.com\r\nSubject: hi\r\n\r\nCould I pick your brain?\r\n");
  CHECK(r.code == kExitOk);
  CHECK(r.out.find("welcome") != std::string::npos);
}

TEST_CASE("a broken config exits 78 naming file:line:col", "[cli]") {
  TempDir dir;
  const std::string cfg = dir.write("bad.yaml", "identity:\n  name: J\n  adresses: [j@x.io]\n");
  const Run r = run({"classify", "--config", cfg, "-"}, "");
  CHECK(r.code == kExitConfig);
  CHECK(r.err.find("bad.yaml:3:3: unknown key 'adresses'") != std::string::npos);
  CHECK(run({"check-config", "--config", cfg}).code == kExitConfig);
}

TEST_CASE("check-config summarises a valid config", "[cli]") {
  TempDir dir;
  const std::string cfg = dir.write("c.yaml", std::string(kConfig) + "senders:\n  trusted: [\"@acme-robotics.com\"]\n");
  const Run r = run({"check-config", "--config", cfg});
  CHECK(r.code == kExitOk);
  CHECK(r.out.find("valid") != std::string::npos);
  CHECK(r.out.find("senders.trusted: 1 (0 addresses, 1 domains)") != std::string::npos);
}

TEST_CASE("usage errors exit 64 and --help and --version exit 0", "[cli]") {
  CHECK(run({}).code == kExitUsage);
  CHECK(run({"frobnicate"}).code == kExitUsage);
  CHECK(run({"classify", "--no-such-flag", "x"}).code == kExitUsage);
  CHECK(run({"classify", "--now", "2026-02-30", "x"}).code == kExitUsage);
  CHECK(run({"--help"}).code == kExitOk);
  CHECK(run({"classify", "--help"}).out.find("usage: politeno classify") == 0);
  CHECK(run({"--version"}).out.find("politeno ") == 0);
}

TEST_CASE("every command in --help answers --help with its usage and has its README section", "[cli]") {
  const std::string overview = run({"--help"}).out;
  const std::string readme = politeno::testing::read_file(std::string(POLITENO_SOURCE_DIR) + "/README.md");
  const std::string commands = overview.substr(overview.find("commands:"));
  size_t seen = 0;
  for (const char* name : {"classify", "eval", "train", "check-config", "check", "run", "once", "status", "learn"}) {
    INFO(name);
    CHECK(commands.find(std::string("\n  ") + name + " ") != std::string::npos);
    CHECK(run({name, "--help"}).out.find(std::string("usage: politeno ") + name + " ") == 0);
    CHECK(readme.find(std::string("### `politeno ") + name + " ") != std::string::npos);
    ++seen;
  }
  // No command listed that is not checked above.
  size_t listed = 0;
  for (size_t at = commands.find("\n  "); at != std::string::npos && commands.compare(at + 3, 1, " ") != 0;
       at = commands.find("\n  ", at + 1))
    ++listed;
  CHECK(listed == seen);
}

TEST_CASE("run refuses bad arguments and a config without accounts before touching anything", "[cli]") {
  TempDir dir;
  const std::string cfg = dir.write("c.yaml", kConfig);
  CHECK(run({"run", "--backfill", "soon", "--config", cfg}).code == kExitUsage);
  CHECK(run({"run", "extra", "--config", cfg}).code == kExitUsage);
  const Run r = run({"run", "--config", cfg});
  CHECK(r.code == kExitConfig);
  CHECK(r.err.find("has no accounts") != std::string::npos);
}

TEST_CASE("eval prints the confusion matrix, per-flag precision and recall, and the declines", "[cli][corpus]") {
  const std::string set = std::string(POLITENO_SOURCE_DIR) + "/corpus/jordan-lee";
  const Run r = run({"eval", set, "--now", "2026-11-28"});
  CHECK(r.code == kExitOk);
  CHECK(r.out.find("confusion (rows: expected, columns: predicted)") != std::string::npos);
  CHECK(r.out.find("too_much_too_soon") != std::string::npos);
  CHECK(r.out.find("wrongful declines") != std::string::npos);
  const Run busy = run({"eval", set, "--busy", "--now", "2026-11-28"});
  CHECK(busy.out.find("busy run") != std::string::npos);
  CHECK(run({"eval", set, "--now", "2026-11-28", "--min-accuracy", "101"}).code == kExitFailure);
}

TEST_CASE("train writes a model that eval and classify then use, and eval --loso judges sets it never saw", "[cli][train]") {
  politeno::testing::TempDir tmp;
  const std::string set = std::string(POLITENO_SOURCE_DIR) + "/corpus/jordan-lee";
  const std::string model = tmp.path() + "/m.model";
  const Run trained = run({"train", set, "-o", model});
  REQUIRE(trained.code == kExitOk);
  CHECK(trained.out.find("features, version") != std::string::npos);
  CHECK(politeno::testing::read_file(model).rfind("politeno-model 1\n", 0) == 0);
  const Run judged = run({"classify", "--config", set + "/config.yaml", "--model", model, "--json", set + "/h01.eml"});
  CHECK(judged.code == kExitOk);
  CHECK(judged.out.find("\"probabilities\"") != std::string::npos);
  CHECK(run({"eval", set, "--model", model, "--now", "2026-11-28"}).code == kExitOk);
  const std::string bad = tmp.write("bad.model", "politeno-model 1\nfeature x 1 2\n");
  const Run refused = run({"classify", "--config", set + "/config.yaml", "--model", bad, set + "/h01.eml"});
  CHECK(refused.code == kExitConfig);
  CHECK(refused.err.find("bad.model:2:") != std::string::npos);
  CHECK(run({"train", set}).code == kExitUsage);
  if (politeno::testing::shared_dir()) {
    const std::string c = *politeno::testing::shared_dir() + "/corpus";
    const Run loso = run({"eval", "--loso", c + "/kenji-watanabe", c + "/lucia-fernandez", c + "/sarah-lindqvist", "--now", "2026-11-28"});
    CHECK(loso.code == kExitOk);
    CHECK(loso.out.find("leave-one-set-out") != std::string::npos);
    CHECK(loso.out.find("mean (pooled P/R)") != std::string::npos);
  }
}

TEST_CASE("eval reports a malformed labels file with its line", "[cli]") {
  TempDir dir;
  dir.write("config.yaml", kConfig);
  const std::string labels = dir.write("labels.jsonl", "{\"file\": \"a.eml\", \"verdict\": \"welcome\"}\n{broken\n");
  const Run r = run({"eval", std::filesystem::path(labels).parent_path().string()});
  CHECK(r.code == kExitDataErr);
  CHECK(r.err.find("labels.jsonl:2:") != std::string::npos);
}

TEST_CASE("classify --table prints a header and one row per message", "[cli]") {
  TempDir dir;
  const std::string cfg = dir.write("c.yaml", kConfig);
  const std::string a = dir.write("a.eml", "From: Noor <noor@x.example>\r\nSubject: coffee?\r\n\r\nWould you be up for a coffee next week?\r\n");
  const Run r = run({"classify", "--config", cfg, "--table", a});
  CHECK(r.code == kExitOk);
  CHECK(r.out.find("MESSAGE") == 0);
  CHECK(r.out.find("a.eml") != std::string::npos);
  CHECK(r.out.find("welcome") != std::string::npos);
  CHECK(run({"classify", "--config", cfg, "--table", "--json", a}).code == kExitUsage);
}

TEST_CASE("politeno check reports each account and exits 0 only when all pass", "[cli][dovecot]") {
  politeno::testing::Dovecot& d = politeno::testing::Dovecot::get();
  TempDir dir;
  const std::string pw = dir.write("pw", "secret\n", /*private_file=*/true);
  const std::string user = d.new_user();
  const std::string port = std::to_string(d.imaps_port());
  const std::string good = std::string(kConfig) + "accounts:\n  - {name: work, host: 127.0.0.1, port: " + port +
                           ", tls_ca_file: " + d.ca_file() + ", username: " + user + ", password_file: " + pw + "}\n";
  const Run ok = run({"check", "--config", dir.write("good.yaml", good)});
  CHECK(ok.code == kExitOk);
  CHECK(ok.out.find("work: ok") != std::string::npos);
  CHECK(ok.out.find("certificate verified") != std::string::npos);
  CHECK(ok.out.find("drafts: Drafts (SPECIAL-USE \\Drafts)") != std::string::npos);
  CHECK(ok.out.find("MOVE: yes, UIDPLUS: yes, IDLE: yes") != std::string::npos);

  const std::string bad = good + "  - {name: wrongpw, host: 127.0.0.1, port: " + port + ", tls_ca_file: " + d.ca_file() +
                          ", username: " + user + ", password_command: \"echo nope\"}\n" +
                          "  - {name: untrusted, host: 127.0.0.1, port: " + port + ", username: " + user +
                          ", password_file: " + pw + "}\n" +
                          "  - {name: down, host: 127.0.0.1, port: 1, username: " + user + ", password_file: " + pw + "}\n";
  const Run mixed = run({"check", "--config", dir.write("bad.yaml", bad)});
  CHECK(mixed.code == kExitFailure);
  CHECK(mixed.out.find("work: ok") != std::string::npos);
  CHECK(mixed.out.find("error: login refused for user") != std::string::npos);
  CHECK(mixed.out.find("error: TLS with 127.0.0.1:" + port + " failed") != std::string::npos);
  CHECK(mixed.out.find("error: cannot connect to 127.0.0.1:1") != std::string::npos);
  CHECK(mixed.out.find("nope") == std::string::npos);  // the secret is never shown

  const Run one = run({"check", "--config", dir.write("bad2.yaml", bad), "work"});
  CHECK(one.code == kExitOk);
  CHECK(run({"check", "--config", dir.write("bad3.yaml", bad), "nosuch"}).code == kExitUsage);
}
