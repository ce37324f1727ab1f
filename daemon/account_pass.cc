#include "daemon/account_pass.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "daemon/account_open.h"
#include "daemon/actions.h"
#include "daemon/corrections.h"
#include "daemon/decision_record.h"
#include "daemon/draft_for.h"
#include "daemon/sent_index.h"
#include "imap/dates.h"
#include "mail/mime_parser.h"

namespace politeno::daemon {
namespace {

// One message of the pass and what is to be done with it.
struct Item {
  MessageRecord record;
  const config::Action* action = nullptr;
  mail::Message message;
  bool held = false;  // the server refused an action: retried by a later pass
};

// How often the server may refuse to move a message before politeno gives up on filing
// it (it then stays where it is, and the log says so).
constexpr int kMaxRefusals = 3;

class Pass {
 public:
  Pass(imap::Client& client, const config::Config& config, const config::Account& account,
       const classifier::Classifier& clf, StateStore& store, const PassOptions& options,
       std::chrono::system_clock::time_point now, const Log& log)
      : c_(client), config_(config), account_(account), clf_(clf), store_(store), options_(options), now_(now),
        now_s_(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()), log_(log),
        identity_(account.identity ? *account.identity : config.identity) {}

  awaitable<PassStats> run() {
    if (!co_await prepare_folders()) co_return stats_;
    std::vector<uint32_t> uids;
    if (!co_await find_new(&uids)) co_return stats_;
    for (size_t off = 0; off < uids.size(); off += options_.batch) {
      if (options_.stop_requested && options_.stop_requested()) {
        stats_.stopped = true;
        co_return stats_;
      }
      const std::vector<uint32_t> chunk(uids.begin() + static_cast<long>(off),
                                        uids.begin() + static_cast<long>(std::min(uids.size(), off + options_.batch)));
      if (!co_await handle(chunk)) co_return stats_;
      beat();
    }
    if (!options_.dry_run) co_await settle_unfinished();
    co_return stats_;
  }

 private:
  void beat() const {
    if (options_.progress) options_.progress();
  }

  void fail(std::error_code ec, const std::string& what) {
    stats_.imap_error = ec;
    stats_.error = what + ": " + (c_.last_server_text().empty() ? ec.message() : c_.last_server_text());
    log_.error("account=" + account_.name + " error=\"" + stats_.error + "\"");
  }
  bool fail_store() {
    stats_.error = "state: " + store_.last_error();
    log_.error("account=" + account_.name + " error=\"" + stats_.error + "\"");
    return false;
  }
  // Records that the server confirmed `step` for the whole group: one transaction.
  bool advance_all(const std::vector<Item*>& group, Step step) {
    const bool ok = store_.transaction([&] {
      for (const Item* it : group)
        if (!store_.advance(account_.name, it->record.key, step)) return false;
      return true;
    });
    if (!ok) return fail_store();
    for (Item* it : group) it->record.step = step;
    return true;
  }

  // Records that the server confirmed the move of the whole group into `folder`.
  bool filed_all(const std::vector<Item*>& group, const std::string& folder) {
    const bool ok = store_.transaction([&] {
      for (const Item* it : group)
        if (!store_.set_filed(account_.name, it->record.key, folder)) return false;
      return true;
    });
    if (!ok) return fail_store();
    for (Item* it : group) it->record.step = Step::kFiled;
    return true;
  }

