#include "imap/backoff.h"

#include <algorithm>

namespace politeno::imap {

std::chrono::milliseconds Backoff::next(double unit) {
  unit = std::clamp(unit, 0.0, 1.0);
  const uint32_t shift = std::min<uint32_t>(failures_, 30);
  ++failures_;
  const double ceiling = std::min(static_cast<double>(cap_.count()), static_cast<double>(initial_.count()) * static_cast<double>(1u << shift));
  return std::chrono::milliseconds(static_cast<int64_t>(ceiling / 2 + unit * ceiling / 2));
}

}  // namespace politeno::imap
