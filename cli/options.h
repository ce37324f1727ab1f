// Command-line parsing shared by the subcommands: a small, strict getopt_long-alike.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config.h"

namespace politeno::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ParsedArgs {
  std::map<std::string, std::string> values;  // --name VALUE / --name=VALUE
  std::set<std::string> flags;                // --name
  std::vector<std::string> positional;

  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  std::optional<std::string> value(const std::string& name) const;
};

// Parses `args` given the names that take a value and the names that are flags.
// "--" ends options; "-" is positional (standard input). Throws UsageError.
ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                      const std::set<std::string>& flags);

// "YYYY-MM-DD" to a date; throws UsageError naming `what`.
std::chrono::sys_days parse_date_arg(const std::string& s, const std::string& what);

// A number of days (0-99999) to an int; throws UsageError naming `what`.
int parse_days_arg(const std::string& s, const std::string& what);

// Today in UTC from the system clock: the only place the CLI reads the clock.
std::chrono::sys_days today_utc();

// Finds and loads the config (see config::locate_config); throws config::ConfigError.
config::Config load_config_from(const std::optional<std::string>& explicit_path);

// Where the state lives: state_dir, else $STATE_DIRECTORY (systemd), else
// $XDG_STATE_HOME/politeno, else ~/.local/state/politeno.
std::string state_dir(const config::Config& config);

// Fails a command that was given arguments it does not take.
void no_positional(const ParsedArgs& a);

}  // namespace politeno::cli