  // Drafts found by SPECIAL-USE (or name), target folders created when missing, and the
  // Sent folder indexed for rapport.
  awaitable<bool> prepare_folders() {
    auto boxes = co_await c_.list();
    if (boxes.ec) {
      fail(boxes.ec, "LIST failed");
      co_return false;
    }
    drafts_ = account_.drafts;
    if (drafts_ == "auto") {
      auto found = imap::Client::find_special(boxes.value, "\\Drafts", "Drafts");
      drafts_ = found ? found->name : "Drafts";
    }
    if (!options_.dry_run) {
      std::set<std::string> wanted = {drafts_};
      for (const config::Action* a : {&config_.actions.not_request, &config_.actions.welcome,
                                      &config_.actions.decline_later, &config_.actions.decline})
        if (!a->folder.empty()) wanted.insert(a->folder);
      for (const std::string& f : wanted) {
        bool exists = false;
        for (const auto& m : boxes.value) exists |= m.name == f;
        if (exists) continue;
        const std::error_code created = co_await c_.create(f);
        if (created) {
          fail(created, "cannot create folder " + f);
          co_return false;
        }
      }
    }
    const std::string sent = sent_folder(account_, boxes.value);
    if (!sent.empty()) {
      const std::error_code indexed = co_await index_sent(c_, account_.name, sent, store_, options_.dry_run, now_s_);
      // Without its Sent folder the pass still runs; rapport is merely not refreshed.
      if (indexed) log_.warning("account=" + account_.name + " warning=\"cannot index " + sent + ": " + indexed.message() + "\"");
    }
    // The owner's corrections since the last pass, then what all of them teach.
    ScanOptions scan;
    scan.dry_run = options_.dry_run;
    scan.fetch_bytes = options_.fetch_bytes;
    scan.now = now_s_;
    for (const auto& m : boxes.value) scan.existing.insert(m.name);
    if (!options_.dry_run)
      for (const config::Action* a : {&config_.actions.not_request, &config_.actions.welcome,
                                      &config_.actions.decline_later, &config_.actions.decline})
        if (!a->folder.empty()) scan.existing.insert(a->folder);  // created above
    const ScanResult scanned = co_await scan_folders(c_, config_, account_, clf_, store_, scan, log_);
    if (!scanned.error.empty()) {
      if (scanned.ec) {
        fail(scanned.ec, scanned.error);
      } else {
        stats_.error = scanned.error;
        log_.error("account=" + account_.name + " error=\"" + stats_.error + "\"");
      }
      co_return false;
    }
    stats_.corrections += scanned.corrections;
    learning_ = owner_learning(store_, account_.name, clf_);
    own_ids_ = store_.own_message_ids(account_.name);
    correspondents_ = store_.correspondents(account_.name);
    ctx_.learned = learning_.corrections > 0 ? &learning_ : nullptr;
    ctx_.today = std::chrono::floor<std::chrono::days>(now_);
    ctx_.own_message_ids = &own_ids_;
    ctx_.correspondents = &correspondents_;
    ctx_.accepted_last_7_days = store_.accepted_since(account_.name, now_s_ - 7 * 86400);
    co_return true;
  }

  // Selects the inbox and finds the UIDs above the progress mark (the backfill window
  // on a first run or after a UIDVALIDITY change).
  awaitable<bool> find_new(std::vector<uint32_t>* uids) {
    auto selected = co_await c_.select(account_.inbox, options_.dry_run);
    if (selected.ec) {
      fail(selected.ec, "cannot open " + account_.inbox);
      co_return false;
    }
    uidvalidity_ = selected.value.uidvalidity;
    std::optional<MailboxProgress> progress = store_.progress(account_.name, account_.inbox);
    uint32_t start = progress ? progress->next_uid : 1;
    if (!progress || progress->uidvalidity != uidvalidity_) {
      // A first run, or UIDVALIDITY changed (UIDs mean nothing now): look at the backfill
      // window only; decisions are keyed by Message-ID, so nothing is done twice.
      start = 1;
      if (options_.backfill_days > 0) {
        const std::string since = "SINCE " + imap::search_date(now_ - std::chrono::hours(24 * options_.backfill_days));
        auto recent = co_await c_.uid_search(since);
        if (recent.ec) {
          fail(recent.ec, "UID SEARCH failed");
          co_return false;
        }
        start = recent.value.empty() ? std::max<uint32_t>(selected.value.uidnext, 1) : recent.value.front();
      }
      if (!options_.dry_run && !store_.set_progress(account_.name, account_.inbox, {uidvalidity_, start}))
        co_return fail_store();
    }
    if (MailboxProgress* dry = options_.dry_run ? options_.dry_run_progress : nullptr; dry && dry->uidvalidity == uidvalidity_)
      start = std::max(start, dry->next_uid);
    stats_.next_uid = start;
    if (selected.value.uidnext != 0 && start >= selected.value.uidnext) co_return true;  // nothing new
    const std::string range = "UID " + std::to_string(start) + ":*";
    auto found = co_await c_.uid_search(range);
    if (found.ec) {
      fail(found.ec, "UID SEARCH failed");
      co_return false;
    }
    for (uint32_t u : found.value)
      if (u >= start) uids->push_back(u);  // "n:*" always includes the last message
    co_return true;
  }

