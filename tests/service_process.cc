#include "service_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <cstring>
#include <stdexcept>

#include "test_support.h"

namespace politeno::testing {

ServiceProcess::ServiceProcess(const std::string& config, const std::vector<std::string>& extra,
                               const std::vector<std::string>& env) {
  char tmpl[] = "/tmp/politeno-service-XXXXXX";
  dir_ = mkdtemp(tmpl);
  const std::string socket_path = dir_ + "/notify";
  socket_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof addr.sun_path - 1);
  if (socket_ < 0 || ::bind(socket_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("cannot bind the notify socket " + socket_path);

  std::vector<std::string> args = {POLITENO_BINARY, "run", "--config", config};
  args.insert(args.end(), extra.begin(), extra.end());
  const std::string log_path = dir_ + "/stderr";
  pid_ = fork();
  if (pid_ == 0) {
    const int out = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(out, 2);
    setenv("NOTIFY_SOCKET", socket_path.c_str(), 1);
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    unsetenv("JOURNAL_STREAM");
    for (const std::string& e : env) {
      if (e == "JOURNAL_STREAM=stderr") {  // stderr plays the journal: name its device and inode
        struct stat st {};
        fstat(2, &st);
        const std::string id = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
        setenv("JOURNAL_STREAM", id.c_str(), 1);
        continue;
      }
      putenv(strdup(e.c_str()));
    }
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
}

ServiceProcess::~ServiceProcess() {
  if (running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (socket_ >= 0) close(socket_);
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

bool ServiceProcess::wait_for_notification(const std::string& needle, std::chrono::milliseconds timeout) {
  for (; unmatched_ < notifications_.size(); ++unmatched_)
    if (notifications_[unmatched_].find(needle) != std::string::npos) {
      ++unmatched_;
      return true;
    }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{socket_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), 200))) <= 0) continue;
    char buf[4096];
    const ssize_t n = recv(socket_, buf, sizeof buf, 0);
    if (n <= 0) continue;
    notifications_.emplace_back(buf, static_cast<size_t>(n));
    unmatched_ = notifications_.size();
    if (notifications_.back().find(needle) != std::string::npos) return true;
  }
}

void ServiceProcess::signal(int sig) const { kill(pid_, sig); }

bool ServiceProcess::running() {
  if (exit_) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) != pid_) return true;
  exit_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return false;
}

std::optional<int> ServiceProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    usleep(20000);
  }
  return exit_;
}

std::optional<int> ServiceProcess::stop() {
  signal(SIGTERM);
  return wait_for_exit(std::chrono::seconds(30));
}

std::string ServiceProcess::log() const { return read_file(dir_ + "/stderr"); }

bool ServiceProcess::wait_for_log(const std::string& needle, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (log().find(needle) == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    usleep(100000);
  }
  return true;
}

}  // namespace politeno::testing
