// The pass against a scripted server, for refusals a real Dovecot will not stage.
#include <catch2/catch.hpp>

#include <filesystem>
#include <mutex>
#include <set>

#include "classifier/classifier.h"
#include "config/config.h"
#include "daemon/account_pass.h"
#include "dovecot_fixture.h"
#include "fake_imap_server.h"
#include "test_support.h"

using namespace politeno;
using politeno::testing::FakeImapServer;

namespace {

// Just enough of a mailbox for passes over a few messages: an inbox holding `messages`
// (UIDs 1, 2, ...), a Drafts folder that answers every APPEND with `append_reply` (a
// refusal: this server takes no literal), and moves that succeed unless they include
// `refused_uid`. Moved messages leave the inbox.
struct ScriptedMailbox {
  std::vector<std::string> messages;
  std::string append_reply = "NO [CANNOT] this server takes no drafts";
  uint32_t refused_uid = 0;
  std::set<uint32_t> moved;
  std::mutex mu;

  std::string fetch_of(uint32_t uid) const {
    const std::string& m = messages[uid - 1];
    return "* " + std::to_string(uid) + " FETCH (UID " + std::to_string(uid) +
           " FLAGS () INTERNALDATE \"28-Nov-2026 09:00:00 +0000\" RFC822.SIZE " + std::to_string(m.size()) +
           " BODY[]<0> {" + std::to_string(m.size()) + "}\r\n" + m + ")\r\n";
  }
  // The UIDs named by "1", "1:2" or "1,2" (enough for these tests).
  static std::vector<uint32_t> uids_of(const std::string& set) {
    std::vector<uint32_t> out;
    size_t i = 0;
    while (i < set.size()) {
      const uint32_t a = static_cast<uint32_t>(std::stoul(set.substr(i)));
      uint32_t b = a;
      i = set.find_first_not_of("0123456789", i);
      if (i != std::string::npos && set[i] == ':') {
        b = static_cast<uint32_t>(std::stoul(set.substr(i + 1)));
        i = set.find_first_not_of("0123456789", i + 1);
      }
      for (uint32_t u = a; u <= b; ++u) out.push_back(u);
      if (i == std::string::npos || set[i] != ',') break;
      ++i;
    }
    return out;
  }

  FakeImapServer::Reply answer(const std::string& tag, const std::string& command) {
    auto ok = [&](const std::string& untagged = "") { return FakeImapServer::Reply{untagged + tag + " OK done\r\n"}; };
    if (command.rfind("LIST \"\" \"\"", 0) == 0) return ok("* LIST (\\Noselect) \"/\" \"\"\r\n");
    if (command.rfind("LIST", 0) == 0)
      return ok("* LIST () \"/\" INBOX\r\n* LIST (\\Drafts) \"/\" Drafts\r\n* LIST () \"/\" Networking\r\n"
                "* LIST () \"/\" Networking/Later\r\n* LIST () \"/\" Networking/Declined\r\n");
    std::lock_guard<std::mutex> lock(mu);
    std::vector<uint32_t> inbox;
    for (uint32_t u = 1; u <= messages.size(); ++u)
      if (!moved.count(u)) inbox.push_back(u);
    const std::string next = std::to_string(messages.size() + 1);
    if (command.rfind("SELECT", 0) == 0 || command.rfind("EXAMINE", 0) == 0)
      return ok("* " + std::to_string(inbox.size()) + " EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT " + next + "] ok\r\n");
    if (command.rfind("UID SEARCH HEADER", 0) == 0) return ok("* SEARCH\r\n");
    if (command.rfind("UID SEARCH UID ", 0) == 0) {
      const uint32_t from = static_cast<uint32_t>(std::stoul(command.substr(15)));
      std::string found = "* SEARCH";
      for (uint32_t u : inbox)
        if (u >= from) found += " " + std::to_string(u);
      return ok(found + "\r\n");
    }
    if (command.rfind("UID FETCH ", 0) == 0) {
      std::string out;
      for (uint32_t u : uids_of(command.substr(10)))
        if (u <= messages.size() && !moved.count(u)) out += fetch_of(u);
      return ok(out);
    }
    if (command.rfind("UID MOVE ", 0) == 0) {
      const std::vector<uint32_t> uids = uids_of(command.substr(9));
      if (std::find(uids.begin(), uids.end(), refused_uid) != uids.end())
        return FakeImapServer::Reply{tag + " NO [CANNOT] That message cannot be moved\r\n"};
      moved.insert(uids.begin(), uids.end());
      return ok();
    }
    if (command.rfind("APPEND", 0) == 0) return FakeImapServer::Reply{tag + " " + append_reply + "\r\n"};
    if (command.rfind("LOGOUT", 0) == 0) return FakeImapServer::Reply{"* BYE bye\r\n" + tag + " OK done\r\n", true};
    return ok();  // UID STORE, UID MOVE, CREATE
  }
};

}  // namespace

