// politeno once against a real Dovecot: the whole pipeline, end to end.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "dovecot_fixture.h"
#include "imap/client.h"
#include "mail/mime_parser.h"
#include "test_support.h"

using namespace politeno;
using politeno::testing::Dovecot;
using politeno::testing::run_async;

namespace {

std::string subject_of(const imap::FetchedMessage& m) { return mail::parse_message(m.prefix).subject; }

}  // namespace

TEST_CASE("once files each message by its verdict, drafts exactly the declines that get one, and a second once changes nothing",
          "[once][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const std::string examples = std::string(POLITENO_SOURCE_DIR) + "/examples/messages";
  politeno::testing::append_files(d, user, politeno::testing::files_below(examples, ".eml"));

  const politeno::testing::TempDir tmp;
  const std::string& dir = tmp.path();
  std::ofstream(dir + "/config.yaml")
      << "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\n"
      << "senders:\n  trusted: [\"@acme-robotics.com\"]\n  known: [maria.gonzalez@stateuniv.edu]\n"
      << "  reputation_concerns: [growthhackz.io]\n  negative_history: [p.hartley@brightpath.example]\n"
      << "state_dir: " << dir << "/state\n"
      << "accounts:\n" << d.account_entry("t", user, dir);
  auto once = [&] {
    std::istringstream in;
    std::ostringstream out, err;
    const int code = cli::run_main({"once", "--config", dir + "/config.yaml", "--backfill", "0"}, {in, out, err});
    INFO(out.str() << err.str());
    CHECK(code == cli::kExitOk);
    return out.str();
  };
  const std::string first = once();
  CHECK(first.find("11 decided") != std::string::npos);

  const std::vector<std::string> folders = {"INBOX", "Networking/Later", "Networking/Declined", "Drafts"};
  auto boxes = politeno::testing::read_folders(d, user, folders);
  auto subjects = [&](const std::string& f) {
    std::set<std::string> s;
    for (const auto& m : boxes[f]) s.insert(subject_of(m));
    return s;
  };
  CHECK(subjects("Networking/Later") == std::set<std::string>{"Referral for the controls engineer role?",
                                                              "Invitation au conseil consultatif"});
  CHECK(subjects("Networking/Declined") == std::set<std::string>{"Coffee next week?", "Long time!",
                                                                 "Jordan, quick idea for Acme's fleet uptime"});
  CHECK(boxes["INBOX"].size() == 6);
  // Drafts for the declines that should get one: not for the bulk-mail pitch.
  REQUIRE(boxes["Drafts"].size() == 4);
  std::set<std::string> replied_to;
  for (const auto& m : boxes["Drafts"]) {
    CHECK(std::find(m.flags.begin(), m.flags.end(), "\\Draft") != m.flags.end());
    const mail::Message draft = mail::parse_message(m.prefix);
    CHECK(draft.defects.empty());
    CHECK(draft.subject.rfind("Re: ", 0) == 0);
    CHECK(draft.from_address().address == "jordan.lee@acme-robotics.com");
    replied_to.insert(draft.in_reply_to);
  }
  CHECK(replied_to == std::set<std::string>{"a1b2c3.leo@mailbox.example", "rf.1125@startup-lyon.example",
                                            "ph-2026-11@brightpath.example", "tm-118@growthhackz.io"});
  // Originals keep their flags: nothing was marked read; filed ones carry the keyword.
  for (const char* f : {"INBOX", "Networking/Later", "Networking/Declined"})
    for (const auto& m : boxes[f]) CHECK(std::find(m.flags.begin(), m.flags.end(), "\\Seen") == m.flags.end());
  for (const auto& m : boxes["Networking/Declined"])
    CHECK(std::find(m.flags.begin(), m.flags.end(), "$Networking") != m.flags.end());

  const std::string second = once();
  CHECK(second.find("0 decided, 0 resumed, 0 moved, 0 drafted") != std::string::npos);
  {
    std::istringstream in;
    std::ostringstream out, err;
    CHECK(cli::run_main({"status", "--config", dir + "/config.yaml"}, {in, out, err}) == cli::kExitOk);
    CHECK(out.str().find("t: last pass ") == 0);
    CHECK(out.str().find("today: 3 not_request, 3 welcome, 2 decline_later, 3 decline") != std::string::npos);
    CHECK(out.str().find("drafts made in the last 7 days: 4") != std::string::npos);
  }
  auto again = politeno::testing::read_folders(d, user, folders);
  for (const std::string& f : folders) CHECK(again[f].size() == boxes[f].size());
}

