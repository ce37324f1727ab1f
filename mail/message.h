// A parsed mail message: the values politeno reads, decoded to UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mail/address.h"
#include "mail/html_text.h"

namespace politeno::mail {

struct HeaderField {
  std::string name;   // as written
  std::string value;  // unfolded, not decoded (may hold RFC 2047 words or raw 8-bit)
};

struct Attachment {
  std::string content_type;  // lower-cased "type/subtype"
  std::string filename;      // decoded, may be empty
  size_t size = 0;           // encoded size in bytes
};

// A message carried inside another (message/rfc822), as forwarded mail is.
struct ForwardedMessage {
  std::string subject;
  std::vector<Address> from;
  std::string text;  // its body text, quoted mail and signature included
};

struct Message {
  std::vector<HeaderField> headers;  // the top-level header, in order

  std::string subject;  // decoded
  std::vector<Address> from, sender, reply_to, to, cc;
  std::string message_id;               // without angle brackets, empty if absent
  std::string in_reply_to;              // first msg-id of In-Reply-To, without brackets
  std::vector<std::string> references;  // msg-ids of References, oldest first
  std::string date;                     // the Date header as written

  std::string text;       // the chosen body text (text/plain preferred), UTF-8
  std::string new_text;   // `text` without quoted mail and signature
  std::string quoted;     // quoted earlier mail
  std::string signature;  // signature block
  bool body_from_html = false;  // `text` was produced from HTML
  HtmlStats html;               // over every HTML part, chosen or not

  std::vector<Attachment> attachments;
  std::vector<ForwardedMessage> forwarded;
  bool has_calendar = false;  // a text/calendar part: a meeting invitation

  std::vector<std::string> defects;  // what was wrong with the input, in words
  size_t raw_size = 0;               // bytes given to the parser

  // The first header of that name (case-insensitive), or nullptr.
  const HeaderField* header(std::string_view name) const;
  // The first From address, or an empty address.
  const Address& from_address() const;
};

// Case-insensitive ASCII comparison of header names.
bool header_name_equals(std::string_view a, std::string_view b);

}  // namespace politeno::mail
