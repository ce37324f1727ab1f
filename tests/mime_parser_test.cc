#include <catch2/catch.hpp>

#include "mail/mime_parser.h"
#include "mail/utf8.h"
#include "test_support.h"

using namespace politeno::mail;
using politeno::testing::make_message;

TEST_CASE("a simple message yields its envelope and text", "[mime]") {
  const Message m = parse_message(make_message(
      {"From: Sam Ortiz <Sam@Example.ORG>", "To: jordan.lee@acme-robotics.com", "Subject: Coffee next week?",
       "Message-ID: <abc@example.org>", "In-Reply-To: <parent@x.io>", "References: <root@y.io>\r\n <parent@x.io>",
       "Date: Mon, 21 Sep 2026 10:00:00 -0500"},
      "Hi Jordan,\nfree for coffee?\n\n-- \nSam"));
  CHECK(m.subject == "Coffee next week?");
  REQUIRE(m.from.size() == 1);
  CHECK(m.from[0].address == "Sam@example.org");
  CHECK(m.message_id == "abc@example.org");
  CHECK(m.in_reply_to == "parent@x.io");
  CHECK(m.references == std::vector<std::string>{"root@y.io", "parent@x.io"});
  CHECK(m.new_text == "Hi Jordan,\nfree for coffee?");
  CHECK(m.signature == "Sam");
  CHECK(m.defects.empty());
}

TEST_CASE("multipart/alternative prefers text/plain but still counts the HTML's pixels", "[mime]") {
  const Message m = parse_message(make_message(
      {"From: a@x.io", "MIME-Version: 1.0", "Content-Type: multipart/alternative; boundary=\"b1\""},
      "--b1\nContent-Type: text/plain; charset=utf-8\n\nplain words\n--b1\nContent-Type: text/html\n\n"
      "<p>html words</p><img src=x width=1 height=1>\n--b1--\n"));
  CHECK(m.text == "plain words");
  CHECK_FALSE(m.body_from_html);
  CHECK(m.html.tracking_pixels == 1);
}

TEST_CASE("an HTML-only message is read through the HTML parser", "[mime]") {
  const Message m = parse_message(make_message(
      {"From: a@x.io", "Content-Type: text/html; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable"},
      "<p>Caf=E9 &amp; <b>bagels</b></p>"));
  CHECK(m.text == "Caf\xC3\xA9 & bagels");
  CHECK(m.body_from_html);
}

TEST_CASE("base64 bodies in a declared charset are decoded to UTF-8", "[mime][charset]") {
  const Message m = parse_message(make_message(
      {"From: a@x.io", "Subject: =?ISO-8859-1?Q?R=E9sum=E9?=", "Content-Type: text/plain; charset=ISO-8859-1",
       "Content-Transfer-Encoding: base64"},
      "Q2Fm6SBjcuhtZQ==\n"));
  CHECK(m.subject == "R\xC3\xA9sum\xC3\xA9");
  CHECK(m.text == "Caf\xC3\xA9 cr\xC3\xA8me");
}

TEST_CASE("attachments are listed with decoded names and not read as text", "[mime]") {
  const Message m = parse_message(make_message(
      {"From: a@x.io", "Content-Type: multipart/mixed; boundary=zz"},
      "--zz\nContent-Type: text/plain\n\nsee attached\n--zz\nContent-Type: application/pdf\n"
      "Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf\nContent-Transfer-Encoding: base64\n\n"
      "JVBERi0=\n--zz\nContent-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\n--zz--\n"));
  CHECK(m.text == "see attached");
  REQUIRE(m.attachments.size() == 2);
  CHECK(m.attachments[0].filename == "r\xC3\xA9sum\xC3\xA9.pdf");
  CHECK(m.has_calendar);
}

TEST_CASE("a forwarded message/rfc822 part is parsed as a message of its own", "[mime]") {
  const Message m = parse_message(make_message(
      {"From: colleague@acme-robotics.com", "Subject: Fwd: question", "Content-Type: multipart/mixed; boundary=f"},
      "--f\nContent-Type: text/plain\n\nsee below\n--f\nContent-Type: message/rfc822\n\n"
      "From: Student <s@uni.edu>\nSubject: question\n\nCould we talk for 20 minutes?\n--f--\n"));
  REQUIRE(m.forwarded.size() == 1);
  CHECK(m.forwarded[0].subject == "question");
  CHECK(m.forwarded[0].from.at(0).address == "s@uni.edu");
  CHECK(m.forwarded[0].text == "Could we talk for 20 minutes?");
  CHECK(m.text == "see below");
}

