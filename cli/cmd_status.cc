#include <sys/stat.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <set>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "classifier/owner_layer.h"
#include "classifier/rules.h"
#include "daemon/state_store.h"

namespace politeno::cli {

namespace {

std::string utc(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::string counts(const std::vector<std::pair<std::string, int>>& v) {
  std::string out;
  for (const char* verdict : {"not_request", "welcome", "decline_later", "decline"}) {
    int n = 0;
    for (const auto& [name, count] : v)
      if (name == verdict) n = count;
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + verdict;
  }
  return out;
}

// What the owner's corrections say: how many of each, the last few, and the senders
// learnt from them.
void print_corrections(std::ostream& out, const std::vector<daemon::CorrectionRecord>& cs) {
  if (cs.empty()) return;
  std::map<std::string, int> by_label;
  std::vector<classifier::Correction> learnt;
  for (const auto& c : cs) {
    ++by_label[c.label];
    if (auto l = classifier::parse_owner_label(c.label)) learnt.push_back({c.sender, {}, *l});
  }
  std::string kinds;
  for (const auto& [label, n] : by_label) kinds += (kinds.empty() ? "" : ", ") + std::to_string(n) + " " + label;
  out << "  corrections learnt from: " << cs.size() << " (" << kinds << ")\n";
  for (size_t i = cs.size() > 3 ? cs.size() - 3 : 0; i < cs.size(); ++i) {
    const auto& c = cs[i];
    out << "    " << utc(c.at) << "  " << (c.sender.empty() ? "-" : c.sender) << ": "
        << (c.label == "kept" ? "taken back to " + c.folder : "filed in " + c.folder + " (" + c.label + ")")
        << (c.was.empty() ? "" : ", politeno had said " + c.was) << "\n";
  }
  const classifier::OwnerLearning l =
      classifier::learn(classifier::Model(), learnt, classifier::Rules::defaults().signal(classifier::kPublicMailDomain).entries);
  std::string rescued, declined;
  for (const std::string& r : std::set<std::string>(l.rescued.begin(), l.rescued.end())) rescued += (rescued.empty() ? "" : ", ") + r;
  for (const auto& [a, n] : std::map<std::string, int>(l.declined_addresses.begin(), l.declined_addresses.end()))
    declined += (declined.empty() ? "" : ", ") + a;
  for (const auto& [d, n] : std::map<std::string, int>(l.declined_domains.begin(), l.declined_domains.end()))
    if (n >= classifier::kDomainDeclines) declined += (declined.empty() ? "@" : ", @") + d;
  if (!rescued.empty()) out << "  never declined on the model's word (you took their mail back): " << rescued << "\n";
  if (!declined.empty()) out << "  declined as you declined them (learnt reputation): " << declined << "\n";
}

}  // namespace

std::string status_help() {
  return "usage: politeno status [--config FILE]\n"
         "\n"
         "From the state (no server is contacted), per account: the last pass and how it\n"
         "ended, decisions by verdict today (UTC) and in the last 7 days, and the drafts made in\n"
         "the last 7 days (waiting in Drafts unless you have sent or deleted them), and the\n"
         "corrections learnt from your moves: the last few, the senders you took back out of a\n"
         "decline folder and those you declined by hand ('politeno learn' shows more).\n"
         "\n"
         "Exit status: 0 done; 1 some account's last pass failed; 64 usage; 74 no state; 78 configuration.\n";
}

int cmd_status(const std::vector<std::string>& args, Streams io) {
  ParsedArgs a;
  if (auto exit = parse_command(args, io, "status", status_help(), {"config"}, {}, &a, no_positional)) return *exit;
  config::Config cfg;
  if (auto exit = report_config_errors(io, [&] { cfg = load_config_from(a.value("config")); })) return *exit;
  const std::string path = state_dir(cfg) + "/state.db";
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    io.err << "politeno status: no state yet at " << path << " (run politeno once or the service first)\n";
    return kExitIoErr;
  }
  std::string error;
  auto store = daemon::StateStore::open(path, &error);
  if (!store) {
    io.err << "politeno: " << error << "\n";
    return kExitIoErr;
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const int64_t midnight = now - now % 86400;
  const int64_t week = now - 7 * 86400;
  bool ok = true;
  for (const config::Account& acc : cfg.accounts) {
    const auto pass = store->last_pass(acc.name);
    io.out << acc.name << ": ";
    if (!pass) {
      io.out << "no pass yet\n";
      continue;
    }
    io.out << "last pass " << utc(pass->at) << ", " << (pass->error.empty() ? "ok" : "FAILED: " + pass->error) << "\n";
    ok = ok && pass->error.empty();
    io.out << "  today: " << counts(store->verdict_counts(acc.name, midnight)) << "\n";
    io.out << "  last 7 days: " << counts(store->verdict_counts(acc.name, week)) << "\n";
    io.out << "  drafts made in the last 7 days: " << store->drafts_since(acc.name, week) << "\n";
    const size_t unfinished = store->unfinished(acc.name).size();
    if (unfinished) io.out << "  interrupted actions to resume: " << unfinished << "\n";
    print_corrections(io.out, store->corrections(acc.name));
  }
  return ok ? kExitOk : kExitFailure;
}

}  // namespace politeno::cli
