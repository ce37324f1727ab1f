#include <catch2/catch.hpp>

#include "classifier/classifier.h"
#include "classifier/owner_layer.h"
#include "mail/mime_parser.h"
#include "mail/utf8.h"
#include "test_support.h"

using namespace politeno::classifier;
using politeno::mail::parse_message;
using politeno::testing::make_message;

namespace {

const char* kConfig = R"(identity:
  name: Jordan Lee
  addresses: [jordan.lee@acme-robotics.com]
senders:
  trusted: ["@acme-robotics.com"]
  known: [maria.gonzalez@stateuniv.edu]
  reputation_concerns: [growthhackz.io, "@leadgen.example", vince@quick.example]
  negative_history: [p.hartley@brightpath.example]
capacity:
  max_accepted_per_week: 5
)";

Classifier make_classifier(const std::string& extra = "") {
  return politeno::classifier::make_classifier(politeno::config::parse_config(std::string(kConfig) + extra, "test.yaml"));
}

// A model that calls everything a request and nothing selling or big: what is left to
// decide is the rule's - lists, trust, rapport, capacity.
std::shared_ptr<const Model> all_requests() {
  auto m = std::make_shared<Model>();
  m->set_head(Head::kRequest, {5, 1, 0});
  m->set_head(Head::kSelling, {-5, 1, 0});
  m->set_head(Head::kBigAsk, {-5, 1, 0});
  m->finish();
  return m;
}

Classifier rule_classifier(const std::string& extra = "") {
  return politeno::classifier::make_classifier(politeno::config::parse_config(std::string(kConfig) + extra, "test.yaml"),
                                               all_requests());
}

Context today() {
  Context ctx;
  ctx.today = std::chrono::sys_days(std::chrono::year(2026) / 11 / 28);
  return ctx;
}

Decision classify(const std::vector<std::string>& headers, const std::string& body, const Classifier& c = make_classifier(),
                  const Context& ctx = today()) {
  return c.explain(parse_message(make_message(headers, body)), ctx);
}

std::vector<std::string> flags(const Decision& d) {
  std::vector<std::string> out;
  for (Flag f : d.flags) out.emplace_back(to_string(f));
  return out;
}

bool has_evidence(const Decision& d, const std::string& about, const std::string& needle) {
  for (const Reason& r : d.reasons)
    if (r.about == about && r.evidence.find(needle) != std::string::npos) return true;
  return false;
}

const std::string kCoffeeAsk =
    "Hi Jordan,\n\nI enjoyed your talk on warehouse robots at the Pittsburgh meetup last week. "
    "Would you be up for a coffee sometime next month? I'd love to hear how your team tests grasping.\n\nThanks,\nNoor";

const std::string kReferralAsk =
    "Hi Jordan,\n\nWe haven't met, but I'm applying for the controls engineer opening at Acme. "
    "Would you be willing to refer me internally and pass my resume to the hiring manager?\n\nBest,\nLeo";

}  // namespace

TEST_CASE("a stranger's modest coffee ask is a welcome request", "[classifier]") {
  const Decision d = classify({"From: Noor Haddad <noor@roboticsclub.org>", "Subject: Coffee after the meetup?"}, kCoffeeAsk);
  CHECK(d.is_request);
  CHECK(d.verdict == Verdict::kWelcome);
  CHECK(d.flags.empty());
}

TEST_CASE("a stranger asking for a job referral is too much, too soon, with the phrase as evidence", "[classifier]") {
  const Decision d = classify({"From: Leo Brandt <leo.brandt@mailbox.example>", "Subject: Referral?"}, kReferralAsk);
  CHECK(d.verdict == Verdict::kDeclineLater);
  CHECK(flags(d) == std::vector<std::string>{"too_much_too_soon"});
  CHECK(has_evidence(d, "too_much_too_soon", "\"refer me\""));
}

TEST_CASE("the same referral ask from a known contact is welcome", "[classifier]") {
  const Decision d = classify({"From: Maria Gonzalez <Maria.Gonzalez@stateuniv.edu>", "Subject: Referral?"}, kReferralAsk);
  CHECK(d.verdict == Verdict::kWelcome);
  CHECK(d.rapport);
}

