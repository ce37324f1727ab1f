#include "daemon/account_open.h"

#include "daemon/secret_command.h"

namespace politeno::daemon {
namespace {

using imap::Errc;

std::string describe(const config::Account& a, std::error_code ec, const std::string& detail) {
  const std::string where = a.host + ":" + std::to_string(a.port);
  if (ec == Errc::kAuthFailed) return "login refused for user '" + a.username + "' at " + where + ": check the password or token";
  if (ec == Errc::kServerUnavailable) return "the server at " + where + " cannot log anyone in just now (UNAVAILABLE)";
  if (ec == Errc::kTlsFailed)
    return "TLS with " + where + " failed: " + detail + (a.tls_ca_file.empty() ? " (if the server uses a private CA, set tls_ca_file)" : "");
  if (ec == Errc::kTlsHandshake) return "the TLS handshake with " + where + " broke off: " + detail;
  if (ec == Errc::kUnsupported) return where + " offers no STARTTLS: nothing was sent in clear (use tls: implicit?)";
  if (ec == Errc::kConnectFailed) return "cannot connect to " + where + ": " + detail;
  if (ec == Errc::kTimeout) return "no answer from " + where + " in time" + (detail.empty() ? "" : ": " + detail);
  return ec.message() + (detail.empty() ? "" : ": " + detail);
}

}  // namespace

imap::Endpoint endpoint_of(const config::Account& a) {
  imap::Endpoint e;
  e.host = a.host;
  e.port = a.port;
  e.tls = a.tls == config::AccountTls::kImplicit ? imap::TlsMode::kImplicit
          : a.tls == config::AccountTls::kStartTls ? imap::TlsMode::kStartTls
                                                   : imap::TlsMode::kNone;
  e.ca_file = a.tls_ca_file;
  e.verify = a.tls_verify;
  return e;
}

awaitable<config::Secret> read_secret(const config::Account& account, std::chrono::milliseconds command_timeout) {
  switch (account.secret_source) {
    case config::SecretSource::kInline: co_return config::Secret{account.secret, "", false};
    case config::SecretSource::kFile: co_return config::read_secret_file(account.secret);
    case config::SecretSource::kCommand:
    case config::SecretSource::kOAuth2Command: {
      config::Secret s = co_await run_secret_command(account.secret, command_timeout);
      co_return s;
    }
    case config::SecretSource::kNone: break;
  }
  co_return config::Secret{"", "no password source configured", true};
}

awaitable<AccountOpen> open_account(imap::CurlMulti& multi, const config::Account& account, imap::Timeouts timeouts) {
  AccountOpen out;
  const bool oauth2 = account.secret_source == config::SecretSource::kOAuth2Command;
  const imap::Endpoint endpoint = endpoint_of(account);
  for (int attempt = 0; attempt < (oauth2 ? 2 : 1); ++attempt) {
    config::Secret secret = co_await read_secret(account);
    if (!secret.error.empty()) {
      out.ec = secret.insecure ? Errc::kSecretInsecure : Errc::kSecretUnavailable;
      out.detail = secret.error;
      co_return out;
    }
    imap::Credentials cred;
    cred.username = account.username;
    (oauth2 ? cred.oauth2_token : cred.password) = std::move(secret.value);
    auto opened = co_await imap::Client::open(multi, endpoint, cred, timeouts);
    config::wipe(cred.password);
    config::wipe(cred.oauth2_token);
    out.ec = opened.ec;
    if (!opened.ec) {
      out.client = std::move(opened.value);
      out.detail.clear();
      co_return out;
    }
    out.detail = describe(account, opened.ec, opened.value ? opened.value->connection_detail() : "");
    if (opened.ec != Errc::kAuthFailed) break;  // only a rejected token is worth a fresh one
  }
  co_return out;
}

}  // namespace politeno::daemon
