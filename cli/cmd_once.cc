#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "cli/service_setup.h"
#include "daemon/account_pass.h"

namespace politeno::cli {

std::string once_help() {
  return "usage: politeno once [--config FILE] [--dry-run] [--backfill DAYS] [--now YYYY-MM-DD]\n"
         "\n"
         "One pass over every account: new messages in the inbox are decided, filed, flagged\n"
         "and, where their verdict says so, answered with a draft in Drafts. Then exits.\n"
         "One log line per decision. Nothing is ever sent, deleted or marked read.\n"
         "\n"
         "  --dry-run        decide and log what would be done; change nothing anywhere\n"
         "  --backfill DAYS  on an account's first pass, look this far back (0 = everything;\n"
         "                   default: backfill_days from the config, 7)\n"
         "  --now DATE       the date for capacity and the backfill window (default: now)\n"
         "\n"
         "Exit status: 0 every account passed; 1 some account failed; 64 usage; 74 the state cannot\n"
         "be opened; 75 another politeno is acting on the same state; 78 configuration.\n";
}

int cmd_once(const std::vector<std::string>& args, Streams io) {
  ParsedArgs a;
  std::optional<int> backfill;
  auto now = std::chrono::system_clock::now();
  if (auto exit = parse_command(args, io, "once", once_help(), {"config", "backfill", "now"}, {"dry-run"}, &a,
                                [&](const ParsedArgs& p) {
                                  no_positional(p);
                                  if (auto b = p.value("backfill")) backfill = parse_days_arg(*b, "--backfill");
                                  if (auto n = p.value("now"))
                                    now = std::chrono::system_clock::time_point(parse_date_arg(*n, "--now")) + std::chrono::hours(12);
                                }))
    return *exit;
  std::shared_ptr<const daemon::Profile> profile;
  if (auto exit = load_profile(io, "once", a.value("config"), &profile)) return *exit;
  const config::Config& cfg = profile->config;
  daemon::PassOptions options;
  options.dry_run = cfg.dry_run || a.has("dry-run");
  std::unique_ptr<daemon::StateLock> lock;  // a dry run changes nothing: it needs no lock
  int failed = 0;
  auto store = open_state(io, cfg, options.dry_run ? nullptr : &lock, &failed);
  if (!store) return failed;
  options.backfill_days = backfill.value_or(cfg.backfill_days);

  asio::io_context ctx;
  imap::CurlMulti multi(ctx);
  std::vector<daemon::PassStats> stats(cfg.accounts.size());
  const daemon::Log log = make_log(io);
  for (size_t i = 0; i < cfg.accounts.size(); ++i) {
    asio::co_spawn(ctx,
                   [&, i]() -> awaitable<void> {
                     stats[i] = co_await daemon::run_account_pass(multi, cfg, cfg.accounts[i],
                                                                  profile->classifiers[i], *store, options, now, log);
                   },
                   asio::detached);
  }
  ctx.run();
  bool ok = true;
  const int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  for (size_t i = 0; i < cfg.accounts.size(); ++i) {
    const auto& s = stats[i];
    if (!options.dry_run) store->record_pass(cfg.accounts[i].name, now_s, s.error);
    io.out << cfg.accounts[i].name << ": " << (s.error.empty() ? "ok" : "FAILED") << ", " << s.decided << " decided, "
           << s.resumed << " resumed, " << s.moved << " moved, " << s.drafted << " drafted, " << s.round_trips << " IMAP commands"
           << (s.drafts_refused ? ", " + std::to_string(s.drafts_refused) + " drafts refused by the server" : std::string())
           << (s.held ? ", " + std::to_string(s.held) + " moves refused (retried next pass)" : std::string())
           << (s.given_up ? ", " + std::to_string(s.given_up) + " left in the inbox after repeated refusals" : std::string())
           << (options.dry_run ? " (dry run)" : "") << "\n";
    if (!s.error.empty()) {
      io.out << "  error: " << s.error << "\n";
      ok = false;
    }
  }
  return ok ? kExitOk : kExitFailure;
}

}  // namespace politeno::cli
