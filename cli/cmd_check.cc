#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "daemon/account_open.h"

namespace politeno::cli {
namespace {

struct Report {
  std::string account;
  bool ok = false;
  std::vector<std::string> lines;  // what was found
  std::string failure;             // one line a user can act on
};

awaitable<void> check_account(imap::CurlMulti& multi, const config::Account& a, Report* r) {
  r->account = a.name;
  imap::Timeouts t;
  t.connect = std::chrono::seconds(20);
  t.command = std::chrono::seconds(30);
  daemon::AccountOpen opened = co_await daemon::open_account(multi, a, t);
  if (opened.ec) {
    r->failure = opened.detail;
    co_return;
  }
  imap::Client& c = *opened.client;
  const char* tls = a.tls == config::AccountTls::kImplicit ? "implicit TLS" : a.tls == config::AccountTls::kStartTls ? "STARTTLS" : "no TLS";
  r->lines.push_back(std::string("connected to ") + a.host + ":" + std::to_string(a.port) + " (" + tls +
                     (a.tls == config::AccountTls::kNone ? "" : a.tls_verify ? ", certificate verified" : ", CERTIFICATE NOT VERIFIED") +
                     "), logged in as " + a.username);
  std::string caps;
  for (const std::string& cap : c.capabilities()) caps += (caps.empty() ? "" : " ") + cap;
  r->lines.push_back("capabilities: " + caps);
  auto boxes = co_await c.list();
  if (boxes.ec) {
    r->failure = "LIST failed: " + c.last_server_text();
    co_return;
  }
  auto folder = [&](const std::string& configured, const char* special, const char* fallback) -> std::string {
    if (configured != "auto") {
      for (const auto& m : boxes.value)
        if (m.name == configured) return configured + " (configured)";
      return configured + " (configured; missing, will be created)";
    }
    auto m = imap::Client::find_special(boxes.value, special, fallback);
    if (!m) return std::string("none found; '") + fallback + "' will be created";
    return m->name + (m->has_attribute(special) ? std::string(" (SPECIAL-USE ") + special + ")" : " (by name)");
  };
  r->lines.push_back("drafts: " + folder(a.drafts, "\\Drafts", "Drafts"));
  r->lines.push_back("sent: " + folder(a.sent, "\\Sent", "Sent"));
  auto inbox = co_await c.select(a.inbox, /*read_only=*/true);
  if (inbox.ec) {
    r->failure = "cannot open the inbox '" + a.inbox + "': " + c.last_server_text();
    co_return;
  }
  r->lines.push_back("inbox " + a.inbox + ": " + std::to_string(inbox.value.exists) + " messages, UIDVALIDITY " +
                     std::to_string(inbox.value.uidvalidity) + ", UIDNEXT " + std::to_string(inbox.value.uidnext));
  r->lines.push_back(std::string("MOVE: ") + (c.has("MOVE") ? "yes" : "no (COPY + UID EXPUNGE is used)") +
                     ", UIDPLUS: " + (c.has("UIDPLUS") ? "yes" : "no") + ", IDLE: " +
                     (c.has("IDLE") ? (a.idle ? "yes" : "yes (disabled in the config: polling)") : "no (polling)"));
  co_await c.logout();
  r->ok = true;
}

}  // namespace

std::string check_help() {
  return "usage: politeno check [--config FILE] [ACCOUNT...]\n"
         "\n"
         "For each account (all, or those named): connects, negotiates TLS, logs in, lists the\n"
         "capabilities, the inbox's message count and the Drafts and Sent folders, and whether\n"
         "MOVE, UIDPLUS and IDLE are there. A failure is one line saying what to fix.\n"
         "\n"
         "Exit status: 0 every account passed; 1 some account failed; 64 usage; 78 configuration.\n";
}

int cmd_check(const std::vector<std::string>& args, Streams io) {
  ParsedArgs a;
  if (auto exit = parse_command(args, io, "check", check_help(), {"config"}, {}, &a)) return *exit;
  config::Config cfg;
  if (auto exit = report_config_errors(io, [&] { cfg = load_config_from(a.value("config")); })) return *exit;
  std::vector<const config::Account*> chosen;
  for (const std::string& name : a.positional) {
    const auto it = std::find_if(cfg.accounts.begin(), cfg.accounts.end(), [&](const auto& acc) { return acc.name == name; });
    if (it == cfg.accounts.end()) {
      io.err << "politeno check: no account named '" << name << "' in " << cfg.source << "\n";
      return kExitUsage;
    }
    chosen.push_back(&*it);
  }
  if (a.positional.empty())
    for (const auto& acc : cfg.accounts) chosen.push_back(&acc);
  if (chosen.empty()) {
    io.err << "politeno check: " << cfg.source << " has no accounts\n";
    return kExitConfig;
  }
  for (const auto* acc : chosen)
    if (!acc->tls_verify)
      io.err << "politeno: warning: account '" << acc->name << "' has tls_verify: false - the server's identity is not checked\n";

  asio::io_context ctx;
  imap::CurlMulti multi(ctx);
  std::vector<Report> reports(chosen.size());
  for (size_t i = 0; i < chosen.size(); ++i)
    asio::co_spawn(ctx, check_account(multi, *chosen[i], &reports[i]), asio::detached);
  ctx.run();

  bool all_ok = true;
  for (const Report& r : reports) {
    io.out << r.account << ": " << (r.ok ? "ok" : "FAILED") << "\n";
    for (const std::string& l : r.lines) io.out << "  " << l << "\n";
    if (!r.ok) {
      io.out << "  error: " << r.failure << "\n";
      all_ok = false;
    }
  }
  return all_ok ? kExitOk : kExitFailure;
}

}  // namespace politeno::cli