// A state and a config for passes against `server`; each pass() runs one and returns
// its stats and log.
class PassRunner {
 public:
  explicit PassRunner(const FakeImapServer& server, const std::string& extra_config = "") {
    cfg_ = config::parse_config(
        "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\n"
        "senders: {reputation_concerns: [growthhackz.io], negative_history: [p.hartley@brightpath.example]}\n" +
            extra_config +
        "accounts:\n  - {name: t, host: "
        "127.0.0.1, port: " + std::to_string(server.port()) + ", tls: none, username: u, password: p}\n",
        dir_.path() + "/config.yaml", /*file_private=*/true);
    std::string error;
    store_ = daemon::StateStore::open(dir_.path() + "/state.db", &error);
    REQUIRE(store_);
  }

  daemon::PassStats pass(std::string* log_text) {
    const classifier::Classifier clf = classifier::make_classifier(cfg_);
    const daemon::Log log([&](daemon::Level, const std::string& line) { *log_text += line + "\n"; });
    daemon::PassOptions options;
    options.backfill_days = 0;
    daemon::PassStats stats;
    politeno::testing::run_async([&](imap::CurlMulti& multi) -> awaitable<void> {
      stats = co_await daemon::run_account_pass(multi, cfg_, cfg_.accounts[0], clf, *store_, options,
                                                std::chrono::system_clock::now(), log);
    });
    return stats;
  }
  daemon::StateStore& store() { return *store_; }

 private:
  politeno::testing::TempDir dir_;
  config::Config cfg_;
  std::unique_ptr<daemon::StateStore> store_;
};

std::string example(const std::string& name) {
  return politeno::testing::read_file(std::string(POLITENO_SOURCE_DIR) + "/examples/messages/" + name + ".eml");
}

TEST_CASE("a draft the server refuses (over quota) is reported, and the request is still filed", "[pass][faults]") {
  ScriptedMailbox mailbox;
  mailbox.messages = {example("cold-referral")};
  mailbox.append_reply = "NO [OVERQUOTA] Quota exceeded (mailbox for user is full)";
  FakeImapServer server([&](const std::string& tag, const std::string& command) { return mailbox.answer(tag, command); });
  PassRunner runner(server);
  std::string all;
  const daemon::PassStats stats = runner.pass(&all);
  auto* store = &runner.store();
  INFO(all);
  CHECK(stats.error.empty());
  CHECK(stats.drafted == 0);
  CHECK(stats.drafts_refused == 1);
  CHECK(stats.moved == 1);
  CHECK(all.find("error=\"draft not saved: [OVERQUOTA] Quota exceeded") != std::string::npos);
  CHECK(mailbox.moved.count(1));
  // Done, and not counted against draft_once_per_days: no draft was made.
  CHECK(store->unfinished("t").empty());
  CHECK_FALSE(store->last_draft_to("t", "leo.brandt@mailbox.example"));
}

TEST_CASE("a message the server will not move holds neither the others nor the account, and is given up after three passes",
          "[pass][faults]") {
  ScriptedMailbox mailbox;
  mailbox.messages = {example("reputation-coffee"), example("negative-history"), example("vendor-pitch")};
  mailbox.refused_uid = 2;
  FakeImapServer server([&](const std::string& tag, const std::string& command) { return mailbox.answer(tag, command); });
  PassRunner runner(server, "actions: {decline: {folder: Networking/Declined}}\n");  // moves only

  std::string log1;
  const daemon::PassStats first = runner.pass(&log1);
  INFO(log1);
  CHECK(first.error.empty());  // the pass went on
  CHECK(first.moved == 2);     // the others were filed
  CHECK(first.held == 1);
  CHECK(mailbox.moved == std::set<uint32_t>{1, 3});
  CHECK(log1.find("message_id=<ph-2026-11@brightpath.example> error=\"move to Networking/Declined refused: [CANNOT]") !=
        std::string::npos);
  CHECK(log1.find("retried by the next pass (1 of 3)") != std::string::npos);
  CHECK(runner.store().progress("t", "INBOX")->next_uid == 2);  // not past the held message

  std::string log2, log3, log4;
  const daemon::PassStats second = runner.pass(&log2);
  CHECK(second.held == 1);
  CHECK(log2.find("(2 of 3)") != std::string::npos);
  CHECK(log2.find("tm-118@growthhackz.io") == std::string::npos);  // what is done is not redone, nor logged
  const daemon::PassStats third = runner.pass(&log3);
  INFO(log3);
  CHECK(third.given_up == 1);
  CHECK(log3.find("given up after 3 refusals; it stays in INBOX") != std::string::npos);
  CHECK(runner.store().unfinished("t").empty());
  CHECK(runner.store().progress("t", "INBOX")->next_uid == 3);  // past the given-up message
  // Then it is left alone.
  const daemon::PassStats fourth = runner.pass(&log4);
  CHECK(fourth.error.empty());
  CHECK(log4.find("refused") == std::string::npos);
  CHECK(mailbox.moved == std::set<uint32_t>{1, 3});
}
