#include <catch2/catch.hpp>

#include "mail/charset.h"
#include "mail/utf8.h"

using namespace politeno::mail;

TEST_CASE("Latin-1 and windows-1252 text becomes UTF-8 with smart quotes intact", "[charset]") {
  CHECK(to_utf8("caf\xE9", "ISO-8859-1").text == "caf\xC3\xA9");
  CHECK(to_utf8("\x93quoted\x94", "windows-1252").text == "\xE2\x80\x9Cquoted\xE2\x80\x9D");
  // Mailers label cp1252 as latin1: 0x92 is a right single quote, not a C1 control.
  CHECK(to_utf8("I\x92m", "iso-8859-1").text == "I\xE2\x80\x99m");
}

TEST_CASE("charsets iconv knows are converted, including mail aliases", "[charset]") {
  CHECK(to_utf8("\x1B$B$3$s$K$A$O\x1B(B", "ISO-2022-JP").text == "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF");
  CHECK(to_utf8("\x82\xB1", "Shift_JIS").text == "\xE3\x81\x93");
  const CharsetResult korean = to_utf8("\xC7\xD1", "ks_c_5601-1987");
  CHECK(korean.charset_known);
  CHECK(korean.text == "\xED\x95\x9C");
}

TEST_CASE("an unknown charset falls back and says so, yielding valid UTF-8", "[charset]") {
  const CharsetResult r = to_utf8("na\xEFve", "x-no-such-charset");
  CHECK_FALSE(r.charset_known);
  CHECK(is_valid_utf8(r.text));
  CHECK(r.text == "na\xC3\xAFve");
}

TEST_CASE("bytes that are invalid in the declared charset become U+FFFD", "[charset]") {
  const CharsetResult r = to_utf8("ok \xFF\xFE", "utf-8");
  CHECK(is_valid_utf8(r.text));
  CHECK(r.had_errors);
}

TEST_CASE("unlabelled 8-bit text is kept as UTF-8 when it is UTF-8", "[charset]") {
  CHECK(to_utf8("Zo\xC3\xAB", "").text == "Zo\xC3\xAB");
  CHECK(to_utf8("Zo\xEB", "").text == "Zo\xC3\xAB");
}

TEST_CASE("UTF-16 text is converted even though its bytes look like ASCII", "[charset]") {
  CHECK(to_utf8(std::string("h\0i\0", 4), "UTF-16LE").text == "hi");
}
