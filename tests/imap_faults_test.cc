// The client against a scripted server that misbehaves: it fails cleanly with the right
// error, never hangs past its deadline, and a new connection recovers.
#include <catch2/catch.hpp>

#include "dovecot_fixture.h"
#include "fake_imap_server.h"
#include "imap/account_client.h"
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

TEST_CASE("a rejected XOAUTH2 token is fetched afresh once, and a second rejection is final", "[imap][faults][oauth2]") {
  FakeImapServer server([](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK done\r\n"}; },
                        /*refuse_logins=*/1);
  config::Account account;
  account.name = "oauth";
  account.host = "127.0.0.1";
  account.port = server.port();
  account.tls = config::AccountTls::kNone;
  account.username = "jordan@example.org";
  account.secret_source = config::SecretSource::kOAuth2Command;
  account.secret = "echo token-$$";  // a new token each run
  std::error_code first;
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    asio::thread_pool pool(1);
    AccountOpen opened = co_await open_account(multi, pool, account, quick());
    first = opened.ec;  // the client itself must not outlive the io_context
    pool.join();
  });
  CHECK_FALSE(first);
  CHECK(server.connections() == 2);

  FakeImapServer always_no([](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK\r\n"}; },
                           /*refuse_logins=*/1000);
  account.port = always_no.port();
  AccountOpen second;
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    asio::thread_pool pool(1);
    AccountOpen opened = co_await open_account(multi, pool, account, quick());
    second.ec = opened.ec;
    second.detail = opened.detail;
    pool.join();
  });
  CHECK(second.ec == Errc::kAuthFailed);
  CHECK(second.detail.find("login refused") != std::string::npos);
  CHECK(second.detail.find("token-") == std::string::npos);  // never the secret
  CHECK(always_no.connections() == 2);
}

TEST_CASE("temporary failures are retried with backoff and a refused login stops the attempts", "[imap][faults][backoff]") {
  // First nothing listens (temporary connect failures), then the server is there.
  int opened_sessions = 0;
  FakeImapServer server([&](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK\r\n"}; });
  config::Account account;
  account.name = "flaky";
  account.host = "127.0.0.1";
  account.port = 1;  // nothing listens: connect failures (temporary)
  account.tls = config::AccountTls::kNone;
  account.username = "jordan";
  account.secret_source = config::SecretSource::kInline;
  account.secret = "secret";
  std::vector<std::chrono::milliseconds> delays;
  std::error_code result;
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    asio::thread_pool pool(1);
    Backoff backoff(std::chrono::milliseconds(20), std::chrono::milliseconds(80));
    auto report = [&](const AccountOpen& o, std::chrono::milliseconds d) {
      delays.push_back(d);
      if (delays.size() == 3) account.port = server.port();  // the server comes back
      (void)o;
    };
    AccountOpen opened = co_await connect_with_backoff(multi, pool, account, backoff, [] { return 1.0; }, report, quick());
    result = opened.ec;
    if (opened.client) ++opened_sessions;
    pool.join();
  });
  CHECK_FALSE(result);
  CHECK(opened_sessions == 1);
  CHECK(delays == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(20), std::chrono::milliseconds(40),
                                                         std::chrono::milliseconds(80)});

  FakeImapServer refusing([](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK\r\n"}; },
                          /*refuse_logins=*/1000);
  account.port = refusing.port();
  delays.clear();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    asio::thread_pool pool(1);
    Backoff backoff(std::chrono::milliseconds(20), std::chrono::milliseconds(80));
    AccountOpen opened = co_await connect_with_backoff(
        multi, pool, account, backoff, [] { return 0.5; }, [&](const AccountOpen&, std::chrono::milliseconds d) { delays.push_back(d); },
        quick());
    result = opened.ec;
    pool.join();
  });
  CHECK(result == Errc::kAuthFailed);
  CHECK(delays.size() == 1);  // reported once, not retried
  CHECK(refusing.connections() == 1);
}

TEST_CASE("without IDLE, waiting for news is polling at the configured interval", "[imap][faults]") {
  FakeImapServer server([](const std::string& tag, const std::string&) { return FakeImapServer::Reply{tag + " OK\r\n"}; });
  bool news = true;
  std::error_code ec;
  std::chrono::steady_clock::duration waited{};
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    const Endpoint ep = plain(server.port());
    auto opened = co_await Client::open(multi, ep, kUser, quick());
    REQUIRE(opened.value);
    const auto started = std::chrono::steady_clock::now();
    auto r = co_await wait_for_news(*opened.value, /*use_idle=*/false, std::chrono::milliseconds(200));
    waited = std::chrono::steady_clock::now() - started;
    news = r.value;
    ec = r.ec;
  });
  CHECK_FALSE(ec);
  CHECK_FALSE(news);
  CHECK(waited >= std::chrono::milliseconds(200));  // a lower bound only: it did wait
}
