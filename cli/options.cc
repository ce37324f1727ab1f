#include "cli/options.h"

#include <sys/stat.h>

#include <cstdlib>

namespace politeno::cli {

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                      const std::set<std::string>& flags) {
  ParsedArgs out;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a == "-" || a.rfind("--", 0) != 0) {
      if (!options_done && a.size() > 1 && a[0] == '-' && a != "-") throw UsageError("unknown option '" + a + "'");
      out.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (with_value.count(name)) {
      if (inline_value) {
        out.values[name] = *inline_value;
      } else if (i + 1 < args.size()) {
        out.values[name] = args[++i];
      } else {
        throw UsageError("option '--" + name + "' needs a value");
      }
    } else if (flags.count(name)) {
      if (inline_value) throw UsageError("option '--" + name + "' takes no value");
      out.flags.insert(name);
    } else {
      throw UsageError("unknown option '--" + name + "'");
    }
  }
  return out;
}

std::chrono::sys_days parse_date_arg(const std::string& s, const std::string& what) {
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && s.find_first_not_of("0123456789-") == std::string::npos) {
    const std::chrono::year_month_day d{std::chrono::year(std::stoi(s.substr(0, 4))),
                                        std::chrono::month(static_cast<unsigned>(std::stoi(s.substr(5, 2)))),
                                        std::chrono::day(static_cast<unsigned>(std::stoi(s.substr(8, 2))))};
    if (d.ok()) return std::chrono::sys_days(d);
  }
  throw UsageError(what + " expects a date YYYY-MM-DD, got '" + s + "'");
}

std::chrono::sys_days today_utc() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

std::string state_dir(const config::Config& c) {
  if (!c.state_dir.empty()) return c.state_dir;
  if (const char* s = std::getenv("STATE_DIRECTORY"); s && *s) return std::string(s).substr(0, std::string(s).find(':'));
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) return std::string(x) + "/politeno";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/state/politeno";
  return "/var/lib/politeno";
}

int parse_days_arg(const std::string& s, const std::string& what) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 5)
    throw UsageError(what + " expects a number of days, got '" + s + "'");
  return std::stoi(s);
}

void no_positional(const ParsedArgs& a) {
  if (!a.positional.empty()) throw UsageError("unexpected argument '" + a.positional.front() + "'");
}

config::Config load_config_from(const std::optional<std::string>& explicit_path) {
  const config::ConfigLocation loc = config::locate_config(
      explicit_path, [](const char* n) { return std::getenv(n); },
      [](const std::string& p) {
        struct stat st;
        return ::stat(p.c_str(), &st) == 0;
      });
  if (loc.path.empty()) {
    std::string tried;
    for (const auto& t : loc.tried) tried += (tried.empty() ? "" : ", ") + t;
    throw config::ConfigError("politeno", {}, "no configuration found (tried " + tried + "); pass --config FILE or set POLITENO_CONFIG");
  }
  return config::load_config(loc.path);
}

}  // namespace politeno::cli
