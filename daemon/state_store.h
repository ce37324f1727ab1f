// politeno's durable state, in SQLite (WAL): per mailbox the UIDVALIDITY and how far it
// has been processed; per message the decision and how far its actions have got; the
// drafts made (for draft_once_per_days); the rapport index built from the Sent folder;
// and the owner's corrections. The schema is versioned (PRAGMA user_version) and older
// databases are migrated on open; a newer one is refused. Designed so that a process killed at any instant leaves a consistent record:
// every change is one transaction, a decision is recorded once, and a message's steps
// only move forward. Not thread-safe: one store per process, used from one thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace politeno::daemon {

struct MailboxProgress {
  uint32_t uidvalidity = 0;
  uint32_t next_uid = 1;  // every message below this UID has been handled
};

// How far a message's actions have got. The daemon performs them in this order and
// records each after the server confirmed it; on restart it resumes from the next one.
enum class Step : int { kDecided = 0, kDrafted = 1, kFlagged = 2, kFiled = 3, kDone = 4 };

struct MessageRecord {
  std::string account;
  std::string key;          // the Message-ID, or a key derived from the message when it has none
  uint32_t uidvalidity = 0;
  uint32_t uid = 0;
  std::string sender;       // lower-cased From address
  std::string verdict;      // not_request, welcome, decline_later, decline
  std::string flags;        // comma-separated red flags
  std::string draft_message_id;  // planned draft, empty when none
  Step step = Step::kDecided;
  int64_t decided_at = 0;   // Unix seconds
  std::string folder;       // where politeno (or the owner) filed it; empty while in the inbox
  double score = 0;         // P(request)
  std::string model;        // the version of the model that decided
  std::string features;     // the compact features it saw (classifier/feature_codec.h)
};

// The owner's correction of one message: where they moved it, and what politeno had said.
struct CorrectionRecord {
  std::string account;
  std::string key;       // the message's key (its Message-ID)
  std::string sender;    // lower-cased From address
  std::string was;       // politeno's verdict, or "" when politeno had not decided it
  std::string label;     // the owner's (classifier::OwnerLabel): kept, decline, decline_later ...
  std::string folder;    // where the owner put it
  int64_t at = 0;        // when politeno saw it (Unix seconds)
  std::string features;  // the message's compact features, from its decision record
};

class StateStore {
 public:
  // Opens (creating if needed) the database at `path`; nullptr and *error on failure.
  static std::unique_ptr<StateStore> open(const std::string& path, std::string* error);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // Every mutator returns false on a database error (see last_error()).
  const std::string& last_error() const { return error_; }

  std::optional<MailboxProgress> progress(const std::string& account, const std::string& mailbox);
  bool set_progress(const std::string& account, const std::string& mailbox, MailboxProgress p);

  // Records a decision unless one exists for (account, key): *inserted says which.
  // A message is decided once, whatever UID it later has (a UIDVALIDITY change).
  bool record_decision(const MessageRecord& r, bool* inserted);
  std::optional<MessageRecord> message(const std::string& account, const std::string& key);
  // Moves the message's step forward to `step` (never back); also its UID when it moved.
  bool advance(const std::string& account, const std::string& key, Step step);
  // Records that the message was filed in `folder` (the server confirmed the move, or
  // the owner put it there); its step becomes at least kFiled.
  bool set_filed(const std::string& account, const std::string& key, const std::string& folder);
  bool set_features(const std::string& account, const std::string& key, const std::string& features);

  // The owner's corrections: one per message, the latest wins.
  bool record_correction(const CorrectionRecord& c);
  // Oldest first, with each message's compact features.
  std::vector<CorrectionRecord> corrections(const std::string& account);
  // Forgets the corrections of a message (by key) or a sender; "" forgets them all. The
  // number forgotten, or nullopt on a database error.
  std::optional<int> forget_corrections(const std::string& account, const std::string& key_or_sender);
  // Messages whose actions are not complete, oldest first.
  std::vector<MessageRecord> unfinished(const std::string& account);

  // Counts one more refusal by the server of an action on a message; the new count, or
  // nullopt on a database error. A message refused too often is given up on.
  std::optional<int> count_refusal(const std::string& account, const std::string& key);

  // Drafts, for draft_once_per_days.
  bool record_draft(const std::string& account, const std::string& sender, const std::string& draft_message_id,
                    int64_t at);
  std::optional<int64_t> last_draft_to(const std::string& account, const std::string& sender);

  // The rapport index from the user's Sent folder: what was sent, to whom, in reply to
  // which message, when.
  bool add_sent(const std::string& account, const std::string& message_id, const std::vector<std::string>& recipients,
                int64_t at, const std::string& in_reply_to = "");
  bool is_own_message(const std::string& account, const std::string& message_id);
  bool is_correspondent(const std::string& account, const std::string& address);
  std::unordered_set<std::string> own_message_ids(const std::string& account);
  std::unordered_set<std::string> correspondents(const std::string& account);
  // Welcome requests the user answered (a sent message replying to them) since `since`.
  int accepted_since(const std::string& account, int64_t since);

  // The last pass over an account: when it ended and how (empty error: it went well).
  bool record_pass(const std::string& account, int64_t at, const std::string& error);
  struct PassRecord {
    int64_t at = 0;
    std::string error;
  };
  std::optional<PassRecord> last_pass(const std::string& account);
  // Decisions since `since`, by verdict.
  std::vector<std::pair<std::string, int>> verdict_counts(const std::string& account, int64_t since);
  int drafts_since(const std::string& account, int64_t since);

  // Runs `body` in one transaction: all of it or none of it survives a crash. Nested
  // calls join the outermost transaction.
  template <typename F>
  bool transaction(F&& body) {
    if (depth_ > 0) return body();
    if (!exec("BEGIN IMMEDIATE")) return false;
    ++depth_;
    const bool ok = body();
    --depth_;
    if (!ok) {
      exec("ROLLBACK");
      return false;
    }
    return exec("COMMIT");
  }

 private:
  explicit StateStore(sqlite3* db) : db_(db) {}
  // Brings the schema to the current version (PRAGMA user_version), step by step.
  bool migrate();
  int schema_version();
  bool exec(const char* sql);
  bool fail(const char* what);
  sqlite3* db_;
  std::string error_;
  int depth_ = 0;
};

}  // namespace politeno::daemon
