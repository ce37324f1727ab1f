#include <catch2/catch.hpp>

#include "mail/header_params.h"

using namespace politeno::mail;

TEST_CASE("a Content-Type value and its parameters are parsed, names lower-cased", "[params]") {
  const auto p = parse_parameterized("Text/Plain; Charset=\"UTF-8\"; format=flowed");
  CHECK(p.value == "text/plain");
  CHECK(p.params.at("charset") == "UTF-8");
  CHECK(p.params.at("format") == "flowed");
}

TEST_CASE("RFC 2231 charset-tagged and continued parameters are decoded", "[params][rfc2231]") {
  const auto p = parse_parameterized("attachment; filename*=utf-8''%E2%82%AC%20rates.pdf");
  CHECK(p.params.at("filename") == "\xE2\x82\xAC rates.pdf");
  const auto q = parse_parameterized(
      "application/pdf; name*0*=iso-8859-1''caf%E9; name*1=\"_menu\"; name*2*=%2Epdf");
  CHECK(q.params.at("name") == "caf\xC3\xA9_menu.pdf");
}

TEST_CASE("quoted strings keep semicolons and escaped quotes", "[params]") {
  const auto p = parse_parameterized("multipart/mixed; boundary=\"a;b\\\"c\"");
  CHECK(p.params.at("boundary") == "a;b\"c");
}

TEST_CASE("broken parameter lists parse as far as they can", "[params][hostile]") {
  const auto p = parse_parameterized("text/plain; charset; =x; name=\"open");
  CHECK(p.value == "text/plain");
  CHECK(p.malformed);
  const auto q = parse_parameterized(";;;");
  CHECK(q.value.empty());
}

TEST_CASE("encoded words inside a quoted filename are decoded", "[params]") {
  const auto p = parse_parameterized("attachment; filename=\"=?UTF-8?B?w6l0w6kucGRm?=\"");
  CHECK(p.params.at("filename") == "\xC3\xA9t\xC3\xA9.pdf");
}
