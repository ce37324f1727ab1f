#include <catch2/catch.hpp>

#include "config/sender_list.h"

using politeno::config::SenderList;

TEST_CASE("a sender list matches single addresses case-insensitively", "[senders]") {
  SenderList l;
  REQUIRE(l.add("Vince@Quick.example"));
  CHECK(l.match("vince@quick.example") != nullptr);
  CHECK(l.match("VINCE@QUICK.EXAMPLE") != nullptr);
  CHECK(l.match("other@quick.example") == nullptr);
}

TEST_CASE("a domain written bare or with '@' covers the domain and its subdomains only", "[senders]") {
  SenderList l;
  REQUIRE(l.add("growthhackz.io"));
  REQUIRE(l.add("@leadgen.example"));
  CHECK(l.match("a@growthhackz.io")->text == "growthhackz.io");
  CHECK(l.match("a@mail.leadgen.example")->text == "@leadgen.example");
  CHECK(l.match("a@notleadgen.example") == nullptr);
  CHECK(l.match("a@growthhackz.io.evil.example") == nullptr);
}

TEST_CASE("an exact address entry wins over a domain entry", "[senders]") {
  SenderList l;
  REQUIRE(l.add("@x.io"));
  REQUIRE(l.add("boss@x.io"));
  CHECK(l.match("boss@x.io")->text == "boss@x.io");
}

TEST_CASE("entries that are neither addresses nor domains are refused", "[senders]") {
  SenderList l;
  CHECK_FALSE(l.add("not a domain"));
  CHECK_FALSE(l.add("@"));
  CHECK_FALSE(l.add("a@b@"));
  CHECK_FALSE(l.add("x@-bad..example"));
  CHECK(l.empty());
}
