#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "classifier/model_file.h"
#include "classifier/owner_layer.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "daemon/corrections.h"
#include "daemon/decision_record.h"
#include "daemon/state_store.h"
#include "mail/mime_parser.h"

namespace politeno::cli {
namespace {

constexpr size_t kShownWeights = 8;

// The layer's strongest weights for one head, as "name +1.23".
std::string strongest(const classifier::Model& layer, classifier::Head h) {
  std::vector<std::pair<float, const std::string*>> w;
  for (const auto& e : layer.entries())
    if (e.w[static_cast<size_t>(h)] != 0) w.emplace_back(e.w[static_cast<size_t>(h)], &e.name);
  std::stable_sort(w.begin(), w.end(), [](const auto& a, const auto& b) { return std::abs(a.first) > std::abs(b.first); });
  std::string out;
  for (size_t i = 0; i < w.size() && i < kShownWeights; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " %+.2f", w[i].first);
    out += (out.empty() ? "" : ", ") + *w[i].second + buf;
  }
  return out.empty() ? "-" : out;
}

void show(std::ostream& out, const std::string& account, const classifier::OwnerLearning& l) {
  out << account << ": " << l.corrections << (l.corrections == 1 ? " correction\n" : " corrections\n");
  if (l.corrections == 0) return;
  for (classifier::Head h : classifier::kAllHeads)
    out << "  " << classifier::to_string(h) << ": " << strongest(l.layer, h) << "\n";
  std::vector<std::string> rescued(l.rescued.begin(), l.rescued.end());
  std::sort(rescued.begin(), rescued.end());
  std::string r;
  for (const auto& s : rescued) r += (r.empty() ? "" : ", ") + s;
  out << "  never declined on the model's word: " << (r.empty() ? "-" : r) << "\n";
  std::vector<std::string> d;
  for (const auto& [a, n] : l.declined_addresses) d.push_back(a);
  for (const auto& [dom, n] : l.declined_domains)
    if (n >= classifier::kDomainDeclines) d.push_back("@" + dom);
  std::sort(d.begin(), d.end());
  std::string ds;
  for (const auto& s : d) ds += (ds.empty() ? "" : ", ") + s;
  out << "  declined as you declined them: " << (ds.empty() ? "-" : ds) << "\n";
}

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

}  // namespace

std::string learn_help() {
  return "usage: politeno learn [--config FILE] [--account NAME]\n"
         "       politeno learn [--config FILE] --account NAME --as LABEL FILE...\n"
         "       politeno learn [--config FILE] --account NAME --forget MESSAGE-ID|ADDRESS|--all\n"
         "\n"
         "politeno learns from your corrections by itself: a message it filed that you move\n"
         "back to the inbox, and a message you move into one of its folders, are found by the\n"
         "next pass and kept in the state. This command shows what they teach, per account: the\n"
         "corrections' layer over the built-in model (its strongest weights per question), the\n"
         "senders never declined on the model's word (you took their mail back), and those\n"
         "declined because you declined them (an address once, a domain twice more than kept).\n"
         "\n"
         "  --account NAME   only this account (required to change anything)\n"
         "  --as LABEL FILE  teach from saved messages (.eml), as if you had filed them: LABEL is\n"
         "                   decline, decline_later, welcome, not_request, or kept (never decline)\n"
         "  --forget WHAT    forget the corrections of a message (its Message-ID) or a sender\n"
         "                   (an address); --all forgets every correction of the account\n"
         "\n"
         "Changes take effect at the service's next pass. Exit status: 0 done; 1 a file could not\n"
         "be read or nothing matched --forget; 64 usage; 74 the state cannot be opened;\n"
         "78 configuration.\n";
}

