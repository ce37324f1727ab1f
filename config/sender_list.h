// A list of senders: single addresses and whole domains ("@example.com" or "example.com").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace politeno::config {

class SenderList {
 public:
  struct Entry {
    std::string text;    // as written in the config
    std::string value;   // lower-cased address, or domain without '@'
    bool domain = false;
  };

  // Adds `text`; returns false (and adds nothing) when it is neither an address nor a
  // domain. A domain entry also covers its subdomains: "@example.com" matches
  // "x@mail.example.com".
  bool add(std::string_view text);

  // The entry that covers `address` (an addr-spec), or nullptr. Exact addresses win
  // over domains.
  const Entry* match(std::string_view address) const;

  bool empty() const { return entries_.empty(); }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

// True when `s` is a plausible domain name: dot-separated labels of letters, digits
// and hyphens (IDNs in UTF-8 allowed), no empty label.
bool is_domain_name(std::string_view s);

}  // namespace politeno::config
