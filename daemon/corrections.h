// The owner's corrections, as their mail client leaves them on the server:
//   - a message they moved into one of politeno's folders by hand is a label for that
//     folder's verdict (found here, by looking at what arrived in each folder since the
//     last look, by Message-ID: a message politeno filed there itself is not one);
//   - a message politeno filed that they moved back to the inbox is a rescue (found by
//     the pass, when it reappears in the inbox: see account_pass.h).
// Corrections are kept in the state (StateStore::record_correction) and become what
// the classifier learns from them (owner_learning).
#pragma once

#include <set>
#include <string>

#include "classifier/classifier.h"
#include "classifier/owner_layer.h"
#include "config/config.h"
#include "daemon/log.h"
#include "daemon/state_store.h"
#include "imap/client.h"

namespace politeno::daemon {

struct ScanOptions {
  bool dry_run = false;          // look, log, record nothing
  size_t fetch_bytes = 256 * 1024;
  int64_t now = 0;               // Unix seconds, dates the corrections
  // The folders the server has (LIST); one that is missing (a dry run creates none) holds
  // no corrections.
  std::set<std::string> existing;
};

struct ScanResult {
  size_t corrections = 0;        // new corrections found
  std::error_code ec;            // an IMAP error (the scan stopped there)
  std::string error;             // what failed, for the log; empty when all went well
};

// Looks at each of politeno's folders (the actions' folders) for messages that arrived
// since the last look. The first look at a folder only notes where it stands: what is
// already there is not a correction. Leaves some folder selected read-only.
awaitable<ScanResult> scan_folders(imap::Client& client, const config::Config& config, const config::Account& account,
                                   const classifier::Classifier& classifier, StateStore& store, const ScanOptions& options,
                                   const Log& log);

// What the account's stored corrections teach `classifier` (its model and rules).
classifier::OwnerLearning owner_learning(StateStore& store, const std::string& account,
                                         const classifier::Classifier& classifier);

}  // namespace politeno::daemon
