// The subcommands of the politeno executable. Each takes its arguments (after the
// subcommand name) and the streams to use, and returns a sysexits-style exit code.
// None throws.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace politeno::cli {

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

int cmd_classify(const std::vector<std::string>& args, Streams io);
int cmd_eval(const std::vector<std::string>& args, Streams io);
int cmd_check_config(const std::vector<std::string>& args, Streams io);
int cmd_check(const std::vector<std::string>& args, Streams io);
int cmd_once(const std::vector<std::string>& args, Streams io);
int cmd_status(const std::vector<std::string>& args, Streams io);

// Text for --help: the whole program, and each command.
std::string usage_text();
std::string classify_help();
std::string eval_help();
std::string check_config_help();
std::string check_help();
std::string once_help();
std::string status_help();

// The whole command line: dispatches to a subcommand, handles --help and --version.
int run_main(const std::vector<std::string>& args, Streams io);

}  // namespace politeno::cli
