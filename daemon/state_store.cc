#include "daemon/state_store.h"

namespace politeno::daemon {
namespace {

// Schema 1: the tables politeno 0.1 created (a database of that age has user_version 0).
const char* kSchemaV1 = R"SQL(
CREATE TABLE IF NOT EXISTS mailbox (
  account TEXT NOT NULL, mailbox TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL, next_uid INTEGER NOT NULL,
  PRIMARY KEY (account, mailbox));
CREATE TABLE IF NOT EXISTS message (
  account TEXT NOT NULL, key TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
  sender TEXT NOT NULL, verdict TEXT NOT NULL, flags TEXT NOT NULL,
  draft_message_id TEXT NOT NULL, step INTEGER NOT NULL, decided_at INTEGER NOT NULL,
  PRIMARY KEY (account, key));
CREATE INDEX IF NOT EXISTS message_unfinished ON message (account, step);
CREATE TABLE IF NOT EXISTS draft (
  account TEXT NOT NULL, sender TEXT NOT NULL, draft_message_id TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (account, draft_message_id));
CREATE INDEX IF NOT EXISTS draft_sender ON draft (account, sender, created_at);
CREATE TABLE IF NOT EXISTS sent_message (
  account TEXT NOT NULL, message_id TEXT NOT NULL, sent_at INTEGER NOT NULL, in_reply_to TEXT NOT NULL,
  PRIMARY KEY (account, message_id));
CREATE INDEX IF NOT EXISTS sent_reply ON sent_message (account, in_reply_to);
CREATE TABLE IF NOT EXISTS pass (
  account TEXT NOT NULL PRIMARY KEY, at INTEGER NOT NULL, error TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refusal (
  account TEXT NOT NULL, key TEXT NOT NULL, attempts INTEGER NOT NULL,
  PRIMARY KEY (account, key));
CREATE TABLE IF NOT EXISTS correspondent (
  account TEXT NOT NULL, address TEXT NOT NULL, last_sent_at INTEGER NOT NULL,
  PRIMARY KEY (account, address));
)SQL";

// Schema 2: per decision the folder politeno filed it in, P(request), the model's
// version and the compact features, so that corrections become labels; the owner's
// corrections.
const char* kMigrationV2 = R"SQL(
ALTER TABLE message ADD COLUMN folder TEXT NOT NULL DEFAULT '';
ALTER TABLE message ADD COLUMN score REAL NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN model TEXT NOT NULL DEFAULT '';
ALTER TABLE message ADD COLUMN features BLOB NOT NULL DEFAULT x'';
CREATE TABLE correction (
  account TEXT NOT NULL, key TEXT NOT NULL, sender TEXT NOT NULL,
  was TEXT NOT NULL, label TEXT NOT NULL, folder TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (account, key));
CREATE INDEX correction_at ON correction (account, at);
)SQL";

constexpr int kSchemaVersion = 2;

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK; }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return ok_; }
  Statement& bind(int i, const std::string& s) {
    ok_ = ok_ && sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT) == SQLITE_OK;
    return *this;
  }
  Statement& bind(int i, int64_t v) {
    ok_ = ok_ && sqlite3_bind_int64(stmt_, i, v) == SQLITE_OK;
    return *this;
  }
  int step() { return ok_ ? sqlite3_step(stmt_) : SQLITE_ERROR; }
  Statement& bind(int i, double v) {
    ok_ = ok_ && sqlite3_bind_double(stmt_, i, v) == SQLITE_OK;
    return *this;
  }
  Statement& bind_blob(int i, const std::string& b) {
    ok_ = ok_ && sqlite3_bind_blob(stmt_, i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT) == SQLITE_OK;
    return *this;
  }
  int64_t integer(int col) { return sqlite3_column_int64(stmt_, col); }
  double real(int col) { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : "";
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool ok_ = false;
};

MessageRecord read_message(Statement& s) {
  // columns: kMessageColumns
  MessageRecord r;
  r.account = s.text(0);
  r.key = s.text(1);
  r.uidvalidity = static_cast<uint32_t>(s.integer(2));
  r.uid = static_cast<uint32_t>(s.integer(3));
  r.sender = s.text(4);
  r.verdict = s.text(5);
  r.flags = s.text(6);
  r.draft_message_id = s.text(7);
  r.step = static_cast<Step>(s.integer(8));
  r.decided_at = s.integer(9);
  r.folder = s.text(10);
  r.score = s.real(11);
  r.model = s.text(12);
  r.features = s.text(13);
  return r;
}

