#include "daemon/secret_command.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace politeno::daemon {
namespace {

// How often the command is looked at while it runs.
constexpr std::chrono::milliseconds kTick{20};
constexpr size_t kMaxOutput = 65536;

}  // namespace

awaitable<config::Secret> run_secret_command(std::string command, std::chrono::milliseconds timeout) {
  auto executor = co_await asio::this_coro::executor;
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) co_return config::Secret{"", "cannot run the password command (pipe)", false};
  const pid_t pid = fork();
  if (pid < 0) {
    close(out[0]);
    close(out[1]);
    co_return config::Secret{"", "cannot run the password command (fork)", false};
  }
  if (pid == 0) {
    setpgid(0, 0);  // its own group: a timeout ends whatever it started, too
    dup2(out[1], 1);
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid, pid);  // as the child does: whichever runs first
  close(out[1]);
  fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);

  std::string output;
  int status = 0;
  bool exited = false, timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  asio::steady_timer tick(executor);
  for (;;) {
    char buf[4096];
    for (;;) {  // what is there now
      const ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      if (output.size() < kMaxOutput) output.append(buf, static_cast<size_t>(n));
    }
    if (exited) break;  // drained once more after the exit: done, EOF or not
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      timed_out = true;
      break;
    }
    tick.expires_after(kTick);
    boost::system::error_code ignored;
    co_await tick.async_wait(asio::redirect_error(use_awaitable, ignored));
  }
  close(out[0]);
  config::Secret s;
  if (timed_out) {
    s.error = "the password command did not finish within " + std::to_string((timeout.count() + 999) / 1000) + "s";
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    s.error = "the password command failed (exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
  } else {
    s = config::secret_from_output(output);
  }
  config::wipe(output);
  co_return s;
}

}  // namespace politeno::daemon
