#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "cli/service_setup.h"
#include "daemon/service.h"

namespace politeno::cli {

std::string run_help() {
  return "usage: politeno run [--config FILE] [--dry-run] [--backfill DAYS]\n"
         "\n"
         "The service, in the foreground: watches every account at once and, for each new\n"
         "message in the inbox, decides, files, flags and drafts as `politeno once` does.\n"
         "New mail is noticed through IDLE where the server has it (renewed every 25 minutes),\n"
         "else by polling every poll_interval. A temporary failure (network, server restart)\n"
         "is retried with backoff; a refused login or failed TLS stops only that account until\n"
         "the configuration is fixed and reloaded. Nothing is ever sent, deleted or marked read.\n"
         "\n"
         "  --dry-run        decide and log what would be done; change nothing anywhere\n"
         "  --backfill DAYS  on an account's first pass, look this far back (0 = everything;\n"
         "                   default: backfill_days from the config, 7)\n"
         "\n"
         "Signals: SIGTERM or SIGINT finishes the batch in flight and exits 0; SIGHUP reads the\n"
         "configuration again (an invalid one is reported and the running one kept).\n"
         "Under systemd (Type=notify) it reports READY once every account's first pass has been\n"
         "attempted, a one-line STATUS, and pings the watchdog while it makes progress. Log lines\n"
         "carry journald priorities when stderr is the journal.\n"
         "\n"
         "Exit status: 0 stopped by a signal; 64 usage; 74 the state cannot be opened; 75 another\n"
         "politeno is acting on the same state; 78 configuration.\n";
}

int cmd_run(const std::vector<std::string>& args, Streams io) {
  ParsedArgs a;
  daemon::ServiceOptions options;
  if (auto exit = parse_command(args, io, "run", run_help(), {"config", "backfill"}, {"dry-run"}, &a,
                                [&](const ParsedArgs& p) {
                                  no_positional(p);
                                  if (auto b = p.value("backfill")) options.backfill_days = parse_days_arg(*b, "--backfill");
                                }))
    return *exit;
  options.dry_run = a.has("dry-run");
  std::shared_ptr<const daemon::Profile> profile;
  if (auto exit = load_profile(io, "run", a.value("config"), &profile)) return *exit;
  // --dry-run holds for every reload, so such a service never acts and needs no lock; a
  // config's dry_run may be turned off by a reload, so that one does not spare the lock.
  const bool dry_run = options.dry_run;
  std::unique_ptr<daemon::StateLock> lock;
  int failed = 0;
  auto store = open_state(io, profile->config, dry_run ? nullptr : &lock, &failed);
  if (!store) return failed;
  // SIGHUP reads the same file again, wherever it was found at start.
  // The state stays where it was opened: a reload that moves it is refused.
  const std::string source = profile->config.source;
  const std::string dir = state_dir(profile->config);
  auto loader = [source, dir]() -> std::shared_ptr<const daemon::Profile> {
    auto next = daemon::make_profile(load_config_from(source));
    if (next->config.accounts.empty()) throw config::ConfigError(source, {}, "no accounts");
    if (state_dir(next->config) != dir)
      throw config::ConfigError(source, {}, "state_dir cannot change while running (it is " + dir + "); restart politeno");
    return next;
  };
  const daemon::Log log = make_log(io);
  const size_t accounts = profile->config.accounts.size();
  log.info("starting version " POLITENO_VERSION ": " + std::to_string(accounts) + (accounts == 1 ? " account" : " accounts") +
           ", config " + source + ", state " + dir + (dry_run || profile->config.dry_run ? ", dry run" : ""));
  daemon::SystemdNotifier notifier;
  daemon::Service service(*store, notifier, log, loader, options);
  return service.run(std::move(profile));
}

}  // namespace politeno::cli
