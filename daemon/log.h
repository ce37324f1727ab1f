// politeno's log: one line per decision and per error, to stderr. Under systemd, when
// stderr is the journal (JOURNAL_STREAM names it), each line carries a priority prefix
// ("<3>" error, "<4>" warning, "<6>" info) so journalctl can filter by -p. Lines are made
// one line here (CR, LF and TAB become spaces): nothing logged can forge another entry.
// Callers never pass a password, a token or a message body.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace politeno::daemon {

enum class Level { kError = 3, kWarning = 4, kInfo = 6 };

class Log {
 public:
  // Writes to `out`, with priority prefixes when `journal` is set.
  Log(std::ostream& out, bool journal) : out_(&out), journal_(journal) {}
  // Collects lines in memory (for tests and dry runs).
  explicit Log(std::function<void(Level, const std::string&)> sink) : sink_(std::move(sink)) {}

  void operator()(Level level, const std::string& line) const;
  void info(const std::string& line) const { (*this)(Level::kInfo, line); }
  void warning(const std::string& line) const { (*this)(Level::kWarning, line); }
  void error(const std::string& line) const { (*this)(Level::kError, line); }

 private:
  std::ostream* out_ = nullptr;
  bool journal_ = false;
  std::function<void(Level, const std::string&)> sink_;
};

// True when file descriptor `fd` is the stream JOURNAL_STREAM ("device:inode") names.
bool is_journal_stream(int fd, const char* journal_stream_env);

// `s` with CR, LF and TAB replaced by spaces.
std::string one_line(std::string s);

}  // namespace politeno::daemon
