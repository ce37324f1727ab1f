// `politeno run` as its own process, as systemd would start it: NOTIFY_SOCKET names a
// datagram socket this helper reads (so the test sees READY, STATUS, WATCHDOG ...), and
// stderr goes to a file the test can read. Killed with SIGKILL if still running at the end.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace politeno::testing {

class ServiceProcess {
 public:
  // Starts `politeno run --config config` plus `extra` arguments; `env` adds
  // NAME=VALUE pairs to the environment ("JOURNAL_STREAM=stderr" makes stderr pass for
  // the journal).
  ServiceProcess(const std::string& config, const std::vector<std::string>& extra = {},
                 const std::vector<std::string>& env = {});
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  // True when a notification containing `needle` (e.g. "READY=1") came after the one
  // the previous call matched, waiting up to `timeout` for it. Every notification read
  // is kept in notifications().
  bool wait_for_notification(const std::string& needle, std::chrono::milliseconds timeout);
  const std::vector<std::string>& notifications() const { return notifications_; }

  void signal(int sig) const;
  // The exit status once the process ended within `timeout`; -1 for death by a signal.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  bool running();
  // SIGTERM, then the exit status as wait_for_exit gives it (30 seconds at most).
  std::optional<int> stop();

  // What it has logged so far.
  std::string log() const;
  // True when the log holds `needle` within `timeout`.
  bool wait_for_log(const std::string& needle, std::chrono::milliseconds timeout) const;

 private:
  std::string dir_;
  int socket_ = -1;
  pid_t pid_ = -1;
  std::optional<int> exit_;
  std::vector<std::string> notifications_;
  size_t unmatched_ = 0;  // notifications_ from here on were not looked at yet
};

}  // namespace politeno::testing