  awaitable<bool> handle(const std::vector<uint32_t>& chunk) {
    auto fetched = co_await c_.uid_fetch(chunk, options_.fetch_bytes);
    if (fetched.ec) {
      fail(fetched.ec, "UID FETCH failed");
      co_return false;
    }
    // The batch's decisions are committed together, before anything is done about them.
    std::vector<Item> items;
    auto decide_all = [&] {
      for (imap::FetchedMessage& f : fetched.value)
        if (!decide(f, &items)) return false;
      return true;
    };
    if (!(options_.dry_run ? decide_all() : store_.transaction(decide_all))) {
      if (stats_.error.empty()) fail_store();
      co_return false;
    }
    stats_.next_uid = chunk.back() + 1;
    if (options_.dry_run) {
      if (options_.dry_run_progress) *options_.dry_run_progress = {uidvalidity_, chunk.back() + 1};
      co_return true;
    }
    if (!co_await make_drafts(items)) co_return false;
    if (!co_await set_keywords(items)) co_return false;
    if (!co_await file(items)) co_return false;
    // The progress mark never passes a message held back: the next pass starts there
    // (what is done after it is skipped quickly; decisions are kept).
    for (const Item& it : items)
      if (it.held && (!held_at_ || it.record.uid < *held_at_)) held_at_ = it.record.uid;
    const bool done = store_.transaction([&] {
      for (Item& it : items)
        if (!it.held && !store_.advance(account_.name, it.record.key, Step::kDone)) return false;
      return store_.set_progress(account_.name, account_.inbox, {uidvalidity_, held_at_.value_or(chunk.back() + 1)});
    });
    if (!done) co_return fail_store();
    co_return true;
  }

