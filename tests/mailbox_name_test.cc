#include <catch2/catch.hpp>

#include "imap/mailbox_name.h"

using namespace politeno::imap;

TEST_CASE("mailbox names round-trip through modified UTF-7", "[imap][mutf7]") {
  CHECK(encode_mailbox_name("Networking/Declined") == "Networking/Declined");
  CHECK(encode_mailbox_name("R\xC3\xA9seau & amis") == "R&AOk-seau &- amis");
  CHECK(encode_mailbox_name("\xE5\x8F\xB0\xE5\x8C\x97") == "&U,BTFw-");  // RFC 3501's example
  for (const char* name : {"Networking/Later", "R\xC3\xA9seau & amis", "\xE5\x8F\xB0\xE5\x8C\x97\xE6\x97\xA5\xE6\x9C\xAC",
                           "emoji \xF0\x9F\x93\xAC box", "&&&", "with space"}) {
    CHECK(decode_mailbox_name(encode_mailbox_name(name)) == std::string(name));
  }
}

TEST_CASE("malformed modified UTF-7 is refused", "[imap][mutf7]") {
  CHECK_FALSE(decode_mailbox_name("&U,BTFw"));  // unterminated
  CHECK_FALSE(decode_mailbox_name("&!!-"));
  CHECK_FALSE(decode_mailbox_name("\xC3\xA9"));  // raw 8-bit is not allowed
  CHECK(decode_mailbox_name("&-") == std::string("&"));
}

TEST_CASE("quoting escapes quotes and backslashes", "[imap][mutf7]") {
  CHECK(quote("My \"box\"\\x") == "\"My \\\"box\\\"\\\\x\"");
}
