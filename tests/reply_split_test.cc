#include <catch2/catch.hpp>

#include "mail/reply_split.h"

using namespace politeno::mail;

TEST_CASE("a Gmail-style attribution starts the quoted part", "[reply]") {
  const ReplyParts p = split_reply(
      "Sounds good, Thursday works.\n\nOn Mon, Oct 5, 2026 at 12:42 PM Jordan Lee <j@x.io> wrote:\n> Shall we meet?\n");
  CHECK(p.new_text == "Sounds good, Thursday works.");
  CHECK(p.quoted.find("Shall we meet?") != std::string::npos);
}

TEST_CASE("an attribution wrapped onto two lines is recognised", "[reply]") {
  const ReplyParts p = split_reply("New.\n\nOn Wed, Sep 16, 2026 at 11:37 AM Mei Tanaka <m@x.io>\nwrote:\n\n>> old\n");
  CHECK(p.new_text == "New.");
}

TEST_CASE("Outlook original-message blocks and header blocks start the quoted part", "[reply]") {
  CHECK(split_reply("Reply.\n\n-----Original Message-----\nFrom: A\nSent: B\nold").new_text == "Reply.");
  CHECK(split_reply("Reply.\n________________________________\nFrom: A <a@x>\nSent: Monday\nTo: B\nSubject: S\n\nold").new_text ==
        "Reply.");
}

TEST_CASE("attributions in French, German and Spanish are recognised", "[reply]") {
  CHECK(split_reply("Merci.\nLe lun. 5 oct. 2026, Jordan a \xC3\xA9" "crit :\n> x").new_text == "Merci.");
  CHECK(split_reply("Danke.\nAm 05.10.2026 um 12:42 schrieb Jordan <j@x.io>:\n> x").new_text == "Danke.");
  CHECK(split_reply("Gracias.\nEl lun, 5 oct 2026, Jordan escribi\xC3\xB3:\n> x").new_text == "Gracias.");
}

TEST_CASE("inline replies between quoted lines stay in the new text", "[reply]") {
  const ReplyParts p = split_reply("> question one?\nanswer one\n> question two?\nanswer two");
  CHECK(p.new_text == "answer one\nanswer two");
  CHECK(p.quoted == "> question one?\n> question two?");
}

TEST_CASE("the signature after '-- ' is kept apart", "[reply]") {
  const ReplyParts p = split_reply("Body text.\n\n-- \nJordan Lee\nAcme Robotics");
  CHECK(p.new_text == "Body text.");
  CHECK(p.signature == "Jordan Lee\nAcme Robotics");
}

TEST_CASE("text that merely mentions writing is not taken for an attribution", "[reply]") {
  CHECK(split_reply("On reflection, I think what you wrote: is right.").new_text ==
        "On reflection, I think what you wrote: is right.");
}
