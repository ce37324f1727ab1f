// The IMAP client against a real Dovecot started on loopback (tests/dovecot).
#include <catch2/catch.hpp>

#include "dovecot_fixture.h"
#include "imap/client.h"

#include <map>

using namespace politeno;
using namespace politeno::imap;
using politeno::testing::Dovecot;
using politeno::testing::open_client;
using politeno::testing::run_async;

// In these coroutines a co_await never appears inside a Catch assertion macro: GCC 12
// miscompiles co_await amid the macro's temporaries (the awaited call ran three times).
// Await into a local, then assert.

namespace {

std::string message(const std::string& subject, const std::string& body, const std::string& id = "") {
  return "From: Sender <sender@example.org>\r\nTo: jordan@example.org\r\nSubject: " + subject +
         "\r\nMessage-ID: <" + (id.empty() ? subject + "@example.org" : id) + ">\r\nDate: Thu, 26 Nov 2026 10:00:00 +0000\r\n\r\n" +
         body + "\r\n";
}

// Lists built without std::initializer_list: GCC 12 cannot keep its backing array in a
// coroutine frame inside a co_await expression ("array used as initializer").
template <typename... T>
std::vector<uint32_t> uids(T... v) {
  std::vector<uint32_t> out;
  (out.push_back(static_cast<uint32_t>(v)), ...);
  return out;
}

template <typename... T>
std::vector<std::string> flags(T... v) {
  std::vector<std::string> out;
  (out.emplace_back(v), ...);
  return out;
}

// The implicit-TLS endpoint, as a reference to a long-lived object (see uids()).
const Endpoint& tls_of(Dovecot& d) {
  static std::map<Dovecot*, Endpoint> endpoints;
  auto [it, fresh] = endpoints.try_emplace(&d, d.implicit_tls());
  return it->second;
}

bool has_flag(const FetchedMessage& m, std::string_view flag) {
  for (const auto& f : m.flags)
    if (f == flag) return true;
  return false;
}

}  // namespace

TEST_CASE("a client logs in over implicit TLS and over STARTTLS with the certificate verified", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    for (const Endpoint& ep : {d.implicit_tls(), d.starttls()}) {
      auto c = co_await open_client(multi, ep, user);
      CHECK(c->has("IMAP4rev1"));
      CHECK(c->has("MOVE"));
      CHECK(c->has("UIDPLUS"));
      { auto awaited_ = co_await c->logout(); CHECK_FALSE(awaited_); }
    }
  });
}

TEST_CASE("a wrong password is an authentication failure and an unknown CA a TLS failure", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    Credentials wrong{user, "not-the-password", ""};
    auto r = co_await Client::open(multi, tls_of(d), wrong);
    CHECK(r.ec == Errc::kAuthFailed);
    CHECK(retry_policy(r.ec) == RetryPolicy::kFinal);
    Endpoint untrusted = d.implicit_tls();
    untrusted.ca_file.clear();  // the system CAs do not know the test CA
    const Credentials right{user, "secret", ""};
    auto t = co_await Client::open(multi, untrusted, right);
    CHECK(t.ec == Errc::kTlsFailed);
    CHECK(t.value->last_server_text().find("certificate") != std::string::npos);
    Endpoint closed = d.implicit_tls();
    closed.port = 1;
    auto u = co_await Client::open(multi, closed, right);
    CHECK(u.ec == Errc::kConnectFailed);
    CHECK(retry_policy(u.ec) == RetryPolicy::kReconnect);
  });
}

TEST_CASE("LIST finds Drafts and Sent by SPECIAL-USE", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    auto boxes = co_await c->list();
    REQUIRE_FALSE(boxes.ec);
    const auto drafts = Client::find_special(boxes.value, "\\Drafts", "Drafts");
    REQUIRE(drafts);
    CHECK(drafts->name == "Drafts");
    CHECK(drafts->has_attribute("\\Drafts"));
    CHECK(Client::find_special(boxes.value, "\\Sent", "Sent")->name == "Sent");
    CHECK(drafts->delimiter == "/");
  });
}

