// Opening a configured account: secrets read without holding anything up, and every
// failure classified as temporary (retried forever) or final (until the config is fixed).
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "daemon/account_open.h"
#include "daemon/secret_command.h"
#include "dovecot_fixture.h"
#include "fake_imap_server.h"
#include "test_support.h"

using namespace politeno;
using namespace politeno::imap;
using politeno::testing::FakeImapServer;
using politeno::testing::run_async;

namespace {

Timeouts quick() {
  Timeouts t;
  t.connect = std::chrono::seconds(5);
  t.command = std::chrono::milliseconds(700);
  return t;
}

config::Account plain_account(uint16_t port) {
  config::Account a;
  a.name = "t";
  a.host = "127.0.0.1";
  a.port = port;
  a.tls = config::AccountTls::kNone;
  a.username = "jordan";
  a.secret_source = config::SecretSource::kInline;
  a.secret = "secret";
  return a;
}

daemon::AccountOpen open(const config::Account& account) {
  daemon::AccountOpen out;
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    daemon::AccountOpen opened = co_await daemon::open_account(multi, account, quick());
    out.ec = opened.ec;  // the client itself must not outlive the io_context
    out.detail = opened.detail;
  });
  return out;
}

config::Secret command(const std::string& cmd, std::chrono::milliseconds timeout, std::chrono::milliseconds* took = nullptr) {
  config::Secret out;
  const auto started = std::chrono::steady_clock::now();
  run_async([&](CurlMulti&) -> awaitable<void> { out = co_await daemon::run_secret_command(cmd, timeout); });
  if (took) *took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return out;
}

// Alive, not a zombie: a killed grandchild is reaped by whoever adopted it, which in a
// container may be slow or never.
bool process_exists(pid_t pid) {
  if (kill(pid, 0) != 0) return false;
  const std::string stat = politeno::testing::read_file("/proc/" + std::to_string(pid) + "/stat");
  const size_t paren = stat.rfind(')');
  return paren == std::string::npos || paren + 2 >= stat.size() || stat[paren + 2] != 'Z';
}

}  // namespace

