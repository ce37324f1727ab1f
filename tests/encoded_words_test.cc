#include <catch2/catch.hpp>

#include "mail/encoded_words.h"
#include "mail/utf8.h"

using namespace politeno::mail;

TEST_CASE("encoded words in Q and B encodings decode to UTF-8", "[rfc2047]") {
  CHECK(decode_encoded_words("=?UTF-8?Q?Zo=C3=AB?= Alvarado") == "Zo\xC3\xAB Alvarado");
  CHECK(decode_encoded_words("=?iso-8859-1?B?Y2Fm6Q==?=") == "caf\xC3\xA9");
}

TEST_CASE("white space between adjacent encoded words disappears, elsewhere it stays", "[rfc2047]") {
  CHECK(decode_encoded_words("=?UTF-8?Q?a?= =?UTF-8?Q?b?=") == "ab");
  CHECK(decode_encoded_words("=?UTF-8?Q?a?= plain =?UTF-8?Q?b?=") == "a plain b");
  CHECK(decode_encoded_words("Re: =?UTF-8?Q?caf=C3=A9?=\r\n =?UTF-8?Q?_ole?=") == "Re: caf\xC3\xA9 ole");
}

TEST_CASE("a language tag on the charset is accepted", "[rfc2047]") {
  CHECK(decode_encoded_words("=?US-ASCII*EN?Q?Keith_Moore?=") == "Keith Moore");
}

TEST_CASE("malformed encoded words are kept literally and reported", "[rfc2047]") {
  bool bad = false;
  CHECK(decode_encoded_words("=?UTF-8?X?abc?= tail", &bad) == "=?UTF-8?X?abc?= tail");
  CHECK(bad);
  CHECK(decode_encoded_words("=?utf-8?q?unterminated") == "=?utf-8?q?unterminated");
}

TEST_CASE("an encoded line break cannot smuggle a new header line", "[rfc2047][hostile]") {
  const std::string s = decode_encoded_words("=?UTF-8?Q?Hi=0D=0ABcc:_victim@example.com?=");
  CHECK(s.find('\n') == std::string::npos);
  CHECK(s.find('\r') == std::string::npos);
}

TEST_CASE("raw 8-bit header text becomes valid UTF-8", "[rfc2047]") {
  CHECK(decode_encoded_words("Jos\xE9") == "Jos\xC3\xA9");
  CHECK(is_valid_utf8(decode_encoded_words("\xFF\xFE\xFD")));
}
