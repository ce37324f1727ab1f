// Separates the new text of a message from quoted earlier mail and the signature.
#pragma once

#include <string>
#include <string_view>

namespace politeno::mail {

struct ReplyParts {
  std::string new_text;   // what the sender wrote now
  std::string quoted;     // quoted earlier mail, attribution lines included
  std::string signature;  // after a "-- " delimiter, or a recognised closing block
};

// Recognises "> " quoting, attribution lines ("On ... wrote:", "Le ... a écrit :",
// "Am ... schrieb ...:", "El ... escribió:"), Outlook "-----Original Message-----" and
// "From:/Sent:" header blocks, underscore rules before them, forwarded-message markers,
// and the RFC 3676 signature delimiter "-- ". Inline replies (new text between quoted
// blocks) are kept in new_text.
ReplyParts split_reply(std::string_view text);

}  // namespace politeno::mail
