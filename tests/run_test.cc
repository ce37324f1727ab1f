// politeno run as a service process against a real Dovecot: IDLE, reload, stop, the
// notify protocol and one account's failure beside another's success.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "dovecot_fixture.h"
#include "mail/mime_parser.h"
#include "service_process.h"
#include "test_support.h"

using namespace politeno;
using namespace std::chrono_literals;
using politeno::testing::Dovecot;
using politeno::testing::ServiceProcess;

namespace {

const std::string kExamples = std::string(POLITENO_SOURCE_DIR) + "/examples/messages/";

struct ServiceConfig {
  std::shared_ptr<politeno::testing::TempDir> tmp = std::make_shared<politeno::testing::TempDir>();
  std::string dir = tmp->path();
  std::string path() const { return dir + "/config.yaml"; }
};

// Writes a config for `user` on the test Dovecot into `c` (by default a fresh directory).
// IDLE on, polling only hourly: a message filed within a minute was noticed through IDLE.
// `declined` names the decline folder; `accounts_extra` adds account entries.
ServiceConfig write_config(Dovecot& d, const std::string& user, const std::string& declined = "Networking/Declined",
                           const std::string& accounts_extra = "", ServiceConfig c = {}) {
  std::string account = d.account_entry("main", user, c.dir);
  account.insert(account.rfind('}'), ", poll_interval: 1h");
  c.tmp->write("config.yaml",
               "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\n"
               "senders:\n  trusted: [\"@acme-robotics.com\"]\n  known: [maria.gonzalez@stateuniv.edu]\n"
               "  reputation_concerns: [growthhackz.io]\n  negative_history: [p.hartley@brightpath.example]\n"
               "actions:\n  decline: {folder: " + declined + ", keywords: [$Networking], draft: decline}\n"
               "state_dir: " + c.dir + "/state\naccounts:\n" + account + accounts_extra,
               /*private_file=*/true);
  return c;
}

// Waits until `folder` holds `count` messages; the time it took, or nullopt after `limit`.
std::optional<std::chrono::milliseconds> wait_for_count(Dovecot& d, const std::string& user, const std::string& folder,
                                                        size_t count, std::chrono::milliseconds limit) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < limit) {
    auto boxes = politeno::testing::read_folders(d, user, {folder});
    if (boxes[folder].size() >= count)
      return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    usleep(100000);
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("run files a message that arrives while it is up, woken by IDLE, and drafts its reply", "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const ServiceConfig cfg = write_config(d, user);
  ServiceProcess run(cfg.path());
  REQUIRE(run.wait_for_notification("READY=1", 60s));
  INFO(run.log());

  politeno::testing::append_files(d, user, {kExamples + "cold-referral.eml"});
  const auto filed = wait_for_count(d, user, "Networking/Later", 1, 60s);
  REQUIRE(filed);
  WARN("filed " << filed->count() << " ms after the APPEND (polling was hourly: IDLE woke it)");
  const auto boxes = politeno::testing::read_folders(d, user, {"INBOX", "Drafts", "Networking/Later"});
  CHECK(boxes.at("INBOX").empty());
  REQUIRE(boxes.at("Drafts").size() == 1);
  const mail::Message draft = mail::parse_message(boxes.at("Drafts")[0].prefix);
  CHECK(draft.in_reply_to == "a1b2c3.leo@mailbox.example");
  const auto& flags = boxes.at("Networking/Later")[0].flags;
  CHECK(std::find(flags.begin(), flags.end(), "\\Seen") == flags.end());
  CHECK(run.log().find("message_id=<a1b2c3.leo@mailbox.example>") != std::string::npos);
  CHECK(run.log().rfind("politeno: starting version ", 0) == 0);
  CHECK(run.log().find(": 1 account, config " + cfg.path() + ", state " + cfg.dir + "/state\n") != std::string::npos);
  CHECK(run.wait_for_notification("STATUS=1 account: 1 watching, 0 busy, 0 retrying, 0 failed; 1 decided, 1 filed, 1 drafted", 10s));

  CHECK(run.stop() == 0);
}

TEST_CASE("run stops on SIGTERM: STOPPING is said, the exit status is 0, and nothing is left half done",
          "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  // 33 messages to work through (3 copies of each example, each with its own
  // Message-ID), so the signal may land mid-pass.
  const ServiceConfig cfg = write_config(d, user);
  std::vector<std::string> files;
  for (int copy = 0; copy < 3; ++copy)
    for (const auto& f : politeno::testing::files_below(std::string(POLITENO_SOURCE_DIR) + "/examples/messages", ".eml")) {
      std::string raw = politeno::testing::read_file(f);
      const size_t at = raw.find("Message-ID: <");
      REQUIRE(at != std::string::npos);
      raw.insert(at + 13, "c" + std::to_string(copy) + ".");
      files.push_back(cfg.dir + "/" + std::to_string(files.size()) + ".eml");
      std::ofstream(files.back()) << raw;
    }
  ServiceProcess run(cfg.path(), {"--backfill", "0"});
  REQUIRE(run.wait_for_notification("READY=1", 60s));
  politeno::testing::append_files(d, user, files);
  run.signal(SIGTERM);
  CHECK(run.wait_for_notification("STOPPING=1", 30s));
  const std::optional<int> status = run.wait_for_exit(30s);
  INFO(run.log());
  REQUIRE(status);
  CHECK(*status == 0);
  CHECK(run.log().find("stopped") != std::string::npos);

  // A second run picks up whatever the first left: every message ends where it belongs.
  ServiceProcess again(cfg.path(), {"--backfill", "0"});
  REQUIRE(again.wait_for_notification("READY=1", 60s));
  REQUIRE(again.stop() == 0);
  const auto boxes = politeno::testing::read_folders(d, user, {"INBOX", "Networking/Later", "Networking/Declined"});
  // Each copy is filed like its original.
  CHECK(boxes.at("Networking/Later").size() == 6);
  CHECK(boxes.at("Networking/Declined").size() == 9);
  CHECK(boxes.at("INBOX").size() == 18);
}

TEST_CASE("run reloads on SIGHUP: a valid config takes effect, an invalid one is reported and the old one kept",
          "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const ServiceConfig cfg = write_config(d, user);
  ServiceProcess run(cfg.path());
  REQUIRE(run.wait_for_notification("READY=1", 60s));

  // Invalid: reported with file:line:col, RELOADING then READY, still running, old rules.
  std::ofstream(cfg.path(), std::ios::app) << "dry_run: perhaps\n";
  run.signal(SIGHUP);
  CHECK(run.wait_for_notification("RELOADING=1", 30s));
  CHECK(run.wait_for_notification("READY=1", 30s));
  INFO(run.log());
  CHECK(run.log().find("reload failed: " + cfg.path() + ":") != std::string::npos);
  CHECK(run.log().find("expected true or false") != std::string::npos);
  CHECK(run.running());
  politeno::testing::append_files(d, user, {kExamples + "reputation-coffee.eml"});
  CHECK(wait_for_count(d, user, "Networking/Declined", 1, 60s));

  // Valid: declines now go to another folder.
  write_config(d, user, "Networking/NotNow", "", cfg);
  run.signal(SIGHUP);
  CHECK(run.wait_for_notification("RELOADING=1", 30s));
  CHECK(run.wait_for_notification("READY=1", 60s));
  politeno::testing::append_files(d, user, {kExamples + "negative-history.eml"});
  CHECK(wait_for_count(d, user, "Networking/NotNow", 1, 60s));
  CHECK(politeno::testing::read_folders(d, user, {"Networking/Declined"}).at("Networking/Declined").size() == 1);

  CHECK(run.stop() == 0);
}

TEST_CASE("run keeps serving one account while another's login is refused and a third's server is down",
          "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const std::string other = d.new_user();
  const std::string extra =
      "  - {name: refused, host: 127.0.0.1, port: " + std::to_string(d.imaps_port()) + ", tls_ca_file: " + d.ca_file() +
      ", username: " + other + ", password: Hunter2-never-logged}\n" +
      "  - {name: down, host: 127.0.0.1, port: 1, username: " + other + ", password: wrong}\n";
  const ServiceConfig cfg = write_config(d, user, "Networking/Declined", extra);
  ServiceProcess run(cfg.path(), {}, {"JOURNAL_STREAM=stderr"});
  REQUIRE(run.wait_for_notification("READY=1", 60s));
  politeno::testing::append_files(d, user, {kExamples + "cold-referral.eml"});
  CHECK(wait_for_count(d, user, "Networking/Later", 1, 60s));
  INFO(run.log());
  // With stderr as the journal, every line carries its priority.
  CHECK(run.log().find("<3>politeno: account=refused error=\"login refused") != std::string::npos);
  CHECK(run.log().find("<4>politeno: account=down error=\"cannot connect") != std::string::npos);
  CHECK(run.log().find("<6>politeno: account=main message_id=<a1b2c3.leo@mailbox.example>") != std::string::npos);
  CHECK(run.log().find("Hunter2") == std::string::npos);  // a refused password is never logged
  const bool summarised = run.wait_for_notification("1 watching, 0 busy, 1 retrying, 1 failed", 30s);
  for (const std::string& n : run.notifications()) UNSCOPED_INFO(n);
  CHECK(summarised);
  CHECK(run.stop() == 0);
}

TEST_CASE("run pings the watchdog while its accounts make progress", "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const ServiceConfig cfg = write_config(d, d.new_user());
  ServiceProcess run(cfg.path(), {}, {"WATCHDOG_USEC=400000"});
  REQUIRE(run.wait_for_notification("READY=1", 60s));
  int pings = 0;
  for (int i = 0; i < 3; ++i) pings += run.wait_for_notification("WATCHDOG=1", 10s) ? 1 : 0;
  CHECK(pings == 3);
  CHECK(run.stop() == 0);
}

TEST_CASE("run stops on SIGTERM even while a server stalls its login", "[run]") {
  // A listener that never answers: the TLS handshake waits on it.
  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(listen(listener, 8) == 0);
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);

  const politeno::testing::TempDir tmp;
  ServiceProcess run(tmp.write("config.yaml",
                               "identity: {name: J, addresses: [j@example.org]}\nstate_dir: " + tmp.path() +
                                   "/state\naccounts:\n  - {name: stalled, host: 127.0.0.1, port: " +
                                   std::to_string(ntohs(addr.sin_port)) + ", username: u, password: x}\n",
                               /*private_file=*/true));
  usleep(500000);  // connected, waiting for the server's greeting
  run.signal(SIGTERM);
  CHECK(run.wait_for_notification("STOPPING=1", 30s));
  const std::optional<int> status = run.wait_for_exit(60s);
  INFO(run.log());
  CHECK(status == 0);
  close(listener);
}