  // 1. The decision, recorded before anything is done about it (or resumed when recorded before).
  bool decide(const imap::FetchedMessage& f, std::vector<Item>* items) {
    Item it;
    it.message = mail::parse_message(f.prefix);
    const classifier::Decision d = clf_.classify(it.message, ctx_);
    MessageRecord r = decision_record(it.message, d, clf_);
    r.account = account_.name;
    r.uidvalidity = uidvalidity_;
    r.uid = f.uid;
    r.decided_at = now_s_;
    const config::Action& action = action_for(config_, d.verdict);
    bool draft = action.draft != config::DraftTemplate::kNone && !d.bulk && !r.sender.empty();
    if (draft && config_.reply.draft_once_per_days > 0) {
      const auto last = store_.last_draft_to(account_.name, r.sender);
      if (last && now_s_ - *last < int64_t{config_.reply.draft_once_per_days} * 86400) draft = false;
      // Drafts are recorded when made, after the batch is decided: two requests from one
      // sender in the same pass must not both plan one.
      if (draft && !drafted_senders_.insert(r.sender).second) draft = false;
    }
    if (draft) r.draft_message_id = reply::draft_message_id(it.message, draft_domain(identity_));
    seen_keys_.insert(r.key);
    if (!options_.dry_run) {
      bool inserted = false;
      if (!store_.record_decision(r, &inserted)) return fail_store();
      if (!inserted) {  // decided before (a crash, a UIDVALIDITY change, or the owner moved it back)
        MessageRecord before = *store_.message(account_.name, r.key);
        if (before.step == Step::kDone) {
          // Filed by politeno (or the owner), and in the inbox again: the owner took it
          // back - a correction. It is never moved again; nothing else to say.
          if (!before.folder.empty() && !rescue(before, r)) return false;
          return true;
        }
        before.uid = f.uid;
        r = before;
        ++stats_.resumed;
      } else {
        ++stats_.decided;
      }
    } else {
      ++stats_.decided;
    }
    it.action = &action_for(config_, r.verdict);
    std::string what = it.action->folder.empty() ? "keep" : "move to " + it.action->folder;
    if (!r.draft_message_id.empty()) what += ", draft";
    char p[16];
    std::snprintf(p, sizeof p, "%.2f", r.score);
    std::string why;
    for (const classifier::Why& w : d.why) {
      char part[160];
      std::snprintf(part, sizeof part, "%s%s %+.2f", why.empty() ? "" : ", ", w.feature.c_str(), w.weight);
      why += part;
    }
    log_.info("account=" + account_.name + " message_id=<" + r.key + "> from=" + r.sender + " verdict=" + r.verdict +
              " flags=" + (r.flags.empty() ? "-" : r.flags) + " p_request=" + p + " why=\"" + why + "\" action=\"" + what +
              "\"" + (options_.dry_run ? " dry_run" : ""));
    it.record = std::move(r);
    items->push_back(std::move(it));
    return true;
  }

  // The owner moved a message politeno had filed back to the inbox: remembered as
  // theirs to keep (their sender is no stranger now), inside the batch's transaction.
  bool rescue(const MessageRecord& before, const MessageRecord& now) {
    const CorrectionRecord c{account_.name, before.key, now.sender, before.verdict, "kept", account_.inbox, now_s_, ""};
    if (!store_.record_correction(c) || !store_.set_filed(account_.name, before.key, "") ||
        !store_.set_features(account_.name, before.key, now.features))
      return fail_store();
    ++stats_.corrections;
    log_.info("account=" + account_.name + " message_id=<" + before.key + "> from=" + now.sender +
              " correction=kept was=" + before.verdict + " action=\"learned: you moved it back from " + before.folder +
              "; it stays in " + account_.inbox + "\"");
    return true;
  }

  // 2. Drafts: each only if Drafts has none with its Message-ID.
  awaitable<bool> make_drafts(std::vector<Item>& items) {
    bool needed = false;
    for (const Item& it : items) needed |= !it.record.draft_message_id.empty() && it.record.step < Step::kDrafted;
    if (!needed) co_return true;
    auto ex = co_await c_.select(drafts_, true);
    if (ex.ec) {
      fail(ex.ec, "cannot open " + drafts_);
      co_return false;
    }
    for (Item& it : items) {
      if (it.record.draft_message_id.empty() || it.record.step >= Step::kDrafted) continue;
      const std::string query = "HEADER Message-ID \"" + it.record.draft_message_id + "\"";
      auto existing = co_await c_.uid_search(query);
      if (existing.ec) {
        fail(existing.ec, "searching " + drafts_ + " failed");
        co_return false;
      }
      if (existing.value.empty()) {
        const reply::Draft draft = draft_for(config_, identity_, *it.action, it.message, now_);
        const std::vector<std::string> draft_flags(1, "\\Draft");
        auto appended = co_await c_.append(drafts_, draft_flags, draft.bytes);
        if (appended.ec && imap::retry_policy(appended.ec) != imap::RetryPolicy::kRetryCommand) {
          fail(appended.ec, "APPEND to " + drafts_ + " failed");
          co_return false;
        }
        if (appended.ec) {
          // The server refused this draft (NO: over quota, say). Holding the request back
          // would hold every later message with it: it is filed without a draft, and said.
          log_.error("account=" + account_.name + " message_id=<" + it.record.key + "> error=\"draft not saved: " +
                     (c_.last_server_code().empty() ? "" : "[" + c_.last_server_code() + "] ") + c_.last_server_text() +
                     "\" action=\"filed without a draft; answer it yourself\"");
          ++stats_.drafts_refused;
          if (!advance_all({&it}, Step::kDrafted)) co_return false;
          continue;
        }
        ++stats_.drafted;
      }
      if (!store_.transaction([&] {
            return store_.record_draft(account_.name, it.record.sender, it.record.draft_message_id, now_s_) &&
                   store_.advance(account_.name, it.record.key, Step::kDrafted);
          }))
        co_return fail_store();
      it.record.step = Step::kDrafted;
    }
    auto back = co_await c_.select(account_.inbox, false);
    if (back.ec || back.value.uidvalidity != uidvalidity_) {
      fail(back.ec ? back.ec : std::error_code(imap::Errc::kProtocol), "cannot reopen " + account_.inbox);
      co_return false;
    }
    beat();
    co_return true;
  }

