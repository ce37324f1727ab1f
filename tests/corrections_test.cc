// Learning from the owner's corrections, end to end on a real Dovecot: doveadm moves
// stand in for the owner's mail client.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "dovecot_fixture.h"
#include "mail/mime_parser.h"
#include "test_support.h"

using namespace politeno;
using politeno::testing::Dovecot;

namespace {

struct Mailbox {
  Dovecot& d = Dovecot::get();
  std::string user = d.new_user();
  politeno::testing::TempDir tmp;

  Mailbox() {
    std::ofstream(tmp.path() + "/config.yaml")
        << "identity: {name: Jordan Lee, addresses: [jordan.lee@acme-robotics.com]}\n"
        << "senders:\n  trusted: [\"@acme-robotics.com\"]\n  known: [maria.gonzalez@stateuniv.edu]\n"
        << "  reputation_concerns: [growthhackz.io]\n  negative_history: [p.hartley@brightpath.example]\n"
        << "state_dir: " << tmp.path() << "/state\n"
        << "accounts:\n" << d.account_entry("t", user, tmp.path());
  }

  // Runs a politeno command against this mailbox; its output.
  std::string run(std::vector<std::string> args, int want = cli::kExitOk) {
    args.insert(args.begin() + 1, {"--config", tmp.path() + "/config.yaml"});
    std::istringstream in;
    std::ostringstream out, err;
    const int code = cli::run_main(args, {in, out, err});
    INFO(out.str() << err.str());
    CHECK(code == want);
    return out.str() + err.str();
  }
  std::string once() { return run({"once", "--backfill", "0"}); }

  void deliver(const std::string& from, const std::string& id, const std::string& subject, const std::string& body) {
    const politeno::testing::TempDir files;
    const std::string f = files.write("m.eml", politeno::testing::make_message(
                                                   {"From: " + from, "To: jordan.lee@acme-robotics.com", "Subject: " + subject,
                                                    "Message-ID: <" + id + ">", "Date: Mon, 30 Nov 2026 10:00:00 +0000"},
                                                   body));
    politeno::testing::append_files(d, user, {f});
  }

  // Message-IDs per folder.
  std::map<std::string, std::set<std::string>> folders() {
    std::map<std::string, std::set<std::string>> out;
    for (auto& [f, ms] : politeno::testing::read_folders(d, user, {"INBOX", "Networking/Later", "Networking/Declined"}))
      for (const auto& m : ms) out[f].insert(mail::parse_message(m.prefix).message_id);
    return out;
  }
};

}  // namespace

TEST_CASE("a message the owner takes back out of the decline folder stays in the inbox, and its sender's next pitch is "
          "not declined", "[corrections][dovecot]") {
  Mailbox box;
  box.deliver("Kyle Dunn <kyle@botfleet-analytics.example>", "pitch-1@botfleet-analytics.example", "Quick idea",
              "Hi Jordan,\n\nOur platform helps robotics teams cut downtime by 30%. This quarter we offer 40% off list "
              "pricing. Are you open to a 15-minute demo next week? Book here: https://botfleet-analytics.example/demo\n\n"
              "Kyle Dunn\nAccount Executive");
  box.once();
  REQUIRE(box.folders()["Networking/Declined"].count("pitch-1@botfleet-analytics.example"));

  REQUIRE(box.d.owner_moves(box.user, "pitch-1@botfleet-analytics.example", "Networking/Declined", "INBOX"));
  const std::string second = box.once();
  CHECK(second.find("correction=kept was=decline") != std::string::npos);
  CHECK(box.folders()["INBOX"].count("pitch-1@botfleet-analytics.example"));  // not moved again
  CHECK(box.once().find("pitch-1") == std::string::npos);                      // and not looked at again

  box.deliver("Kyle Dunn <kyle@botfleet-analytics.example>", "pitch-2@botfleet-analytics.example", "Following up",
              "Hi Jordan,\n\nFollowing up: our uptime platform is 40% off list this quarter. Could we do a 15-minute "
              "demo? https://botfleet-analytics.example/demo\n\nKyle");
  box.once();
  CHECK(box.folders()["INBOX"].count("pitch-2@botfleet-analytics.example"));
  const std::string status = box.run({"status"});
  CHECK(status.find("corrections learnt from: 1 (1 kept)") != std::string::npos);
  CHECK(status.find("kyle@botfleet-analytics.example") != std::string::npos);
}

