#include "imap/curl_multi.h"

namespace politeno::imap {

struct CurlMulti::Watch {
  Watch(asio::io_context& io, curl_socket_t socket) : descriptor(io, socket), fd(socket) {}
  ~Watch() { descriptor.release(); }  // curl owns the socket: never close it
  asio::posix::stream_descriptor descriptor;
  curl_socket_t fd;
  int what = 0;          // CURL_POLL_IN / OUT / INOUT
  bool reading = false;  // a read wait is outstanding
  bool writing = false;
};

CurlMulti::CurlMulti(asio::io_context& io) : io_(io), multi_(curl_multi_init()), timer_(io) {
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlMulti::on_socket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlMulti::on_timer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
}

CurlMulti::~CurlMulti() {
  *alive_ = false;
  timer_.cancel();
  for (auto& [easy, done] : pending_) curl_multi_remove_handle(multi_, easy);
  watches_.clear();
  curl_multi_cleanup(multi_);
}

void CurlMulti::add(CURL* easy, std::function<void(CURLcode)> done) {
  pending_[easy] = std::move(done);
  curl_multi_add_handle(multi_, easy);  // curl calls on_timer to start things
}

void CurlMulti::remove(CURL* easy) {
  pending_.erase(easy);
  curl_multi_remove_handle(multi_, easy);
}

void CurlMulti::abort_all() {
  for (auto& [easy, done] : pending_) {
    if (!done) continue;  // finished already; the handle only holds its connection
    asio::post(io_, [done = std::move(done)] { done(CURLE_ABORTED_BY_CALLBACK); });
    done = nullptr;
  }
}

int CurlMulti::on_socket(CURL*, curl_socket_t s, int what, void* self_ptr, void*) {
  auto* self = static_cast<CurlMulti*>(self_ptr);
  if (what == CURL_POLL_REMOVE) {
    auto it = self->watches_.find(s);
    if (it != self->watches_.end()) {
      it->second->what = 0;
      boost::system::error_code ignored;
      it->second->descriptor.cancel(ignored);
      self->watches_.erase(it);
    }
    return 0;
  }
  auto& w = self->watches_[s];
  if (!w) w = std::make_shared<Watch>(self->io_, s);
  w->what = what;
  self->arm(w);
  return 0;
}

int CurlMulti::on_timer(CURLM*, long timeout_ms, void* self_ptr) {
  auto* self = static_cast<CurlMulti*>(self_ptr);
  if (timeout_ms < 0) {
    self->timer_.cancel();
    return 0;
  }
  self->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
  std::weak_ptr<bool> alive = self->alive_;
  self->timer_.async_wait([self, alive](boost::system::error_code ec) {
    if (ec || alive.expired()) return;
    self->action(CURL_SOCKET_TIMEOUT, 0);
  });
  return 0;
}

void CurlMulti::arm(const std::shared_ptr<Watch>& watch) {
  std::weak_ptr<Watch> weak = watch;
  if ((watch->what & CURL_POLL_IN) && !watch->reading) {
    watch->reading = true;
    watch->descriptor.async_wait(asio::posix::stream_descriptor::wait_read, [this, weak](boost::system::error_code ec) {
      auto w = weak.lock();
      if (!w) return;
      w->reading = false;
      if (ec || !(w->what & CURL_POLL_IN)) return;
      const curl_socket_t fd = w->fd;
      w.reset();  // curl may remove the watch inside action()
      action(fd, CURL_CSELECT_IN);
      if (auto again = weak.lock()) arm(again);
    });
  }
  if ((watch->what & CURL_POLL_OUT) && !watch->writing) {
    watch->writing = true;
    watch->descriptor.async_wait(asio::posix::stream_descriptor::wait_write, [this, weak](boost::system::error_code ec) {
      auto w = weak.lock();
      if (!w) return;
      w->writing = false;
      if (ec || !(w->what & CURL_POLL_OUT)) return;
      const curl_socket_t fd = w->fd;
      w.reset();
      action(fd, CURL_CSELECT_OUT);
      if (auto again = weak.lock()) arm(again);
    });
  }
}

void CurlMulti::action(curl_socket_t s, int flags) {
  int running = 0;
  curl_multi_socket_action(multi_, s, flags, &running);
  drain_done();
}

void CurlMulti::drain_done() {
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
    if (msg->msg != CURLMSG_DONE) continue;
    auto it = pending_.find(msg->easy_handle);
    if (it == pending_.end()) continue;
    auto done = std::move(it->second);
    it->second = nullptr;
    const CURLcode result = msg->data.result;
    asio::post(io_, [done = std::move(done), result] {
      if (done) done(result);
    });
  }
}

}  // namespace politeno::imap
