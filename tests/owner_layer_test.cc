// The owner's own layer: what corrections teach, on the shipped model.
#include <catch2/catch.hpp>

#include "classifier/classifier.h"
#include "classifier/feature_codec.h"
#include "classifier/owner_layer.h"
#include "mail/mime_parser.h"
#include "test_support.h"

using namespace politeno::classifier;
using politeno::mail::parse_message;
using politeno::testing::make_message;

namespace {

Classifier owner() {
  return make_classifier(politeno::config::parse_config(
      "identity:\n  name: Jordan Lee\n  addresses: [jordan.lee@acme-robotics.com]\n"
      "senders:\n  trusted: [\"@acme-robotics.com\"]\n",
      "t.yaml"));
}

politeno::mail::Message request(const std::string& from, const std::string& subject, const std::string& body) {
  return parse_message(make_message({"From: " + from, "To: jordan.lee@acme-robotics.com", "Subject: " + subject}, body));
}

// Three different asks from one firm, and a fourth from elsewhere.
politeno::mail::Message first_ask() {
  return request("Ana <ana@pushy-partners.example>", "Coffee next week?",
                 "Hi Jordan,\n\nI have been following your work on warehouse robots. Would you be up for a coffee next "
                 "week? I would love to hear how your team approaches testing.\n\nAna");
}
politeno::mail::Message second_ask() {
  return request("Ben <ben@pushy-partners.example>", "Quick question about grasp planning",
                 "Jordan,\n\nSaw your talk in Pittsburgh. Could we find 20 minutes on a call so I can ask how you "
                 "decided between suction and fingers? Any afternoon works.\n\nThanks, Ben");
}
politeno::mail::Message third_ask() {
  return request("Cai <cai@pushy-partners.example>", "Lunch?",
                 "Hello Jordan,\n\nI'm new in town and would be glad to buy you lunch and compare notes on fleet "
                 "telemetry, if you have an hour some day.\n\nCai");
}
politeno::mail::Message elsewhere_ask() {
  return request("Dee <dee@other.example>", "Lunch?",
                 "Hello Jordan,\n\nI'm new in town and would be glad to buy you lunch and compare notes on fleet "
                 "telemetry, if you have an hour some day.\n\nDee");
}

OwnerLearning learned(const Classifier& c, const std::vector<Correction>& cs) {
  return learn(c.model(), cs, c.rules().signal(kPublicMailDomain).entries);
}

Correction correction(const Classifier& c, const politeno::mail::Message& m, OwnerLabel label) {
  Context ctx;
  const Decision d = c.classify(m, ctx);
  return {m.from_address().normalized(), d.features, label};
}

bool declined(Verdict v) { return v == Verdict::kDecline || v == Verdict::kDeclineLater; }

}  // namespace

TEST_CASE("after two requests from one domain are filed into the decline folder by hand, a third is declined",
          "[classifier][corrections]") {
  const Classifier c = owner();
  const auto first = first_ask(), second = second_ask(), third = third_ask();
  Context ctx;
  REQUIRE(c.classify(third, ctx).verdict == Verdict::kWelcome);  // a plain coffee ask, on its own

  const OwnerLearning one = learned(c, {correction(c, first, OwnerLabel::kDecline)});
  ctx.learned = &one;
  CHECK(c.classify(third, ctx).verdict == Verdict::kWelcome);  // one correction is not yet a pattern

  const OwnerLearning two = learned(c, {correction(c, first, OwnerLabel::kDecline), correction(c, second, OwnerLabel::kDecline)});
  ctx.learned = &two;
  const Decision d = c.explain(third, ctx);
  CHECK(d.verdict == Verdict::kDecline);
  CHECK(d.has(Flag::kReputation));
  bool said = false;
  for (const Reason& r : d.reasons) said |= r.signal == "learned_reputation" && r.evidence.find("@pushy-partners.example") != std::string::npos;
  CHECK(said);
  // The same person again is declined after one correction; the same webmail domain is not.
  const auto again = request("Ana <ana@pushy-partners.example>", "One more thing",
                             "Hi Jordan, any chance of 15 minutes on a call next week? I'd value your advice. Ana");
  ctx.learned = &one;
  CHECK(c.classify(again, ctx).verdict == Verdict::kDecline);
  const OwnerLearning webmail = learned(c, {correction(c, request("A <a1@gmail.com>", "coffee?", "Would you be up for a coffee, Jordan?"), OwnerLabel::kDecline),
                                            correction(c, request("B <b2@gmail.com>", "call?", "Could we have a quick call, Jordan?"), OwnerLabel::kDecline)});
  ctx.learned = &webmail;
  CHECK(c.classify(request("C <c3@gmail.com>", "Lunch?", "Hello Jordan, would you have time for lunch to talk about robots?"), ctx).verdict != Verdict::kDecline);
  // Other senders are judged as before.
  ctx.learned = &two;
  CHECK(c.classify(elsewhere_ask(), ctx).verdict == Verdict::kWelcome);
}

