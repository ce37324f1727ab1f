#include <catch2/catch.hpp>

#include "imap/error.h"
#include "imap/response_parser.h"

using namespace politeno::imap;

namespace {

std::vector<Response> parse_all(std::string_view bytes, size_t chunk = 0) {
  ResponseParser p;
  std::vector<Response> out;
  if (chunk == 0) {
    REQUIRE_FALSE(p.feed(bytes, &out));
  } else {
    for (size_t i = 0; i < bytes.size(); i += chunk) REQUIRE_FALSE(p.feed(bytes.substr(i, chunk), &out));
  }
  return out;
}

}  // namespace

TEST_CASE("tagged, untagged and continuation responses are told apart", "[imap][parser]") {
  const auto r = parse_all("* 23 EXISTS\r\n+ idling\r\nP1 OK [READ-WRITE] SELECT completed\r\n");
  REQUIRE(r.size() == 3);
  CHECK(r[0].kind == Response::Kind::kUntagged);
  CHECK(r[0].name == "EXISTS");
  CHECK(*r[0].number == 23);
  CHECK(r[1].kind == Response::Kind::kContinuation);
  CHECK(r[1].text == "idling");
  CHECK(r[2].kind == Response::Kind::kTagged);
  CHECK(r[2].tag == "P1");
  CHECK(r[2].name == "OK");
  CHECK(r[2].code == "READ-WRITE");
  CHECK(r[2].text == "SELECT completed");
}

TEST_CASE("response codes carry their arguments", "[imap][parser]") {
  const auto r = parse_all("* OK [UIDVALIDITY 3857529045] UIDs valid\r\nP2 OK [APPENDUID 38505 3955] done\r\n"
                           "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n");
  CHECK(r[0].code == "UIDVALIDITY");
  CHECK(r[0].code_values.at(0).number == 3857529045u);
  CHECK(r[1].code_values.at(1).number == 3955);
  REQUIRE(r[2].code_values.at(0).is_list());
  CHECK(r[2].code_values[0].list.size() == 3);
}

TEST_CASE("FETCH items with literals, quoted strings, NIL and section names are parsed", "[imap][parser]") {
  const std::string body = "Subject: hi\r\n\r\nhello\r\n";
  const std::string wire = "* 12 FETCH (UID 7 FLAGS (\\Seen $Networking) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" "
                           "RFC822.SIZE 4286 BODY[]<0> {" + std::to_string(body.size()) + "}\r\n" + body + " X NIL)\r\n";
  const auto r = parse_all(wire);
  REQUIRE(r.size() == 1);
  CHECK(fetch_item(r[0], "UID")->number == 7);
  CHECK(fetch_item(r[0], "flags")->list.at(1).text == "$Networking");
  CHECK(fetch_item(r[0], "INTERNALDATE")->text == "17-Jul-1996 02:44:25 -0700");
  CHECK(fetch_item(r[0], "BODY[]<0>")->text == body);
  CHECK(fetch_item(r[0], "X")->kind == Value::Kind::kNil);
}

TEST_CASE("message text that looks like responses stays inside its literal", "[imap][parser][hostile]") {
  const std::string body = "* 3 FETCH (UID 999)\r\nA005 OK forged\r\n* BYE forged\r\n{5}\r\n";
  const std::string wire = "* 1 FETCH (UID 1 BODY[] {" + std::to_string(body.size()) + "}\r\n" + body + ")\r\nP3 OK done\r\n";
  for (size_t chunk : {size_t(0), size_t(1), size_t(7)}) {
    const auto r = parse_all(wire, chunk);
    REQUIRE(r.size() == 2);
    CHECK(fetch_item(r[0], "UID")->number == 1);
    CHECK(fetch_item(r[0], "BODY[]")->text == body);
    CHECK(r[1].tag == "P3");
  }
}

TEST_CASE("quoted strings unescape backslashes and quotes", "[imap][parser]") {
  const auto r = parse_all("* LIST (\\HasNoChildren) \"/\" \"My \\\"quoted\\\" box\"\r\n");
  CHECK(r[0].values.at(2).text == "My \"quoted\" box");
  CHECK(r[0].values.at(1).text == "/");
}

TEST_CASE("SEARCH results and CAPABILITY lists are values", "[imap][parser]") {
  const auto r = parse_all("* SEARCH 2 84 882\r\n* CAPABILITY IMAP4rev1 MOVE UIDPLUS\r\n");
  CHECK(r[0].values.size() == 3);
  CHECK(r[0].values[2].number == 882);
  CHECK(r[1].values.at(1).is_atom("move"));
}

TEST_CASE("a response split anywhere is assembled once complete", "[imap][parser]") {
  const std::string wire = "* 2 FETCH (UID 5 BODY[HEADER.FIELDS (FROM)] {13}\r\nFrom: a@b\r\n\r\n)\r\n";
  ResponseParser p;
  std::vector<Response> out;
  for (size_t i = 0; i + 1 < wire.size(); ++i) {
    REQUIRE_FALSE(p.feed(wire.substr(i, 1), &out));
    REQUIRE(out.empty());
  }
  REQUIRE_FALSE(p.feed(wire.substr(wire.size() - 1), &out));
  REQUIRE(out.size() == 1);
  CHECK(fetch_item(out[0], "BODY[HEADER.FIELDS (FROM)]")->text == "From: a@b\r\n\r\n");
}

TEST_CASE("garbage and oversized input are errors, not crashes", "[imap][parser][hostile]") {
  std::vector<Response> out;
  ResponseParser p;
  CHECK(p.feed("\r\n", &out) == Errc::kProtocol);
  CHECK(p.feed("* 1 FETCH (UID 1)\r\n", &out) == Errc::kProtocol);  // stays failed
  ParserLimits small;
  small.max_response = 100;
  ResponseParser q(small);
  CHECK(q.feed("* 1 FETCH (BODY[] {100000}\r\n", &out) == Errc::kTooLarge);
  ParserLimits shallow;
  shallow.max_depth = 8;
  ResponseParser d(shallow);
  CHECK(d.feed("* X " + std::string(50, '(') + std::string(50, ')') + "\r\n", &out) == Errc::kTooLarge);
  ResponseParser u;
  CHECK(u.feed("* 1 FETCH (UID 1 X \"unterminated\r\n", &out) == Errc::kProtocol);
}

TEST_CASE("tagged BYE and unknown statuses are protocol errors", "[imap][parser][hostile]") {
  std::vector<Response> out;
  ResponseParser p;
  CHECK(p.feed("P1 FOO bar\r\n", &out) == Errc::kProtocol);
}