constexpr const char* kMessageColumns =
    "account, key, uidvalidity, uid, sender, verdict, flags, draft_message_id, step, decided_at, folder, score, model, "
    "features";

}  // namespace

std::unique_ptr<StateStore> StateStore::open(const std::string& path, std::string* error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    *error = "cannot open the state database " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<StateStore> s(new StateStore(db));
  sqlite3_busy_timeout(db, 5000);
  // WAL: readers (politeno status) never block the service; synchronous=FULL makes every
  // commit durable before the next IMAP action is taken.
  if (!s->exec("PRAGMA journal_mode=WAL") || !s->exec("PRAGMA synchronous=FULL") || !s->migrate()) {
    *error = "cannot prepare the state database " + path + ": " + s->error_;
    return nullptr;
  }
  return s;
}

int StateStore::schema_version() {
  Statement v(db_, "PRAGMA user_version");
  return v.step() == SQLITE_ROW ? static_cast<int>(v.integer(0)) : -1;
}

bool StateStore::migrate() {
  const int from = schema_version();
  if (from < 0) return fail("reading the schema version");
  if (from > kSchemaVersion) {
    error_ = "it was written by a newer politeno (schema " + std::to_string(from) + "; this one knows up to " +
             std::to_string(kSchemaVersion) + ")";
    return false;
  }
  if (from == kSchemaVersion) return true;
  // Each step in one transaction with the version it reaches: a crash leaves the old
  // schema or the new one, never half.
  return transaction([&] {
    if (from < 1 && !exec(kSchemaV1)) return false;
    if (from < 2 && !exec(kMigrationV2)) return false;
    return exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
  });
}

StateStore::~StateStore() { sqlite3_close(db_); }

bool StateStore::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) == SQLITE_OK) return true;
  error_ = msg ? msg : sqlite3_errmsg(db_);
  sqlite3_free(msg);
  return false;
}

bool StateStore::fail(const char* what) {
  error_ = std::string(what) + ": " + sqlite3_errmsg(db_);
  return false;
}

std::optional<MailboxProgress> StateStore::progress(const std::string& account, const std::string& mailbox) {
  Statement s(db_, "SELECT uidvalidity, next_uid FROM mailbox WHERE account = ?1 AND mailbox = ?2");
  s.bind(1, account).bind(2, mailbox);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return MailboxProgress{static_cast<uint32_t>(s.integer(0)), static_cast<uint32_t>(s.integer(1))};
}

bool StateStore::set_progress(const std::string& account, const std::string& mailbox, MailboxProgress p) {
  Statement s(db_,
              "INSERT INTO mailbox (account, mailbox, uidvalidity, next_uid) VALUES (?1, ?2, ?3, ?4) "
              "ON CONFLICT (account, mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, next_uid = excluded.next_uid");
  s.bind(1, account).bind(2, mailbox).bind(3, static_cast<int64_t>(p.uidvalidity)).bind(4, static_cast<int64_t>(p.next_uid));
  return s.step() == SQLITE_DONE || fail("saving mailbox progress");
}

bool StateStore::record_decision(const MessageRecord& r, bool* inserted) {
  Statement s(db_,
              "INSERT OR IGNORE INTO message (account, key, uidvalidity, uid, sender, verdict, flags, draft_message_id, "
              "step, decided_at, folder, score, model, features) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
              "?13, ?14)");
  s.bind(1, r.account).bind(2, r.key).bind(3, static_cast<int64_t>(r.uidvalidity)).bind(4, static_cast<int64_t>(r.uid));
  s.bind(5, r.sender).bind(6, r.verdict).bind(7, r.flags).bind(8, r.draft_message_id);
  s.bind(9, static_cast<int64_t>(r.step)).bind(10, r.decided_at).bind(11, r.folder).bind(12, r.score).bind(13, r.model);
  s.bind_blob(14, r.features);
  if (s.step() != SQLITE_DONE) return fail("recording a decision");
  *inserted = sqlite3_changes(db_) == 1;
  return true;
}

std::optional<MessageRecord> StateStore::message(const std::string& account, const std::string& key) {
  const std::string sql = std::string("SELECT ") + kMessageColumns + " FROM message WHERE account = ?1 AND key = ?2";
  Statement s(db_, sql.c_str());
  s.bind(1, account).bind(2, key);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return read_message(s);
}

