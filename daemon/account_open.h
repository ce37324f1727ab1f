// Opens an authenticated IMAP client for a configured account: its secret is read
// without blocking the event loop (a file, or a command: daemon/secret_command.h), the
// server is connected with the account's TLS settings, and for XOAUTH2 a fresh token is
// fetched once when the server rejects one (tokens expire). Secrets are wiped after use
// and never appear in errors. This is where config meets imap/: imap/ itself takes only
// an endpoint and credentials.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "config/config.h"
#include "config/secrets.h"
#include "imap/client.h"

namespace politeno::daemon {

imap::Endpoint endpoint_of(const config::Account& account);

struct AccountOpen {
  std::error_code ec;                    // imap::Errc; imap::retry_policy() says what to do
  std::unique_ptr<imap::Client> client;  // set when ec is clear
  std::string detail;                    // why it failed, for a person to act on
};

// The secret as the account names it; a command gets `command_timeout`.
awaitable<config::Secret> read_secret(const config::Account& account,
                                      std::chrono::milliseconds command_timeout = std::chrono::seconds(30));

awaitable<AccountOpen> open_account(imap::CurlMulti& multi, const config::Account& account, imap::Timeouts timeouts = {});

}  // namespace politeno::daemon
