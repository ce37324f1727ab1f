#include "config/secrets.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace politeno::config {
namespace {

std::string first_line(std::string s) {
  const size_t nl = s.find_first_of("\r\n");
  if (nl != std::string::npos) s.resize(nl);
  return s;
}

Secret from_file(const std::string& path) {
  std::string full = path;
  if (!path.empty() && path[0] != '/') {
    if (const char* creds = std::getenv("CREDENTIALS_DIRECTORY"); creds && *creds) full = std::string(creds) + "/" + path;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) return {"", "cannot read the password file " + full};
  std::ostringstream ss;
  ss << in.rdbuf();
  Secret s{first_line(ss.str()), ""};
  if (s.value.empty()) s.error = "the password file " + full + " is empty";
  return s;
}

Secret from_command(const std::string& command, std::chrono::seconds timeout) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return {"", "cannot run the password command (pipe)"};
  const pid_t pid = fork();
  if (pid < 0) {
    close(out[0]);
    close(out[1]);
    return {"", "cannot run the password command (fork)"};
  }
  if (pid == 0) {
    dup2(out[1], 1);
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string output;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[4096];
    const ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    if (output.size() < 65536) output.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (timed_out) return {"", "the password command did not finish within " + std::to_string(timeout.count()) + "s"};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return {"", "the password command failed (exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")"};
  Secret s{first_line(output), ""};
  if (s.value.empty()) s.error = "the password command printed nothing";
  return s;
}

}  // namespace

Secret read_secret(const Account& account, std::chrono::seconds timeout) {
  switch (account.secret_source) {
    case SecretSource::kInline: return {account.secret, ""};
    case SecretSource::kFile: return from_file(account.secret);
    case SecretSource::kCommand:
    case SecretSource::kOAuth2Command: return from_command(account.secret, timeout);
    case SecretSource::kNone: break;
  }
  return {"", "no password source configured"};
}

}  // namespace politeno::config
