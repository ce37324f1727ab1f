#include "imap/session.h"

namespace politeno::imap {

Session::Session(Connection& connection, ParserLimits limits, SessionLimits session_limits)
    : connection_(connection), parser_(limits), limits_(session_limits) {}

std::string Session::next_tag() { return "P" + std::to_string(++tag_counter_); }


awaitable<std::error_code> Session::next_response(Response* out, Clock::time_point deadline) {
  while (ready_pos_ >= ready_.size()) {
    ready_.clear();
    ready_pos_ = 0;
    buffer_.clear();
    if (auto ec = co_await connection_.read_some(&buffer_, deadline)) co_return ec;
    if (auto ec = parser_.feed(buffer_, &ready_)) co_return ec;
  }
  *out = std::move(ready_[ready_pos_++]);
  if (out->kind == Response::Kind::kUntagged && out->name == "BYE") bye_ = true;
  if (out->kind == Response::Kind::kUntagged && out->name == "EXISTS") exists_seen_ = true;
  co_return std::error_code();
}

awaitable<CommandResult> Session::finish(const std::string& tag, Clock::time_point deadline, CommandResult r) {
  size_t bytes = 0;
  for (;;) {
    Response resp;
    if (auto ec = co_await next_response(&resp, deadline)) {
      r.ec = bye_ && ec == Errc::kConnectionLost ? std::error_code(Errc::kServerBye) : ec;
      co_return r;
    }
    if (resp.kind == Response::Kind::kTagged) {
      if (resp.tag != tag) continue;  // a stale answer to an abandoned command
      if (resp.name == "NO") r.ec = Errc::kNo;
      if (resp.name == "BAD") r.ec = Errc::kBad;
      r.tagged = std::move(resp);
      co_return r;
    }
    if (resp.kind == Response::Kind::kContinuation) continue;  // not expected here
    bytes += resp.wire_size;
    if (r.untagged.size() >= limits_.max_untagged || bytes > limits_.max_untagged_bytes) {
      // The rest of this answer is never read: the connection cannot be used again.
      connection_.close();
      r.ec = Errc::kTooLarge;
      co_return r;
    }
    r.untagged.push_back(std::move(resp));
  }
}

awaitable<CommandResult> Session::run(std::string_view command, std::chrono::milliseconds timeout) {
  CommandResult r;
  if (command.find_first_of("\r\n") != std::string_view::npos) {
    r.ec = Errc::kBad;
    co_return r;
  }
  const auto deadline = Clock::now() + timeout;
  const std::string tag = next_tag();
  std::string line = tag + " " + std::string(command) + "\r\n";
  ++round_trips_;
  if ((r.ec = co_await connection_.write(line, deadline))) co_return r;
  co_return co_await finish(tag, deadline, std::move(r));
}

awaitable<CommandResult> Session::run_with_literal(std::string_view head, std::string_view literal, bool literal_plus,
                                                   std::chrono::milliseconds timeout) {
  CommandResult r;
  if (head.find_first_of("\r\n") != std::string_view::npos) {
    r.ec = Errc::kBad;
    co_return r;
  }
  const auto deadline = Clock::now() + timeout;
  const std::string tag = next_tag();
  std::string line = tag + " " + std::string(head) + " {" + std::to_string(literal.size()) + (literal_plus ? "+" : "") + "}\r\n";
  ++round_trips_;
  if ((r.ec = co_await connection_.write(line, deadline))) co_return r;
  if (!literal_plus) {
    // Wait for "+" (or a refusal).
    for (;;) {
      Response resp;
      if ((r.ec = co_await next_response(&resp, deadline))) co_return r;
      if (resp.kind == Response::Kind::kContinuation) break;
      if (resp.kind == Response::Kind::kTagged && resp.tag == tag) {
        r.ec = resp.name == "NO" ? Errc::kNo : Errc::kBad;
        r.tagged = std::move(resp);
        co_return r;
      }
      r.untagged.push_back(std::move(resp));
    }
    ++round_trips_;
  }
  if ((r.ec = co_await connection_.write(literal, deadline))) co_return r;
  if ((r.ec = co_await connection_.write("\r\n", deadline))) co_return r;
  co_return co_await finish(tag, deadline, std::move(r));
}

void Session::interrupt_idle() {
  interrupt_idle_ = true;
  if (idling_) connection_.cancel_wait();
}

awaitable<std::pair<std::error_code, bool>> Session::idle(std::chrono::milliseconds max, std::chrono::milliseconds timeout) {
  const std::string tag = next_tag();
  auto deadline = Clock::now() + timeout;
  ++round_trips_;
  const std::string line = tag + " IDLE\r\n";
  if (auto ec = co_await connection_.write(line, deadline)) co_return std::make_pair(ec, false);
  // The continuation first.
  for (;;) {
    Response resp;
    if (auto ec = co_await next_response(&resp, deadline)) co_return std::make_pair(ec, false);
    if (resp.kind == Response::Kind::kContinuation) break;
    if (resp.kind == Response::Kind::kTagged && resp.tag == tag)
      co_return std::make_pair(std::error_code(resp.name == "NO" ? Errc::kNo : Errc::kBad), false);
  }
  // Then wait for news until `max`, or until interrupted.
  bool news = false;
  const auto idle_until = Clock::now() + max;
  for (;;) {
    if (interrupt_idle_) break;
    Response resp;
    idling_ = true;
    const std::error_code ec = co_await next_response(&resp, idle_until);
    idling_ = false;
    if (ec == Errc::kTimeout || (ec == Errc::kCancelled && interrupt_idle_)) break;
    if (ec) co_return std::make_pair(ec, false);
    // Anything else (keepalives such as "* OK Still here", flag changes) is dropped: a
    // service idles for months and must not pile them up.
    if (resp.kind == Response::Kind::kUntagged && (resp.name == "EXISTS" || resp.name == "RECENT")) news = true;
    if (news) break;
  }
  interrupt_idle_ = false;
  deadline = Clock::now() + timeout;
  if (auto ec = co_await connection_.write("DONE\r\n", deadline)) co_return std::make_pair(ec, news);
  CommandResult empty;
  CommandResult r = co_await finish(tag, deadline, std::move(empty));
  for (const Response& u : r.untagged)
    if (u.name == "EXISTS" || u.name == "RECENT") news = true;
  co_return std::make_pair(r.ec, news);
}

}  // namespace politeno::imap