  // 3. Keywords, batched per keyword list. A server that refuses keywords (NO/BAD) must
  // not stop the filing: it is said, and the pass goes on.
  awaitable<bool> set_keywords(std::vector<Item>& items) {
    std::map<std::vector<std::string>, std::vector<Item*>> by_keywords;
    for (Item& it : items)
      if (it.record.step < Step::kFlagged && !it.action->keywords.empty()) by_keywords[it.action->keywords].push_back(&it);
    for (auto& [keywords, group] : by_keywords) {
      std::vector<uint32_t> group_uids;
      for (Item* it : group) group_uids.push_back(it->record.uid);
      const std::error_code stored = co_await c_.uid_store(group_uids, true, keywords);
      if (stored && imap::retry_policy(stored) != imap::RetryPolicy::kRetryCommand) {
        fail(stored, "UID STORE failed");
        co_return false;
      }
      if (stored) log_.warning("account=" + account_.name + " warning=\"keywords not set: " + c_.last_server_text() + "\"");
      if (!advance_all(group, Step::kFlagged)) co_return false;
      stats_.flagged += group.size();
    }
    co_return true;
  }

  // 4. Moves, batched per folder.
  awaitable<bool> file(std::vector<Item>& items) {
    std::map<std::string, std::vector<Item*>> by_folder;
    for (Item& it : items)
      if (it.record.step < Step::kFiled && !it.action->folder.empty()) by_folder[it.action->folder].push_back(&it);
    for (auto& [folder, group] : by_folder) {
      std::vector<uint32_t> group_uids;
      for (Item* it : group) group_uids.push_back(it->record.uid);
      const std::error_code moved = co_await c_.uid_move(group_uids, folder);
      if (moved && imap::retry_policy(moved) != imap::RetryPolicy::kRetryCommand) {
        fail(moved, "moving to " + folder + " failed");
        co_return false;
      }
      if (moved) {  // refused (NO/BAD): find the message the server will not move
        if (!co_await file_one_by_one(group, folder)) co_return false;
        continue;
      }
      if (!filed_all(group, folder)) co_return false;
      stats_.moved += group.size();
      beat();
    }
    co_return true;
  }

