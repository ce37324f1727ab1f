#include "daemon/account_pass.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

#include "mail/mime_parser.h"
#include "reply/composer.h"
#include "reply/templates.h"

namespace politeno::daemon {
namespace {



// One message of the pass and what is to be done with it.
struct Item {
  MessageRecord record;
  const config::Action* action = nullptr;
  mail::Message message;
};

const config::Action& action_for(const config::Config& c, classifier::Verdict v) {
  switch (v) {
    case classifier::Verdict::kWelcome: return c.actions.welcome;
    case classifier::Verdict::kDeclineLater: return c.actions.decline_later;
    case classifier::Verdict::kDecline: return c.actions.decline;
    case classifier::Verdict::kNotRequest: break;
  }
  return c.actions.not_request;
}

const config::Action& action_for(const config::Config& c, const std::string& verdict) {
  return action_for(c, classifier::parse_verdict(verdict).value_or(classifier::Verdict::kNotRequest));
}

std::string message_key(const mail::Message& m) {
  if (!m.message_id.empty()) return m.message_id;
  // No Message-ID: what identifies the message instead (stable across UIDVALIDITY).
  uint64_t h = 1469598103934665603ull;
  for (char c : m.from_address().normalized() + "\n" + m.date + "\n" + m.subject) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "no-message-id.%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// IMAP SEARCH date ("1-Feb-1994") for `days` before `now`.
std::string search_date(std::chrono::system_clock::time_point now, int days) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now - std::chrono::hours(24 * days));
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d-%s-%04d", tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900);
  return buf;
}

// INTERNALDATE ("17-Jul-1996 02:44:25 -0700") to Unix seconds; `fallback` when malformed.
int64_t internaldate_seconds(const std::string& s, int64_t fallback) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int day = 0, year = 0, hh = 0, mm = 0, ss = 0, zone = 0;
  char mon[4] = {};
  char sign = '+';
  if (std::sscanf(s.c_str(), " %d-%3s-%d %d:%d:%d %c%d", &day, mon, &year, &hh, &mm, &ss, &sign, &zone) != 8) return fallback;
  int month = -1;
  for (int i = 0; i < 12; ++i)
    if (std::string(mon) == kMonths[i]) month = i;
  if (month < 0 || day < 1 || day > 31 || year < 1970) return fallback;
  const auto days = std::chrono::sys_days(std::chrono::year(year) / (month + 1) / day).time_since_epoch().count();
  const int64_t offset = (zone / 100 * 3600 + zone % 100 * 60) * (sign == '-' ? -1 : 1);
  return int64_t{days} * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

std::string flags_text(const classifier::Decision& d) {
  std::string out;
  for (classifier::Flag f : d.flags) out += (out.empty() ? "" : ",") + std::string(classifier::to_string(f));
  return out;
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  return s;
}

}  // namespace

