// The pass against a scripted server, for refusals a real Dovecot will not stage.
#include <catch2/catch.hpp>

#include <filesystem>
#include <mutex>

#include "classifier/classifier.h"
#include "config/config.h"
#include "daemon/account_pass.h"
#include "dovecot_fixture.h"
#include "fake_imap_server.h"
#include "test_support.h"

using namespace politeno;
using politeno::testing::FakeImapServer;

namespace {

// Just enough of a mailbox for one pass over one message: an inbox holding `message`, a
// Drafts folder whose APPEND answers `append_reply`, and moves that succeed. Records
// every command.
struct OneMessageServer {
  std::string message;
  std::string append_reply;  // after the tag, e.g. "NO [OVERQUOTA] Quota exceeded"
  std::vector<std::string> commands;
  std::mutex mu;

  FakeImapServer::Reply answer(const std::string& tag, const std::string& command) {
    {
      std::lock_guard<std::mutex> lock(mu);
      commands.push_back(command);
    }
    auto ok = [&](const std::string& untagged = "") { return FakeImapServer::Reply{untagged + tag + " OK done\r\n"}; };
    if (command.rfind("LIST \"\" \"\"", 0) == 0) return ok("* LIST (\\Noselect) \"/\" \"\"\r\n");
    if (command.rfind("LIST", 0) == 0)
      return ok("* LIST () \"/\" INBOX\r\n* LIST (\\Drafts) \"/\" Drafts\r\n* LIST () \"/\" Networking\r\n"
                "* LIST () \"/\" Networking/Later\r\n* LIST () \"/\" Networking/Declined\r\n");
    if (command.rfind("SELECT", 0) == 0 || command.rfind("EXAMINE", 0) == 0)
      return ok("* 1 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 2] ok\r\n");
    if (command.rfind("UID SEARCH HEADER", 0) == 0) return ok("* SEARCH\r\n");
    if (command.rfind("UID SEARCH", 0) == 0) return ok("* SEARCH 1\r\n");
    if (command.rfind("UID FETCH", 0) == 0)
      return ok("* 1 FETCH (UID 1 FLAGS () INTERNALDATE \"28-Nov-2026 09:00:00 +0000\" RFC822.SIZE " +
                std::to_string(message.size()) + " BODY[]<0> {" + std::to_string(message.size()) + "}\r\n" + message +
                ")\r\n");
    if (command.rfind("APPEND", 0) == 0) return FakeImapServer::Reply{tag + " " + append_reply + "\r\n"};
    if (command.rfind("LOGOUT", 0) == 0) return FakeImapServer::Reply{"* BYE bye\r\n" + tag + " OK done\r\n", true};
    return ok();  // UID STORE, UID MOVE, CREATE
  }
};

}  // namespace

TEST_CASE("a draft the server refuses (over quota) is reported, and the request is still filed", "[pass][faults]") {
  OneMessageServer mailbox;
  mailbox.message = politeno::testing::read_file(std::string(POLITENO_SOURCE_DIR) + "/examples/messages/cold-referral.eml");
  mailbox.append_reply = "NO [OVERQUOTA] Quota exceeded (mailbox for user is full)";
  FakeImapServer server([&](const std::string& tag, const std::string& command) { return mailbox.answer(tag, command); });

  char tmpl[] = "/tmp/politeno-pass-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const config::Config cfg = config::parse_config(
      "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\naccounts:\n  - {name: t, host: 127.0.0.1, "
      "port: " + std::to_string(server.port()) + ", tls: none, username: u, password: p}\n",
      dir + "/config.yaml", /*file_private=*/true);
  std::string error;
  auto store = daemon::StateStore::open(dir + "/state.db", &error);
  REQUIRE(store);
  const classifier::Classifier clf = classifier::make_classifier(cfg);
  std::vector<std::string> lines;
  const daemon::Log log([&](daemon::Level, const std::string& line) { lines.push_back(line); });
  daemon::PassOptions options;
  options.backfill_days = 0;
  daemon::PassStats stats;
  politeno::testing::run_async([&](imap::CurlMulti& multi) -> awaitable<void> {
    asio::thread_pool secrets(1);
    stats = co_await daemon::run_account_pass(multi, secrets, cfg, cfg.accounts[0], clf, *store, options,
                                              std::chrono::system_clock::now(), log);
    secrets.join();
  });
  std::string all;
  for (const std::string& l : lines) all += l + "\n";
  INFO(all);
  CHECK(stats.error.empty());
  CHECK(stats.drafted == 0);
  CHECK(stats.drafts_refused == 1);
  CHECK(stats.moved == 1);
  CHECK(all.find("error=\"draft not saved: [OVERQUOTA] Quota exceeded") != std::string::npos);
  bool moved = false;
  for (const std::string& c : mailbox.commands) moved |= c.rfind("UID MOVE 1 ", 0) == 0;
  CHECK(moved);
  // Done, and not counted against draft_once_per_days: no draft was made.
  CHECK(store->unfinished("t").empty());
  CHECK_FALSE(store->last_draft_to("t", "leo.brandt@mailbox.example"));
  std::filesystem::remove_all(dir);
}
