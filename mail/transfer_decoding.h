// Content-Transfer-Encoding decoders. Written here rather than taken from mimetic, whose
// Debian build has an out-of-bounds read in its base64 decoder. Both are total: any
// input decodes to something, and the caller learns whether it was well-formed.
#pragma once

#include <string>
#include <string_view>

namespace politeno::mail {

// Decodes base64, skipping whitespace and other non-alphabet bytes (RFC 2045 6.8 says
// to ignore them). Sets *malformed when bytes were skipped or the padding was off.
std::string decode_base64(std::string_view in, bool* malformed = nullptr);

// Decodes quoted-printable (RFC 2045 6.7): soft line breaks, =XX escapes in either case.
// A stray '=' is kept literally and marks the input malformed.
std::string decode_quoted_printable(std::string_view in, bool* malformed = nullptr);

// The "Q" encoding of RFC 2047 4.2: quoted-printable with '_' meaning space.
std::string decode_q_encoding(std::string_view in);

}  // namespace politeno::mail
