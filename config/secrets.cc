#include "config/secrets.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

namespace politeno::config {
namespace {

std::string first_line(std::string s) {
  const size_t nl = s.find_first_of("\r\n");
  if (nl != std::string::npos) s.resize(nl);
  return s;
}

std::string octal(mode_t m) {
  char buf[8];
  snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(m & 07777));
  return buf;
}

}  // namespace

void wipe(std::string& s) {
  explicit_bzero(s.data(), s.size());
  s.clear();
  s.shrink_to_fit();
}

Secret read_secret_file(const std::string& path) {
  std::string full = path;
  if (!path.empty() && path[0] != '/') {
    if (const char* creds = std::getenv("CREDENTIALS_DIRECTORY"); creds && *creds) full = std::string(creds) + "/" + path;
  }
  const int fd = open(full.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {"", "cannot read the password file " + full + ": " + strerror(errno), false};
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return {"", "the password file " + full + " is not a regular file", false};
  }
  if (st.st_mode & 077) {
    close(fd);
    return {"", "the password file " + full + " can be read by others (mode " + octal(st.st_mode) +
                    "): make it private (chmod 600 " + full + ")",
            true};
  }
  std::string content;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    if (content.size() < 65536) content.append(buf, static_cast<size_t>(n));
  }
  explicit_bzero(buf, sizeof buf);
  close(fd);
  Secret s{first_line(content), "", false};
  wipe(content);
  if (s.value.empty()) s.error = "the password file " + full + " is empty";
  return s;
}

Secret secret_from_output(const std::string& output) {
  Secret s{first_line(output), "", false};
  if (s.value.empty()) s.error = "the password command printed nothing";
  return s;
}

}  // namespace politeno::config
