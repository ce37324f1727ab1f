// The classifier's detectors as data: named signals (phrase lists, header substrings,
// facts of the message), each with its role and how many of its hits count. Built-in
// defaults live in default_rules.cc; `rules:` in the config extends or overrides them.
// How much a signal counts is not here: that is learned (classifier/model.h), per
// question, from labelled mail. Nothing here is specific to any one message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/text_index.h"
#include "config/config.h"

namespace politeno::classifier {

// Where a signal's entries are looked for.
enum class Source {
  kText,          // phrases in the subject and the sender's new text
  kSignature,     // phrases in the signature block and the last lines of the text
  kGreeting,      // phrases in the greeting line
  kMailerHeader,  // substrings of X-Mailer / User-Agent / X-Campaign-ish header values
  kHeaderName,    // prefixes of header names
  kLocalPart,     // substrings of the local part of From / Reply-To / Sender
  kDomain,        // exact domains (and their subdomains)
  kStructure,     // no entries: a fact of the message (a pixel, a List-Id, ...)
};

// What a signal is evidence of, as people read it; the model learns how much it counts
// for each question. Explanations group evidence by role.
enum class Role {
  kAsk,            // asking for time, advice or a conversation
  kColdContact,    // the shape of outreach: introducing oneself, how the owner was found
  kAskPart,        // an ingredient of an asking sentence (a form of asking, a topic)
  kBigAsk,         // a big favour: referral, key introduction, letter, standing commitment
  kInvitation,     // a personal invitation to appear, speak or join
  kReciprocity,    // an offer in return
  kSalesLanguage,  // prices, packages, the vocabulary of selling
  kSalesMachinery, // the tools of bulk sales mail
  kNothingAsked,   // "no need to reply"
  kWork,           // the business of something already agreed: logistics, deadlines, invoices
  kPersonal,       // family and friends: relatives, birthdays, holidays, affectionate sign-offs
  kBulk,           // mail to a list or a crowd
  kAutomated,      // receipts, alerts, machine-sent mail
  kContext,        // says nothing by itself (webmail domains)
};

std::string_view to_string(Role r);

struct Signal {
  std::string name;
  std::string description;
  Source source = Source::kText;
  Role role = Role::kAsk;
  // Distinct hits that count: a feature's value is min(hits, max_hits) / max_hits, so
  // a learned weight is the signal's full strength whatever the cap.
  uint32_t max_hits = 1;
  std::vector<std::string> entries;
};

// The ids of the built-in signals, in table order.
enum SignalId : uint32_t {
  kAsk, kAskForm, kAskTopic, kBigAsk, kInvitation, kReciprocity,
  kSalesStrong, kSales, kSalesTitle, kNoAsk, kBroadcast, kNotification, kGroupGreeting,
  kSalesMailer, kCampaignHeader, kNoReplySender, kSalesSender, kPublicMailDomain, kColdContact, kWorkLogistics, kPersonalLife,
  kAskSentence, kDirectQuestion, kSubjectTopic, kPersonalGreeting, kTrackingPixel, kLinkDensity,
  kListId, kListUnsubscribe, kBulkPrecedence, kAutoSubmitted, kCalendarInvite,
  kSignalCount
};

// Probabilities (calibrated model outputs) at which the verdict rule acts; names as in
// the config. A decline moves mail out of the inbox and drafts a no, so the flags that
// lead to one ask for more certainty than the request question does.
struct Thresholds {
  double request = 0.5;            // P(networking request) to call it one
  double request_own_thread = 0.8; // the same, for a reply in a thread the owner started
  double transactional = 0.5;      // P(selling), for a request, to raise transactional
  double too_much_too_soon = 0.5;  // P(big ask), for a request without rapport
  double decline = 0.8;            // P(networking request) before anything leaves the inbox
};

class Rules {
 public:
  // The built-in rules.
  static Rules defaults();

  // The built-in rules with `overrides` applied. Throws config::ConfigError (naming the
  // override's file:line:col) for unknown signals or thresholds and bad phrases.
  static Rules build(const config::RuleOverrides& overrides, const std::string& source);

  const std::vector<Signal>& signals() const { return signals_; }
  const Signal& signal(SignalId id) const { return signals_[id]; }

  // Thresholds set in the config; the rest come from the model (Model::thresholds).
  const config::RuleOverrides::Thresholds& threshold_overrides() const { return thresholds_; }

  // Matchers over each text-like source; every phrase is registered under tag().
  const PhraseMatcher& text_matcher() const { return text_; }
  const PhraseMatcher& signature_matcher() const { return signature_; }
  const PhraseMatcher& greeting_matcher() const { return greeting_; }

  // The names and ids of each signal's features ("sig:NAME", with "@subject" and
  // "@quoted"), made once.
  struct SignalFeature {
    std::string name, subject, quoted;
    uint64_t id = 0, subject_id = 0, quoted_id = 0;
  };
  const SignalFeature& feature(SignalId id) const { return features_[id]; }

  // Packs and unpacks the tag a phrase is registered under.
  static uint32_t tag(SignalId id, uint32_t entry) { return (entry << 8) | id; }
  static SignalId tag_signal(uint32_t tag) { return static_cast<SignalId>(tag & 0xFF); }
  static uint32_t tag_entry(uint32_t tag) { return tag >> 8; }

 private:
  void compile(const std::string& source);

  std::vector<Signal> signals_;
  config::RuleOverrides::Thresholds thresholds_;
  PhraseMatcher text_, signature_, greeting_;
  std::vector<SignalFeature> features_;
};

// Names of the thresholds, for the config reference and error messages.
std::vector<std::string> threshold_names();

// The threshold `name` in `t`, or nullptr for an unknown name.
double* threshold_slot(Thresholds* t, std::string_view name);

// `base` with the thresholds set in `overrides` in place.
Thresholds apply_overrides(Thresholds base, const config::RuleOverrides::Thresholds& overrides);

// Built-in signal table (default_rules.cc).
std::vector<Signal> default_signals();

}  // namespace politeno::classifier
