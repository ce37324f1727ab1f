#include "imap/connection.h"

#include <boost/asio/redirect_error.hpp>

namespace politeno::imap {

std::error_code from_curl(CURLcode code) {
  switch (code) {
    case CURLE_OK: return {};
    case CURLE_LOGIN_DENIED:
    case CURLE_AUTH_ERROR:
      return Errc::kAuthFailed;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
      return Errc::kTlsFailed;
    // Anything else in the handshake - a reset on the way, an overloaded server closing
    // it - may well work next time.
    case CURLE_SSL_CONNECT_ERROR: return Errc::kTlsHandshake;
    case CURLE_USE_SSL_FAILED: return Errc::kUnsupported;  // no STARTTLS: never sent in clear
    case CURLE_OPERATION_TIMEDOUT: return Errc::kTimeout;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
      return Errc::kConnectionLost;
    case CURLE_WEIRD_SERVER_REPLY: return Errc::kProtocol;
    default: return Errc::kConnectFailed;
  }
}

Connection::Connection(CurlMulti& multi) : multi_(multi), timer_(multi.io()) {}

int Connection::on_debug(CURL*, curl_infotype type, char* data, size_t size, void* self) {
  // The server's lines while connecting and logging in (never what is sent: that holds
  // the password), kept short.
  auto* c = static_cast<Connection*>(self);
  if (type == CURLINFO_HEADER_IN && c->server_lines_.size() < kMaxServerLines)
    c->server_lines_.append(data, std::min(size, kMaxServerLines - c->server_lines_.size()));
  return 0;
}

Connection::~Connection() { close(); }

void Connection::close() {
  if (descriptor_) {
    boost::system::error_code ignored;
    descriptor_->cancel(ignored);
    descriptor_->release();  // curl owns the socket
    descriptor_.reset();
  }
  if (easy_) {
    multi_.remove(easy_);
    curl_easy_cleanup(easy_);
    easy_ = nullptr;
  }
  url_handle_.reset();  // after the handle that used it
}

void Connection::cancel_wait() {
  if (!descriptor_) return;
  boost::system::error_code ignored;
  descriptor_->cancel(ignored);
}

awaitable<std::error_code> Connection::connect(const Endpoint& ep, const Credentials& cred,
                                               std::chrono::milliseconds timeout) {
  close();
  detail_.clear();
  easy_ = curl_easy_init();
  if (!easy_) co_return Errc::kConnectFailed;
  // The URL from its parts: a host is a host, whatever characters it holds.
  CURLU* url = curl_url();
  const bool url_ok = url && curl_url_set(url, CURLUPART_SCHEME, ep.tls == TlsMode::kImplicit ? "imaps" : "imap", 0) == CURLUE_OK &&
                      curl_url_set(url, CURLUPART_HOST, ep.host.c_str(), 0) == CURLUE_OK &&
                      curl_url_set(url, CURLUPART_PORT, std::to_string(ep.port).c_str(), 0) == CURLUE_OK;
  if (!url_ok) {
    if (url) curl_url_cleanup(url);
    detail_ = "not a host name or address: " + ep.host;
    co_return Errc::kConnectFailed;
  }
  curl_easy_setopt(easy_, CURLOPT_CURLU, url);
  url_handle_.reset(url);
  server_lines_.clear();
  curl_easy_setopt(easy_, CURLOPT_DEBUGFUNCTION, &Connection::on_debug);
  curl_easy_setopt(easy_, CURLOPT_DEBUGDATA, this);
  curl_easy_setopt(easy_, CURLOPT_VERBOSE, 1L);  // only so that on_debug hears the server's lines
  curl_easy_setopt(easy_, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(easy_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy_, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(easy_, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(easy_, CURLOPT_USE_SSL, ep.tls == TlsMode::kNone ? static_cast<long>(CURLUSESSL_NONE)
                                                                    : static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYPEER, ep.verify ? 1L : 0L);
  curl_easy_setopt(easy_, CURLOPT_SSL_VERIFYHOST, ep.verify ? 2L : 0L);
  if (!ep.ca_file.empty()) curl_easy_setopt(easy_, CURLOPT_CAINFO, ep.ca_file.c_str());
  curl_easy_setopt(easy_, CURLOPT_USERNAME, cred.username.c_str());
  if (!cred.oauth2_token.empty()) {
    curl_easy_setopt(easy_, CURLOPT_XOAUTH2_BEARER, cred.oauth2_token.c_str());
    curl_easy_setopt(easy_, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
  } else {
    curl_easy_setopt(easy_, CURLOPT_PASSWORD, cred.password.c_str());
  }

  // Wait for curl to finish connecting and logging in.
  auto result = std::make_shared<std::optional<CURLcode>>();
  auto signal = std::make_shared<asio::steady_timer>(multi_.io(), asio::steady_timer::time_point::max());
  multi_.add(easy_, [result, signal](CURLcode code) {
    *result = code;
    signal->cancel();
  });
  boost::system::error_code ignored;
  co_await signal->async_wait(asio::redirect_error(use_awaitable, ignored));
  const CURLcode code = result->value_or(CURLE_ABORTED_BY_CALLBACK);
  curl_easy_setopt(easy_, CURLOPT_VERBOSE, 0L);
  if (code != CURLE_OK) {
    detail_ = error_buffer_[0] ? error_buffer_ : curl_easy_strerror(code);
    std::error_code ec = from_curl(code);
    // A refused login says why in its response code: UNAVAILABLE is "not now", not
    // "wrong password" (RFC 5530).
    if (ec == Errc::kAuthFailed && server_lines_.find("[UNAVAILABLE]") != std::string::npos) ec = Errc::kServerUnavailable;
    close();
    co_return ec;
  }
  curl_socket_t fd = CURL_SOCKET_BAD;
  curl_easy_getinfo(easy_, CURLINFO_ACTIVESOCKET, &fd);
  if (fd == CURL_SOCKET_BAD) {
    close();
    co_return Errc::kConnectionLost;
  }
  descriptor_ = std::make_unique<asio::posix::stream_descriptor>(multi_.io(), fd);
  co_return std::error_code();
}

awaitable<std::error_code> Connection::wait(asio::posix::stream_descriptor::wait_type type, Clock::time_point deadline) {
  if (!descriptor_) co_return Errc::kConnectionLost;
  if (Clock::now() >= deadline) co_return Errc::kTimeout;
  auto timed_out = std::make_shared<bool>(false);
  timer_.expires_at(deadline);
  // The timer belongs to this connection, so `this` outlives it; the descriptor may
  // not (close() while a wait is pending), hence the check at firing time.
  timer_.async_wait([timed_out, this](boost::system::error_code ec) {
    if (ec) return;
    *timed_out = true;
    cancel_wait();
  });
  boost::system::error_code ec;
  co_await descriptor_->async_wait(type, asio::redirect_error(use_awaitable, ec));
  timer_.cancel();
  if (*timed_out) co_return Errc::kTimeout;
  if (ec == asio::error::operation_aborted) co_return Errc::kCancelled;
  if (ec) co_return Errc::kConnectionLost;
  co_return std::error_code();
}

awaitable<std::error_code> Connection::write(std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    if (!easy_) co_return Errc::kConnectionLost;
    size_t sent = 0;
    const CURLcode rc = curl_easy_send(easy_, data.data(), data.size(), &sent);
    if (rc == CURLE_OK) {
      data.remove_prefix(sent);
      continue;
    }
    if (rc != CURLE_AGAIN) co_return Errc::kConnectionLost;
    if (auto ec = co_await wait(asio::posix::stream_descriptor::wait_write, deadline)) co_return ec;
  }
  co_return std::error_code();
}

awaitable<std::error_code> Connection::read_some(std::string* out, Clock::time_point deadline) {
  const size_t before = out->size();
  for (;;) {
    if (!easy_) co_return Errc::kConnectionLost;
    // A server that never stops sending must neither grow one read without bound nor
    // outrun the deadline: the caller gets what has come, and the clock is looked at.
    if (out->size() - before >= kMaxRead) co_return std::error_code();
    if (Clock::now() >= deadline) co_return out->size() > before ? std::error_code() : std::error_code(Errc::kTimeout);
    char buffer[16384];
    size_t n = 0;
    const CURLcode rc = curl_easy_recv(easy_, buffer, sizeof buffer, &n);
    if (rc == CURLE_OK) {
      // An orderly close by the peer. Bytes that came before it are delivered first (a
      // final BYE must be seen); the close is reported by the next read.
      if (n == 0) co_return out->size() > before ? std::error_code() : std::error_code(Errc::kConnectionLost);
      out->append(buffer, n);
      continue;  // TLS may hold more decrypted bytes than the socket shows: drain
    }
    if (rc != CURLE_AGAIN) co_return Errc::kConnectionLost;
    if (out->size() > before) co_return std::error_code();
    if (auto ec = co_await wait(asio::posix::stream_descriptor::wait_read, deadline)) co_return ec;
  }
}

}  // namespace politeno::imap
