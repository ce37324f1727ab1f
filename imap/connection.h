// One IMAP connection: libcurl connects, negotiates TLS (implicit or STARTTLS, with
// certificate verification) and logs in (password or XOAUTH2); afterwards politeno
// speaks IMAP itself over curl_easy_send/recv, because curl 7.88's IMAP URL operations
// cannot PEEK, cannot APPEND with \Draft, lose track of SELECT and have no IDLE.
// Every wait has a deadline. Not thread-safe: use from the io_context's thread.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "imap/asio.h"
#include "imap/curl_multi.h"
#include "imap/error.h"

namespace politeno::imap {

using Clock = std::chrono::steady_clock;

enum class TlsMode { kImplicit, kStartTls, kNone };

struct Endpoint {
  std::string host;
  uint16_t port = 993;
  TlsMode tls = TlsMode::kImplicit;
  std::string ca_file;  // empty: the system's CAs
  bool verify = true;
};

struct Credentials {
  std::string username;
  std::string password;      // or:
  std::string oauth2_token;  // XOAUTH2 bearer token
};

class Connection {
 public:
  explicit Connection(CurlMulti& multi);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Connects, negotiates TLS and logs in, within `timeout`.
  awaitable<std::error_code> connect(const Endpoint& endpoint, const Credentials& credentials,
                                     std::chrono::milliseconds timeout);

  // Writes all of `data` before `deadline`.
  awaitable<std::error_code> write(std::string_view data, Clock::time_point deadline);

  // Appends at least one byte (and whatever else is ready, up to kMaxRead) to *out
  // before `deadline`.
  awaitable<std::error_code> read_some(std::string* out, Clock::time_point deadline);
  static constexpr size_t kMaxRead = 256 * 1024;

  // Why the last connect failed, in curl's words (certificate problems included).
  const std::string& detail() const { return detail_; }

  bool connected() const { return descriptor_ != nullptr; }
  void close();
  // Ends a pending write or read wait now with Errc::kCancelled; the connection stays
  // usable (nothing read or written is lost).
  void cancel_wait();

 private:
  awaitable<std::error_code> wait(asio::posix::stream_descriptor::wait_type type, Clock::time_point deadline);

  static int on_debug(CURL* handle, curl_infotype type, char* data, size_t size, void* self);
  static constexpr size_t kMaxServerLines = 4096;
  struct UrlFree {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
  };

  CurlMulti& multi_;
  CURL* easy_ = nullptr;
  std::unique_ptr<CURLU, UrlFree> url_handle_;
  std::string server_lines_;  // what the server said while connecting
  std::unique_ptr<asio::posix::stream_descriptor> descriptor_;
  asio::steady_timer timer_;
  std::string detail_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

// Maps a curl result to politeno's error set.
std::error_code from_curl(CURLcode code);

}  // namespace politeno::imap