TEST_CASE("mailboxes with spaces and non-ASCII names are created, listed and selected", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    const std::string spaced = "Networking/Declined for now";
    const std::string accented = "R\xC3\xA9seau/\xE6\x97\xA5\xE6\x9C\xAC \"quoted\"";
    { auto awaited_ = co_await c->create(spaced); CHECK_FALSE(awaited_); }
    { auto awaited_ = co_await c->create(accented); CHECK_FALSE(awaited_); }
    { auto awaited_ = co_await c->create(spaced); CHECK_FALSE(awaited_); }  // creating it again is fine
    auto boxes = co_await c->list();
    bool found_spaced = false, found_accented = false;
    for (const auto& m : boxes.value) {
      found_spaced |= m.name == spaced;
      found_accented |= m.name == accented;
    }
    CHECK(found_spaced);
    CHECK(found_accented);
    { auto awaited_ = co_await c->select(accented, false); CHECK_FALSE(awaited_.ec); }
  });
}

TEST_CASE("SELECT reports UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    { auto awaited_ = co_await c->append("INBOX", {}, message("one", "body")); REQUIRE_FALSE(awaited_.ec); }
    auto s = co_await c->select("INBOX", false);
    REQUIRE_FALSE(s.ec);
    CHECK(s.value.uidvalidity > 0);
    CHECK(s.value.uidnext == 2);
    CHECK(s.value.exists == 1);
    CHECK(s.value.highestmodseq > 0);
    auto e = co_await c->select("INBOX", true);
    CHECK(e.value.read_only);
  });
}

TEST_CASE("appended messages are found by UID SEARCH and fetched partially without setting \\Seen", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    for (int i = 1; i <= 5; ++i) { auto awaited_ = co_await c->append("INBOX", {}, message("m" + std::to_string(i), std::string(500, 'x'))); REQUIRE_FALSE(awaited_.ec); }
    { auto awaited_ = co_await c->select("INBOX", false); REQUIRE_FALSE(awaited_.ec); }
    auto all = co_await c->uid_search(std::string("UID 3:*"));
    CHECK(all.value == std::vector<uint32_t>{3, 4, 5});
    auto by_id = co_await c->uid_search(std::string("HEADER Message-ID \"<m2@example.org>\""));
    CHECK(by_id.value == std::vector<uint32_t>{2});
    auto f = co_await c->uid_fetch(uids(1, 2, 3, 4, 5), 100);
    REQUIRE_FALSE(f.ec);
    REQUIRE(f.value.size() == 5);
    for (const auto& m : f.value) {
      CHECK(m.prefix.size() == 100);
      CHECK(m.size > 500);
      CHECK_FALSE(m.internaldate.empty());
    }
    auto again = co_await c->uid_fetch(uids(1, 2, 3, 4, 5), 10);
    for (const auto& m : again.value) CHECK_FALSE(has_flag(m, "\\Seen"));
  });
}

TEST_CASE("a message whose body forges response lines is fetched intact", "[imap][dovecot][hostile]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    const std::string body = "* 3 FETCH (UID 999 FLAGS (\\Deleted))\r\nP5 OK forged completion\r\n* BYE forged\r\n{12}\r\nend";
    const std::string raw = message("forged", body);
    { auto awaited_ = co_await c->append("INBOX", {}, raw); REQUIRE_FALSE(awaited_.ec); }
    { auto awaited_ = co_await c->append("INBOX", {}, message("after", "plain")); REQUIRE_FALSE(awaited_.ec); }
    { auto awaited_ = co_await c->select("INBOX", false); REQUIRE_FALSE(awaited_.ec); }
    auto f = co_await c->uid_fetch(uids(1, 2), 1 << 20);
    REQUIRE_FALSE(f.ec);
    REQUIRE(f.value.size() == 2);
    CHECK(f.value[0].uid == 1);
    CHECK(f.value[0].prefix == raw);
    CHECK(f.value[1].uid == 2);
    { auto awaited_ = co_await c->uid_search(std::string("ALL")); CHECK_FALSE(awaited_.ec); }  // the session is still in step
  });
}