TEST_CASE("run reconnects after the server drops its connection and files what arrives next", "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const ServiceConfig cfg = write_config(d, user);
  ServiceProcess run(cfg.path());
  REQUIRE(run.wait_for_notification("READY=1", 60s));
  // The server cuts every session of the user, as on a restart or a network cut.
  const std::string kick = "doveadm -c " + d.dir() + "/dovecot.conf kick " + user + " >/dev/null";
  REQUIRE(std::system(kick.c_str()) == 0);
  const bool lost = run.wait_for_log("connection lost while idle", 30s);
  INFO(run.log());
  CHECK(lost);
  politeno::testing::append_files(d, user, {kExamples + "cold-referral.eml"});
  CHECK(wait_for_count(d, user, "Networking/Later", 1, 60s));
  CHECK(politeno::testing::read_folders(d, user, {"Drafts"}).at("Drafts").size() == 1);
  CHECK(run.stop() == 0);
}

TEST_CASE("run --dry-run logs each arriving message's decision once and changes nothing", "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const ServiceConfig cfg = write_config(d, user);
  ServiceProcess run(cfg.path(), {"--dry-run"});
  REQUIRE(run.wait_for_notification("READY=1", 60s));
  politeno::testing::append_files(d, user, {kExamples + "cold-referral.eml"});
  REQUIRE(run.wait_for_log("message_id=<a1b2c3.leo@mailbox.example>", 60s));
  politeno::testing::append_files(d, user, {kExamples + "reputation-coffee.eml"});
  REQUIRE(run.wait_for_log("message_id=<tm-118@growthhackz.io>", 60s));
  CHECK(run.stop() == 0);
  const std::string log = run.log();
  INFO(log);
  const size_t first = log.find("message_id=<a1b2c3.leo@mailbox.example>");
  CHECK(log.find("message_id=<a1b2c3.leo@mailbox.example>", first + 1) == std::string::npos);  // not again
  CHECK(log.find("dry_run") != std::string::npos);
  const auto boxes = politeno::testing::read_folders(d, user, {"INBOX", "Drafts", "Networking/Later"});
  CHECK(boxes.at("INBOX").size() == 2);
  CHECK(boxes.count("Networking/Later") == 0);
  CHECK(boxes.at("Drafts").empty());
}

