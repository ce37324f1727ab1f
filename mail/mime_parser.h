// Parses raw RFC 5322 / MIME bytes into a Message. Total: every input yields a Message,
// possibly with defects; nothing throws and nothing escapes.
#pragma once

#include <cstddef>
#include <string_view>

#include "mail/message.h"

namespace politeno::mail {

struct ParseLimits {
  size_t max_bytes = 16u << 20;       // input beyond this is cut off (a defect says so)
  size_t max_parts = 500;             // MIME entities visited
  size_t max_depth = 16;              // nesting of multiparts and message/rfc822
  size_t max_header_value = 64u << 10;  // longer header values are cut
  size_t max_text = 1u << 20;         // bytes of body text kept
  size_t max_line = 1u << 20;         // a line longer than this is a defect
};

Message parse_message(std::string_view raw, const ParseLimits& limits = {});

}  // namespace politeno::mail
