// Conversion of text in a declared charset to UTF-8. Pure apart from iconv's tables.
#pragma once

#include <string>
#include <string_view>

namespace politeno::mail {

struct CharsetResult {
  std::string text;         // always valid UTF-8
  bool charset_known = true;  // false: the label was unknown and a fallback was used
  bool had_errors = false;    // some bytes could not be converted and became U+FFFD
};

// Converts `bytes` labelled `charset` (any case, aliases such as "latin1", "cp1252",
// "ks_c_5601-1987" understood) to UTF-8. An empty label means US-ASCII, but 8-bit bytes
// that form valid UTF-8 are kept as UTF-8 and otherwise read as windows-1252, which is
// what unlabelled 8-bit mail nearly always is. Unknown labels fall back the same way.
CharsetResult to_utf8(std::string_view bytes, std::string_view charset);

}  // namespace politeno::mail