TEST_CASE("run files mail that arrives while a pass is under way without waiting for the next IDLE", "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const ServiceConfig cfg = write_config(d, user);
  // 150 requests appended one by one while the service runs: the first wakes IDLE and
  // the rest keep arriving during the passes that follow. Polling is hourly and IDLE is
  // renewed only every 25 minutes, so each must be found by a pass.
  std::vector<std::string> files;
  std::string raw = politeno::testing::read_file(kExamples + "cold-referral.eml");
  for (int i = 0; i < 150; ++i) {
    std::string copy = raw;
    copy.insert(copy.find("Message-ID: <") + 13, "a" + std::to_string(i) + ".");
    files.push_back(cfg.dir + "/" + std::to_string(i) + ".eml");
    std::ofstream(files.back()) << copy;
  }
  ServiceProcess run(cfg.path());
  REQUIRE(run.wait_for_notification("READY=1", 60s));
  politeno::testing::append_files(d, user, files);
  CHECK(wait_for_count(d, user, "Networking/Later", files.size(), 60s));
  const auto boxes = politeno::testing::read_folders(d, user, {"INBOX", "Drafts", "Networking/Later"});
  CHECK(boxes.at("INBOX").empty());
  CHECK(boxes.at("Drafts").size() == 1);  // one sender: one draft per draft_once_per_days
  CHECK(run.stop() == 0);
}