TEST_CASE("a referral ask replying in a thread the recipient started is welcome", "[classifier]") {
  const std::vector<std::string> headers = {"From: Leo Brandt <leo.brandt@mailbox.example>", "Subject: Re: careers fair",
                                            "In-Reply-To: <20261005.1234@mail.acme-robotics.com>",
                                            "References: <20261005.1234@mail.acme-robotics.com>"};
  const Decision d = classify(headers, kReferralAsk);
  CHECK(d.own_thread);
  CHECK(d.verdict == Verdict::kWelcome);
}

TEST_CASE("the user's sent Message-IDs make a thread theirs even on a webmail domain", "[classifier]") {
  politeno::config::Config c = politeno::config::parse_config(
      "identity:\n  name: Jordan Lee\n  addresses: [jordan.lee@gmail.com]\n", "t.yaml");
  const Classifier clf = politeno::classifier::make_classifier(c);
  const std::vector<std::string> headers = {"From: Leo <leo@mailbox.example>", "Subject: Re: hello",
                                            "References: <CAxyz@mail.gmail.com>"};
  // A gmail.com Message-ID alone proves nothing: every Gmail user has them.
  CHECK_FALSE(classify(headers, kReferralAsk, clf).own_thread);
  const std::unordered_set<std::string> sent = {"CAxyz@mail.gmail.com"};
  Context ctx = today();
  ctx.own_message_ids = &sent;
  CHECK(classify(headers, kReferralAsk, clf, ctx).own_thread);
}

TEST_CASE("a sales pitch sent through a sequencing tool is transactional and declined", "[classifier]") {
  const Decision d = classify(
      {"From: Kyle Dunn <kyle@botfleet-analytics.example>", "Subject: Jordan, quick idea for Acme",
       "X-Mailer: Outreach Mailer 3.2", "List-Unsubscribe: <https://botfleet-analytics.example/u>"},
      "Hi Jordan,\n\nWould love to connect! Our platform helps robotics teams cut downtime by 30%. "
      "Teams like yours save hours a week, and this quarter we're offering 40% off list pricing.\n\n"
      "Are you open to a 15-minute call next Tuesday? Grab a time on my calendar: https://botfleet.example/meet\n\n"
      "Kyle Dunn\nAccount Executive");
  CHECK(d.verdict == Verdict::kDecline);
  CHECK(flags(d) == std::vector<std::string>{"transactional"});
  CHECK(has_evidence(d, "transactional", "P(selling)"));
}

TEST_CASE("reputation matches a bare domain, an @domain and a Reply-To address", "[classifier]") {
  CHECK(flags(classify({"From: a@growthhackz.io", "Subject: coffee?"}, kCoffeeAsk, rule_classifier())) == std::vector<std::string>{"reputation"});
  CHECK(flags(classify({"From: b@mail.leadgen.example", "Subject: coffee?"}, kCoffeeAsk, rule_classifier())) ==
        std::vector<std::string>{"reputation"});
  const Decision d = classify({"From: Vin <vin@innocent.example>", "Reply-To: vince@quick.example", "Subject: coffee?"}, kCoffeeAsk, rule_classifier());
  CHECK(d.verdict == Verdict::kDecline);
  CHECK(has_evidence(d, "reputation", "vince@quick.example"));
}

TEST_CASE("negative history declines even a polite ask", "[classifier]") {
  const Decision d = classify({"From: Pat Hartley <P.Hartley@brightpath.example>", "Subject: long time"}, kCoffeeAsk, rule_classifier());
  CHECK(d.verdict == Verdict::kDecline);
  CHECK(flags(d) == std::vector<std::string>{"negative_history"});
}

TEST_CASE("trusted colleagues are never flagged, whatever they ask", "[classifier]") {
  const Decision d = classify({"From: Kim <kim@acme-robotics.com>", "Subject: intro?"},
                              "Jordan - would you be willing to introduce me to your friends at the lab? "
                              "Happy to pay for lunch, and we're offering 40% off our pricing.",
                              rule_classifier());
  CHECK(d.trusted);
  CHECK(d.verdict == Verdict::kWelcome);
  CHECK(d.flags.empty());
}

TEST_CASE("a colleague's work thread is not a networking request", "[classifier]") {
  const Decision d = classify({"From: Kim <kim@acme-robotics.com>", "Subject: Re: gripper test plan",
                               "In-Reply-To: <1@mail.acme-robotics.com>"},
                              "Agreed on the torque limits. I'll update the fixture drawings by Friday and rerun the "
                              "drop tests.\n\nKim");
  CHECK(d.verdict == Verdict::kNotRequest);
}

