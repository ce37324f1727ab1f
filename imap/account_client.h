// Opens an authenticated Client for a configured account: reads its secret (on a worker
// thread, since a password command may take seconds), connects with the account's TLS
// settings, and for XOAUTH2 fetches a fresh token once when the server rejects one
// (tokens expire). Secrets never appear in errors.
#pragma once

#include <string>

#include <functional>

#include "config/config.h"
#include "imap/backoff.h"
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

// Keeps trying to open the account: temporary failures (network, timeouts, BYE) are
// retried after `backoff` delays with jitter from `jitter` (uniform in [0, 1)); a final
// one (refused login, TLS, missing capability) stops the attempts and is returned, so
// the caller can say so and leave that account alone. `report` hears every failure.
awaitable<AccountOpen> connect_with_backoff(CurlMulti& multi, asio::thread_pool& secrets, const config::Account& account,
                                            Backoff& backoff, const std::function<double()>& jitter,
                                            const std::function<void(const AccountOpen&, std::chrono::milliseconds)>& report,
                                            Timeouts timeouts = {});

// Waits for news in the selected mailbox: IDLE when `use_idle` and the server has it
// (at most `poll_interval`, and never more than 25 minutes), else a plain wait of
// `poll_interval` (polling). True when the server reported new mail while idling; after
// a plain wait the caller simply looks again.
awaitable<Result<bool>> wait_for_news(Client& client, bool use_idle, std::chrono::milliseconds poll_interval);

}  // namespace politeno::imap