awaitable<PassStats> run_account_pass(imap::CurlMulti& multi, asio::thread_pool& secrets, const config::Config& config,
                                      const config::Account& account, const classifier::Classifier& clf, StateStore& store,
                                      PassOptions options, std::chrono::system_clock::time_point now, const LogLine& log) {
  PassStats stats;
  const config::Identity& identity = account.identity ? *account.identity : config.identity;
  imap::AccountOpen opened = co_await imap::open_account(multi, secrets, account);
  if (opened.ec) {
    stats.error = opened.detail;
    log("account=" + account.name + " error=\"" + one_line(opened.detail) + "\"");
    co_return stats;
  }
  imap::Client& c = *opened.client;
  auto fail = [&](const std::string& what) {
    stats.error = what + ": " + c.last_server_text();
    log("account=" + account.name + " error=\"" + one_line(stats.error) + "\"");
  };

  // Folders: Drafts found by SPECIAL-USE (or name), targets created when missing.
  auto boxes = co_await c.list();
  if (boxes.ec) {
    fail("LIST failed");
    co_return stats;
  }
  std::string drafts = account.drafts;
  if (drafts == "auto") {
    auto found = imap::Client::find_special(boxes.value, "\\Drafts", "Drafts");
    drafts = found ? found->name : "Drafts";
  }
  if (!options.dry_run) {
    std::set<std::string> wanted = {drafts};
    for (const config::Action* a : {&config.actions.not_request, &config.actions.welcome, &config.actions.decline_later,
                                    &config.actions.decline})
      if (!a->folder.empty()) wanted.insert(a->folder);
    for (const std::string& f : wanted) {
      bool exists = false;
      for (const auto& m : boxes.value) exists |= m.name == f;
      if (exists) continue;
      const std::error_code created = co_await c.create(f);
      if (created) {
        fail("cannot create folder " + f);
        co_return stats;
      }
    }
  }

  // Rapport from the Sent folder, indexed incrementally: who the user wrote to, which
  // Message-IDs are theirs, which requests they answered.
  const int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  {
    std::string sent = account.sent;
    if (sent == "auto") {
      auto found_sent = imap::Client::find_special(boxes.value, "\\Sent", "Sent");
      sent = found_sent ? found_sent->name : "";
    }
    imap::Result<imap::SelectInfo> opened_sent;
    opened_sent.ec = imap::Errc::kUnsupported;  // no Sent folder: no rapport to index
    if (!sent.empty()) opened_sent = co_await c.select(sent, true);
    if (!opened_sent.ec) {
      const auto sent_progress = store.progress(account.name, sent);
      const uint32_t from = sent_progress && sent_progress->uidvalidity == opened_sent.value.uidvalidity ? sent_progress->next_uid : 1;
      const std::string sent_range = "UID " + std::to_string(from) + ":*";
      auto sent_uids = co_await c.uid_search(sent_range);
      std::vector<uint32_t> todo;
      for (uint32_t u : sent_uids.value)
        if (u >= from) todo.push_back(u);
      if (!todo.empty()) {
        auto sent_msgs = co_await c.uid_fetch(todo, 16 * 1024);  // the header is enough
        for (const imap::FetchedMessage& f : sent_msgs.value) {
          const mail::Message m = mail::parse_message(f.prefix);
          if (m.message_id.empty() || options.dry_run) continue;
          std::vector<std::string> rcpts;
          for (const auto* list : {&m.to, &m.cc})
            for (const mail::Address& a : *list) rcpts.push_back(a.normalized());
          store.add_sent(account.name, m.message_id, rcpts, internaldate_seconds(f.internaldate, now_s), m.in_reply_to);
        }
        if (!options.dry_run) store.set_progress(account.name, sent, {opened_sent.value.uidvalidity, todo.back() + 1});
      }
    }
  }
  const std::unordered_set<std::string> own_ids = store.own_message_ids(account.name);
  const std::unordered_set<std::string> correspondents = store.correspondents(account.name);

  auto selected = co_await c.select(account.inbox, options.dry_run);
  if (selected.ec) {
    fail("cannot open " + account.inbox);
    co_return stats;
  }
  const uint32_t uidvalidity = selected.value.uidvalidity;
  std::optional<MailboxProgress> progress = store.progress(account.name, account.inbox);
  uint32_t start = progress ? progress->next_uid : 1;
  if (!progress || progress->uidvalidity != uidvalidity) {
    // A first run, or UIDVALIDITY changed (UIDs mean nothing now): look at the backfill
    // window only; decisions are keyed by Message-ID, so nothing is done twice.
    start = 1;
    if (options.backfill_days > 0) {
      const std::string since = "SINCE " + search_date(now, options.backfill_days);
      auto recent = co_await c.uid_search(since);
      start = recent.value.empty() ? std::max<uint32_t>(selected.value.uidnext, 1) : recent.value.front();
    }
    if (!options.dry_run && !store.set_progress(account.name, account.inbox, {uidvalidity, start})) {
      stats.error = store.last_error();
      co_return stats;
    }
  }

  const std::string range = "UID " + std::to_string(start) + ":*";
  auto found = co_await c.uid_search(range);
  if (found.ec) {
    fail("UID SEARCH failed");
    co_return stats;
  }
  std::vector<uint32_t> uids;
  for (uint32_t u : found.value)
    if (u >= start) uids.push_back(u);  // "n:*" always includes the last message

  classifier::Context ctx;
  ctx.today = std::chrono::floor<std::chrono::days>(now);
  ctx.own_message_ids = &own_ids;
  ctx.correspondents = &correspondents;
  ctx.accepted_last_7_days = store.accepted_since(account.name, now_s - 7 * 86400);
  std::set<std::string> seen_keys;

  for (size_t off = 0; off < uids.size(); off += options.batch) {
    const std::vector<uint32_t> chunk(uids.begin() + static_cast<long>(off),
                                      uids.begin() + static_cast<long>(std::min(uids.size(), off + options.batch)));
    auto fetched = co_await c.uid_fetch(chunk, options.fetch_bytes);
    if (fetched.ec) {
      fail("UID FETCH failed");
      co_return stats;
    }
    std::vector<Item> items;
    for (imap::FetchedMessage& f : fetched.value) {
      Item it;
      it.message = mail::parse_message(f.prefix);
      const classifier::Decision d = clf.classify(it.message, ctx);
      MessageRecord r;
      r.account = account.name;
      r.key = message_key(it.message);
      r.uidvalidity = uidvalidity;
      r.uid = f.uid;
      r.sender = it.message.from_address().normalized();
      r.verdict = std::string(classifier::to_string(d.verdict));
      r.flags = flags_text(d);
      r.decided_at = now_s;
      const config::Action& action = action_for(config, d.verdict);
      bool draft = action.draft != config::DraftTemplate::kNone && !d.bulk && !r.sender.empty();
      if (draft && config.reply.draft_once_per_days > 0) {
        const auto last = store.last_draft_to(account.name, r.sender);
        if (last && now_s - *last < int64_t{config.reply.draft_once_per_days} * 86400) draft = false;
      }
      if (draft) r.draft_message_id = reply::draft_message_id(it.message, identity.addresses.front().substr(identity.addresses.front().rfind('@') + 1));
      seen_keys.insert(r.key);
      if (!options.dry_run) {
        bool inserted = false;
        if (!store.record_decision(r, &inserted)) {
          stats.error = store.last_error();
          co_return stats;
        }
        if (!inserted) {  // decided before (a crash, or a UIDVALIDITY change): resume it
          MessageRecord before = *store.message(account.name, r.key);
          before.uid = f.uid;
          r = before;
          ++stats.resumed;
        } else {
          ++stats.decided;
        }
      } else {
        ++stats.decided;
      }
      it.action = &action_for(config, r.verdict);
      std::string what = it.action->folder.empty() ? "keep" : "move to " + it.action->folder;
      if (!r.draft_message_id.empty()) what += ", draft";
      log("account=" + account.name + " message_id=<" + one_line(r.key) + "> from=" + one_line(r.sender) +
          " verdict=" + r.verdict + " flags=" + (r.flags.empty() ? "-" : r.flags) + " action=\"" + what + "\"" +
          (options.dry_run ? " dry_run" : ""));
      it.record = std::move(r);
      items.push_back(std::move(it));
    }
    if (options.dry_run) continue;

    // 2. Drafts: each only if Drafts has none with its Message-ID.
    bool need_drafts = false;
    for (const Item& it : items) need_drafts |= !it.record.draft_message_id.empty() && it.record.step < Step::kDrafted;
    if (need_drafts) {
      auto ex = co_await c.select(drafts, true);
      if (ex.ec) {
        fail("cannot open " + drafts);
        co_return stats;
      }
      for (Item& it : items) {
        if (it.record.draft_message_id.empty() || it.record.step >= Step::kDrafted) continue;
        const std::string query = "HEADER Message-ID \"" + it.record.draft_message_id + "\"";
        auto existing = co_await c.uid_search(query);
        if (existing.ec) {
          fail("searching Drafts failed");
          co_return stats;
        }
        if (existing.value.empty()) {
          reply::TemplateValues v;
          v.first_name = mail::first_name(it.message.from_address());
          v.sender_name = it.message.from_address().name;
          v.my_name = identity.name;
          v.resources = config.reply.resources;
          v.next_event = config.reply.next_event;
          v.signature = config.reply.signature;
          const config::Action& a = *it.action;
          const reply::TemplateKind kind = a.draft == config::DraftTemplate::kOpenToFuture ? reply::TemplateKind::kOpenToFuture
                                                                                           : reply::TemplateKind::kDecline;
          reply::DraftInput in;
          in.original = &it.message;
          in.from_name = identity.name;
          in.from_address = identity.addresses.front();
          for (const mail::Address& rcpt : it.message.to)
            for (const std::string& own : identity.addresses)
              if (rcpt.normalized() == own) in.from_address = own;
          in.body = reply::render_template(reply::template_text(config, kind), v);
          in.quote_original = config.reply.quote_original;
          in.now = now;
          const reply::Draft draft = reply::compose_draft(in);
          const std::vector<std::string> draft_flags(1, "\\Draft");
          auto appended = co_await c.append(drafts, draft_flags, draft.bytes);
          if (appended.ec) {
            fail("APPEND to " + drafts + " failed");
            co_return stats;
          }
          ++stats.drafted;
        }
        if (!store.transaction([&] {
              return store.record_draft(account.name, it.record.sender, it.record.draft_message_id, now_s) &&
                     store.advance(account.name, it.record.key, Step::kDrafted);
            })) {
          stats.error = store.last_error();
          co_return stats;
        }
        it.record.step = Step::kDrafted;
      }
      auto back = co_await c.select(account.inbox, false);
      if (back.ec || back.value.uidvalidity != uidvalidity) {
        fail("cannot reopen " + account.inbox);
        co_return stats;
      }
    }

    // 3. Keywords, batched per keyword list.
    std::map<std::vector<std::string>, std::vector<Item*>> by_keywords;
    for (Item& it : items)
      if (it.record.step < Step::kFlagged && !it.action->keywords.empty()) by_keywords[it.action->keywords].push_back(&it);
    for (auto& [keywords, group] : by_keywords) {
      std::vector<uint32_t> group_uids;
      for (Item* it : group) group_uids.push_back(it->record.uid);
      const std::error_code stored = co_await c.uid_store(group_uids, true, keywords);
      if (stored && imap::retry_policy(stored) != imap::RetryPolicy::kRetryCommand) {
        fail("UID STORE failed");
        co_return stats;
      }
      // A server that refuses keywords (NO/BAD) must not stop the filing: say so, go on.
      if (stored) log("account=" + account.name + " warning=\"keywords not set: " + one_line(c.last_server_text()) + "\"");
      for (Item* it : group) {
        if (!store.advance(account.name, it->record.key, Step::kFlagged)) {
          stats.error = store.last_error();
          co_return stats;
        }
        it->record.step = Step::kFlagged;
        ++stats.flagged;
      }
    }

    // 4. Moves, batched per folder; then everything in the chunk is done.
    std::map<std::string, std::vector<Item*>> by_folder;
    for (Item& it : items)
      if (it.record.step < Step::kFiled && !it.action->folder.empty()) by_folder[it.action->folder].push_back(&it);
    for (auto& [folder, group] : by_folder) {
      std::vector<uint32_t> group_uids;
      for (Item* it : group) group_uids.push_back(it->record.uid);
      const std::error_code moved = co_await c.uid_move(group_uids, folder);
      if (moved) {
        fail("moving to " + folder + " failed");
        co_return stats;
      }
      for (Item* it : group) {
        if (!store.advance(account.name, it->record.key, Step::kFiled)) {
          stats.error = store.last_error();
          co_return stats;
        }
        it->record.step = Step::kFiled;
        ++stats.moved;
      }
    }
    const bool done = store.transaction([&] {
      for (Item& it : items)
        if (!store.advance(account.name, it.record.key, Step::kDone)) return false;
      return store.set_progress(account.name, account.inbox, {uidvalidity, chunk.back() + 1});
    });
    if (!done) {
      stats.error = store.last_error();
      co_return stats;
    }
  }

  // Records left unfinished by a crash right after their move: gone from the inbox now.
  if (!options.dry_run) {
    for (const MessageRecord& r : store.unfinished(account.name)) {
      if (seen_keys.count(r.key) || r.key.rfind("no-message-id.", 0) == 0) continue;  // only a real Message-ID proves absence
      const std::string query = "HEADER Message-ID \"" + r.key + "\"";
      auto still = co_await c.uid_search(query);
      if (!still.ec && still.value.empty()) store.advance(account.name, r.key, Step::kDone);
    }
  }
  co_await c.logout();
  co_return stats;
}

}  // namespace politeno::daemon