bool StateStore::set_filed(const std::string& account, const std::string& key, const std::string& folder) {
  Statement s(db_, "UPDATE message SET folder = ?3, step = MAX(step, ?4) WHERE account = ?1 AND key = ?2");
  s.bind(1, account).bind(2, key).bind(3, folder).bind(4, static_cast<int64_t>(Step::kFiled));
  return s.step() == SQLITE_DONE || fail("recording where a message was filed");
}

bool StateStore::set_features(const std::string& account, const std::string& key, const std::string& features) {
  Statement s(db_, "UPDATE message SET features = ?3 WHERE account = ?1 AND key = ?2");
  s.bind(1, account).bind(2, key).bind_blob(3, features);
  return s.step() == SQLITE_DONE || fail("recording a message's features");
}

bool StateStore::record_correction(const CorrectionRecord& c) {
  Statement s(db_,
              "INSERT INTO correction (account, key, sender, was, label, folder, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
              "ON CONFLICT (account, key) DO UPDATE SET sender = excluded.sender, label = excluded.label, "
              "folder = excluded.folder, at = excluded.at");
  s.bind(1, c.account).bind(2, c.key).bind(3, c.sender).bind(4, c.was).bind(5, c.label).bind(6, c.folder).bind(7, c.at);
  return s.step() == SQLITE_DONE || fail("recording a correction");
}

std::vector<CorrectionRecord> StateStore::corrections(const std::string& account) {
  Statement s(db_,
              "SELECT c.account, c.key, c.sender, c.was, c.label, c.folder, c.at, COALESCE(m.features, x'') FROM correction c "
              "LEFT JOIN message m ON m.account = c.account AND m.key = c.key WHERE c.account = ?1 ORDER BY c.at, c.key");
  s.bind(1, account);
  std::vector<CorrectionRecord> out;
  while (s.step() == SQLITE_ROW)
    out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.integer(6), s.text(7)});
  return out;
}

std::optional<int> StateStore::forget_corrections(const std::string& account, const std::string& key_or_sender) {
  Statement s(db_, "DELETE FROM correction WHERE account = ?1 AND (key = ?2 OR sender = ?2 OR ?2 = '')");
  s.bind(1, account).bind(2, key_or_sender);
  if (s.step() != SQLITE_DONE) {
    fail("forgetting corrections");
    return std::nullopt;
  }
  return sqlite3_changes(db_);
}

bool StateStore::advance(const std::string& account, const std::string& key, Step step) {
  Statement s(db_, "UPDATE message SET step = ?3 WHERE account = ?1 AND key = ?2 AND step < ?3");
  s.bind(1, account).bind(2, key).bind(3, static_cast<int64_t>(step));
  return s.step() == SQLITE_DONE || fail("advancing a message");
}

std::vector<MessageRecord> StateStore::unfinished(const std::string& account) {
  const std::string sql = std::string("SELECT ") + kMessageColumns +
                          " FROM message WHERE account = ?1 AND step < ?2 ORDER BY decided_at, uid";
  Statement s(db_, sql.c_str());
  s.bind(1, account).bind(2, static_cast<int64_t>(Step::kDone));
  std::vector<MessageRecord> out;
  while (s.step() == SQLITE_ROW) out.push_back(read_message(s));
  return out;
}

bool StateStore::record_draft(const std::string& account, const std::string& sender, const std::string& id, int64_t at) {
  Statement s(db_, "INSERT OR IGNORE INTO draft (account, sender, draft_message_id, created_at) VALUES (?1, ?2, ?3, ?4)");
  s.bind(1, account).bind(2, sender).bind(3, id).bind(4, at);
  return s.step() == SQLITE_DONE || fail("recording a draft");
}

std::optional<int> StateStore::count_refusal(const std::string& account, const std::string& key) {
  Statement up(db_,
               "INSERT INTO refusal (account, key, attempts) VALUES (?1, ?2, 1) ON CONFLICT (account, key) DO UPDATE SET "
               "attempts = attempts + 1");
  up.bind(1, account).bind(2, key);
  if (up.step() != SQLITE_DONE) {
    fail("counting a refusal");
    return std::nullopt;
  }
  Statement q(db_, "SELECT attempts FROM refusal WHERE account = ?1 AND key = ?2");
  q.bind(1, account).bind(2, key);
  if (q.step() != SQLITE_ROW) {
    fail("counting a refusal");
    return std::nullopt;
  }
  return static_cast<int>(q.integer(0));
}

std::optional<int64_t> StateStore::last_draft_to(const std::string& account, const std::string& sender) {
  Statement s(db_, "SELECT created_at FROM draft WHERE account = ?1 AND sender = ?2 ORDER BY created_at DESC LIMIT 1");
  s.bind(1, account).bind(2, sender);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return s.integer(0);
}

