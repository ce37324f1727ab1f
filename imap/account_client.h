// Opens an authenticated Client for a configured account: reads its secret (on a worker
// thread, since a password command may take seconds), connects with the account's TLS
// settings, and for XOAUTH2 fetches a fresh token once when the server rejects one
// (tokens expire). Secrets never appear in errors.
#pragma once

#include <string>

#include "config/config.h"
#include "imap/client.h"

namespace politeno::imap {

Endpoint endpoint_of(const config::Account& account);

struct AccountOpen {
  std::error_code ec;
  std::unique_ptr<Client> client;  // set when ec is clear
  std::string detail;              // why it failed, for a person to act on
};

// `secrets` runs the secret lookups; the caller's executor is resumed afterwards.
awaitable<AccountOpen> open_account(CurlMulti& multi, asio::thread_pool& secrets, const config::Account& account,
                                    Timeouts timeouts = {});

}  // namespace politeno::imap
