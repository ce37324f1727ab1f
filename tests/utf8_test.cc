#include <catch2/catch.hpp>

#include "mail/utf8.h"

using namespace politeno::mail;

TEST_CASE("well-formed UTF-8 is recognised and ill-formed sequences are not", "[utf8]") {
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("Zo\xC3\xAB \xE2\x82\xAC \xF0\x9F\x8E\x82"));
  CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST_CASE("sanitising replaces bad bytes with U+FFFD and drops control characters", "[utf8]") {
  CHECK(sanitize_utf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(sanitize_utf8(std::string("a\0b\x07" "c\td\n", 8)) == "abc\td\n");
  CHECK(is_valid_utf8(sanitize_utf8("\xE2\x82")));
}

TEST_CASE("truncation never splits a multi-byte character", "[utf8]") {
  const std::string s = "ab\xE2\x82\xAC";  // "ab€"
  CHECK(truncate_utf8(s, 4) == "ab");
  CHECK(truncate_utf8(s, 5) == s);
  CHECK(truncate_utf8(s, 2) == "ab");
}
