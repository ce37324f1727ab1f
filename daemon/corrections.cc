#include "daemon/corrections.h"

#include <algorithm>
#include <map>

#include "classifier/feature_codec.h"
#include "daemon/actions.h"
#include "daemon/decision_record.h"
#include "mail/mime_parser.h"

namespace politeno::daemon {
namespace {

// A header is rarely longer; a longer one is cut, which still holds the Message-ID
// near its top in practice, and a message without one is keyed by From/Date/Subject.
constexpr size_t kHeaderBytes = 64 * 1024;

struct Arrival {
  uint32_t uid = 0;
  std::string key;
  std::optional<MessageRecord> record;
};

}  // namespace

awaitable<ScanResult> scan_folders(imap::Client& c, const config::Config& config, const config::Account& account,
                                   const classifier::Classifier& clf, StateStore& store, const ScanOptions& o,
                                   const Log& log) {
  ScanResult out;
  std::map<std::string, classifier::Verdict> folders;  // each folder once, in a stable order
  for (classifier::Verdict v : {classifier::Verdict::kDecline, classifier::Verdict::kDeclineLater,
                                classifier::Verdict::kWelcome, classifier::Verdict::kNotRequest}) {
    const std::string& f = action_for(config, v).folder;
    if (!f.empty() && f != account.inbox) folders.emplace(f, v);
  }
  for (const auto& [folder, verdict] : folders) {
    if (!o.existing.count(folder)) continue;
    auto sel = co_await c.select(folder, true);
    if (sel.ec) {
      out.ec = sel.ec;
      out.error = "cannot look into " + folder;
      co_return out;
    }
    const std::optional<MailboxProgress> seen = store.progress(account.name, folder);
    const uint32_t uidnext = std::max<uint32_t>(sel.value.uidnext, 1);
    if (!seen || seen->uidvalidity != sel.value.uidvalidity) {
      // The first look (or the server renumbered the folder): start watching from here.
      if (!o.dry_run && !store.set_progress(account.name, folder, {sel.value.uidvalidity, uidnext})) {
        out.error = "state: " + store.last_error();
        co_return out;
      }
      continue;
    }
    if (sel.value.uidnext != 0 && seen->next_uid >= sel.value.uidnext) continue;  // nothing arrived
    const std::string range = "UID " + std::to_string(seen->next_uid) + ":*";
    auto found = co_await c.uid_search(range);
    if (found.ec) {
      out.ec = found.ec;
      out.error = "UID SEARCH in " + folder + " failed";
      co_return out;
    }
    std::vector<uint32_t> uids;
    for (uint32_t u : found.value)
      if (u >= seen->next_uid) uids.push_back(u);  // "n:*" always includes the last message
    if (uids.empty()) continue;

    // Which arrivals did the owner put here? Known by Message-ID from their headers.
    auto headers = co_await c.uid_fetch_headers(uids, kHeaderBytes);
    if (headers.ec) {
      out.ec = headers.ec;
      out.error = "UID FETCH in " + folder + " failed";
      co_return out;
    }
    std::vector<Arrival> owners;
    std::vector<std::string> lost;  // politeno's own moves whose confirmation a crash lost
    for (const imap::FetchedMessage& h : headers.value) {
      Arrival a{h.uid, message_key(mail::parse_message(h.prefix)), std::nullopt};
      a.record = store.message(account.name, a.key);
      if (a.record && a.record->folder == folder) continue;  // politeno filed it here, or knew it was here
      if (a.record && a.record->folder.empty() && a.record->verdict == classifier::to_string(verdict)) {
        lost.push_back(a.key);  // politeno's verdict sends it here: its own move
        continue;
      }
      owners.push_back(std::move(a));
    }
    // The owner's arrivals, read whole: their features are what the layer learns from.
    std::vector<uint32_t> wanted;
    for (const Arrival& a : owners) wanted.push_back(a.uid);
    std::map<uint32_t, mail::Message> messages;
    if (!wanted.empty()) {
      auto full = co_await c.uid_fetch(wanted, o.fetch_bytes);
      if (full.ec) {
        out.ec = full.ec;
        out.error = "UID FETCH in " + folder + " failed";
        co_return out;
      }
      for (const imap::FetchedMessage& f : full.value) messages.emplace(f.uid, mail::parse_message(f.prefix));
    }
    const std::string label(classifier::to_string(classifier::label_for(verdict)));
    std::vector<CorrectionRecord> recorded;
    auto record_all = [&] {
      for (const std::string& key : lost)
        if (!store.set_filed(account.name, key, folder)) return false;
      for (const Arrival& a : owners) {
        auto it = messages.find(a.uid);
        if (it == messages.end()) continue;  // gone again meanwhile: seen next time, if back
        const mail::Message& m = it->second;
        classifier::Context ctx;  // judged afresh, without the owner's layer: its features are the point
        MessageRecord r = decision_record(m, clf.classify(m, ctx), clf);
        CorrectionRecord cr{account.name, a.key, r.sender, a.record ? a.record->verdict : "", label, folder, o.now, ""};
        if (!a.record) {
          // Never decided by politeno: recorded as the owner's, so that it is never acted on.
          r.account = account.name;
          r.uidvalidity = sel.value.uidvalidity;
          r.uid = a.uid;
          r.verdict = std::string(classifier::to_string(verdict));
          r.flags.clear();
          r.draft_message_id.clear();
          r.step = Step::kDone;
          r.decided_at = o.now;
          r.folder = folder;
          bool inserted = false;
          if (!store.record_decision(r, &inserted)) return false;
        } else if (!store.set_filed(account.name, a.key, folder) || !store.set_features(account.name, a.key, r.features)) {
          return false;
        }
        if (!store.record_correction(cr)) return false;
        recorded.push_back(std::move(cr));
      }
      return store.set_progress(account.name, folder, {sel.value.uidvalidity, uids.back() + 1});
    };
    if (!o.dry_run && !store.transaction(record_all)) {
      out.error = "state: " + store.last_error();
      co_return out;
    }
    if (o.dry_run)
      for (const Arrival& a : owners)
        recorded.push_back({account.name, a.key, "", a.record ? a.record->verdict : "", label, folder, o.now, ""});
    for (const CorrectionRecord& cr : recorded) {
      log.info("account=" + account.name + " message_id=<" + cr.key + "> from=" + (cr.sender.empty() ? "-" : cr.sender) +
               " correction=" + cr.label + " was=" + (cr.was.empty() ? "-" : cr.was) + " action=\"learned: you filed it in " +
               folder + "\"" + (o.dry_run ? " dry_run" : ""));
    }
    out.corrections += recorded.size();
  }
  co_return out;
}

classifier::OwnerLearning owner_learning(StateStore& store, const std::string& account, const classifier::Classifier& clf) {
  std::vector<classifier::Correction> cs;
  for (const CorrectionRecord& r : store.corrections(account)) {
    classifier::Correction c;
    c.sender = r.sender;
    const auto label = classifier::parse_owner_label(r.label);
    if (!label) continue;  // written by a newer politeno: skipped, not guessed
    c.label = *label;
    classifier::decode_features(r.features, &c.x);  // none (an old decision): it still names the sender
    cs.push_back(std::move(c));
  }
  return classifier::learn(clf.model(), cs, clf.rules().signal(classifier::kPublicMailDomain).entries);
}

}  // namespace politeno::daemon
