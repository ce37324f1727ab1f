// Drives libcurl's multi interface from one Asio io_context: no thread per connection,
// no blocking call on the loop, every curl call on the io_context's thread. Curl reports
// the sockets it wants watched and a timeout; this class turns them into Asio waits and
// calls curl_multi_socket_action when they complete.
#pragma once

#include <curl/curl.h>

#include <functional>
#include <map>
#include <memory>

#include "imap/asio.h"

namespace politeno::imap {

class CurlMulti {
 public:
  explicit CurlMulti(asio::io_context& io);
  ~CurlMulti();
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;

  // Adds `easy` and calls `done` (from the io_context, never from inside curl) when its
  // transfer completes. The handle stays in the multi afterwards - CONNECT_ONLY handles
  // keep their connection only while they are - until remove() is called.
  void add(CURL* easy, std::function<void(CURLcode)> done);
  void remove(CURL* easy);
  // Ends every transfer still in progress (connects, TLS handshakes, logins) now: their
  // `done` is called with CURLE_ABORTED_BY_CALLBACK. For a shutdown that cannot wait.
  void abort_all();

  asio::io_context& io() { return io_; }

 private:
  struct Watch;
  static int on_socket(CURL* easy, curl_socket_t s, int what, void* self, void* socketp);
  static int on_timer(CURLM* multi, long timeout_ms, void* self);
  void arm(const std::shared_ptr<Watch>& w);
  void action(curl_socket_t s, int flags);
  void drain_done();

  asio::io_context& io_;
  CURLM* multi_;
  asio::steady_timer timer_;
  std::map<curl_socket_t, std::shared_ptr<Watch>> watches_;
  std::map<CURL*, std::function<void(CURLcode)>> pending_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace politeno::imap
