// Rapport from the user's Sent folder, indexed incrementally: for every message sent
// since the last pass, its Message-ID (so replies in the user's own threads are
// recognised), its recipients (who the user has written to) and what it answered (so an
// answered welcome request counts against capacity). Only headers are read.
#pragma once

#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

#include "config/config.h"
#include "daemon/state_store.h"
#include "imap/client.h"

namespace politeno::daemon {

// The Sent folder of an account: configured, else SPECIAL-USE \Sent, else "Sent"; empty
// when the account has none.
std::string sent_folder(const config::Account& account, const std::vector<imap::MailboxInfo>& boxes);

// Indexes what arrived in `sent` since the stored progress. Selects `sent` read-only.
// Nothing is written when `dry_run`. An error leaves the index as it was.
awaitable<std::error_code> index_sent(imap::Client& client, const std::string& account, const std::string& sent,
                                      StateStore& store, bool dry_run, int64_t now_s);

}  // namespace politeno::daemon