TEST_CASE("once refuses to act on a state that a running service holds; a dry run may look", "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const ServiceConfig cfg = write_config(d, user);
  ServiceProcess run(cfg.path());
  REQUIRE(run.wait_for_notification("READY=1", 60s));
  auto once = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"once", "--config", cfg.path()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::istringstream in;
    std::ostringstream out, err;
    const int code = cli::run_main(args, {in, out, err});
    return std::make_pair(code, err.str());
  };
  const auto [code, err] = once({});
  CHECK(code == cli::kExitTempFail);
  CHECK(err.find("another politeno (pid ") != std::string::npos);
  CHECK(err.find(cfg.dir + "/state") != std::string::npos);
  CHECK(once({"--dry-run"}).first == cli::kExitOk);
  CHECK(run.stop() == 0);
  CHECK(once({}).first == cli::kExitOk);  // free again once the service is gone
}

TEST_CASE("run rides out a server restart: it retries with backoff and carries on when the server is back",
          "[run][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const ServiceConfig cfg = write_config(d, user);
  ServiceProcess run(cfg.path());
  REQUIRE(run.wait_for_notification("READY=1", 60s));
  const std::string conf = d.dir() + "/dovecot.conf";
  auto port_open = [&] {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(d.imaps_port());
    const bool open = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return open;
  };
  REQUIRE(std::system(("doveadm -c " + conf + " stop >/dev/null 2>&1").c_str()) == 0);
  for (int i = 0; i < 100 && port_open(); ++i) usleep(100000);
  REQUIRE_FALSE(port_open());
  // The service notices and retries against the closed port.
  const bool retrying = run.wait_for_log("retry_in=", 30s);
  INFO(run.log());
  CHECK(retrying);
  REQUIRE(std::system(("dovecot -c " + conf + " </dev/null >/dev/null 2>&1").c_str()) == 0);
  for (int i = 0; i < 100 && !port_open(); ++i) usleep(100000);
  REQUIRE(port_open());
  politeno::testing::append_files(d, user, {kExamples + "cold-referral.eml"});
  CHECK(wait_for_count(d, user, "Networking/Later", 1, 90s));
  CHECK(run.wait_for_notification("1 watching", 30s));
  CHECK(run.stop() == 0);
}
