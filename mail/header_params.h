// Structured header values with parameters: Content-Type and Content-Disposition,
// including RFC 2231 continuations and charset/language-tagged values.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace politeno::mail {

struct ParameterizedValue {
  std::string value;                         // lower-cased valid UTF-8, e.g. "text/plain"
  std::map<std::string, std::string> params;  // names lower-cased, values decoded to UTF-8
  bool malformed = false;
};

// Parses `value; name=token; name="quoted"; name*=utf-8''%E2%82%AC; name*0=...`.
// Parameter values that contain RFC 2047 words (a common violation) are decoded too.
ParameterizedValue parse_parameterized(std::string_view raw);

}  // namespace politeno::mail
