// When the service may tell systemd's watchdog that it is alive. Every worker promises
// by when it will next report (its deadlines follow from the IMAP deadlines it waits
// under: a command, an IDLE, a backoff pause); the service is healthy while no promise is
// broken. A worker that misses its promise is stuck, the pings stop, and systemd restarts
// the service. A worker with no promise (parked after a final error) never blocks them.
// Pure: the caller passes the time.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace politeno::daemon {

class Liveness {
 public:
  using Clock = std::chrono::steady_clock;

  // `worker` will report again by `by` (replaces its previous promise).
  void promise(const std::string& worker, Clock::time_point by) { promises_[worker] = by; }
  // `worker` makes no promise now (parked, or gone).
  void release(const std::string& worker) { promises_.erase(worker); }
  void clear() { promises_.clear(); }

  bool healthy(Clock::time_point now) const;
  // The workers whose promise has passed, for the log.
  std::vector<std::string> overdue(Clock::time_point now) const;

 private:
  std::map<std::string, Clock::time_point> promises_;
};

}  // namespace politeno::daemon
