// politeno once and politeno run killed at random instants of a pass over a few hundred
// messages, then restarted: in the end every message is present exactly once, in the
// right folder, and no draft is duplicated.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "dovecot_fixture.h"
#include "imap/client.h"
#include "mail/mime_parser.h"
#include "test_support.h"

using namespace politeno;
using politeno::testing::Dovecot;
using politeno::testing::run_async;

namespace {

// Runs `politeno command` (once or run) as its own process; kills it after `kill_after`
// unless it ends first. Returns true when it ran to completion with exit status 0.
bool run_politeno(const char* command, const std::string& config, std::optional<std::chrono::milliseconds> kill_after) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(POLITENO_BINARY, "politeno", command, "--config", config.c_str(), "--backfill", "0", static_cast<char*>(nullptr));
    _exit(127);
  }
  if (kill_after) {
    const auto deadline = std::chrono::steady_clock::now() + *kill_after;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
      usleep(5000);
    }
    kill(pid, SIGKILL);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

TEST_CASE("once and run killed at random points and restarted lose nothing, repeat nothing and duplicate no draft",
          "[once][crash][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  constexpr int kCopies = 50;  // 50 x 11 example messages = 550: a pass takes seconds
  const auto files = politeno::testing::files_below(std::string(POLITENO_SOURCE_DIR) + "/examples/messages", ".eml");
  run_async([&](imap::CurlMulti& multi) -> awaitable<void> {
    const imap::Endpoint ep = d.implicit_tls();
    auto c = co_await politeno::testing::open_client(multi, ep, user);
    const std::string inbox = "INBOX";
    const std::vector<std::string> none;
    for (int copy = 0; copy < kCopies; ++copy) {
      for (const std::string& f : files) {
        std::string raw = politeno::testing::read_file(f);
        // A distinct Message-ID per copy: "<x@y>" becomes "<cN.x@y>".
        const size_t at = raw.find("Message-ID: <");
        REQUIRE(at != std::string::npos);
        raw.insert(at + 13, "c" + std::to_string(copy) + ".");
        auto r = co_await c->append(inbox, none, raw);
        REQUIRE_FALSE(r.ec);
      }
    }
  });

  const politeno::testing::TempDir tmp;
  const std::string& dir = tmp.path();
  const std::string config = dir + "/config.yaml";
  std::ofstream(config) << "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\n"
                        << "senders:\n  trusted: [\"@acme-robotics.com\"]\n  known: [maria.gonzalez@stateuniv.edu]\n"
                        << "  reputation_concerns: [growthhackz.io]\n  negative_history: [p.hartley@brightpath.example]\n"
                        << "reply: {draft_once_per_days: 0}\n"  // every decline drafted: more to duplicate
                        << "state_dir: " << dir << "/state\n"
                        << "accounts:\n" << d.account_entry("t", user, dir);

  std::mt19937 rng(20261128);  // fixed: the same kill points every run
  int killed = 0;
  // Kills early in each run, so that they land inside passes (a whole pass is seconds);
  // the service (which never ends by itself) and the one-shot pass take turns.
  for (int round = 0; round < 20; ++round) {
    const auto after = std::chrono::milliseconds(std::uniform_int_distribution<int>(30, 700)(rng));
    if (!run_politeno(round % 2 ? "run" : "once", config, after)) ++killed;
  }
  INFO(killed << " of 20 runs were killed before they finished");
  // The 10 runs of the service never end by themselves; at least one one-shot pass must
  // have been cut too (the first has 550 messages before it). How many more are depends
  // on the machine's speed, as later passes have less left to do.
  CHECK(killed >= 11);
  REQUIRE(run_politeno("once", config, std::nullopt));  // and a final pass completes

  std::map<std::string, std::vector<mail::Message>> boxes;
  run_async([&](imap::CurlMulti& multi) -> awaitable<void> {
    const imap::Endpoint ep = d.implicit_tls();
    auto c = co_await politeno::testing::open_client(multi, ep, user);
    for (const char* name : {"INBOX", "Networking/Later", "Networking/Declined", "Drafts"}) {
      const std::string box = name;
      auto sel = co_await c->select(box, true);
      REQUIRE_FALSE(sel.ec);
      const std::string all = "ALL";
      auto uids = co_await c->uid_search(all);
      auto fetched = co_await c->uid_fetch(uids.value, 1 << 16);
      for (const auto& m : fetched.value) boxes[box].push_back(mail::parse_message(m.prefix));
    }
  });
  CHECK(boxes["INBOX"].size() == 6u * kCopies);
  CHECK(boxes["Networking/Later"].size() == 2u * kCopies);
  CHECK(boxes["Networking/Declined"].size() == 3u * kCopies);
  // Every message exactly once across the folders.
  std::multiset<std::string> ids;
  for (const char* box : {"INBOX", "Networking/Later", "Networking/Declined"})
    for (const auto& m : boxes[box]) ids.insert(m.message_id);
  CHECK(ids.size() == 11u * kCopies);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
  // One draft per decline that gets one, and never two for the same request.
  std::set<std::string> replied;
  for (const auto& m : boxes["Drafts"]) replied.insert(m.in_reply_to);
  CHECK(boxes["Drafts"].size() == 4u * kCopies);
  CHECK(replied.size() == boxes["Drafts"].size());
}
