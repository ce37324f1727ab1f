#include <catch2/catch.hpp>

#include "mail/mime_parser.h"
#include "mail/utf8.h"
#include "reply/composer.h"
#include "reply/templates.h"
#include "test_support.h"

using namespace politeno;
using namespace politeno::reply;
using politeno::testing::make_message;

namespace {

TemplateValues values() {
  TemplateValues v;
  v.first_name = "Leo";
  v.my_name = "Jordan Lee";
  v.resources = {"https://example.org/careers-guide", "O'Brien & Co's <handbook>"};
  v.next_event = "RoboCon in Pittsburgh this spring";
  v.signature = "Jordan";
  return v;
}

std::string draft_for(const std::string& raw, bool quote = true, std::string body = "Thanks, but not now.\n") {
  static mail::Message original;  // outlives the returned text only as long as needed below
  original = mail::parse_message(raw);
  DraftInput in;
  in.original = &original;
  in.from_name = "Jordan Lee";
  in.from_address = "jordan.lee@acme-robotics.com";
  in.body = std::move(body);
  in.quote_original = quote;
  in.now = std::chrono::system_clock::from_time_t(1795000000);
  return compose_draft(in).bytes;
}

}  // namespace

TEST_CASE("the built-in templates render every variable, as plain text", "[reply][templates]") {
  const std::string later = render_template(builtin_template(TemplateKind::kOpenToFuture), values());
  CHECK(later.find("Hi Leo,") == 0);
  CHECK(later.find("- https://example.org/careers-guide") != std::string::npos);
  CHECK(later.find("O'Brien & Co's <handbook>") != std::string::npos);  // not HTML-escaped
  CHECK(later.find("RoboCon in Pittsburgh this spring") != std::string::npos);
  CHECK(later.find("\nJordan\n") != std::string::npos);
  const std::string no = render_template(builtin_template(TemplateKind::kDecline), values());
  CHECK(no.find("Hi Leo,") == 0);
  CHECK(no.find("existing") != std::string::npos);
}

TEST_CASE("optional parts disappear when their values are missing", "[reply][templates]") {
  TemplateValues v;
  v.my_name = "Jordan Lee";
  const std::string later = render_template(builtin_template(TemplateKind::kOpenToFuture), v);
  CHECK(later.find("Hi,") == 0);
  CHECK(later.find("these may help") == std::string::npos);
  CHECK(later.find("expect to be at") == std::string::npos);
  CHECK(later.find("\nJordan Lee\n") != std::string::npos);  // signature defaults to the name
}

TEST_CASE("values cannot add lines to a rendered template", "[reply][templates][hostile]") {
  TemplateValues v = values();
  v.first_name = "Leo\nBcc: victim@example.org";
  const std::string out = render_template("Hi {{first_name}}!", v);
  CHECK(out == "Hi Leo Bcc: victim@example.org!");
}

TEST_CASE("template syntax errors are reported", "[reply][templates]") {
  CHECK_FALSE(template_error(builtin_template(TemplateKind::kDecline)));
  CHECK(template_error("Hi {{#unclosed}} there"));
}

TEST_CASE("a draft threads to its request per RFC 5322 3.6.4 and replies to Reply-To", "[reply][composer]") {
  const std::string raw = make_message({"From: Leo Brandt <leo@mailbox.example>", "Reply-To: Leo <leo.b@home.example>",
                                        "Subject: Re: Re: Referral?", "Message-ID: <req-1@mailbox.example>",
                                        "References: <root@a.example> <mid@b.example>", "Date: Tue, 17 Nov 2026 21:14:00 -0500"},
                                       "Would you refer me?\n\nLeo");
  const std::string bytes = draft_for(raw);
  const mail::Message d = mail::parse_message(bytes);
  CHECK(d.subject == "Re: Referral?");
  CHECK(d.to.at(0).address == "leo.b@home.example");
  CHECK(d.from.at(0).address == "jordan.lee@acme-robotics.com");
  CHECK(d.in_reply_to == "req-1@mailbox.example");
  CHECK(d.references == std::vector<std::string>{"root@a.example", "mid@b.example", "req-1@mailbox.example"});
  CHECK(d.message_id.rfind("politeno.", 0) == 0);
  CHECK(d.message_id.find("@acme-robotics.com") != std::string::npos);
  CHECK(d.defects.empty());
  CHECK(d.new_text == "Thanks, but not now.");
  CHECK(d.quoted.find("> Would you refer me?") != std::string::npos);
  CHECK(d.quoted.find("Leo Brandt wrote:") != std::string::npos);
  CHECK(bytes.find("\r\n\r\n") != std::string::npos);
  for (size_t i = 0; i < bytes.size(); ++i)
    if (bytes[i] == '\n') REQUIRE((i > 0 && bytes[i - 1] == '\r'));  // CRLF only
}

TEST_CASE("References fall back to In-Reply-To, and a first message gets just its own id", "[reply][composer]") {
  const mail::Message a = mail::parse_message(draft_for(
      make_message({"From: a@x.example", "Subject: hi", "Message-ID: <m2@x.example>", "In-Reply-To: <m1@x.example>"}, "x")));
  CHECK(a.references == std::vector<std::string>{"m1@x.example", "m2@x.example"});
  const mail::Message b = mail::parse_message(draft_for(make_message({"From: a@x.example", "Subject: hi", "Message-ID: <m3@x.example>"}, "x")));
  CHECK(b.references == std::vector<std::string>{"m3@x.example"});
}

