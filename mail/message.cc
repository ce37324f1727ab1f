#include "mail/message.h"

namespace politeno::mail {

bool header_name_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

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
