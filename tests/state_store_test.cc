#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "daemon/state_store.h"
#include "test_support.h"

using namespace politeno::daemon;

namespace {

// A fresh directory holding the database file.
struct TempDb {
  politeno::testing::TempDir dir;
  std::string path() const { return dir.path() + "/state.db"; }
};

std::unique_ptr<StateStore> open_store(const std::string& path) {
  std::string error;
  auto s = StateStore::open(path, &error);
  if (!s) FAIL(error);
  return s;
}

MessageRecord record(const std::string& key, uint32_t uid) {
  MessageRecord r;
  r.account = "work";
  r.key = key;
  r.uidvalidity = 7;
  r.uid = uid;
  r.sender = "leo@x.example";
  r.verdict = "decline_later";
  r.flags = "too_much_too_soon";
  r.draft_message_id = "politeno.1@acme.example";
  r.decided_at = 1000 + uid;
  return r;
}

}  // namespace

TEST_CASE("mailbox progress is saved per account and mailbox and survives reopening", "[state]") {
  TempDb db;
  {
    auto s = open_store(db.path());
    CHECK_FALSE(s->progress("work", "INBOX"));
    REQUIRE(s->set_progress("work", "INBOX", {42, 100}));
    REQUIRE(s->set_progress("work", "INBOX", {42, 120}));
    REQUIRE(s->set_progress("home", "INBOX", {9, 5}));
  }
  auto s = open_store(db.path());
  CHECK(s->progress("work", "INBOX")->next_uid == 120);
  CHECK(s->progress("work", "INBOX")->uidvalidity == 42);
  CHECK(s->progress("home", "INBOX")->next_uid == 5);
}

TEST_CASE("a message is decided once, and its steps only move forward", "[state]") {
  TempDb db;
  auto s = open_store(db.path());
  bool inserted = false;
  REQUIRE(s->record_decision(record("<a@x>", 5), &inserted));
  CHECK(inserted);
  MessageRecord again = record("<a@x>", 99);  // the same message after a UIDVALIDITY change
  again.verdict = "welcome";
  REQUIRE(s->record_decision(again, &inserted));
  CHECK_FALSE(inserted);
  CHECK(s->message("work", "<a@x>")->verdict == "decline_later");
  REQUIRE(s->advance("work", "<a@x>", Step::kFiled));
  REQUIRE(s->advance("work", "<a@x>", Step::kDrafted));  // a late, older step changes nothing
  CHECK(s->message("work", "<a@x>")->step == Step::kFiled);
}

TEST_CASE("unfinished messages are listed oldest first for resuming", "[state]") {
  TempDb db;
  auto s = open_store(db.path());
  bool inserted;
  for (uint32_t uid : {3u, 1u, 2u}) REQUIRE(s->record_decision(record("<" + std::to_string(uid) + "@x>", uid), &inserted));
  REQUIRE(s->advance("work", "<2@x>", Step::kDone));
  const auto open = s->unfinished("work");
  REQUIRE(open.size() == 2);
  CHECK(open[0].uid == 1);
  CHECK(open[1].uid == 3);
  CHECK(s->unfinished("home").empty());
}

TEST_CASE("the last draft per sender is remembered for draft_once_per_days", "[state]") {
  TempDb db;
  auto s = open_store(db.path());
  CHECK_FALSE(s->last_draft_to("work", "leo@x.example"));
  REQUIRE(s->record_draft("work", "leo@x.example", "politeno.1@a", 1000));
  REQUIRE(s->record_draft("work", "leo@x.example", "politeno.2@a", 5000));
  REQUIRE(s->record_draft("work", "leo@x.example", "politeno.2@a", 9999));  // the same draft again: ignored
  CHECK(*s->last_draft_to("work", "leo@x.example") == 5000);
  CHECK_FALSE(s->last_draft_to("home", "leo@x.example"));
}

TEST_CASE("the rapport index knows the user's sent Message-IDs and correspondents", "[state]") {
  TempDb db;
  auto s = open_store(db.path());
  REQUIRE(s->add_sent("work", "jl.1@mail.acme.example", {"maria@uni.example", "kim@acme.example"}, 100));
  CHECK(s->is_own_message("work", "jl.1@mail.acme.example"));
  CHECK_FALSE(s->is_own_message("home", "jl.1@mail.acme.example"));
  CHECK(s->is_correspondent("work", "maria@uni.example"));
  CHECK_FALSE(s->is_correspondent("work", "stranger@x.example"));
}

TEST_CASE("a transaction that fails leaves nothing behind", "[state]") {
  TempDb db;
  auto s = open_store(db.path());
  bool inserted;
  CHECK_FALSE(s->transaction([&] {
    s->record_decision(record("<t@x>", 1), &inserted);
    return false;
  }));
  CHECK_FALSE(s->message("work", "<t@x>"));
}

