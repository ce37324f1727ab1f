// The subcommands of the politeno executable. Each takes its arguments (after the
// subcommand name) and the streams to use, and returns a sysexits-style exit code.
// None throws.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "classifier/trainer.h"
#include "cli/options.h"

namespace politeno::cli {

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// The shared start of every subcommand: parses `args` (--help is always accepted and
// answered), then runs `validate`, which throws UsageError for bad combinations. A usage
// error is printed with `help`. Returns the exit code to leave with, or nullopt to go on.
std::optional<int> parse_command(const std::vector<std::string>& args, Streams io, const std::string& name,
                                 const std::string& help, const std::set<std::string>& with_value,
                                 std::set<std::string> flags, ParsedArgs* out,
                                 const std::function<void(const ParsedArgs&)>& validate = nullptr);

// Runs `body`, which loads the configuration and builds from it; a ConfigError is printed
// as "politeno: file:line:col: ..." and gives kExitConfig. nullopt when all went well.
std::optional<int> report_config_errors(Streams io, const std::function<void()>& body);

// --l2 and --min-sets, shared by train and eval --loso; an exit code when they are wrong.
std::optional<int> learner_options(const ParsedArgs& a, Streams io, const std::string& command,
                                   classifier::TrainOptions* options);

int cmd_classify(const std::vector<std::string>& args, Streams io);
int cmd_eval(const std::vector<std::string>& args, Streams io);
int cmd_train(const std::vector<std::string>& args, Streams io);
int cmd_check_config(const std::vector<std::string>& args, Streams io);
int cmd_check(const std::vector<std::string>& args, Streams io);
int cmd_once(const std::vector<std::string>& args, Streams io);
int cmd_status(const std::vector<std::string>& args, Streams io);
int cmd_learn(const std::vector<std::string>& args, Streams io);
int cmd_run(const std::vector<std::string>& args, Streams io);

// Text for --help: the whole program, and each command.
std::string usage_text();
std::string classify_help();
std::string eval_help();
std::string train_help();
std::string check_config_help();
std::string check_help();
std::string once_help();
std::string status_help();
std::string learn_help();
std::string run_help();

// The whole command line: dispatches to a subcommand, handles --help and --version.
int run_main(const std::vector<std::string>& args, Streams io);

}  // namespace politeno::cli