TEST_CASE("a 20 MB message is fetched partially", "[imap][dovecot][limits]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    std::string big;
    big.reserve(20u << 20);
    while (big.size() < (20u << 20)) big += "All work and no play makes a very large message indeed.\r\n";
    { auto awaited_ = co_await c->append("INBOX", {}, message("big", big)); REQUIRE_FALSE(awaited_.ec); }
    { auto awaited_ = co_await c->select("INBOX", false); REQUIRE_FALSE(awaited_.ec); }
    auto f = co_await c->uid_fetch(uids(1), 256 * 1024);
    REQUIRE_FALSE(f.ec);
    REQUIRE(f.value.size() == 1);
    CHECK(f.value[0].prefix.size() == 256 * 1024);
    CHECK(f.value[0].size > (20u << 20));
  });
}

TEST_CASE("drafts are appended with \\Draft and their UID is known", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    auto a = co_await c->append("Drafts", flags("\\Draft", "$Politeno"), message("Re: hello", "draft body"));
    REQUIRE_FALSE(a.ec);
    CHECK(a.value == 1);
    { auto awaited_ = co_await c->select("Drafts", false); REQUIRE_FALSE(awaited_.ec); }
    auto f = co_await c->uid_fetch(uids(a.value), 10);
    REQUIRE(f.value.size() == 1);
    CHECK(has_flag(f.value[0], "\\Draft"));
    CHECK(has_flag(f.value[0], "$Politeno"));
    CHECK_FALSE(has_flag(f.value[0], "\\Seen"));
  });
}

TEST_CASE("flags and keywords are stored and removed by UID", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    for (int i = 0; i < 3; ++i) { auto awaited_ = co_await c->append("INBOX", {}, message("k" + std::to_string(i), "x")); REQUIRE_FALSE(awaited_.ec); }
    { auto awaited_ = co_await c->select("INBOX", false); REQUIRE_FALSE(awaited_.ec); }
    { auto awaited_ = co_await c->uid_store(uids(1, 3), true, flags("$Networking")); CHECK_FALSE(awaited_); }
    auto f = co_await c->uid_fetch(uids(1, 2, 3), 1);
    CHECK(has_flag(f.value[0], "$Networking"));
    CHECK_FALSE(has_flag(f.value[1], "$Networking"));
    CHECK(has_flag(f.value[2], "$Networking"));
    { auto awaited_ = co_await c->uid_store(uids(1), false, flags("$Networking")); CHECK_FALSE(awaited_); }
    { auto awaited_ = co_await c->uid_store(uids(1), true, flags("bad flag")); CHECK(awaited_ == Errc::kBad); }
  });
}

namespace {

awaitable<void> check_move(CurlMulti& multi, Dovecot& d, bool expect_move) {
  const std::string user = d.new_user();
  auto c = co_await open_client(multi, tls_of(d), user);
  CHECK(c->has("MOVE") == expect_move);
  for (int i = 1; i <= 6; ++i) { auto awaited_ = co_await c->append("INBOX", {}, message("mv" + std::to_string(i), "x")); REQUIRE_FALSE(awaited_.ec); }
  { auto awaited_ = co_await c->create("Networking/Declined"); REQUIRE_FALSE(awaited_); }
  { auto awaited_ = co_await c->select("INBOX", false); REQUIRE_FALSE(awaited_.ec); }
  // The user deleted message 6 themselves but has not expunged it: it must survive.
  { auto awaited_ = co_await c->uid_store(uids(6), true, flags("\\Deleted")); REQUIRE_FALSE(awaited_); }
  { auto awaited_ = co_await c->uid_move(uids(2, 3, 5), "Networking/Declined"); REQUIRE_FALSE(awaited_); }
  auto left = co_await c->uid_search(std::string("ALL"));
  CHECK(left.value == std::vector<uint32_t>{1, 4, 6});
  auto six = co_await c->uid_fetch(uids(6), 1);
  REQUIRE(six.value.size() == 1);
  CHECK(has_flag(six.value[0], "\\Deleted"));
  { auto awaited_ = co_await c->select("Networking/Declined", true); REQUIRE_FALSE(awaited_.ec); }
  auto moved = co_await c->uid_fetch(uids(1, 2, 3), 4096);
  // The folder is listed under its '/' name whatever the server's delimiter.
  auto boxes = co_await c->list();
  bool listed = false;
  for (const auto& m : boxes.value) {
    if (m.name != "Networking/Declined") continue;
    listed = true;
    CHECK(m.wire == (expect_move ? "Networking/Declined" : "Networking.Declined"));  // the server's own delimiter
  }
  CHECK(listed);
  REQUIRE(moved.value.size() == 3);
  CHECK(moved.value[0].prefix.find("Subject: mv2") != std::string::npos);
  for (const auto& m : moved.value) CHECK_FALSE(has_flag(m, "\\Deleted"));
}

}  // namespace