bool StateStore::add_sent(const std::string& account, const std::string& message_id, const std::vector<std::string>& recipients,
                          int64_t at, const std::string& in_reply_to) {
  return transaction([&] {
    Statement m(db_,
                "INSERT OR IGNORE INTO sent_message (account, message_id, sent_at, in_reply_to) VALUES (?1, ?2, ?3, ?4)");
    m.bind(1, account).bind(2, message_id).bind(3, at).bind(4, in_reply_to);
    if (m.step() != SQLITE_DONE) return fail("indexing sent mail");
    for (const std::string& r : recipients) {
      Statement c(db_,
                  "INSERT INTO correspondent (account, address, last_sent_at) VALUES (?1, ?2, ?3) ON CONFLICT (account, "
                  "address) DO UPDATE SET last_sent_at = MAX(last_sent_at, excluded.last_sent_at)");
      c.bind(1, account).bind(2, r).bind(3, at);
      if (c.step() != SQLITE_DONE) return fail("indexing a correspondent");
    }
    return true;
  });
}

bool StateStore::is_own_message(const std::string& account, const std::string& message_id) {
  Statement s(db_, "SELECT 1 FROM sent_message WHERE account = ?1 AND message_id = ?2");
  s.bind(1, account).bind(2, message_id);
  return s.step() == SQLITE_ROW;
}

std::unordered_set<std::string> StateStore::own_message_ids(const std::string& account) {
  Statement s(db_, "SELECT message_id FROM sent_message WHERE account = ?1");
  s.bind(1, account);
  std::unordered_set<std::string> out;
  while (s.step() == SQLITE_ROW) out.insert(s.text(0));
  return out;
}

std::unordered_set<std::string> StateStore::correspondents(const std::string& account) {
  Statement s(db_, "SELECT address FROM correspondent WHERE account = ?1");
  s.bind(1, account);
  std::unordered_set<std::string> out;
  while (s.step() == SQLITE_ROW) out.insert(s.text(0));
  return out;
}

int StateStore::accepted_since(const std::string& account, int64_t since) {
  Statement s(db_,
              "SELECT COUNT(DISTINCT m.key) FROM message m JOIN sent_message s ON s.account = m.account AND "
              "s.in_reply_to = m.key WHERE m.account = ?1 AND m.verdict = 'welcome' AND s.sent_at >= ?2");
  s.bind(1, account).bind(2, since);
  return s.step() == SQLITE_ROW ? static_cast<int>(s.integer(0)) : 0;
}

bool StateStore::record_pass(const std::string& account, int64_t at, const std::string& error) {
  Statement s(db_, "INSERT INTO pass (account, at, error) VALUES (?1, ?2, ?3) ON CONFLICT (account) DO UPDATE SET "
                   "at = excluded.at, error = excluded.error");
  s.bind(1, account).bind(2, at).bind(3, error);
  return s.step() == SQLITE_DONE || fail("recording a pass");
}

std::optional<StateStore::PassRecord> StateStore::last_pass(const std::string& account) {
  Statement s(db_, "SELECT at, error FROM pass WHERE account = ?1");
  s.bind(1, account);
  if (s.step() != SQLITE_ROW) return std::nullopt;
  return PassRecord{s.integer(0), s.text(1)};
}

std::vector<std::pair<std::string, int>> StateStore::verdict_counts(const std::string& account, int64_t since) {
  Statement s(db_, "SELECT verdict, COUNT(*) FROM message WHERE account = ?1 AND decided_at >= ?2 GROUP BY verdict");
  s.bind(1, account).bind(2, since);
  std::vector<std::pair<std::string, int>> out;
  while (s.step() == SQLITE_ROW) out.emplace_back(s.text(0), static_cast<int>(s.integer(1)));
  return out;
}

int StateStore::drafts_since(const std::string& account, int64_t since) {
  Statement s(db_, "SELECT COUNT(*) FROM draft WHERE account = ?1 AND created_at >= ?2");
  s.bind(1, account).bind(2, since);
  return s.step() == SQLITE_ROW ? static_cast<int>(s.integer(0)) : 0;
}

bool StateStore::is_correspondent(const std::string& account, const std::string& address) {
  Statement s(db_, "SELECT 1 FROM correspondent WHERE account = ?1 AND address = ?2");
  s.bind(1, account).bind(2, address);
  return s.step() == SQLITE_ROW;
}

}  // namespace politeno::daemon
