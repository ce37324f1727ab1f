// IMAP server responses as values (RFC 3501 7 and 9).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace politeno::imap {

// One element of a response: an atom (BODY[HEADER], \Seen, OK), a number, a string
// (quoted or literal; the bytes as sent), NIL, or a parenthesised list.
struct Value {
  enum class Kind { kAtom, kNumber, kString, kNil, kList };
  Kind kind = Kind::kNil;
  std::string text;           // atom or string bytes; a number's digits
  uint64_t number = 0;
  std::vector<Value> list;

  bool is_atom(std::string_view upper) const;  // case-insensitive atom comparison
  bool is_list() const { return kind == Kind::kList; }
};

struct Response {
  enum class Kind { kUntagged, kTagged, kContinuation };
  Kind kind = Kind::kUntagged;
  std::string tag;                   // tagged responses
  std::optional<uint64_t> number;    // "* 23 EXISTS", "* 5 FETCH (...)"
  std::string name;                  // upper-cased: OK NO BAD BYE PREAUTH EXISTS FETCH LIST ...
  std::vector<Value> values;         // what follows the name (FETCH's list, SEARCH's numbers ...)
  std::string code;                  // upper-cased response code name: UIDVALIDITY, APPENDUID ...
  std::vector<Value> code_values;    // its arguments
  std::string text;                  // human-readable text of status responses
  size_t wire_size = 0;              // bytes it took on the wire, literals included

  bool is_status() const { return name == "OK" || name == "NO" || name == "BAD" || name == "BYE" || name == "PREAUTH"; }
};

// Looks up a FETCH item ("UID", "FLAGS", "BODY[]<0>" ...) in a FETCH response's list;
// the name is compared case-insensitively.
const Value* fetch_item(const Response& r, std::string_view name);

}  // namespace politeno::imap
