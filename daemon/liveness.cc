#include "daemon/liveness.h"

namespace politeno::daemon {

bool Liveness::healthy(Clock::time_point now) const {
  for (const auto& [worker, by] : promises_)
    if (now > by) return false;
  return true;
}

std::vector<std::string> Liveness::overdue(Clock::time_point now) const {
  std::vector<std::string> out;
  for (const auto& [worker, by] : promises_)
    if (now > by) out.push_back(worker);
  return out;
}

}  // namespace politeno::daemon
