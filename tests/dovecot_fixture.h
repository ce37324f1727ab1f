// A real Dovecot for the IMAP tests, started once per test process on loopback with TLS
// from a CA it makes (tests/dovecot/start-dovecot), stopped at exit.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>
#include <optional>
#include <string>

#include "imap/client.h"

namespace politeno::testing {

class Dovecot {
 public:
  // The shared server; `no_move` gives a second one that does not advertise MOVE. Fails
  // the calling test when the server could not be started.
  static Dovecot& get(bool no_move = false);
  ~Dovecot();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // A fresh user (password "secret") with an empty mailbox: tests never share mail.
  std::string new_user();

  imap::Endpoint implicit_tls() const;
  imap::Endpoint starttls() const;
  uint16_t imaps_port() const { return imaps_port_; }
  uint16_t imap_port() const { return imap_port_; }
  const std::string& ca_file() const { return ca_file_; }
  const std::string& dir() const { return dir_; }

  // A config's `accounts:` list item (one line) named `name`, for `user` on this server
  // over verified TLS; its password ("secret") is written to `secrets_dir`/pw.
  std::string account_entry(const std::string& name, const std::string& user, const std::string& secrets_dir) const;

  // What the owner does in their mail client: moves the message with `message_id` (no
  // brackets) from `from` to `to`, from the outside (doveadm). True when it ran.
  bool owner_moves(const std::string& user, const std::string& message_id, const std::string& from,
                   const std::string& to) const;

 private:
  explicit Dovecot(bool no_move);
  std::string error_;
  std::string dir_, ca_file_;
  uint16_t imaps_port_ = 0, imap_port_ = 0;
  int users_ = 0;
};

// Runs `body` on a fresh io_context with a CurlMulti until it finishes.
void run_async(const std::function<awaitable<void>(imap::CurlMulti&)>& body);

// Opens a client for `user` (password "secret") or fails the test.
awaitable<std::unique_ptr<imap::Client>> open_client(imap::CurlMulti& multi, const imap::Endpoint& ep,
                                                           const std::string& user);

// Every message of the named folders (EXAMINE: nothing changes); a missing folder is
// left out.
std::map<std::string, std::vector<imap::FetchedMessage>> read_folders(Dovecot& d, const std::string& user,
                                                                       const std::vector<std::string>& folders);

// APPENDs each file's message to `user`'s INBOX.
void append_files(Dovecot& d, const std::string& user, const std::vector<std::string>& files);

}  // namespace politeno::testing
