#include "imap/account_client.h"

#include "config/secrets.h"

namespace politeno::imap {
namespace {

awaitable<config::Secret> read_secret_off_loop(asio::thread_pool& pool, const config::Account& account) {
  auto home = co_await asio::this_coro::executor;
  co_await asio::post(pool, use_awaitable);  // now on a worker thread
  config::Secret s = config::read_secret(account);
  co_await asio::post(home, use_awaitable);  // back on the io_context thread
  co_return s;
}

std::string describe(const config::Account& a, std::error_code ec, const std::string& detail) {
  const std::string where = a.host + ":" + std::to_string(a.port);
  if (ec == Errc::kAuthFailed) return "login refused for user '" + a.username + "' at " + where + ": check the password or token";
  if (ec == Errc::kTlsFailed)
    return "TLS with " + where + " failed: " + detail + (a.tls_ca_file.empty() ? " (if the server uses a private CA, set tls_ca_file)" : "");
  if (ec == Errc::kConnectFailed) return "cannot connect to " + where + ": " + detail;
  if (ec == Errc::kTimeout) return "no answer from " + where + " in time" + (detail.empty() ? "" : ": " + detail);
  return ec.message() + (detail.empty() ? "" : ": " + detail);
}

}  // namespace

Endpoint endpoint_of(const config::Account& a) {
  Endpoint e;
  e.host = a.host;
  e.port = a.port;
  e.tls = a.tls == config::AccountTls::kImplicit ? TlsMode::kImplicit
          : a.tls == config::AccountTls::kStartTls ? TlsMode::kStartTls
                                                   : TlsMode::kNone;
  e.ca_file = a.tls_ca_file;
  e.verify = a.tls_verify;
  return e;
}

awaitable<AccountOpen> open_account(CurlMulti& multi, asio::thread_pool& secrets, const config::Account& account,
                                    Timeouts timeouts) {
  AccountOpen out;
  const bool oauth2 = account.secret_source == config::SecretSource::kOAuth2Command;
  const Endpoint endpoint = endpoint_of(account);
  for (int attempt = 0; attempt < (oauth2 ? 2 : 1); ++attempt) {
    const config::Secret secret = co_await read_secret_off_loop(secrets, account);
    if (!secret.error.empty()) {
      out.ec = Errc::kAuthFailed;
      out.detail = secret.error;
      co_return out;
    }
    Credentials cred;
    cred.username = account.username;
    (oauth2 ? cred.oauth2_token : cred.password) = secret.value;
    auto opened = co_await Client::open(multi, endpoint, cred, timeouts);
    out.ec = opened.ec;
    if (!opened.ec) {
      out.client = std::move(opened.value);
      out.detail.clear();
      co_return out;
    }
    out.detail = describe(account, opened.ec, opened.value ? opened.value->last_server_text() : "");
    if (opened.ec != Errc::kAuthFailed) break;  // only a rejected token is worth a fresh one
  }
  co_return out;
}

awaitable<AccountOpen> connect_with_backoff(CurlMulti& multi, asio::thread_pool& secrets, const config::Account& account,
                                            Backoff& backoff, const std::function<double()>& jitter,
                                            const std::function<void(const AccountOpen&, std::chrono::milliseconds)>& report,
                                            Timeouts timeouts) {
  auto executor = co_await asio::this_coro::executor;
  for (;;) {
    AccountOpen opened = co_await open_account(multi, secrets, account, timeouts);
    if (!opened.ec) {
      backoff.reset();
      co_return opened;
    }
    if (retry_policy(opened.ec) == RetryPolicy::kFinal) {
      report(opened, std::chrono::milliseconds(0));
      co_return opened;
    }
    const std::chrono::milliseconds delay = backoff.next(jitter());
    report(opened, delay);
    asio::steady_timer timer(executor, delay);
    co_await timer.async_wait(use_awaitable);
  }
}

awaitable<Result<bool>> wait_for_news(Client& client, bool use_idle, std::chrono::milliseconds poll_interval) {
  if (use_idle && client.has("IDLE")) co_return co_await client.idle(poll_interval);
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor, poll_interval);
  co_await timer.async_wait(use_awaitable);
  co_return Result<bool>{};
}

}  // namespace politeno::imap
