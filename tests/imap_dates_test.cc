#include <catch2/catch.hpp>

#include "imap/dates.h"

using namespace politeno::imap;

TEST_CASE("INTERNALDATE is read to Unix seconds, its zone applied", "[imap][dates]") {
  CHECK(parse_internaldate("17-Jul-1996 02:44:25 -0700") == 837596665);
  CHECK(parse_internaldate(" 1-Jan-1970 00:00:00 +0000") == 0);  // day padded with a space
  CHECK(parse_internaldate("28-Nov-2026 09:00:00 +0130") == parse_internaldate("28-Nov-2026 07:30:00 +0000"));
}

TEST_CASE("a malformed INTERNALDATE is refused, not guessed", "[imap][dates]") {
  for (const char* bad : {"", "yesterday", "17-Foo-1996 02:44:25 -0700", "17-Jul-1996 02:44:25", "32-Jul-1996 02:44:25 +0000",
                          "17-Jul-1996 25:44:25 +0000", "17-Jul-1996 02:44:25 *0700", "17-Jul-1969 02:44:25 +0000"})
    CHECK_FALSE(parse_internaldate(bad));
}

TEST_CASE("the SEARCH date is the UTC day without padding", "[imap][dates]") {
  using namespace std::chrono;
  CHECK(search_date(system_clock::time_point(sys_days(year(2026) / 2 / 1)) + hours(23)) == "1-Feb-2026");
  CHECK(search_date(system_clock::time_point(sys_days(year(1994) / 12 / 31))) == "31-Dec-1994");
}