TEST_CASE("newsletters, receipts and notifications are not requests and are marked bulk", "[classifier]") {
  const Decision newsletter = classify(
      {"From: Robotics Weekly <news@roboticsweekly.example>", "Subject: Issue 88: connect with builders",
       "List-Id: <weekly.roboticsweekly.example>", "List-Unsubscribe: <https://roboticsweekly.example/u>",
       "Precedence: bulk"},
      "Hi friends,\n\nThis week: three grippers, one coffee-fuelled hackathon, and a call for papers. "
      "Connect with other readers in our forum.\n\nYou're receiving this because you subscribed. Unsubscribe anytime.");
  CHECK(newsletter.verdict == Verdict::kNotRequest);
  CHECK(newsletter.bulk);
  const Decision receipt = classify(
      {"From: Bean Bar <no-reply@payments.example>", "Subject: Your receipt from Bean Bar"},
      "Thanks for your order.\nLatte $4.50\nTotal $4.50\nRate your coffee: https://payments.example/r");
  CHECK(receipt.verdict == Verdict::kNotRequest);
  CHECK(receipt.bulk);
}

TEST_CASE("a thank-you that mentions a past favour is not a request", "[classifier]") {
  const Decision d = classify({"From: Ana <ana@uni.example>", "Subject: I got the job!"},
                              "Jordan!\n\nI start at the lab in January. Thank you for the referral - you didn't have to "
                              "vouch for someone you met once. If I can ever do anything for you, just say the word.");
  CHECK_FALSE(d.is_request);
}

TEST_CASE("being busy makes every non-trusted request overwhelmed until the date passes", "[classifier][capacity]") {
  const Classifier busy = rule_classifier("  busy_until: 2027-01-15\n");
  const Decision d = classify({"From: Noor <noor@roboticsclub.org>", "Subject: coffee?"}, kCoffeeAsk, busy);
  CHECK(d.verdict == Verdict::kDeclineLater);
  CHECK(flags(d) == std::vector<std::string>{"overwhelmed"});
  Context later = today();
  later.today = std::chrono::sys_days(std::chrono::year(2027) / 1 / 16);
  CHECK(classify({"From: Noor <noor@roboticsclub.org>", "Subject: coffee?"}, kCoffeeAsk, busy, later).verdict ==
        Verdict::kWelcome);
  CHECK(classify({"From: Kim <kim@acme-robotics.com>", "Subject: coffee?"}, kCoffeeAsk, busy).verdict == Verdict::kWelcome);
}

TEST_CASE("reaching the weekly limit of accepted requests makes new ones overwhelmed", "[classifier][capacity]") {
  Context ctx = today();
  ctx.accepted_last_7_days = 5;
  const Decision d = classify({"From: Noor <noor@roboticsclub.org>", "Subject: coffee?"}, kCoffeeAsk, rule_classifier(), ctx);
  CHECK(d.has(Flag::kOverwhelmed));
  ctx.accepted_last_7_days = 4;
  CHECK_FALSE(classify({"From: Noor <noor@roboticsclub.org>", "Subject: coffee?"}, kCoffeeAsk, rule_classifier(), ctx)
                  .has(Flag::kOverwhelmed));
}

TEST_CASE("asks in German, French and Spanish are recognised", "[classifier][languages]") {
  CHECK(classify({"From: a@firma.de", "Subject: Anfrage"},
                 "Sehr geehrter Herr Lee,\n\nh\xC3\xA4tten Sie n\xC3\xA4" "chste Woche Zeit f\xC3\xBCr ein kurzes Gespr\xC3\xA4" "ch "
                 "\xC3\xBC" "ber Greifsysteme?\n\nMit freundlichen Gr\xC3\xBC\xC3\x9F" "en")
            .is_request);
  CHECK(classify({"From: b@societe.fr", "Subject: Question"},
                 "Bonjour Jordan,\n\nSeriez-vous disponible pour un \xC3\xA9" "change de 20 minutes la semaine prochaine ?")
            .is_request);
  const Decision es = classify({"From: c@empresa.mx", "Subject: Consulta"},
                               "Hola Jordan:\n\n\xC2\xBFPodr\xC3\xAD" "as presentarme a alguien de tu equipo de visi\xC3\xB3n? "
                               "Una recomendaci\xC3\xB3n tuya me ayudar\xC3\xAD" "a mucho.");
  CHECK(es.is_request);
  CHECK(es.has(Flag::kTooMuchTooSoon));
}