TEST_CASE("after the owner files two requests from one domain into the decline folder by hand, a third from it is "
          "declined", "[corrections][dovecot]") {
  Mailbox box;
  box.deliver("Ana <ana@pushy-partners.example>", "a1@pushy-partners.example", "Coffee next week?",
              "Hi Jordan,\n\nI have been following your work on warehouse robots. Would you be up for a coffee next week? "
              "I would love to hear how your team approaches testing.\n\nAna");
  box.deliver("Ben <ben@pushy-partners.example>", "b1@pushy-partners.example", "Quick question about grasp planning",
              "Jordan,\n\nSaw your talk in Pittsburgh. Could we find 20 minutes on a call so I can ask how you decided "
              "between suction and fingers? Any afternoon works.\n\nThanks, Ben");
  box.once();
  REQUIRE(box.folders()["INBOX"].count("a1@pushy-partners.example"));  // welcome: they stay
  REQUIRE(box.folders()["INBOX"].count("b1@pushy-partners.example"));

  REQUIRE(box.d.owner_moves(box.user, "a1@pushy-partners.example", "INBOX", "Networking/Declined"));
  REQUIRE(box.d.owner_moves(box.user, "b1@pushy-partners.example", "INBOX", "Networking/Declined"));
  const std::string learnt = box.once();
  CHECK(learnt.find("correction=decline was=welcome") != std::string::npos);

  box.deliver("Cai <cai@pushy-partners.example>", "c1@pushy-partners.example", "Lunch?",
              "Hello Jordan,\n\nI'm new in town and would be glad to buy you lunch and compare notes on fleet telemetry, "
              "if you have an hour some day.\n\nCai");
  box.deliver("Dee <dee@elsewhere.example>", "d1@elsewhere.example", "Lunch?",
              "Hello Jordan,\n\nI'm new in town and would be glad to buy you lunch and compare notes on fleet telemetry, "
              "if you have an hour some day.\n\nDee");
  const std::string third = box.once();
  CHECK(third.find("flags=reputation") != std::string::npos);
  auto f = box.folders();
  CHECK(f["Networking/Declined"].count("c1@pushy-partners.example"));
  CHECK(f["INBOX"].count("d1@elsewhere.example"));  // the same words from elsewhere: judged as before

  const std::string learn = box.run({"learn"});
  CHECK(learn.find("t: 2 corrections") != std::string::npos);
  CHECK(learn.find("@pushy-partners.example") != std::string::npos);
  // Undoing: forgetting the corrections takes the learnt reputation away.
  CHECK(box.run({"learn", "--account", "t", "--all"}).find("forgot 2 corrections") != std::string::npos);
  CHECK(box.run({"learn"}).find("t: 0 corrections") != std::string::npos);
}

TEST_CASE("what is already in politeno's folders when it first looks is not taken for corrections, and its own moves "
          "never are", "[corrections][dovecot]") {
  Mailbox box;
  politeno::testing::append_files(box.d, box.user,
                                  politeno::testing::files_below(std::string(POLITENO_SOURCE_DIR) + "/examples/messages", ".eml"));
  box.once();
  box.once();  // the second pass looks at the folders politeno filed into
  const std::string status = box.run({"status"});
  CHECK(status.find("corrections learnt from") == std::string::npos);
  CHECK(box.run({"learn"}).find("t: 0 corrections") != std::string::npos);
}

TEST_CASE("a dry run reports the owner's moves and records nothing", "[corrections][dovecot]") {
  Mailbox box;
  box.deliver("Ana <ana@pushy-partners.example>", "a1@pushy-partners.example", "Coffee?",
              "Hi Jordan, would you be up for a coffee next week to talk about testing robots? Ana");
  box.once();
  REQUIRE(box.d.owner_moves(box.user, "a1@pushy-partners.example", "INBOX", "Networking/Later"));
  const std::string dry = box.run({"once", "--backfill", "0", "--dry-run"});
  CHECK(dry.find("correction=decline_later") != std::string::npos);
  CHECK(box.run({"learn"}).find("t: 0 corrections") != std::string::npos);
  CHECK(box.once().find("correction=decline_later") != std::string::npos);
  CHECK(box.run({"learn"}).find("t: 1 correction\n") != std::string::npos);
}