TEST_CASE("after a rescue, a new request from that sender is not declined", "[classifier][corrections]") {
  const Classifier c = owner();
  auto pitch = [](const std::string& topic) {
    return parse_message(make_message(
        {"From: Kyle <kyle@botfleet.example>", "To: jordan.lee@acme-robotics.com", "Subject: " + topic,
         "X-Mailer: Outreach"},
        "Hi Jordan,\n\nOur platform helps robotics teams like yours cut downtime by 30%. This quarter we offer 40% off "
        "list pricing. Are you open to a 15-minute call? Book a demo: https://botfleet.example/demo\n\nKyle"));
  };
  Context ctx;
  REQUIRE(c.classify(pitch("quick idea"), ctx).verdict == Verdict::kDecline);
  const OwnerLearning l = learned(c, {correction(c, pitch("quick idea"), OwnerLabel::kKept)});
  REQUIRE(l.rescued.count("kyle@botfleet.example"));
  ctx.learned = &l;
  const Decision d = c.classify(pitch("another idea"), ctx);
  CHECK_FALSE(declined(d.verdict));
  CHECK(d.rapport);
}

TEST_CASE("the layer is empty without corrections and the same corrections give the same layer", "[classifier][corrections]") {
  const Classifier c = owner();
  CHECK(learned(c, {}).layer.empty());
  const auto m = first_ask();
  const std::vector<Correction> cs = {correction(c, m, OwnerLabel::kDecline)};
  CHECK(learned(c, cs).layer.serialize() == learned(c, cs).layer.serialize());
  CHECK_FALSE(learned(c, cs).layer.empty());
}

TEST_CASE("a rescue outweighs a hand-decline of the same sender and one of their domain's", "[classifier][corrections]") {
  const Classifier c = owner();
  const OwnerLearning l = learned(c, {correction(c, first_ask(), OwnerLabel::kDecline), correction(c, second_ask(), OwnerLabel::kDecline),
                                      correction(c, first_ask(), OwnerLabel::kKept)});
  CHECK(l.reputation("ana@pushy-partners.example").empty());
  CHECK(l.reputation("cai@pushy-partners.example").empty());  // 2 declined, 1 kept
  CHECK_FALSE(l.reputation("ben@pushy-partners.example").empty());
}

TEST_CASE("compact features survive encoding, and other bytes are refused", "[classifier][corrections]") {
  const Classifier c = owner();
  Context ctx;
  const Decision d = c.classify(first_ask(), ctx);
  const std::string bytes = encode_features(d.features, [](uint64_t) { return true; });
  FeatureVector back;
  REQUIRE(decode_features(bytes, &back));
  CHECK(back.ids == d.features.ids);
  for (size_t i = 0; i < back.values.size(); ++i) CHECK(back.values[i] == Approx(d.features.values[i]).margin(1.0 / 255));
  CHECK(bytes.size() < d.features.size() * 11);
  CHECK_FALSE(decode_features("", &back));
  CHECK_FALSE(decode_features(bytes.substr(0, bytes.size() - 1), &back));
  CHECK_FALSE(decode_features("\x02xyz", &back));
}