TEST_CASE("everyday mail in other languages is not mistaken for a request", "[classifier][languages]") {
  const Decision family = classify({"From: mama@familie.de", "Subject: Wochenende"},
                                   "Hallo Jordan,\n\nwir waren am Samstag im Garten, das Wetter war sch\xC3\xB6n. Papa l\xC3\xA4sst gr\xC3\xBC\xC3\x9F" "en.\n\nMama");
  CHECK(family.verdict != Verdict::kDecline);
  CHECK(family.verdict != Verdict::kDeclineLater);
  CHECK_FALSE(classify({"From: club@velo.fr", "Subject: Sortie dimanche"},
                       "Bonjour \xC3\xA0 tous,\n\nla sortie de dimanche part \xC3\xA0 9h du parc. Pensez aux casques.")
                  .is_request);
}

TEST_CASE("every raised flag carries evidence", "[classifier]") {
  const Decision d = classify(
      {"From: Vince <vince@quick.example>", "Subject: Referral + partnership", "X-Mailer: HubSpot"},
      "Hi Jordan, would you be willing to refer me to your CTO? Our platform comes with a 50% discount this month.");
  REQUIRE(d.flags.size() >= 2);
  for (Flag f : d.flags) {
    bool found = false;
    for (const Reason& r : d.reasons) found |= r.about == to_string(f) && !r.evidence.empty();
    CHECK(found);
  }
}

TEST_CASE("rules from the config can teach a new phrasing", "[classifier][rules]") {
  const std::vector<std::string> headers = {"From: z@x.example", "Subject: hello"};
  const std::string body = "Jordan, fancy a natter about actuators some time?";
  const Decision before = classify(headers, body);
  const Classifier taught = make_classifier("rules:\n  signals:\n    ask:\n      add: [\"fancy a natter\"]\n");
  const Decision after = classify(headers, body, taught);
  CHECK(after.probability[0] > before.probability[0]);
  CHECK(has_evidence(after, "request", "fancy a natter"));
}

TEST_CASE("a rescued sender is never declined on the model's word, but the lists still apply", "[classifier][corrections]") {
  OwnerLearning learned;
  learned.rescued = {"kyle@botfleet-analytics.example", "vince@quick.example"};
  Context ctx = today();
  ctx.learned = &learned;
  const std::string pitch = "Hi Jordan, our platform helps robotics teams; this quarter 40% off list pricing. "
                            "Are you open to a 15-minute call? Book a demo here.";
  const Decision kept = classify({"From: Kyle <kyle@botfleet-analytics.example>", "Subject: quick idea"}, pitch,
                                 make_classifier(), ctx);
  CHECK_FALSE(kept.has(Flag::kTransactional));
  CHECK(kept.rapport);
  CHECK(classify({"From: Vince <vince@quick.example>", "Subject: quick idea"}, pitch, make_classifier(), ctx)
            .has(Flag::kReputation));
}

TEST_CASE("every decision says which model made it and which features counted most", "[classifier]") {
  const Decision d = classify({"From: Noor Haddad <noor@roboticsclub.org>", "Subject: Coffee after the meetup?"}, kCoffeeAsk);
  CHECK(d.model_version == Model::builtin().version());
  CHECK(!d.why.empty());
  CHECK(d.features.size() > 10);
}

TEST_CASE("the verdict follows the flags in the documented order", "[classifier]") {
  CHECK(verdict_for(false, false, {Flag::kReputation}) == Verdict::kNotRequest);
  CHECK(verdict_for(true, true, {Flag::kReputation}) == Verdict::kWelcome);
  CHECK(verdict_for(true, false, {Flag::kTooMuchTooSoon, Flag::kTransactional}) == Verdict::kDecline);
  CHECK(verdict_for(true, false, {Flag::kOverwhelmed}) == Verdict::kDeclineLater);
  CHECK(verdict_for(true, false, {}) == Verdict::kWelcome);
}

TEST_CASE("evidence quoting raw header bytes is valid UTF-8", "[classifier][hostile]") {
  // Found by the fuzzer: a List-Id with a raw 0xA0 byte was quoted into the evidence.
  const Decision d = classify({"From: a@x.example", "Subject: hi", "List-Id: Austin Dat\xA0 list",
                               "X-Mailer: Mailchimp \xFF"},
                              "Would you be up for a coffee?");
  for (const Reason& r : d.reasons) CHECK(politeno::mail::is_valid_utf8(r.evidence));
}