TEST_CASE("a writer killed at random instants never leaves the state inconsistent", "[state][crash]") {
  TempDb db;
  { open_store(db.path()); }
  std::mt19937 rng(12345);  // fixed: the same kill points on every run
  uint32_t last_progress = 1;
  for (int round = 0; round < 15; ++round) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      // As the daemon does: decide, act step by step, then advance the mailbox.
      std::string error;
      auto s = StateStore::open(db.path(), &error);
      if (!s) _exit(2);
      uint32_t next = s->progress("work", "INBOX").value_or(MailboxProgress{7, 1}).next_uid;
      for (;; ++next) {
        const std::string key = "<" + std::to_string(next) + "@x>";
        bool inserted;
        if (!s->record_decision(record(key, next), &inserted)) _exit(3);
        for (Step step : {Step::kDrafted, Step::kFlagged, Step::kFiled, Step::kDone})
          if (!s->advance("work", key, step)) _exit(4);
        if (!s->set_progress("work", "INBOX", {7, next + 1})) _exit(5);
      }
    }
    usleep(std::uniform_int_distribution<int>(2000, 60000)(rng));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));  // it was killed, it did not fail on its own

    auto s = open_store(db.path());
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.path().c_str(), &raw) == SQLITE_OK);
    sqlite3_stmt* check = nullptr;
    REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &check, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(check) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(check, 0))) == "ok");
    sqlite3_finalize(check);
    sqlite3_close(raw);

    const uint32_t next = s->progress("work", "INBOX").value_or(MailboxProgress{7, 1}).next_uid;
    CHECK(next >= last_progress);  // progress never goes back
    last_progress = next;
    // Everything below the progress mark is done; at most the one in flight is not.
    for (uint32_t uid = 1; uid < next; ++uid) {
      const auto m = s->message("work", "<" + std::to_string(uid) + "@x>");
      REQUIRE(m);
      CHECK(m->step == Step::kDone);
    }
    CHECK(s->unfinished("work").size() <= 1);
  }
  CHECK(last_progress > 1);  // the writer did make progress between kills
}

TEST_CASE("a state written by politeno 0.1 is migrated on open and keeps every decision", "[state]") {
  TempDb db;
  {  // the schema 0.1 created, as it created it (user_version 0)
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.path().c_str(), &raw) == SQLITE_OK);
    const char* old =
        "CREATE TABLE mailbox (account TEXT NOT NULL, mailbox TEXT NOT NULL, uidvalidity INTEGER NOT NULL, next_uid "
        "INTEGER NOT NULL, PRIMARY KEY (account, mailbox));"
        "CREATE TABLE message (account TEXT NOT NULL, key TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT "
        "NULL, sender TEXT NOT NULL, verdict TEXT NOT NULL, flags TEXT NOT NULL, draft_message_id TEXT NOT NULL, step "
        "INTEGER NOT NULL, decided_at INTEGER NOT NULL, PRIMARY KEY (account, key));"
        "INSERT INTO message VALUES ('work', 'old@x.example', 7, 3, 'leo@x.example', 'decline', 'transactional', '', 4, 99);"
        "INSERT INTO mailbox VALUES ('work', 'INBOX', 7, 4);";
    REQUIRE(sqlite3_exec(raw, old, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  auto s = open_store(db.path());
  const auto m = s->message("work", "old@x.example");
  REQUIRE(m);
  CHECK(m->verdict == "decline");
  CHECK(m->step == Step::kDone);
  CHECK(m->folder.empty());
  CHECK(m->model.empty());
  CHECK(s->progress("work", "INBOX")->next_uid == 4);
  // The new parts work on the migrated state.
  CHECK(s->set_filed("work", "old@x.example", "Networking/Declined"));
  CHECK(s->record_correction({"work", "old@x.example", "leo@x.example", "decline", "kept", "INBOX", 100, ""}));
  CHECK(s->corrections("work").size() == 1);
  s.reset();
  // Opening again finds the schema current: nothing to do, nothing lost.
  CHECK(open_store(db.path())->message("work", "old@x.example")->folder == "Networking/Declined");
}

TEST_CASE("a state written by a newer politeno is refused, not guessed at", "[state]") {
  TempDb db;
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.path().c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  std::string error;
  CHECK_FALSE(StateStore::open(db.path(), &error));
  CHECK(error.find("newer politeno (schema 99") != std::string::npos);
}

TEST_CASE("a decision keeps its score, model, compact features and where it was filed", "[state]") {
  TempDb db;
  auto s = open_store(db.path());
  MessageRecord r = record("m@x.example", 5);
  r.score = 0.93;
  r.model = "abc123";
  r.features = std::string("\x01\x02\x05\xff\x00\x10", 6);  // bytes, NUL included
  bool inserted = false;
  REQUIRE(s->record_decision(r, &inserted));
  CHECK(s->set_filed("work", "m@x.example", "Networking/Later"));
  const auto m = s->message("work", "m@x.example");
  CHECK(m->score == Approx(0.93));
  CHECK(m->model == "abc123");
  CHECK(m->features == r.features);
  CHECK(m->folder == "Networking/Later");
  CHECK(m->step == Step::kFiled);
}

TEST_CASE("a correction per message, the latest wins, and forgetting takes them away", "[state]") {
  TempDb db;
  auto s = open_store(db.path());
  CHECK(s->record_correction({"work", "a@x", "ana@x.example", "welcome", "decline", "Networking/Declined", 10, ""}));
  CHECK(s->record_correction({"work", "a@x", "ana@x.example", "welcome", "decline_later", "Networking/Later", 11, ""}));
  CHECK(s->record_correction({"work", "b@x", "ben@x.example", "decline", "kept", "INBOX", 12, ""}));
  auto cs = s->corrections("work");
  REQUIRE(cs.size() == 2);
  CHECK(cs[0].label == "decline_later");
  CHECK(cs[0].was == "welcome");
  CHECK(*s->forget_corrections("work", "ben@x.example") == 1);
  CHECK(*s->forget_corrections("work", "nobody@x.example") == 0);
  CHECK(*s->forget_corrections("work", "") == 1);
  CHECK(s->corrections("work").empty());
}
