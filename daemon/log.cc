#include "daemon/log.h"

#include <sys/stat.h>

#include <cinttypes>
#include <cstdio>

namespace politeno::daemon {

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  return s;
}

void Log::operator()(Level level, const std::string& line) const {
  if (sink_) {
    sink_(level, one_line(line));
    return;
  }
  std::string text;
  if (journal_) text = "<" + std::to_string(static_cast<int>(level)) + ">";
  text += "politeno: ";
  text += one_line(line);
  text += '\n';
  *out_ << text << std::flush;  // one write per line: lines of concurrent accounts never mix
}

bool is_journal_stream(int fd, const char* env) {
  if (!env) return false;
  uintmax_t dev = 0, ino = 0;
  if (std::sscanf(env, "%ju:%ju", &dev, &ino) != 2) return false;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return false;
  return static_cast<uintmax_t>(st.st_dev) == dev && static_cast<uintmax_t>(st.st_ino) == ino;
}

}  // namespace politeno::daemon
