// The classifier's knowledge as data: named signals (phrase lists and weights) and
// thresholds. Built-in defaults live in default_rules.cc; `rules:` in the config
// extends or overrides them. Nothing here is specific to any one message.
#pragma once

#include <map>
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

struct Signal {
  std::string name;
  std::string description;
  Source source = Source::kText;
  double weight = 0;  // per distinct entry matched (or per occurrence for kStructure)
  double cap = 0;     // the most the signal adds up to
  std::vector<std::string> entries;
};

// The ids of the built-in signals, in table order.
enum SignalId : uint32_t {
  kAsk, kAskForm, kAskTopic, kBigAsk, kInvitation, kReciprocity,
  kSalesStrong, kSales, kSalesTitle, kNoAsk, kBroadcast, kNotification, kGroupGreeting,
  kSalesMailer, kCampaignHeader, kNoReplySender, kSalesSender, kPublicMailDomain,
  kAskSentence, kDirectQuestion, kSubjectTopic, kPersonalGreeting, kTrackingPixel, kLinkDensity,
  kListId, kListUnsubscribe, kBulkPrecedence, kAutoSubmitted, kCalendarInvite,
  kSignalCount
};

// The thresholds the verdict uses; names as in the config.
struct Thresholds {
  double request = 2.0;                 // request score needed to call it a request
  double request_own_thread = 2.0;      // added for replies in the recipient's own thread
  double request_trusted = 1.0;         // added for trusted senders (colleagues' work mail)
  double transactional = 2.5;           // sales language + bulk machinery
  double transactional_language = 1.5;  // of which at least this much is language
  double too_much_too_soon = 2.5;       // big-ask score, less reciprocity
  double bulk_penalty = 2.0;            // the most that bulk-mail evidence subtracts
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
  const Thresholds& thresholds() const { return thresholds_; }

  // Matchers over each text-like source; every phrase is registered under tag().
  const PhraseMatcher& text_matcher() const { return text_; }
  const PhraseMatcher& signature_matcher() const { return signature_; }
  const PhraseMatcher& greeting_matcher() const { return greeting_; }

  // Packs and unpacks the tag a phrase is registered under.
  static uint32_t tag(SignalId id, uint32_t entry) { return (entry << 8) | id; }
  static SignalId tag_signal(uint32_t tag) { return static_cast<SignalId>(tag & 0xFF); }
  static uint32_t tag_entry(uint32_t tag) { return tag >> 8; }

 private:
  void compile(const std::string& source);

  std::vector<Signal> signals_;
  Thresholds thresholds_;
  PhraseMatcher text_, signature_, greeting_;
};

// Names of the thresholds, for the config reference and error messages.
std::vector<std::string> threshold_names();

// Built-in signal table (default_rules.cc).
std::vector<Signal> default_signals();

}  // namespace politeno::classifier
