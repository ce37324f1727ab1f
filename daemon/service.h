// `politeno run`: the service. Every account has a worker on one io_context; a worker
// connects (with backoff), runs a pass, then waits for news - IDLE where the server has
// it, else polling - and passes again, until stopped. One account's failure never stops
// another: a temporary failure is retried with backoff; a final one (refused login, TLS)
// parks that worker until the next reload.
//
// With systemd (Type=notify): READY=1 once every account has had its first pass
// attempted; STATUS= a one-line summary whenever it changes; WATCHDOG=1 only while every
// worker keeps its liveness promise (see Liveness); SIGTERM/SIGINT: batches in flight are
// finished, STOPPING=1, LOGOUT, exit; SIGHUP: RELOADING=1, the config is read again - if
// valid the workers restart with it, if not the error is logged and the old config kept -
// then READY=1.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "daemon/log.h"
#include "daemon/notifier.h"
#include "daemon/profile.h"
#include "daemon/state_store.h"

namespace politeno::daemon {

struct ServiceOptions {
  bool dry_run = false;                      // besides the config's own dry_run
  int backfill_days = -1;                    // -1: the config's backfill_days
  std::chrono::milliseconds stop_grace{std::chrono::seconds(10)};  // after SIGTERM, then connections are dropped
  std::chrono::milliseconds pass_promise{std::chrono::minutes(10)};  // the longest a batch of a pass may take
  std::chrono::milliseconds promise_margin{std::chrono::minutes(2)};  // added to every liveness promise
};

// Reads and checks the configuration again (for SIGHUP); throws config::ConfigError.
using ProfileLoader = std::function<std::shared_ptr<const Profile>()>;

class Service {
 public:
  Service(StateStore& store, Notifier& notifier, const Log& log, ProfileLoader loader, ServiceOptions options = {});
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Runs until SIGTERM or SIGINT with `profile` as the first configuration. Returns the
  // process exit status (0 after a clean stop).
  int run(std::shared_ptr<const Profile> profile);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace politeno::daemon