  // A move the server refused, retried a message at a time: the others are filed; a
  // refused one is held for a later pass, and after kMaxRefusals left where it is.
  awaitable<bool> file_one_by_one(const std::vector<Item*>& group, const std::string& folder) {
    for (Item* it : group) {
      const std::vector<uint32_t> one(1, it->record.uid);
      const std::error_code moved = co_await c_.uid_move(one, folder);
      if (moved && imap::retry_policy(moved) != imap::RetryPolicy::kRetryCommand) {
        fail(moved, "moving to " + folder + " failed");
        co_return false;
      }
      if (!moved) {
        if (!filed_all({it}, folder)) co_return false;
        ++stats_.moved;
        continue;
      }
      const std::string reason =
          (c_.last_server_code().empty() ? "" : "[" + c_.last_server_code() + "] ") + c_.last_server_text();
      const std::optional<int> refusals = store_.count_refusal(account_.name, it->record.key);
      if (!refusals) co_return fail_store();
      const std::string head = "account=" + account_.name + " message_id=<" + it->record.key + "> error=\"move to " +
                               folder + " refused: " + reason + "\" ";
      if (*refusals < kMaxRefusals) {
        log_.error(head + "action=\"retried by the next pass (" + std::to_string(*refusals) + " of " +
                   std::to_string(kMaxRefusals) + ")\"");
        it->held = true;
        ++stats_.held;
      } else {
        log_.error(head + "action=\"given up after " + std::to_string(kMaxRefusals) + " refusals; it stays in " +
                   account_.inbox + "\"");
        if (!advance_all({it}, Step::kFiled)) co_return false;
        ++stats_.given_up;
      }
    }
    beat();
    co_return true;
  }

  // Records left unfinished by a crash right after their move: gone from the inbox now.
  // Only a real Message-ID proves absence.
  awaitable<void> settle_unfinished() {
    for (const MessageRecord& r : store_.unfinished(account_.name)) {
      if (seen_keys_.count(r.key) || r.key.rfind("no-message-id.", 0) == 0) continue;
      const std::string query = "HEADER Message-ID \"" + r.key + "\"";
      auto still = co_await c_.uid_search(query);
      if (still.ec || !still.value.empty()) continue;
      // Gone from the inbox: the move went through. Where to is what its verdict says.
      const std::string& folder = action_for(config_, r.verdict).folder;
      store_.transaction([&] {
        return (folder.empty() || store_.set_filed(account_.name, r.key, folder)) &&
               store_.advance(account_.name, r.key, Step::kDone);
      });
    }
  }

  imap::Client& c_;
  const config::Config& config_;
  const config::Account& account_;
  const classifier::Classifier& clf_;
  StateStore& store_;
  const PassOptions& options_;
  const std::chrono::system_clock::time_point now_;
  const int64_t now_s_;
  const Log& log_;
  const config::Identity& identity_;
  PassStats stats_;
  std::string drafts_;
  uint32_t uidvalidity_ = 0;
  std::unordered_set<std::string> own_ids_, correspondents_;
  classifier::Context ctx_;
  std::set<std::string> seen_keys_;
  std::set<std::string> drafted_senders_;  // senders this pass planned a draft for
  classifier::OwnerLearning learning_;     // what the owner's corrections teach
  std::optional<uint32_t> held_at_;        // the lowest UID held back by a refusal
};

}  // namespace

awaitable<PassStats> run_pass(imap::Client& client, const config::Config& config, const config::Account& account,
                              const classifier::Classifier& clf, StateStore& store, const PassOptions& options,
                              std::chrono::system_clock::time_point now, const Log& log) {
  Pass pass(client, config, account, clf, store, options, now, log);
  const size_t trips_before = client.round_trips();
  PassStats stats = co_await pass.run();
  stats.round_trips = client.round_trips() - trips_before;
  co_return stats;
}

awaitable<PassStats> run_account_pass(imap::CurlMulti& multi, const config::Config& config,
                                      const config::Account& account, const classifier::Classifier& clf, StateStore& store,
                                      const PassOptions& options, std::chrono::system_clock::time_point now,
                                      const Log& log) {
  AccountOpen opened = co_await open_account(multi, account);
  if (opened.ec) {
    PassStats stats;
    stats.error = opened.detail;
    stats.imap_error = opened.ec;
    log.error("account=" + account.name + " error=\"" + opened.detail + "\"");
    co_return stats;
  }
  PassStats stats = co_await run_pass(*opened.client, config, account, clf, store, options, now, log);
  co_await opened.client->logout();
  co_return stats;
}

}  // namespace politeno::daemon
