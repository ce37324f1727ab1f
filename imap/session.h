// The IMAP protocol over a Connection: tagged commands, their untagged responses, literals
// and IDLE. One command at a time. Every command has a deadline.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <system_error>
#include <vector>

#include "imap/connection.h"
#include "imap/response_parser.h"

namespace politeno::imap {

struct CommandResult {
  std::error_code ec;               // kNo/kBad for a refused command; transport errors otherwise
  std::vector<Response> untagged;   // what the server said on the way
  Response tagged;                  // the final OK/NO/BAD
};

// What one command may bring back besides its tagged answer. A server that floods a
// command with untagged responses has its command failed (kTooLarge) and its connection
// given up, instead of growing politeno without bound.
struct SessionLimits {
  size_t max_untagged = 200000;             // responses
  size_t max_untagged_bytes = 160u << 20;   // their bytes, literals included
};

class Session {
 public:
  Session(Connection& connection, ParserLimits limits = {}, SessionLimits session_limits = {});

  // Runs `command` (without tag and CRLF; must not contain CR or LF).
  awaitable<CommandResult> run(std::string_view command, std::chrono::milliseconds timeout);

  // Runs a command that ends in a literal: `head` is sent, then "{n}" (or "{n+}" when
  // the server has LITERAL+), the server's continuation is awaited, then `literal`.
  awaitable<CommandResult> run_with_literal(std::string_view head, std::string_view literal, bool literal_plus,
                                            std::chrono::milliseconds timeout);

  // IDLE until the server reports new mail (EXISTS/RECENT), `max` passes, or an error.
  // Returns true when new mail was reported. Ends the IDLE with DONE either way.
  awaitable<std::pair<std::error_code, bool>> idle(std::chrono::milliseconds max, std::chrono::milliseconds timeout);

  // Ends the current IDLE (or the next one, if none is running) as if `max` had passed:
  // DONE is sent and the server's answer read. For shutting down and reloading.
  void interrupt_idle();

  // Whether the server has reported EXISTS (in any response) since clear_exists(): new
  // mail may have arrived that no IDLE will report again.
  bool exists_seen() const { return exists_seen_; }
  void clear_exists() { exists_seen_ = false; }

  size_t round_trips() const { return round_trips_; }

 private:
  awaitable<std::error_code> next_response(Response* out, Clock::time_point deadline);
  awaitable<CommandResult> finish(const std::string& tag, Clock::time_point deadline, CommandResult r);
  std::string next_tag();

  Connection& connection_;
  ResponseParser parser_;
  SessionLimits limits_;
  std::vector<Response> ready_;
  size_t ready_pos_ = 0;
  std::string buffer_;
  unsigned tag_counter_ = 0;
  size_t round_trips_ = 0;
  bool bye_ = false;
  bool exists_seen_ = false;
  bool idling_ = false;          // waiting for news inside IDLE
  bool interrupt_idle_ = false;
};

}  // namespace politeno::imap
