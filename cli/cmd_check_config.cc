#include <iostream>

#include "classifier/rules.h"
#include "reply/templates.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"

namespace politeno::cli {
namespace {

std::string describe(const config::SenderList& list) {
  size_t domains = 0;
  for (const auto& e : list.entries()) domains += e.domain;
  return std::to_string(list.entries().size()) + " (" + std::to_string(list.entries().size() - domains) + " addresses, " +
         std::to_string(domains) + " domains)";
}

}  // namespace

std::string check_config_help() {
  return "usage: politeno check-config [--config FILE]\n"
         "\n"
         "Validates the configuration and says what it found. Errors name file:line:col and\n"
         "what was expected.\n"
         "\n"
         "Exit status: 0 valid; 64 usage; 78 invalid.\n";
}

int cmd_check_config(const std::vector<std::string>& args, Streams io) {
  ParsedArgs a;
  if (auto exit = parse_command(args, io, "check-config", check_config_help(), {"config"}, {}, &a, no_positional))
    return *exit;
  try {
    const config::Config c = load_config_from(a.value("config"));
    const classifier::Rules rules = classifier::Rules::build(c.rules, c.source);
    reply::validate_templates(c);
    io.out << c.source << ": valid\n";
    io.out << "  identity: " << (c.identity.name.empty() ? "(no name)" : c.identity.name) << " <";
    for (size_t i = 0; i < c.identity.addresses.size(); ++i) io.out << (i ? ", " : "") << c.identity.addresses[i];
    io.out << ">\n";
    io.out << "  senders.trusted: " << describe(c.senders.trusted) << "\n";
    io.out << "  senders.known: " << describe(c.senders.known) << "\n";
    io.out << "  senders.reputation_concerns: " << describe(c.senders.reputation_concerns) << "\n";
    io.out << "  senders.negative_history: " << describe(c.senders.negative_history) << "\n";
    io.out << "  capacity: at most " << c.capacity.max_accepted_per_week << " accepted per week";
    if (c.capacity.busy_until) {
      const auto& d = *c.capacity.busy_until;
      io.out << ", busy until " << static_cast<int>(d.year()) << "-" << (static_cast<unsigned>(d.month()) < 10 ? "0" : "")
             << static_cast<unsigned>(d.month()) << "-" << (static_cast<unsigned>(d.day()) < 10 ? "0" : "")
             << static_cast<unsigned>(d.day());
    }
    io.out << "\n";
    size_t phrases = 0;
    for (const auto& s : rules.signals()) phrases += s.entries.size();
    io.out << "  rules: " << rules.signals().size() << " signals, " << phrases << " phrases; "
           << c.rules.signals.size() << " signal override(s), " << c.rules.thresholds.size() << " threshold override(s)\n";
    io.out << "  accounts: " << c.accounts.size();
    for (const auto& acc : c.accounts) io.out << (&acc == &c.accounts.front() ? " (" : ", ") << acc.name;
    io.out << (c.accounts.empty() ? "" : ")") << "\n";
    auto describe_action = [](const config::Action& action) {
      std::string out = action.folder.empty() ? "stays in the inbox" : "filed in " + action.folder;
      for (const auto& k : action.keywords) out += ", " + k;
      if (action.draft == config::DraftTemplate::kOpenToFuture) out += ", draft open_to_future";
      if (action.draft == config::DraftTemplate::kDecline) out += ", draft decline";
      return out;
    };
    io.out << "  actions: welcome " << describe_action(c.actions.welcome) << "; decline_later "
           << describe_action(c.actions.decline_later) << "; decline " << describe_action(c.actions.decline) << "\n";
    io.out << "  templates: open_to_future " << (c.templates.open_to_future.empty() ? "built-in" : "from the config")
           << ", decline " << (c.templates.decline.empty() ? "built-in" : "from the config") << "\n";
    if (c.dry_run) io.out << "  dry_run: nothing will be changed on any server\n";
    return kExitOk;
  } catch (const config::ConfigError& e) {
    io.err << "politeno: " << e.what() << "\n";
    return kExitConfig;
  }
}

}  // namespace politeno::cli
