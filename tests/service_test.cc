// The service in-process, with a recording notifier and a scripted server: the wiring of
// the watchdog to the workers' liveness promises.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <thread>

#include "config/config.h"
#include "daemon/service.h"
#include "fake_imap_server.h"
#include "test_support.h"

using namespace politeno;
using namespace std::chrono_literals;
using politeno::testing::FakeImapServer;

namespace {

using Clock = std::chrono::steady_clock;

// Records what the service says, and when; asks for a watchdog every 200 ms.
class RecordingNotifier : public daemon::Notifier {
 public:
  void notify(const std::string& state) override {
    std::lock_guard<std::mutex> lock(mu_);
    said.emplace_back(Clock::now(), state);
  }
  std::optional<std::chrono::microseconds> watchdog_interval() override { return 200ms; }
  std::vector<std::pair<Clock::time_point, std::string>> said;

 private:
  std::mutex mu_;
};

}  // namespace

TEST_CASE("the watchdog is pinged while the account makes progress and no longer once it is stuck",
          "[service][watchdog]") {
  // Logs in, then never answers the pass's first command.
  FakeImapServer server([](const std::string& tag, const std::string& command) {
    if (command.rfind("LIST", 0) == 0) return FakeImapServer::Reply{"", false, true};
    return FakeImapServer::Reply{tag + " OK done\r\n"};
  });
  const politeno::testing::TempDir tmp;
  const std::string& dir = tmp.path();
  const config::Config cfg = config::parse_config(
      "identity: {name: J, addresses: [j@example.org]}\nstate_dir: " + dir +
          "\naccounts:\n  - {name: stuck, host: 127.0.0.1, port: " + std::to_string(server.port()) +
          ", tls: none, username: u, password: p}\n",
      dir + "/config.yaml", /*file_private=*/true);
  std::string error;
  auto store = daemon::StateStore::open(dir + "/state.db", &error);
  REQUIRE(store);

  RecordingNotifier notifier;
  std::vector<std::pair<Clock::time_point, std::string>> lines;
  std::mutex lines_mu;
  const daemon::Log log([&](daemon::Level, const std::string& line) {
    std::lock_guard<std::mutex> lock(lines_mu);
    lines.emplace_back(Clock::now(), line);
  });
  daemon::ServiceOptions options;
  options.pass_promise = 1s;    // a batch that takes longer than this is stuck
  options.promise_margin = 0s;
  options.stop_grace = 500ms;   // the stalled command is cut at the stop
  daemon::Service service(*store, notifier, log, [] { return std::shared_ptr<const daemon::Profile>(); }, options);

  std::thread stopper([] {
    std::this_thread::sleep_for(4s);
    kill(getpid(), SIGTERM);  // the service's signal set takes it
  });
  const int status = service.run(daemon::make_profile(cfg));
  stopper.join();
  CHECK(status == 0);

  Clock::time_point complained{};
  for (const auto& [at, line] : lines)
    if (line.find("no progress from account(s) stuck") != std::string::npos && complained == Clock::time_point{}) complained = at;
  INFO("log lines: " << lines.size());
  REQUIRE(complained != Clock::time_point{});
  size_t before = 0, after = 0;
  for (const auto& [at, state] : notifier.said) {
    if (state != "WATCHDOG=1") continue;
    (at < complained ? before : after) += 1;
  }
  CHECK(before >= 1);  // healthy while connecting and starting the pass
  CHECK(after == 0);   // withheld once the worker broke its promise
  bool stopping = false;
  for (const auto& [at, state] : notifier.said) stopping |= state == "STOPPING=1";
  CHECK(stopping);
}