int cmd_learn(const std::vector<std::string>& args, Streams io) {
  ParsedArgs a;
  if (auto exit = parse_command(args, io, "learn", learn_help(), {"config", "account", "as", "forget"}, {"all"}, &a,
                                [](const ParsedArgs& p) {
                                  const bool as = p.value("as").has_value(), forget = p.value("forget") || p.has("all");
                                  if (as && forget) throw UsageError("--as and --forget exclude each other");
                                  if ((as || forget) && !p.value("account")) throw UsageError("--as and --forget need --account");
                                  if (as && p.positional.empty()) throw UsageError("--as LABEL needs message files");
                                  if (!as && !p.positional.empty()) throw UsageError("message files go with --as");
                                  if (as && !classifier::parse_owner_label(*p.value("as")))
                                    throw UsageError("--as takes decline, decline_later, welcome, not_request or kept");
                                  if (p.value("forget") && p.has("all")) throw UsageError("--forget WHAT or --all, not both");
                                }))
    return *exit;
  config::Config cfg;
  std::shared_ptr<const classifier::Model> model;
  if (auto exit = report_config_errors(io, [&] {
        cfg = load_config_from(a.value("config"));
        model = classifier::model_for(cfg);
      }))
    return *exit;
  std::vector<const config::Account*> accounts;
  for (const config::Account& acc : cfg.accounts)
    if (!a.value("account") || acc.name == *a.value("account")) accounts.push_back(&acc);
  if (accounts.empty()) {
    io.err << "politeno learn: no account " << (a.value("account") ? "named '" + *a.value("account") + "'" : "configured") << "\n";
    return kExitUsage;
  }
  const std::string path = state_dir(cfg) + "/state.db";
  struct stat st;
  const bool changing = a.value("as") || a.value("forget") || a.has("all");
  if (!changing && ::stat(path.c_str(), &st) != 0) {
    io.err << "politeno learn: no state yet at " << path << " (run politeno once or the service first)\n";
    return kExitIoErr;
  }
  std::string error;
  auto store = daemon::StateStore::open(path, &error);
  if (!store) {
    io.err << "politeno: " << error << "\n";
    return kExitIoErr;
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const config::Account& acc = *accounts.front();
  const classifier::Classifier clf = classifier::make_classifier(cfg, model, acc.identity ? &*acc.identity : nullptr);
  int status = kExitOk;

  if (a.value("forget") || a.has("all")) {
    const std::optional<int> n = store->forget_corrections(acc.name, a.has("all") ? "" : *a.value("forget"));
    if (!n) {
      io.err << "politeno: " << store->last_error() << "\n";
      return kExitIoErr;
    }
    io.out << acc.name << ": forgot " << *n << " correction" << (*n == 1 ? "" : "s") << "\n";
    if (*n == 0) status = kExitFailure;
  } else if (a.value("as")) {
    const std::string label = *a.value("as");
    for (const std::string& file : a.positional) {
      std::string raw;
      if (!read_file(file, &raw)) {
        io.err << "politeno learn: " << file << ": cannot read the file\n";
        status = kExitFailure;
        continue;
      }
      const mail::Message m = mail::parse_message(raw);
      classifier::Context ctx;
      daemon::MessageRecord r = daemon::decision_record(m, clf.classify(m, ctx), clf);
      const bool ok = store->transaction([&] {
        bool inserted = false;
        daemon::MessageRecord rec = r;
        rec.account = acc.name;
        rec.step = daemon::Step::kDone;  // the owner decided it: never acted on
        rec.decided_at = now;
        rec.folder = "politeno learn";
        if (!store->record_decision(rec, &inserted)) return false;
        const auto before = store->message(acc.name, r.key);
        if (!inserted && !store->set_features(acc.name, r.key, r.features)) return false;
        return store->record_correction({acc.name, r.key, r.sender, inserted ? "" : before->verdict, label,
                                         "politeno learn", now, ""});
      });
      if (!ok) {
        io.err << "politeno: " << store->last_error() << "\n";
        return kExitIoErr;
      }
      io.out << acc.name << ": learnt " << file << " (" << (r.sender.empty() ? "-" : r.sender) << ") as " << label << "\n";
    }
  }
  for (const config::Account* each : accounts) {
    const classifier::Classifier c = classifier::make_classifier(cfg, model, each->identity ? &*each->identity : nullptr);
    show(io.out, each->name, daemon::owner_learning(*store, each->name, c));
  }
  return status;
}

}  // namespace politeno::cli
