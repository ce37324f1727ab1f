// The service against a local Dovecot, measured from outside as a user would run it:
//   first pass: `politeno once --backfill 0` over an inbox of N messages (an ordinary mix:
//     most mail is not a request) - wall time, CPU time, peak memory, IMAP commands;
//   idle: `politeno run` watching A accounts with nothing arriving - CPU used over a
//     window after READY, as a share of one core, and resident memory.
// Prints every run, then medians.
//   bench_service [--messages N] [--reps R] [--accounts A] [--idle-seconds S]
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_dovecot.h"

using namespace politeno::bench;
using Seconds = std::chrono::duration<double>;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The examples with a fresh Message-ID each: 95% of the inbox is ordinary mail (a
// colleague's thread, a newsletter, a receipt), 5% networking requests.
std::vector<std::string> inbox_of(int n) {
  const std::string dir = std::string(POLITENO_SOURCE_DIR) + "/examples/messages/";
  const std::vector<std::string> ordinary = {"colleague-thread", "newsletter", "receipt"};
  const std::vector<std::string> requests = {"cold-referral", "coffee-after-meetup", "french-advisory", "known-intro",
                                             "negative-history", "reputation-coffee", "spanish-call", "vendor-pitch"};
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    const bool request = i % 20 == 19;
    const std::string& name = request ? requests[static_cast<size_t>(i / 20) % requests.size()]
                                      : ordinary[static_cast<size_t>(i) % ordinary.size()];
    std::string raw = read_all(dir + name + ".eml");
    const size_t at = raw.find("Message-ID: <");
    raw.insert(at + 13, "b" + std::to_string(i) + ".");
    out.push_back(std::move(raw));
  }
  return out;
}

std::string account_line(const Server& s, const std::string& user, const std::string& pw) {
  return "  - {name: " + user + ", host: 127.0.0.1, port: " + std::to_string(s.port) + ", tls_ca_file: " + s.ca +
         ", username: " + user + ", password_file: " + pw + "}\n";
}

std::string write_config(const std::string& dir, const std::string& accounts) {
  std::ofstream(dir + "/pw") << "secret\n";
  std::filesystem::permissions(dir + "/pw", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const std::string path = dir + "/config.yaml";
  std::ofstream(path) << "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\n"
                      << "senders:\n  trusted: [\"@acme-robotics.com\"]\n  known: [maria.gonzalez@stateuniv.edu]\n"
                      << "  reputation_concerns: [growthhackz.io]\n  negative_history: [p.hartley@brightpath.example]\n"
                      << "state_dir: " << dir << "/state\naccounts:\n"
                      << accounts;
  return path;
}

pid_t spawn(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

struct FirstPass {
  double wall_s = 0, cpu_s = 0, peak_mib = 0;
  long commands = 0;
  std::string summary;
};

FirstPass first_pass(const Server& s, const std::string& user, int messages) {
  seed(s, user, inbox_of(messages));
  char tmpl[] = "/tmp/politeno-bench-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string config = write_config(dir, account_line(s, user, dir + "/pw"));
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = spawn({POLITENO_BINARY, "once", "--config", config, "--backfill", "0"}, dir + "/out", dir + "/err");
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  FirstPass r;
  r.wall_s = Seconds(std::chrono::steady_clock::now() - t0).count();
  r.cpu_s = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
            static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  r.peak_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;
  r.summary = read_all(dir + "/out");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "bench_service: once failed:\n%s%s\n", r.summary.c_str(), read_all(dir + "/err").substr(0, 2000).c_str());
    std::exit(1);
  }
  const size_t at = r.summary.find(" IMAP commands");
  size_t b = r.summary.rfind(' ', at - 1);
  r.commands = std::atol(r.summary.substr(b + 1, at - b - 1).c_str());
  if (!r.summary.empty() && r.summary.back() == '\n') r.summary.pop_back();
  std::filesystem::remove_all(dir);
  return r;
}

