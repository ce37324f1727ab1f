#include "dovecot_fixture.h"

#include <cstdlib>
#include "test_support.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace politeno::testing {
namespace {

std::string script(const char* name) { return std::string(POLITENO_SOURCE_DIR) + "/tests/dovecot/" + name; }

std::string field(const std::string& line, const std::string& key) {
  const size_t at = line.find(key + "=");
  if (at == std::string::npos) return "";
  const size_t b = at + key.size() + 1;
  return line.substr(b, line.find(' ', b) - b);
}

}  // namespace

Dovecot& Dovecot::get(bool no_move) {
  static std::map<bool, std::unique_ptr<Dovecot>> servers;
  auto& s = servers[no_move];
  if (!s) s.reset(new Dovecot(no_move));
  if (!s->ok()) FAIL(s->error());
  return *s;
}

Dovecot::Dovecot(bool no_move) {
  const std::string cmd = script("start-dovecot") + (no_move ? " --no-move" : "") + " --parent " +
                          std::to_string(::getpid()) + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    error_ = "cannot run start-dovecot";
    return;
  }
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  const int rc = pclose(p);
  std::string line;
  std::istringstream lines(out);
  std::string last;
  while (std::getline(lines, line))
    if (line.rfind("DOVECOT_DIR=", 0) == 0) last = line;
  if (rc != 0 || last.empty()) {
    error_ = "Dovecot did not start (is dovecot-imapd installed? scripts/setup installs it): " + out;
    return;
  }
  dir_ = field(last, "DOVECOT_DIR");
  ca_file_ = field(last, "CA_FILE");
  imaps_port_ = static_cast<uint16_t>(std::stoi(field(last, "IMAPS_PORT")));
  imap_port_ = static_cast<uint16_t>(std::stoi(field(last, "IMAP_PORT")));
}

Dovecot::~Dovecot() {
  if (!dir_.empty()) std::system((script("stop-dovecot") + " " + dir_ + " >/dev/null 2>&1").c_str());
}

std::string Dovecot::new_user() {
  if (users_ >= 300) FAIL("the test Dovecot has only 300 spare users");
  return "u" + std::to_string(++users_);
}

imap::Endpoint Dovecot::implicit_tls() const {
  imap::Endpoint e;
  e.host = "127.0.0.1";
  e.port = imaps_port_;
  e.tls = imap::TlsMode::kImplicit;
  e.ca_file = ca_file_;
  return e;
}

std::string Dovecot::account_entry(const std::string& name, const std::string& user, const std::string& secrets_dir) const {
  const std::string pw = secrets_dir + "/pw";
  std::ofstream(pw) << "secret\n";
  std::filesystem::permissions(pw, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return "  - {name: " + name + ", host: 127.0.0.1, port: " + std::to_string(imaps_port_) + ", tls_ca_file: " + ca_file_ +
         ", username: " + user + ", password_file: " + pw + "}\n";
}

imap::Endpoint Dovecot::starttls() const {
  imap::Endpoint e = implicit_tls();
  e.host = "localhost";
  e.port = imap_port_;
  e.tls = imap::TlsMode::kStartTls;
  return e;
}

void run_async(const std::function<awaitable<void>(imap::CurlMulti&)>& body) {
  asio::io_context io;
  imap::CurlMulti multi(io);
  std::exception_ptr failure;
  asio::co_spawn(io, body(multi), [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
}

awaitable<std::unique_ptr<imap::Client>> open_client(imap::CurlMulti& multi, const imap::Endpoint& ep,
                                                           const std::string& user) {
  imap::Credentials c;
  c.username = user;
  c.password = "secret";
  imap::Timeouts t;
  t.connect = std::chrono::seconds(20);
  t.command = std::chrono::seconds(60);
  auto r = co_await imap::Client::open(multi, ep, c, t);
  if (r.ec) FAIL("open " << user << ": " << r.ec.message() << " " << (r.value ? r.value->last_server_text() : ""));
  co_return std::move(r.value);
}

bool Dovecot::owner_moves(const std::string& user, const std::string& message_id, const std::string& from,
                          const std::string& to) const {
  const std::string cmd = "doveadm -c '" + dir_ + "/dovecot.conf' move -u '" + user + "' '" + to + "' mailbox '" + from +
                          "' header Message-ID '<" + message_id + ">' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

std::map<std::string, std::vector<imap::FetchedMessage>> read_folders(Dovecot& d, const std::string& user,
                                                                       const std::vector<std::string>& folders) {
  std::map<std::string, std::vector<imap::FetchedMessage>> out;
  run_async([&](imap::CurlMulti& multi) -> awaitable<void> {
    const imap::Endpoint ep = d.implicit_tls();
    auto c = co_await open_client(multi, ep, user);
    for (const std::string& f : folders) {
      auto sel = co_await c->select(f, true);
      if (sel.ec) continue;
      const std::string all = "ALL";
      auto uids = co_await c->uid_search(all);
      auto fetched = co_await c->uid_fetch(uids.value, 1 << 20);
      out[f] = fetched.value;
    }
  });
  return out;
}

void append_files(Dovecot& d, const std::string& user, const std::vector<std::string>& files) {
  run_async([&](imap::CurlMulti& multi) -> awaitable<void> {
    const imap::Endpoint ep = d.implicit_tls();
    auto c = co_await open_client(multi, ep, user);
    const std::string inbox = "INBOX";
    const std::vector<std::string> none;
    for (const std::string& f : files) {
      const std::string raw = read_file(f);
      auto r = co_await c->append(inbox, none, raw);
      REQUIRE_FALSE(r.ec);
    }
  });
}

}  // namespace politeno::testing
