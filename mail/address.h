// Mailbox addresses as they appear in From, To, Reply-To and friends (RFC 5322 3.4).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace politeno::mail {

struct Address {
  std::string name;     // display name, decoded to UTF-8, may be empty
  std::string address;  // addr-spec, local part as written, domain lower-cased; valid UTF-8

  // The part after the last '@', lower-cased; empty when there is none.
  std::string domain() const;
  // The part before the last '@', lower-cased.
  std::string local_part() const;
  // `address` lower-cased: what sender lists compare.
  std::string normalized() const;
};

// The part of an addr-spec or Message-ID after its last '@', lower-cased; empty without one.
std::string domain_of(std::string_view addr_spec);

// Parses an address list, tolerating what real mail does wrong: unquoted commas in
// display names before '<', comments, groups, encoded words, missing angle brackets.
// Entries without an '@' are dropped and set *malformed.
std::vector<Address> parse_address_list(std::string_view raw, bool* malformed = nullptr);

// Splits a display name into a given name for a greeting: "Lee, Jordan" -> "Jordan",
// "Dr. Jordan Lee" -> "Jordan", "" -> "". Never returns text with control characters.
std::string first_name(const Address& a);

}  // namespace politeno::mail
