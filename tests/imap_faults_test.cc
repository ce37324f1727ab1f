// The client against a scripted server that misbehaves: it fails cleanly with the right
// error, never hangs past its deadline, and a new connection recovers.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>

#include "dovecot_fixture.h"
#include "fake_imap_server.h"
#include "imap/client.h"

using namespace politeno;
using namespace politeno::imap;
using politeno::testing::FakeImapServer;
using politeno::testing::run_async;

namespace {

Endpoint plain(uint16_t port) {
  Endpoint e;
  e.host = "127.0.0.1";
  e.port = port;
  e.tls = TlsMode::kNone;
  return e;
}

const Credentials kUser{"jordan", "secret", ""};

Timeouts quick() {
  Timeouts t;
  t.connect = std::chrono::seconds(5);
  t.command = std::chrono::milliseconds(700);
  return t;
}

// Opens a client on `server` and runs `step` on it; returns the step's error.
std::error_code one_step(FakeImapServer& server, const std::function<awaitable<std::error_code>(Client&)>& step) {
  std::error_code out;
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    const Endpoint ep = plain(server.port());
    auto opened = co_await Client::open(multi, ep, kUser, quick());
    if (opened.ec) {
      out = opened.ec;
      co_return;
    }
    out = co_await step(*opened.value);
  });
  return out;
}

awaitable<std::error_code> select_inbox(Client& c) {
  const std::string inbox = "INBOX";
  auto r = co_await c.select(inbox, false);
  co_return r.ec;
}

awaitable<std::error_code> fetch_one(Client& c) {
  const std::vector<uint32_t> one(1, 1);
  auto r = co_await c.uid_fetch(one, 4096);
  co_return r.ec;
}

}  // namespace

TEST_CASE("a refused login is a final authentication error", "[imap][faults]") {
  FakeImapServer server([](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK\r\n"}; },
                        /*refuse_logins=*/1000);
  const std::error_code ec = one_step(server, select_inbox);
  CHECK(ec == Errc::kAuthFailed);
  CHECK(retry_policy(ec) == RetryPolicy::kFinal);
}

TEST_CASE("a connection dropped in the middle of a literal is a lost connection", "[imap][faults]") {
  FakeImapServer server([](const std::string& tag, const std::string& command) {
    if (command.rfind("UID FETCH", 0) == 0)
      return FakeImapServer::Reply{"* 1 FETCH (UID 1 BODY[]<0> {1000}\r\n" + std::string(100, 'x'), true};
    return FakeImapServer::Reply{tag + " OK done\r\n"};
  });
  const std::error_code ec = one_step(server, fetch_one);
  CHECK(ec == Errc::kConnectionLost);
  CHECK(retry_policy(ec) == RetryPolicy::kReconnect);
}

TEST_CASE("a server that stalls makes the command's deadline fire", "[imap][faults]") {
  FakeImapServer server([](const std::string& tag, const std::string& command) {
    if (command.rfind("UID FETCH", 0) == 0) return FakeImapServer::Reply{"", false, true};
    return FakeImapServer::Reply{tag + " OK done\r\n"};
  });
  const auto started = std::chrono::steady_clock::now();
  const std::error_code ec = one_step(server, fetch_one);
  CHECK(ec == Errc::kTimeout);
  // It gave up at the deadline rather than waiting for the server (generous bound:
  // this checks that a deadline exists, not how fast the machine is).
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
}

TEST_CASE("garbage from the server is a protocol error", "[imap][faults][hostile]") {
  FakeImapServer server([](const std::string&, const std::string&) {
    return FakeImapServer::Reply{std::string("\x01\x02 garbage {oops\r\n", 18)};
  });
  CHECK(one_step(server, select_inbox) == Errc::kProtocol);
}

TEST_CASE("BYE in the middle of a command is reported as the server closing", "[imap][faults]") {
  FakeImapServer server([](const std::string&, const std::string&) {
    return FakeImapServer::Reply{"* BYE server shutting down\r\n", true};
  });
  const std::error_code ec = one_step(server, select_inbox);
  CHECK(ec == Errc::kServerBye);
  CHECK(retry_policy(ec) == RetryPolicy::kReconnect);
}

TEST_CASE("a NO for one command fails that command and the session goes on", "[imap][faults]") {
  int selects = 0;
  FakeImapServer server([&](const std::string& tag, const std::string& command) {
    if (command.rfind("SELECT", 0) == 0 && selects++ == 0) return FakeImapServer::Reply{tag + " NO [NONEXISTENT] no such mailbox\r\n"};
    return FakeImapServer::Reply{"* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 4] ok\r\n" + tag + " OK [READ-WRITE] done\r\n"};
  });
  std::error_code first, second;
  uint32_t uidvalidity = 0;
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    const Endpoint ep = plain(server.port());
    auto opened = co_await Client::open(multi, ep, kUser, quick());
    REQUIRE(opened.value);
    const std::string box = "Missing";
    auto a = co_await opened.value->select(box, false);
    first = a.ec;
    auto b = co_await opened.value->select(box, false);
    second = b.ec;
    uidvalidity = b.value.uidvalidity;
  });
  CHECK(first == Errc::kNo);
  CHECK(retry_policy(first) == RetryPolicy::kRetryCommand);
  CHECK_FALSE(second);
  CHECK(uidvalidity == 7);
}

TEST_CASE("after a dropped connection a new one recovers", "[imap][faults]") {
  int fetches = 0;
  FakeImapServer server([&](const std::string& tag, const std::string& command) {
    if (command.rfind("UID FETCH", 0) == 0 && fetches++ == 0) return FakeImapServer::Reply{"* 1 FETCH (UID 1", true};
    if (command.rfind("UID FETCH", 0) == 0)
      return FakeImapServer::Reply{"* 1 FETCH (UID 1 FLAGS () BODY[]<0> {5}\r\nhello)\r\n" + tag + " OK done\r\n"};
    return FakeImapServer::Reply{tag + " OK done\r\n"};
  });
  CHECK(one_step(server, fetch_one) == Errc::kConnectionLost);
  CHECK_FALSE(one_step(server, fetch_one));
  CHECK(server.connections() == 2);
}

namespace {

// Resident memory of this process, in bytes.
size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

TEST_CASE("a server flooding a command with untagged responses fails it within its deadline and does not grow politeno",
          "[imap][faults]") {
  for (const std::string& flood : {std::string("* 1 FETCH (FLAGS (\\Seen))\r\n"), std::string("* OK Still here\r\n"),
                                  std::string(64 * 1024, 'x') + "\r\n"}) {
    FakeImapServer server([&](const std::string&, const std::string& cmd) {
      FakeImapServer::Reply r;
      if (cmd.rfind("UID FETCH", 0) == 0) r.flood = flood;
      return r;
    });
    const size_t before = resident_bytes();
    const auto started = std::chrono::steady_clock::now();
    const std::error_code ec = one_step(server, fetch_one);
    const auto took = std::chrono::steady_clock::now() - started;
    INFO("flooded with " << flood.substr(0, 30) << ": " << ec.message());
    CHECK((ec == Errc::kTooLarge || ec == Errc::kTimeout || ec == Errc::kProtocol));
    CHECK(took < std::chrono::seconds(10));  // the 0.7 s deadline, plus start-up
    CHECK(resident_bytes() < before + (400u << 20));
  }
}
