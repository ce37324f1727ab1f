#include "config/sender_list.h"

#include "mail/ascii.h"
namespace politeno::config {
bool is_domain_name(std::string_view s) {
  if (s.empty() || s.size() > 253 || s.front() == '.' || s.back() == '.') return false;
  size_t label = 0;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || u >= 0x80;
    if (!ok || ++label > 63) return false;
  }
  return true;
}

bool SenderList::add(std::string_view text) {
  std::string_view t = text;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  Entry e;
  e.text = std::string(text);
  const size_t at = t.rfind('@');
  if (at == 0) {
    e.domain = true;
    e.value = mail::ascii_lower(t.substr(1));
  } else if (at == std::string_view::npos) {
    e.domain = true;
    e.value = mail::ascii_lower(t);
  } else {
    const std::string_view local = t.substr(0, at);
    if (local.find_first_of(" \t<>,;\"") != std::string_view::npos || !is_domain_name(t.substr(at + 1))) return false;
    e.value = mail::ascii_lower(t);
    entries_.push_back(std::move(e));
    return true;
  }
  if (!is_domain_name(e.value)) return false;
  entries_.push_back(std::move(e));
  return true;
}

const SenderList::Entry* SenderList::match(std::string_view address) const {
  const std::string addr = mail::ascii_lower(address);
  const size_t at = addr.rfind('@');
  if (at == std::string::npos) return nullptr;
  const std::string_view domain = std::string_view(addr).substr(at + 1);
  for (const Entry& e : entries_)
    if (!e.domain && e.value == addr) return &e;
  for (const Entry& e : entries_) {
    if (!e.domain) continue;
    if (domain == e.value) return &e;
    if (domain.size() > e.value.size() && domain.substr(domain.size() - e.value.size()) == e.value &&
        domain[domain.size() - e.value.size() - 1] == '.')
      return &e;
  }
  return nullptr;
}

}  // namespace politeno::config
