// Every mailbox operation politeno needs, over one authenticated Session. Nothing here
// sets \Seen: fetches use BODY.PEEK. Moves never EXPUNGE anything but the UIDs moved.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "imap/connection.h"
#include "imap/session.h"

namespace politeno::imap {

template <typename T>
struct Result {
  std::error_code ec;
  T value{};
};

struct Timeouts {
  std::chrono::milliseconds connect{30000};
  std::chrono::milliseconds command{60000};
};

struct MailboxInfo {
  std::string name;                 // UTF-8
  std::string wire;                 // as the server spells it (modified UTF-7)
  std::string delimiter;            // hierarchy delimiter, empty if none
  std::vector<std::string> attributes;  // \Drafts, \Sent, \Noselect ...
  bool has_attribute(std::string_view a) const;
};

struct SelectInfo {
  uint32_t uidvalidity = 0;
  uint32_t uidnext = 0;
  uint32_t exists = 0;
  uint64_t highestmodseq = 0;  // 0 when the server has no CONDSTORE
  bool read_only = false;
};

struct FetchedMessage {
  uint32_t uid = 0;
  std::vector<std::string> flags;
  std::string internaldate;
  uint64_t size = 0;      // RFC822.SIZE
  std::string prefix;     // the first N bytes of the message (BODY.PEEK[]<0.N>)
};

// A Client must be destroyed before the CurlMulti and io_context it was opened on.
class Client {
 public:
  // Connects, logs in and reads the capabilities.
  static awaitable<Result<std::unique_ptr<Client>>> open(CurlMulti& multi, const Endpoint& endpoint,
                                                           const Credentials& credentials, Timeouts timeouts = {});

  bool has(std::string_view capability) const;
  const std::set<std::string>& capabilities() const { return capabilities_; }
  awaitable<std::error_code> refresh_capabilities();

  // LIST "" "*" with SPECIAL-USE attributes where the server offers them.
  awaitable<Result<std::vector<MailboxInfo>>> list();
  // The mailbox with `special_use` (e.g. "\\Drafts"), else the one named `fallback`.
  static std::optional<MailboxInfo> find_special(const std::vector<MailboxInfo>& boxes, std::string_view special_use,
                                                 std::string_view fallback);
  // Mailbox names given to this class are UTF-8 with '/' separating levels; they are
  // sent with the server's own hierarchy delimiter ("Networking/Later" becomes
  // "Networking.Later" on a server that uses '.'). Names from list() are reported the
  // same way.
  // CREATE `name`; an existing mailbox is success.
  awaitable<std::error_code> create(std::string_view name);

  awaitable<Result<SelectInfo>> select(std::string_view mailbox, bool read_only);
  // UID SEARCH with `criteria` (e.g. "UID 100:*", "HEADER Message-ID <x@y>").
  awaitable<Result<std::vector<uint32_t>>> uid_search(std::string_view criteria);
  // FLAGS, INTERNALDATE, RFC822.SIZE and the first `prefix_bytes` of each message.
  awaitable<Result<std::vector<FetchedMessage>>> uid_fetch(const std::vector<uint32_t>& uids, size_t prefix_bytes);
  // The same with each message's header only (BODY.PEEK[HEADER]) in `prefix`, cut at
  // `max_bytes`: enough to know a message by its Message-ID, cheaply.
  awaitable<Result<std::vector<FetchedMessage>>> uid_fetch_headers(const std::vector<uint32_t>& uids, size_t max_bytes);
  // UID STORE uids +FLAGS.SILENT / -FLAGS.SILENT (flags and keywords).
  awaitable<std::error_code> uid_store(const std::vector<uint32_t>& uids, bool add, const std::vector<std::string>& flags);
  // Moves to `destination`: UID MOVE, or COPY + STORE \Deleted + UID EXPUNGE of exactly
  // those UIDs when the server lacks MOVE (needs UIDPLUS; without it the copies are made
  // and the originals are left in place, flagged, so nothing is ever lost).
  awaitable<std::error_code> uid_move(const std::vector<uint32_t>& uids, std::string_view destination);
  // APPENDs `message` to `mailbox` with `flags`; returns the new UID when the server
  // says (APPENDUID), else 0.
  awaitable<Result<uint32_t>> append(std::string_view mailbox, const std::vector<std::string>& flags,
                                     std::string_view message);
  // IDLE for at most `max`, never more than 25 minutes (servers drop idlers after 30,
  // RFC 2177); true when new mail arrived.
  awaitable<Result<bool>> idle(std::chrono::milliseconds max);
  // EXISTS reported since clear_exists() (see Session::exists_seen).
  bool exists_seen() const { return session_.exists_seen(); }
  void clear_exists() { session_.clear_exists(); }
  // Ends the running IDLE (or the next) early, cleanly; see Session::interrupt_idle.
  void interrupt_idle() { session_.interrupt_idle(); }
  // Drops the connection now, without LOGOUT: whatever is awaiting ends with an error.
  // For a shutdown that cannot wait for a stalled server.
  void abort() { connection_->close(); }
  awaitable<std::error_code> logout();

  size_t round_trips() const { return session_.round_trips(); }
  // Why connecting failed, in curl's words (after a failed open()).
  const std::string& connection_detail() const { return connection_->detail(); }
  const std::string& last_server_text() const { return last_text_; }
  // The last tagged answer's response code ("OVERQUOTA", "TRYCREATE"...), empty if none.
  const std::string& last_server_code() const { return last_code_; }

  // Commands over this many UIDs are split (servers cap line lengths).
  static constexpr size_t kMaxUidsPerCommand = 2000;

 private:
  Client(CurlMulti& multi, Timeouts timeouts);
  awaitable<CommandResult> run(std::string_view command);
  // UID FETCH of `uids` with `section` (a BODY.PEEK[...] item) read from the answer's
  // `item` names.
  // By value: a coroutine keeps its parameters, and these are its callers' temporaries.
  awaitable<Result<std::vector<FetchedMessage>>> fetch(std::vector<uint32_t> uids, std::string section,
                                                        std::vector<std::string> items, size_t max_bytes);
  // The server's hierarchy delimiter, asked once (LIST "" "").
  awaitable<std::string> delimiter();
  std::string mailbox_arg(std::string_view utf8) const;

  std::unique_ptr<Connection> connection_;
  Session session_;
  Timeouts timeouts_;
  std::set<std::string> capabilities_;
  std::string delimiter_;  // empty until known
  std::string last_text_;
  std::string last_code_;
};

}  // namespace politeno::imap
