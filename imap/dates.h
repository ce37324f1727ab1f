// Dates as IMAP writes them: the SEARCH date ("1-Feb-1994", RFC 3501 date) and
// INTERNALDATE ("17-Jul-1996 02:44:25 -0700", date-time). Pure.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace politeno::imap {

// The UTC day of `t` as a SEARCH date, e.g. for "SINCE 1-Feb-1994".
std::string search_date(std::chrono::system_clock::time_point t);

// An INTERNALDATE as Unix seconds; nullopt when malformed.
std::optional<int64_t> parse_internaldate(std::string_view s);

}  // namespace politeno::imap
