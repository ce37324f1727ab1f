// One pass over one account: find the messages not yet handled, decide each, and act -
// draft, keywords, move - in an order that a kill at any instant cannot turn into a lost
// message, a message acted on twice or a duplicated draft:
//   1. the decision is recorded before anything is done about it;
//   2. a draft is APPENDed only if Drafts has no message with its derived Message-ID;
//   3. keywords, then the move (batched per folder); each step is recorded after the
//      server confirmed it, and a message already gone from the inbox was moved;
//   4. the mailbox's progress mark only passes messages whose every step is done.
// Fetches never set \Seen. With dry_run nothing is changed on the server or in the state.
// Before the inbox, the owner's corrections are looked for (daemon/corrections.h): what
// they filed into politeno's folders by hand; and a message politeno filed that shows up
// in the inbox again was taken back by the owner - recorded as such, never moved again.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "classifier/classifier.h"
#include "config/config.h"
#include "daemon/log.h"
#include "daemon/state_store.h"
#include "imap/client.h"

namespace politeno::daemon {

struct PassOptions {
  bool dry_run = false;
  int backfill_days = 7;       // first run: leave older mail alone (0 = everything)
  size_t fetch_bytes = 256 * 1024;  // the first part of each message that is read
  size_t batch = 200;          // messages fetched and acted on together
  // Asked between batches: true stops the pass there (every batch is finished first).
  std::function<bool()> stop_requested;
  // Told after every batch and folder step: the pass is moving.
  std::function<void()> progress;
  // A dry run stores nothing; this remembers in memory how far dry passes got in the
  // inbox, so a dry `run` does not log the same decisions again after every IDLE.
  MailboxProgress* dry_run_progress = nullptr;
};

struct PassStats {
  size_t decided = 0, drafted = 0, moved = 0, flagged = 0, resumed = 0;
  size_t corrections = 0;      // the owner's moves found and learnt from
  size_t drafts_refused = 0;   // drafts the server would not take (NO): filed without one
  size_t held = 0;             // moves the server refused: retried by the next pass
  size_t given_up = 0;         // moves refused too often: the message stays in the inbox
  size_t round_trips = 0;      // IMAP commands sent during the pass
  uint32_t next_uid = 0;       // the inbox's progress mark after the pass (dry runs too)
  std::string error;           // set when the pass failed
  std::error_code imap_error;  // the IMAP error behind it, if any (decides reconnecting)
  bool stopped = false;        // stop_requested ended the pass early
};

// A pass over an authenticated client. Leaves the inbox selected (read-write), ready for
// IDLE. `now` dates decisions, capacity and the backfill window.
awaitable<PassStats> run_pass(imap::Client& client, const config::Config& config, const config::Account& account,
                              const classifier::Classifier& classifier, StateStore& store, const PassOptions& options,
                              std::chrono::system_clock::time_point now, const Log& log);

// Opens the account, runs a pass and logs out: `politeno once`.
awaitable<PassStats> run_account_pass(imap::CurlMulti& multi, const config::Config& config,
                                      const config::Account& account, const classifier::Classifier& classifier,
                                      StateStore& store, const PassOptions& options,
                                      std::chrono::system_clock::time_point now, const Log& log);

}  // namespace politeno::daemon