TEST_CASE("the draft's Message-ID is stable per request and differs between requests", "[reply][composer]") {
  const mail::Message m1 = mail::parse_message(make_message({"From: a@x.example", "Message-ID: <one@x.example>"}, "x"));
  const mail::Message m2 = mail::parse_message(make_message({"From: a@x.example", "Message-ID: <two@x.example>"}, "x"));
  CHECK(draft_message_id(m1, "acme.example") == draft_message_id(m1, "acme.example"));
  CHECK(draft_message_id(m1, "acme.example") != draft_message_id(m2, "acme.example"));
  const mail::Message no_id = mail::parse_message(make_message({"From: a@x.example", "Subject: s", "Date: d"}, "x"));
  CHECK(draft_message_id(no_id, "acme.example") == draft_message_id(no_id, "acme.example"));
}

TEST_CASE("reply subjects are never doubled", "[reply][composer]") {
  CHECK(reply_subject("Coffee?") == "Re: Coffee?");
  CHECK(reply_subject("Re: Coffee?") == "Re: Coffee?");
  CHECK(reply_subject("RE: re:Aw: Coffee?") == "Re: Coffee?");
  CHECK(reply_subject("Re[2]: Coffee?") == "Re: Coffee?");
  CHECK(reply_subject("Regarding coffee") == "Re: Regarding coffee");
  CHECK(reply_subject("") == "Re: your message");
}

TEST_CASE("non-ASCII subjects, names and bodies are encoded and decode back", "[reply][composer]") {
  const std::string raw = make_message({"From: =?UTF-8?Q?Luc=C3=ADa_Ortega?= <lucia@x.example>",
                                        "Subject: =?UTF-8?Q?Tu_pl=C3=A1tica_en_Monterrey_y_nuestros_datos_de_calibraci=C3=B3n?=",
                                        "Message-ID: <l1@x.example>"},
                                       "Hola");
  const std::string bytes = draft_for(raw, true, "Gracias, Luc\xC3\xAD" "a. No puedo ahora.\n");
  for (char c : bytes.substr(0, bytes.find("\r\n\r\n"))) REQUIRE(static_cast<unsigned char>(c) < 0x80);  // 7-bit header
  const mail::Message d = mail::parse_message(bytes);
  CHECK(d.subject == "Re: Tu pl\xC3\xA1tica en Monterrey y nuestros datos de calibraci\xC3\xB3n");
  CHECK(d.to.at(0).name == "Luc\xC3\xAD" "a Ortega");
  CHECK(d.new_text == "Gracias, Luc\xC3\xAD" "a. No puedo ahora.");
}

TEST_CASE("hostile headers in a request cannot inject a header or a line into the draft", "[reply][composer][hostile]") {
  const std::string raw = make_message(
      {"From: =?UTF-8?Q?Eve=0D=0ABcc:_victim@example.org?= <eve@evil.example>",
       "Subject: =?UTF-8?Q?hi=0D=0ABcc:_victim@example.org=0D=0A=0D=0Abody?=", "Message-ID: <bad id\twith space@evil.example>",
       "References: <ok@x.example> <evil>\r\n\tBcc: x@y <a b@c>"},
      "x");
  const std::string bytes = draft_for(raw, false);
  const std::string header = bytes.substr(0, bytes.find("\r\n\r\n"));
  CHECK(header.find("\r\nBcc:") == std::string::npos);
  const mail::Message d = mail::parse_message(bytes);
  CHECK(d.header("Bcc") == nullptr);
  CHECK(d.subject.find('\n') == std::string::npos);
  CHECK(d.defects.empty());
  for (const std::string& r : d.references) CHECK(r.find_first_of(" \t\r\n<>") == std::string::npos);
}

TEST_CASE("Message-IDs that are not well-formed are left out of the threading headers", "[reply][composer][hostile]") {
  mail::Message o;  // built by hand: the parser would already have normalised these
  o.from = mail::parse_address_list("a@x.example");
  o.subject = "hi";
  o.message_id = "bad id@x.example";
  o.references = {"ok@x.example", "no-at-sign", "new\r\nline@x.example"};
  DraftInput in;
  in.original = &o;
  in.from_name = "Jordan Lee";
  in.from_address = "jordan.lee@acme-robotics.com";
  in.body = "No, thanks.";
  in.now = std::chrono::system_clock::from_time_t(1795000000);
  const std::string bytes = compose_draft(in).bytes;
  CHECK(bytes.find("In-Reply-To") == std::string::npos);
  const mail::Message d = mail::parse_message(bytes);
  CHECK(d.references == std::vector<std::string>{"ok@x.example"});
}

TEST_CASE("templates from the config are used and their syntax errors name the position", "[reply][templates]") {
  const config::Config ok = config::parse_config(
      "identity: {addresses: [j@x.io]}\ntemplates:\n  decline: \"No, {{first_name}}.\"\n", "t.yaml");
  CHECK_NOTHROW(validate_templates(ok));
  CHECK(template_text(ok, TemplateKind::kDecline) == "No, {{first_name}}.");
  CHECK(template_text(ok, TemplateKind::kOpenToFuture) == builtin_template(TemplateKind::kOpenToFuture));
  const config::Config bad = config::parse_config(
      "identity: {addresses: [j@x.io]}\ntemplates:\n  open_to_future: \"Hi {{#x}}\"\n", "t.yaml");
  try {
    validate_templates(bad);
    FAIL("expected an error");
  } catch (const config::ConfigError& e) {
    CHECK(e.mark().line == 3);
    CHECK(e.message().find("open_to_future") != std::string::npos);
  }
}