TEST_CASE("a rejected XOAUTH2 token is fetched afresh once, and a second rejection is final", "[account][oauth2]") {
  FakeImapServer server([](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK done\r\n"}; },
                        /*refuse_logins=*/1);
  config::Account account = plain_account(server.port());
  account.secret_source = config::SecretSource::kOAuth2Command;
  account.secret = "echo token-$$";  // a new token each run
  CHECK_FALSE(open(account).ec);
  CHECK(server.connections() == 2);

  FakeImapServer always_no([](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK\r\n"}; },
                           /*refuse_logins=*/1000);
  account.port = always_no.port();
  const daemon::AccountOpen second = open(account);
  CHECK(second.ec == Errc::kAuthFailed);
  CHECK(retry_policy(second.ec) == RetryPolicy::kFinal);
  CHECK(second.detail.find("login refused") != std::string::npos);
  CHECK(second.detail.find("token-") == std::string::npos);  // never the secret
  CHECK(always_no.connections() == 2);
}

TEST_CASE("nothing listening is temporary; a refused login is final", "[account]") {
  const daemon::AccountOpen nothing = open(plain_account(1));
  CHECK(nothing.ec == Errc::kConnectFailed);
  CHECK(retry_policy(nothing.ec) == RetryPolicy::kReconnect);
  FakeImapServer refusing([](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK\r\n"}; },
                          /*refuse_logins=*/1000);
  CHECK(retry_policy(open(plain_account(refusing.port())).ec) == RetryPolicy::kFinal);
}

TEST_CASE("a connection reset during the TLS handshake is temporary, not a TLS failure", "[account][tls]") {
  // A listener that accepts and resets every connection, as an overloaded server does.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  REQUIRE(listen(listener, 8) == 0);
  std::thread resetter([listener] {
    for (;;) {  // until no one has come for a while
      pollfd waiting{listener, POLLIN, 0};
      if (poll(&waiting, 1, 3000) <= 0) return;
      const int fd = accept(listener, nullptr, nullptr);
      if (fd < 0) return;
      char hello[64];
      (void)recv(fd, hello, sizeof hello, 0);  // the ClientHello begins
      linger l{1, 0};
      setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
      close(fd);  // RST
    }
  });
  config::Account account = plain_account(ntohs(addr.sin_port));
  account.tls = config::AccountTls::kImplicit;
  const daemon::AccountOpen o = open(account);
  resetter.join();
  close(listener);
  INFO(o.detail);
  CHECK((o.ec == Errc::kTlsHandshake || o.ec == Errc::kConnectionLost));
  CHECK(retry_policy(o.ec) == RetryPolicy::kReconnect);
}

TEST_CASE("a login refused as UNAVAILABLE is temporary", "[account]") {
  FakeImapServer server([](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK\r\n"}; },
                        /*refuse_logins=*/1000, "[UNAVAILABLE] Too many logins just now");
  const daemon::AccountOpen o = open(plain_account(server.port()));
  CHECK(o.ec == Errc::kServerUnavailable);
  CHECK(retry_policy(o.ec) == RetryPolicy::kReconnect);
}

TEST_CASE("a password file that is missing or empty is temporary; one others can read is refused", "[account][secrets]") {
  politeno::testing::TempDir dir;
  config::Account account = plain_account(1);
  account.secret_source = config::SecretSource::kFile;
  account.secret = dir.path() + "/missing";
  daemon::AccountOpen o = open(account);
  CHECK(o.ec == Errc::kSecretUnavailable);
  CHECK(retry_policy(o.ec) == RetryPolicy::kReconnect);
  account.secret = dir.write("empty", "", /*private_file=*/true);
  CHECK(open(account).ec == Errc::kSecretUnavailable);
  account.secret = dir.write("open", "hunter2\n");
  chmod(account.secret.c_str(), 0644);
  o = open(account);
  CHECK(o.ec == Errc::kSecretInsecure);
  CHECK(retry_policy(o.ec) == RetryPolicy::kFinal);
  CHECK(o.detail.find("chmod 600") != std::string::npos);
  CHECK(o.detail.find("hunter2") == std::string::npos);
  chmod(account.secret.c_str(), 0600);
  CHECK(open(account).ec == Errc::kConnectFailed);  // read fine; nothing listens on port 1
}

TEST_CASE("a password command that fails or is slow is temporary", "[account][secrets]") {
  config::Account account = plain_account(1);
  account.secret_source = config::SecretSource::kCommand;
  account.secret = "exit 3";
  daemon::AccountOpen o = open(account);
  CHECK(o.ec == Errc::kSecretUnavailable);
  CHECK(o.detail.find("exit status 3") != std::string::npos);
  account.secret = "true";
  CHECK(open(account).ec == Errc::kSecretUnavailable);  // printed nothing
}

TEST_CASE("a password command's first line is the secret, and it is read without waiting for a background child",
          "[account][secrets]") {
  std::chrono::milliseconds took{};
  const config::Secret s = command("echo 'hunter2'; (sleep 30) &", std::chrono::seconds(10), &took);
  CHECK(s.error.empty());
  CHECK(s.value == "hunter2");
  CHECK(took < std::chrono::seconds(3));  // not the background child's 30 s
  const config::Secret no_newline = command("printf hunter3; (sleep 30) &", std::chrono::seconds(10), &took);
  CHECK(no_newline.value == "hunter3");
  CHECK(took < std::chrono::seconds(3));
}

TEST_CASE("a password command past its deadline is ended with everything it started", "[account][secrets]") {
  politeno::testing::TempDir dir;
  const std::string pidfile = dir.path() + "/child.pid";
  std::chrono::milliseconds took{};
  const config::Secret s = command("sleep 60 & echo $! > " + pidfile + "; wait", std::chrono::milliseconds(500), &took);
  CHECK_FALSE(s.error.empty());
  CHECK(s.error.find("did not finish") != std::string::npos);
  CHECK(took < std::chrono::seconds(5));
  const pid_t child = static_cast<pid_t>(std::stol(politeno::testing::read_file(pidfile)));
  // The grandchild got SIGKILL with the group; give the kernel a moment to reap it.
  for (int i = 0; i < 50 && process_exists(child); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK_FALSE(process_exists(child));
}

TEST_CASE("a hanging password command holds up no other account", "[account][secrets]") {
  // Two accounts opened at once on one event loop: one's command hangs, the other's
  // (a file) is read and its connection attempted at once.
  politeno::testing::TempDir dir;
  config::Account hanging = plain_account(1);
  hanging.secret_source = config::SecretSource::kCommand;
  hanging.secret = "sleep 5";
  config::Account quick_one = plain_account(1);
  quick_one.secret_source = config::SecretSource::kFile;
  quick_one.secret = dir.write("pw", "secret\n", /*private_file=*/true);
  std::chrono::milliseconds quick_took{};
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto ex = co_await asio::this_coro::executor;
    asio::co_spawn(ex, [&]() -> awaitable<void> { co_await daemon::read_secret(hanging, std::chrono::seconds(2)); }, asio::detached);
    const auto started = std::chrono::steady_clock::now();
    daemon::AccountOpen o = co_await daemon::open_account(multi, quick_one, quick());
    quick_took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    CHECK(o.ec == Errc::kConnectFailed);
  });
  CHECK(quick_took < std::chrono::seconds(1));
}
