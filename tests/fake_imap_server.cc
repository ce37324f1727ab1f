#include "fake_imap_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace politeno::testing {
namespace {

bool send_all(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    const ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

// Reads one CRLF-terminated line (without CRLF); false when the peer went away.
bool read_line(int fd, std::string* buffer, std::string* line, const std::atomic<bool>& stop) {
  for (;;) {
    const size_t eol = buffer->find("\r\n");
    if (eol != std::string::npos) {
      *line = buffer->substr(0, eol);
      buffer->erase(0, eol + 2);
      return true;
    }
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, 100);
    if (stop) return false;
    if (r <= 0) continue;
    char buf[4096];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    buffer->append(buf, static_cast<size_t>(n));
  }
}

}  // namespace

FakeImapServer::FakeImapServer(Script script, int refuse_logins, std::string refusal)
    : script_(std::move(script)), refuse_logins_(refuse_logins), refusal_(std::move(refusal)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  ::listen(listener_, 8);
  thread_ = std::thread([this] { serve(); });
}

FakeImapServer::~FakeImapServer() {
  stop_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  thread_.join();
}

void FakeImapServer::serve() {
  while (!stop_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++connections_;
    session(fd);  // one client at a time is all the fault tests need
    ::close(fd);
  }
}

void FakeImapServer::session(int fd) {
  std::string buffer, line;
  if (!send_all(fd, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2] fake ready\r\n")) return;
  bool logged_in = false;
  while (read_line(fd, &buffer, &line, stop_)) {
    if (std::getenv("FAKE_IMAP_TRACE")) fprintf(stderr, "fake< %s\n", line.c_str());
    const size_t sp = line.find(' ');
    const std::string tag = line.substr(0, sp);
    const std::string command = sp == std::string::npos ? "" : line.substr(sp + 1);
    if (!logged_in) {
      if (command.rfind("CAPABILITY", 0) == 0) {
        send_all(fd, "* CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 IDLE UIDPLUS\r\n" + tag + " OK done\r\n");
      } else if (command.rfind("AUTHENTICATE", 0) == 0 || command.rfind("LOGIN", 0) == 0) {
        if (command.rfind("AUTHENTICATE ", 0) == 0 && command.find(' ', 13) == std::string::npos) {
          // No initial response (the server has no SASL-IR): ask for it.
          send_all(fd, "+ \r\n");
          if (!read_line(fd, &buffer, &line, stop_)) return;
        }
        if (refuse_logins_ > 0) {
          --refuse_logins_;
          send_all(fd, tag + " NO " + refusal_ + "\r\n");
        } else {
          send_all(fd, tag + " OK logged in\r\n");
          logged_in = true;
        }
      } else {
        send_all(fd, tag + " BAD log in first\r\n");
      }
      continue;
    }
    if (command == "CAPABILITY") {
      send_all(fd, "* CAPABILITY IMAP4rev1 IDLE UIDPLUS MOVE\r\n" + tag + " OK done\r\n");
      continue;
    }
    const Reply reply = script_(tag, command);
    if (reply.stall) {
      // Say nothing until the client gives up and closes.
      while (!stop_ && read_line(fd, &buffer, &line, stop_)) {
      }
      return;
    }
    if (!send_all(fd, reply.bytes) || reply.close_after) return;
    if (!reply.flood.empty()) {
      std::string chunk;
      while (chunk.size() < (64u << 10)) chunk += reply.flood;
      while (!stop_ && send_all(fd, chunk)) {
      }
      return;
    }
  }
}

}  // namespace politeno::testing
