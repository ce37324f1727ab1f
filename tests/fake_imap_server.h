// A scripted IMAP server on loopback for fault injection: it speaks just enough IMAP for
// curl to log in (plain, no TLS), then reacts to the client's commands as the test says.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace politeno::testing {

class FakeImapServer {
 public:
  // Called for each command line after login (tag and command, without CRLF). Returns
  // the bytes to send back; `close_after` closes the connection after sending them;
  // `stall` sends nothing and waits for the client to go away.
  struct Reply {
    std::string bytes;
    bool close_after = false;
    bool stall = false;
    std::string flood = {};  // sent over and over, after `bytes`, until the client goes away
  };
  using Script = std::function<Reply(const std::string& tag, const std::string& command)>;

  // The first `refuse_logins` logins are refused with `refusal` (a response code and text).
  explicit FakeImapServer(Script script, int refuse_logins = 0,
                          std::string refusal = "[AUTHENTICATIONFAILED] Authentication failed.");
  ~FakeImapServer();
  FakeImapServer(const FakeImapServer&) = delete;
  FakeImapServer& operator=(const FakeImapServer&) = delete;

  uint16_t port() const { return port_; }
  int connections() const { return connections_; }

 private:
  void serve();
  void session(int fd);

  Script script_;
  std::atomic<int> refuse_logins_;
  std::string refusal_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

}  // namespace politeno::testing
