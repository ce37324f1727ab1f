#include <catch2/catch.hpp>

#include "mail/transfer_decoding.h"

using namespace politeno::mail;

TEST_CASE("base64 decodes across line breaks and ignores white space", "[transfer]") {
  bool bad = true;
  CHECK(decode_base64("aGVs\r\nbG8g\r\nd29y bGQ=", &bad) == "hello world");
  CHECK_FALSE(bad);
}

TEST_CASE("base64 with junk or truncated input decodes what it can and reports it", "[transfer]") {
  bool bad = false;
  CHECK(decode_base64("aGVsbG8*!", &bad) == "hello");
  CHECK(bad);
  bad = false;
  decode_base64("aGVsbG8gd", &bad);
  CHECK(bad);
  CHECK(decode_base64("", &bad).empty());
  CHECK(decode_base64("====") .empty());
}

TEST_CASE("quoted-printable handles soft breaks, escapes in either case and stray equals signs", "[transfer]") {
  bool bad = true;
  CHECK(decode_quoted_printable("caf=E9 =\r\nnext=3d", &bad) == "caf\xE9 next=");
  CHECK_FALSE(bad);
  CHECK(decode_quoted_printable("a=zz b", &bad) == "a=zz b");
  CHECK(bad);
  CHECK(decode_quoted_printable("trailing=") == "trailing");
  CHECK(decode_quoted_printable("x=4") == "x=4");
}

TEST_CASE("the Q encoding turns underscores into spaces", "[transfer]") {
  CHECK(decode_q_encoding("Caf=C3=A9_au_lait") == "Caf\xC3\xA9 au lait");
  CHECK(decode_q_encoding("=4") == "=4");
}
