// Turns the bytes a server sends into Responses. Pure and incremental: feed it whatever
// arrived; it returns every complete response and keeps the rest. Literals ({n}) are
// counted byte by byte, so message text that looks like "* 3 FETCH" or "A005 OK" inside a
// literal is data, never a response.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "imap/response.h"

namespace politeno::imap {

struct ParserLimits {
  size_t max_response = 64u << 20;  // one response, literals included
  size_t max_line = 1u << 20;       // one line outside literals
  size_t max_depth = 64;            // nesting of parenthesised lists
  size_t max_values = 1u << 20;     // values in one response
};

class ResponseParser {
 public:
  explicit ResponseParser(ParserLimits limits = {}) : limits_(limits) {}

  // Appends `bytes` and moves every complete response into `out`. After an error the
  // connection is unusable (kProtocol or kTooLarge); the parser stays in that state.
  std::error_code feed(std::string_view bytes, std::vector<Response>* out);

  // Bytes buffered towards an incomplete response.
  size_t buffered() const { return buffer_.size() - consumed_; }

 private:
  // Length of the first complete response in the buffer, 0 if incomplete.
  std::error_code complete_length(size_t* length);

  ParserLimits limits_;
  std::string buffer_;
  size_t consumed_ = 0;
  size_t scan_ = 0;        // where the search for the response's end continues
  std::error_code failed_;
};

// Parses exactly one complete response (as framed by ResponseParser). Exposed for tests
// and the fuzzer.
std::error_code parse_response(std::string_view bytes, const ParserLimits& limits, Response* out);

}  // namespace politeno::imap
