// UTF-8 helpers shared by the mail and classifier code. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace politeno::mail {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Returns `s` with every ill-formed sequence replaced by U+FFFD and every NUL and C0
// control other than TAB, LF and CR dropped. The result is always valid UTF-8.
std::string sanitize_utf8(std::string_view s);

// Appends the UTF-8 encoding of `cp` (U+FFFD for values that are not scalar values).
void append_utf8(std::string& out, char32_t cp);

// Decodes one code point starting at s[i]; advances i past it. Ill-formed input yields
// U+FFFD and advances by one byte. Precondition: i < s.size().
char32_t next_code_point(std::string_view s, size_t& i);

// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
std::string_view truncate_utf8(std::string_view s, size_t max_bytes);

}  // namespace politeno::mail
