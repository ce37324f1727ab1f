#include "mail/message.h"

#include "mail/ascii.h"
namespace politeno::mail {

bool header_name_equals(std::string_view a, std::string_view b) { return iequals_ascii(a, b); }

const HeaderField* Message::header(std::string_view name) const {
  for (const HeaderField& h : headers)
    if (header_name_equals(h.name, name)) return &h;
  return nullptr;
}

const Address& Message::from_address() const {
  static const Address kEmpty;
  return from.empty() ? kEmpty : from.front();
}

}  // namespace politeno::mail
