#include "daemon/notifier.h"

#include <systemd/sd-daemon.h>

namespace politeno::daemon {

void SystemdNotifier::notify(const std::string& state) {
  sd_notify(0, state.c_str());  // best effort: a lost notification is not an error
}

std::optional<std::chrono::microseconds> SystemdNotifier::watchdog_interval() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec);
}

}  // namespace politeno::daemon
