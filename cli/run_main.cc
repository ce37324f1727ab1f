#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

#ifndef POLITENO_VERSION
#define POLITENO_VERSION "0.0.0"
#endif

namespace politeno::cli {

std::string usage_text() {
  return "usage: politeno COMMAND [OPTIONS]\n"
         "       politeno --help | --version\n"
         "\n"
         "politeno guards an inbox against unwanted networking requests: it decides whether a\n"
         "message is a networking request, which red flags it raises (transactional,\n"
         "reputation, too_much_too_soon, negative_history, overwhelmed), and what to do:\n"
         "not_request, welcome, decline_later or decline. It never sends mail.\n"
         "\n"
         "commands:\n"
         "  classify FILE...|-   classify messages and show the evidence\n"
         "  eval SET...          measure the classifier on labelled sets (--loso: leave one out)\n"
         "  train SET... -o M    learn the classifier's model from labelled sets\n"
         "  check-config         validate the configuration and summarise it\n"
         "  check [ACCOUNT...]   connect to each account and report what the server offers\n"
         "  run                  the service: watch every account, decide, file, draft\n"
         "  once                 one pass over every account: decide, file, draft; then exit\n"
         "  status               from the state: last pass, decisions today and this week, drafts\n"
         "  learn                what your corrections taught; teach from files; forget\n"
         "\n"
         "'politeno COMMAND --help' describes a command.\n"
         "\n"
         "The configuration is read from --config FILE, else $POLITENO_CONFIG, else\n"
         "$XDG_CONFIG_HOME/politeno/config.yaml, else /etc/politeno/config.yaml.\n";
}

std::optional<int> parse_command(const std::vector<std::string>& args, Streams io, const std::string& name,
                                 const std::string& help, const std::set<std::string>& with_value,
                                 std::set<std::string> flags, ParsedArgs* out,
                                 const std::function<void(const ParsedArgs&)>& validate) {
  flags.insert("help");
  try {
    *out = parse_args(args, with_value, flags);
    if (out->has("help")) {
      io.out << help;
      return kExitOk;
    }
    if (validate) validate(*out);
  } catch (const UsageError& e) {
    io.err << "politeno " << name << ": " << e.what() << "\n" << help;
    return kExitUsage;
  }
  return std::nullopt;
}

std::optional<int> report_config_errors(Streams io, const std::function<void()>& body) {
  try {
    body();
  } catch (const config::ConfigError& e) {
    io.err << "politeno: " << e.what() << "\n";
    return kExitConfig;
  }
  return std::nullopt;
}

int run_main(const std::vector<std::string>& args, Streams io) {
  if (args.empty()) {
    io.err << usage_text();
    return kExitUsage;
  }
  const std::string& cmd = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    io.out << usage_text();
    return kExitOk;
  }
  if (cmd == "--version") {
    io.out << "politeno " << POLITENO_VERSION << "\n";
    return kExitOk;
  }
  try {
    if (cmd == "classify") return cmd_classify(rest, io);
    if (cmd == "train") return cmd_train(rest, io);
    if (cmd == "eval") return cmd_eval(rest, io);
    if (cmd == "check-config") return cmd_check_config(rest, io);
    if (cmd == "check") return cmd_check(rest, io);
    if (cmd == "run") return cmd_run(rest, io);
    if (cmd == "once") return cmd_once(rest, io);
    if (cmd == "status") return cmd_status(rest, io);
    if (cmd == "learn") return cmd_learn(rest, io);
  } catch (const std::exception& e) {
    io.err << "politeno: internal error: " << e.what() << "\n";
    return kExitSoftware;
  }
  io.err << "politeno: unknown command '" << cmd << "'\n\n" << usage_text();
  return kExitUsage;
}

}  // namespace politeno::cli