TEST_CASE("once --dry-run decides and logs but changes nothing on the server or in the state", "[once][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  politeno::testing::append_files(d, user, politeno::testing::files_below(std::string(POLITENO_SOURCE_DIR) + "/examples/messages", ".eml"));
  const politeno::testing::TempDir tmp;
  const std::string& dir = tmp.path();
  std::ofstream(dir + "/config.yaml")
      << "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\n"
      << "senders:\n  negative_history: [p.hartley@brightpath.example]\n"
      << "state_dir: " << dir << "/state\n"
      << "accounts:\n" << d.account_entry("t", user, dir);
  std::istringstream in;
  std::ostringstream out, err;
  const int code =
      cli::run_main({"once", "--config", dir + "/config.yaml", "--backfill", "0", "--dry-run"}, {in, out, err});
  CHECK(code == cli::kExitOk);
  CHECK(out.str().find("11 decided") != std::string::npos);
  CHECK(err.str().find("verdict=decline flags=negative_history") != std::string::npos);
  CHECK(err.str().find("dry_run") != std::string::npos);
  const auto boxes = politeno::testing::read_folders(d, user, {"INBOX", "Drafts", "Networking/Later", "Networking/Declined"});
  CHECK(boxes.at("INBOX").size() == 11);
  CHECK(boxes.at("Drafts").empty());
  CHECK(boxes.count("Networking/Later") == 0);  // not even created
  for (const auto& m : boxes.at("INBOX"))
    for (const std::string& f : m.flags) CHECK((f == "\\Recent"));  // no \Seen, no keyword
  // A later real pass still sees everything as new.
  std::ostringstream out2, err2;
  CHECK(cli::run_main({"once", "--config", dir + "/config.yaml", "--backfill", "0"}, {in, out2, err2}) == cli::kExitOk);
  CHECK(out2.str().find("11 decided") != std::string::npos);
}

TEST_CASE("the Sent folder gives rapport and capacity: a correspondent's referral ask is welcome, "
          "and answered requests fill the week",
          "[once][dovecot][rapport]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const std::string examples = std::string(POLITENO_SOURCE_DIR) + "/examples/messages/";
  const politeno::testing::TempDir tmp;
  const std::string& dir = tmp.path();
  std::ofstream(dir + "/config.yaml")
      << "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\n"
      << "capacity: {max_accepted_per_week: 1}\n"
      << "state_dir: " << dir << "/state\n"
      << "accounts:\n" << d.account_entry("t", user, dir);
  auto append = [&](const std::string& box, const std::string& raw) {
    run_async([&](imap::CurlMulti& multi) -> awaitable<void> {
      const imap::Endpoint ep = d.implicit_tls();
      auto c = co_await politeno::testing::open_client(multi, ep, user);
      const std::vector<std::string> none;
      auto r = co_await c->append(box, none, raw);
      REQUIRE_FALSE(r.ec);
    });
  };
  auto once = [&] {
    std::istringstream in;
    std::ostringstream out, err;
    CHECK(cli::run_main({"once", "--config", dir + "/config.yaml", "--backfill", "0"}, {in, out, err}) == cli::kExitOk);
    return err.str();
  };
  // The user once wrote to Leo; then Leo's referral ask arrives, with Noor's coffee ask.
  append("Sent", "From: Jordan Lee <jordan.lee@acme-robotics.com>\r\nTo: Leo Brandt <leo.brandt@mailbox.example>\r\n"
                 "Subject: your talk\r\nMessage-ID: <jl-sent-1@mail.acme-robotics.com>\r\n\r\nGreat talk, Leo.\r\n");
  append("INBOX", politeno::testing::read_file(examples + "cold-referral.eml"));
  append("INBOX", politeno::testing::read_file(examples + "coffee-after-meetup.eml"));
  const std::string first = once();
  CHECK(first.find("from=leo.brandt@mailbox.example verdict=welcome") != std::string::npos);  // known now, not too soon
  CHECK(first.find("from=noor@roboticsclub.org verdict=welcome") != std::string::npos);

  // The user answers Noor: one accepted request this week, which is the limit.
  append("Sent", "From: Jordan Lee <jordan.lee@acme-robotics.com>\r\nTo: Noor <noor@roboticsclub.org>\r\n"
                 "Subject: Re: meetup\r\nMessage-ID: <jl-sent-2@mail.acme-robotics.com>\r\n"
                 "In-Reply-To: <noor.7781@roboticsclub.org>\r\n\r\nHappy to!\r\n");
  append("INBOX", politeno::testing::read_file(examples + "spanish-call.eml"));
  const std::string second = once();
  CHECK(second.find("from=lucia@roboticamx.example verdict=decline_later flags=overwhelmed") != std::string::npos);
}

TEST_CASE("two requests from one sender in the same pass get one draft between them", "[once][dovecot]") {
  Dovecot& d = Dovecot::get();
  const std::string user = d.new_user();
  const politeno::testing::TempDir tmp;
  const std::string& dir = tmp.path();
  std::string again = politeno::testing::read_file(std::string(POLITENO_SOURCE_DIR) + "/examples/messages/cold-referral.eml");
  again.replace(again.find("<a1b2c3.leo@"), 12, "<second.leo@");
  again.replace(again.find("Subject: Referral"), 17, "Subject: Following up: referral");
  std::ofstream(dir + "/again.eml") << again;
  politeno::testing::append_files(
      d, user, {std::string(POLITENO_SOURCE_DIR) + "/examples/messages/cold-referral.eml", dir + "/again.eml"});
  std::ofstream(dir + "/config.yaml")
      << "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\n"
      << "state_dir: " << dir << "/state\n"
      << "accounts:\n" << d.account_entry("t", user, dir);
  std::istringstream in;
  std::ostringstream out, err;
  CHECK(cli::run_main({"once", "--config", dir + "/config.yaml", "--backfill", "0"}, {in, out, err}) == cli::kExitOk);
  const auto boxes = politeno::testing::read_folders(d, user, {"Drafts", "Networking/Later"});
  CHECK(boxes.at("Networking/Later").size() == 2);
  REQUIRE(boxes.at("Drafts").size() == 1);
  CHECK(mail::parse_message(boxes.at("Drafts")[0].prefix).in_reply_to == "a1b2c3.leo@mailbox.example");
}