double cpu_seconds_of(pid_t pid) {
  std::istringstream stat(read_all("/proc/" + std::to_string(pid) + "/stat"));
  std::string field;
  unsigned long utime = 0, stime = 0;
  for (int i = 1; i <= 15 && stat >> field; ++i) {
    if (i == 14) utime = std::stoul(field);
    if (i == 15) stime = std::stoul(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double rss_mib_of(pid_t pid) {
  std::istringstream status(read_all("/proc/" + std::to_string(pid) + "/status"));
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int messages = 10000, reps = 3, accounts = 100, idle_seconds = 60;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--messages") messages = std::atoi(argv[i + 1]);
    if (a == "--reps") reps = std::atoi(argv[i + 1]);
    if (a == "--accounts") accounts = std::atoi(argv[i + 1]);
    if (a == "--idle-seconds") idle_seconds = std::atoi(argv[i + 1]);
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it is measured
  const Server s = start();
  int user = 0;
  std::printf("bench_service: Dovecot on 127.0.0.1:%u (TLS)\n\n", s.port);

  std::printf("first pass: politeno once --backfill 0 over %d messages (5%% networking requests), %d runs\n", messages, reps);
  std::printf("%4s %9s %9s %10s %9s  %s\n", "run", "wall s", "cpu s", "peak MiB", "commands", "politeno's summary");
  std::vector<double> wall, cpu, peak;
  long commands = 0;
  for (int r = 0; r < reps; ++r) {
    const FirstPass p = first_pass(s, "u" + std::to_string(++user), messages);
    std::printf("%4d %9.2f %9.2f %10.1f %9ld  %s\n", r + 1, p.wall_s, p.cpu_s, p.peak_mib, p.commands, p.summary.c_str());
    wall.push_back(p.wall_s);
    cpu.push_back(p.cpu_s);
    peak.push_back(p.peak_mib);
    commands = p.commands;
  }
  std::printf("medians: %.2f s wall, %.2f s CPU, %.1f MiB peak, %ld IMAP commands; %.0f messages/s\n\n", median(wall),
              median(cpu), median(peak), commands, messages / median(wall));

  std::printf("idle: politeno run watching %d accounts (IDLE), nothing arriving, %d s window after READY\n", accounts,
              idle_seconds);
  char tmpl[] = "/tmp/politeno-bench-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  std::string lines;
  for (int a = 0; a < accounts; ++a) {
    const std::string name = "u" + std::to_string(++user);
    seed_plain(s, name, 3);
    lines += account_line(s, name, dir + "/pw");
  }
  const std::string config = write_config(dir, lines);
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = spawn({POLITENO_BINARY, "run", "--config", config}, dir + "/out", dir + "/err");
  while (read_all(dir + "/err").find("politeno: ready:") == std::string::npos) {
    if (Seconds(std::chrono::steady_clock::now() - t0).count() > 300) {
      std::fprintf(stderr, "bench_service: run not ready after 300 s:\n%s\n", read_all(dir + "/err").c_str());
      kill(pid, SIGKILL);
      return 1;
    }
    usleep(50000);
  }
  const double ready_s = Seconds(std::chrono::steady_clock::now() - t0).count();
  const double cpu_ready = cpu_seconds_of(pid);
  sleep(static_cast<unsigned>(idle_seconds));
  const double cpu_after = cpu_seconds_of(pid);
  const double rss = rss_mib_of(pid);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  std::printf("ready after %.2f s (first pass on every account, %.2f s CPU)\n", ready_s, cpu_ready);
  std::printf("idle: %.3f s CPU in %d s = %.3f%% of one core; %.1f MiB resident; exit status %d after SIGTERM\n",
              cpu_after - cpu_ready, idle_seconds, 100.0 * (cpu_after - cpu_ready) / idle_seconds, rss,
              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  std::filesystem::remove_all(dir);
  return 0;
}
