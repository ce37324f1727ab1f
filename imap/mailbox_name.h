// Mailbox names on the wire: modified UTF-7 (RFC 3501 5.1.3) and quoting.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace politeno::imap {

// UTF-8 to modified UTF-7: printable ASCII as is ("&" as "&-"), the rest as
// "&" + modified base64 of UTF-16 + "-".
std::string encode_mailbox_name(std::string_view utf8);

// Modified UTF-7 to UTF-8; nullopt when malformed.
std::optional<std::string> decode_mailbox_name(std::string_view mutf7);

// An IMAP string for a command argument: a quoted string with '\' and '"' escaped.
// Precondition: no CR, LF or NUL (mailbox names and search terms never need them;
// callers reject such input before it gets here).
std::string quote(std::string_view s);

}  // namespace politeno::imap
