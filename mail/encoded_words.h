// RFC 2047 encoded words ("=?charset?Q?...?=") in unstructured header text.
#pragma once

#include <string>
#include <string_view>

namespace politeno::mail {

// Decodes every encoded word in `raw` to UTF-8 and drops the whitespace between two
// adjacent encoded words (RFC 2047 6.2). Text outside encoded words is taken as UTF-8
// if valid (RFC 6532), else as windows-1252. Malformed words are kept literally and
// set *malformed. The result is valid UTF-8 with folding line breaks turned into spaces.
std::string decode_encoded_words(std::string_view raw, bool* malformed = nullptr);

}  // namespace politeno::mail