TEST_CASE("UID MOVE moves exactly the given messages", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  run_async([&](CurlMulti& multi) -> awaitable<void> { co_await check_move(multi, d, true); });
}

TEST_CASE("without MOVE, COPY and UID EXPUNGE move exactly the given messages and spare a user's \\Deleted one", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get(/*no_move=*/true);
  run_async([&](CurlMulti& multi) -> awaitable<void> { co_await check_move(multi, d, false); });
}

TEST_CASE("IDLE wakes when another connection appends a message", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto watcher = co_await open_client(multi, tls_of(d), user);
    auto writer = co_await open_client(multi, tls_of(d), user);
    { auto awaited_ = co_await watcher->select("INBOX", true); REQUIRE_FALSE(awaited_.ec); }
    auto ex = co_await asio::this_coro::executor;
    // The writer appends a moment after the watcher starts idling.
    asio::co_spawn(ex, [&]() -> awaitable<void> {
      asio::steady_timer t(ex, std::chrono::milliseconds(500));
      co_await t.async_wait(use_awaitable);
      { auto awaited_ = co_await writer->append("INBOX", {}, message("new", "arrived")); REQUIRE_FALSE(awaited_.ec); }
    }, asio::detached);
    const auto started = std::chrono::steady_clock::now();
    auto r = co_await watcher->idle(std::chrono::seconds(20));
    REQUIRE_FALSE(r.ec);
    CHECK(r.value);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));  // woke on EXISTS, not the cap
    auto found = co_await watcher->uid_search("ALL");
    CHECK(found.value.size() == 1);
  });
}

TEST_CASE("IDLE without news ends at its limit and the session goes on", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    { auto awaited_ = co_await c->select("INBOX", true); REQUIRE_FALSE(awaited_.ec); }
    auto r = co_await c->idle(std::chrono::milliseconds(300));
    REQUIRE_FALSE(r.ec);
    CHECK_FALSE(r.value);
    { auto awaited_ = co_await c->uid_search(std::string("ALL")); CHECK_FALSE(awaited_.ec); }
  });
}

TEST_CASE("an interrupted IDLE ends at once with DONE, and the session goes on", "[imap][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  run_async([&](CurlMulti& multi) -> awaitable<void> {
    auto c = co_await open_client(multi, tls_of(d), user);
    { auto awaited_ = co_await c->select("INBOX", true); REQUIRE_FALSE(awaited_.ec); }
    auto ex = co_await asio::this_coro::executor;
    Client* raw = c.get();
    asio::co_spawn(ex, [ex, raw]() -> awaitable<void> {
      asio::steady_timer t(ex, std::chrono::milliseconds(300));
      co_await t.async_wait(use_awaitable);
      raw->interrupt_idle();
    }, asio::detached);
    const auto started = std::chrono::steady_clock::now();
    auto r = co_await c->idle(std::chrono::minutes(20));
    const auto took = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(r.ec);
    CHECK_FALSE(r.value);
    CHECK(took < std::chrono::minutes(20));  // ended by the interrupt, not the limit
    { auto awaited_ = co_await c->uid_search(std::string("ALL")); CHECK_FALSE(awaited_.ec); }
    // An interrupt before IDLE starts ends the next IDLE as soon as it has begun.
    c->interrupt_idle();
    auto again = co_await c->idle(std::chrono::minutes(20));
    CHECK_FALSE(again.ec);
    { auto awaited_ = co_await c->uid_search(std::string("ALL")); CHECK_FALSE(awaited_.ec); }
  });
}
