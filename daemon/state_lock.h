// One politeno acting on a state directory at a time. `once` and `run` hold an exclusive
// lock (flock) on <state_dir>/lock while they may change anything, so that two processes
// never act on the same mailbox - both could find Drafts without a reply and both append
// one. The lock dies with its process, however it ends; the file keeps the holder's pid
// for the message the next one prints.
#pragma once

#include <memory>
#include <string>

namespace politeno::daemon {

class StateLock {
 public:
  // nullptr and *error on failure; *busy says whether another process holds it
  // ("another politeno (pid 123) is using DIR") rather than the file being unusable.
  static std::unique_ptr<StateLock> acquire(const std::string& dir, std::string* error, bool* busy);
  ~StateLock();
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

 private:
  explicit StateLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace politeno::daemon
