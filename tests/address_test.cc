#include <catch2/catch.hpp>

#include "mail/address.h"
#include "mail/utf8.h"

using namespace politeno::mail;

TEST_CASE("display names, quoted names and bare addresses are all understood", "[address]") {
  const auto v = parse_address_list("\"Lee, Jordan\" <Jordan.Lee@ACME-Robotics.com>, plain@example.org, Ann <ann@x.io>");
  REQUIRE(v.size() == 3);
  CHECK(v[0].name == "Lee, Jordan");
  CHECK(v[0].address == "Jordan.Lee@acme-robotics.com");
  CHECK(v[0].normalized() == "jordan.lee@acme-robotics.com");
  CHECK(v[0].domain() == "acme-robotics.com");
  CHECK(v[1].address == "plain@example.org");
  CHECK(v[2].name == "Ann");
}

TEST_CASE("encoded-word display names are decoded", "[address]") {
  const auto v = parse_address_list("=?UTF-8?Q?Luc=C3=ADa_Ortega?= <lucia@example.mx>");
  REQUIRE(v.size() == 1);
  CHECK(v[0].name == "Luc\xC3\xAD" "a Ortega");
}

TEST_CASE("an unquoted comma in a display name does not split the address", "[address]") {
  const auto v = parse_address_list("Deshpande, Anjali <a@example.org>");
  REQUIRE(v.size() == 1);
  CHECK(v[0].address == "a@example.org");
}

TEST_CASE("comments, groups and old-style names are handled", "[address]") {
  auto v = parse_address_list("jdoe@example.com (John Doe)");
  REQUIRE(v.size() == 1);
  CHECK(v[0].name == "John Doe");
  v = parse_address_list("Team: a@x.org, b@y.org;");
  REQUIRE(v.size() == 2);
  CHECK(v[1].address == "b@y.org");
}

TEST_CASE("entries without an address are dropped and reported", "[address][hostile]") {
  bool bad = false;
  const auto v = parse_address_list("Mary Smith, <>, @, x@", &bad);
  CHECK(v.empty());
  CHECK(bad);
}

TEST_CASE("the first name for a greeting skips titles and handles 'Last, First'", "[address]") {
  CHECK(first_name({"Dr. Jordan Lee", "j@x.io"}) == "Jordan");
  CHECK(first_name({"Lee, Jordan", "j@x.io"}) == "Jordan");
  CHECK(first_name({"Anjali Deshpande, PhD", "a@x.io"}) == "Anjali");
  CHECK(first_name({"", "j@x.io"}).empty());
  CHECK(first_name({"someone@example.com", "s@x.io"}).empty());
}

TEST_CASE("an address with invalid bytes still yields valid UTF-8", "[address][hostile]") {
  // Found by the fuzzer: raw 0xFF bytes in the domain reached the classifier's evidence.
  const auto v = parse_address_list("Bean Bar <no-reply@payments.ex\xFF\xFF$e>");
  REQUIRE(v.size() == 1);
  CHECK(is_valid_utf8(v[0].address));
  CHECK(is_valid_utf8(v[0].normalized()));
}
