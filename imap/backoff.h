// Reconnection delays: exponential with full jitter, capped. Pure: the randomness is
// passed in, so tests and the daemon decide where it comes from.
#pragma once

#include <chrono>
#include <cstdint>

namespace politeno::imap {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds initial = std::chrono::seconds(2),
          std::chrono::milliseconds cap = std::chrono::minutes(5))
      : initial_(initial), cap_(cap) {}

  // The delay before the next attempt, given a uniformly random `unit` in [0, 1):
  // a value in [ceiling/2, ceiling], where ceiling doubles per failure up to the cap.
  // (Half-jitter keeps a minimum pause while spreading reconnecting accounts apart.)
  std::chrono::milliseconds next(double unit);
  // After a success: start again from `initial`.
  void reset() { failures_ = 0; }
  uint32_t failures() const { return failures_; }

 private:
  std::chrono::milliseconds initial_, cap_;
  uint32_t failures_ = 0;
};

}  // namespace politeno::imap