TEST_CASE("headers folded over lines and in odd case are found", "[mime]") {
  const Message m = parse_message("SUBJECT: one\r\n two\r\nfrom: A <a@x.io>\r\n\r\nbody");
  CHECK(m.subject == "one two");
  CHECK(m.from_address().address == "a@x.io");
  CHECK(m.header("Subject") != nullptr);
}

TEST_CASE("hostile headers are decoded harmlessly and reported", "[mime][hostile]") {
  std::string huge(200000, 'A');
  const Message m = parse_message(make_message(
      {"From: =?utf-8?B?/////w==?= <a@x.io>", "Subject: " + huge, "Content-Type: text/plain; charset=\"\\\"\"; ;;; =",
       "Content-Transfer-Encoding: x-uuencode-or-whatever"},
      "text"));
  CHECK(is_valid_utf8(m.from_address().name));
  CHECK(m.subject.size() <= ParseLimits{}.max_header_value);
  CHECK_FALSE(m.defects.empty());
  CHECK(m.text == "text");
}

TEST_CASE("a message with no header or no body still parses", "[mime][hostile]") {
  CHECK_NOTHROW(parse_message(""));
  CHECK_NOTHROW(parse_message("\r\n\r\n"));
  CHECK_NOTHROW(parse_message("no colon here at all"));
  CHECK(parse_message("").defects.size() == 1);  // no From
}

TEST_CASE("nesting beyond the depth limit is cut off with a defect", "[mime][limits]") {
  std::string body;
  const int depth = 30;
  for (int i = 0; i < depth; ++i) body += "--b" + std::to_string(i) + "\nContent-Type: multipart/mixed; boundary=b" + std::to_string(i + 1) + "\n\n";
  body += "--b" + std::to_string(depth) + "\nContent-Type: text/plain\n\ndeep\n";
  const Message m = parse_message(make_message({"From: a@x.io", "Content-Type: multipart/mixed; boundary=b0"}, body));
  bool reported = false;
  for (const auto& d : m.defects) reported |= d.find("nesting") != std::string::npos;
  CHECK(reported);
}

TEST_CASE("thousands of nested multiparts are read flat instead of recursing", "[mime][limits][hostile]") {
  std::string body;
  for (int i = 0; i < 5000; ++i) body += "--b" + std::to_string(i) + "\nContent-Type: multipart/mixed; boundary=b" + std::to_string(i + 1) + "\n\n";
  const Message m = parse_message(make_message({"From: a@x.io", "Content-Type: multipart/mixed; boundary=b0"}, body));
  CHECK_FALSE(m.defects.empty());
  CHECK(m.from_address().address == "a@x.io");
}

TEST_CASE("a message larger than the byte limit is cut and says so", "[mime][limits]") {
  ParseLimits limits;
  limits.max_bytes = 1000;
  const Message m = parse_message(make_message({"From: a@x.io"}, std::string(5000, 'x')), limits);
  CHECK(m.raw_size > 1000);
  CHECK(m.text.size() < 1000);
  CHECK_FALSE(m.defects.empty());
}

TEST_CASE("a 20 MB message parses within the limits", "[mime][limits]") {
  std::string body;
  body.reserve(20u << 20);
  while (body.size() < (20u << 20)) body += "All work and no play makes a long message.\n";
  const Message m = parse_message(make_message({"From: a@x.io", "Subject: big"}, body));
  CHECK(m.subject == "big");
  CHECK(m.text.size() <= ParseLimits{}.max_text);
  CHECK_FALSE(m.defects.empty());
}

TEST_CASE("an mbox From_ line before the header is skipped", "[mime]") {
  const Message m = parse_message("From someone@x.io Tue May 10 11:28:07 2005\nFrom: A <a@x.io>\nSubject: s\n\nbody");
  CHECK(m.from_address().address == "a@x.io");
  CHECK(m.subject == "s");
}

TEST_CASE("defects quoting hostile header bytes are still valid UTF-8", "[mime][hostile]") {
  // Found by the fuzzer: a Content-Type with raw 0x88.. bytes was quoted into a defect.
  const Message m = parse_message("From: a@b.c\r\nContent-Type: multipart/mi\x88\x9A\x9B\xC4; boundary=x\r\n\r\n--x--\r\n");
  REQUIRE_FALSE(m.defects.empty());
  for (const auto& d : m.defects) CHECK(is_valid_utf8(d));
}
