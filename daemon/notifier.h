// The service's side of systemd's notify protocol (sd_notify(3)), behind a narrow
// interface so the service can be tested with a recorder. Outside systemd (no
// NOTIFY_SOCKET) every call does nothing.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace politeno::daemon {

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Sends newline-separated assignments, e.g. "READY=1\nSTATUS=...".
  virtual void notify(const std::string& state) = 0;
  // WatchdogSec as the service manager set it for this process; nullopt when off.
  virtual std::optional<std::chrono::microseconds> watchdog_interval() = 0;
};

// sd_notify(3) and sd_watchdog_enabled(3) from libsystemd.
class SystemdNotifier : public Notifier {
 public:
  void notify(const std::string& state) override;
  std::optional<std::chrono::microseconds> watchdog_interval() override;
};

}  // namespace politeno::daemon
