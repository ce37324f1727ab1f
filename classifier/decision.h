// What the classifier decides about one message, and the verdict rule.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/features.h"

namespace politeno::classifier {

enum class Verdict { kNotRequest, kWelcome, kDeclineLater, kDecline };

enum class Flag { kTransactional, kReputation, kTooMuchTooSoon, kNegativeHistory, kOverwhelmed };

std::string_view to_string(Verdict v);
std::string_view to_string(Flag f);
std::optional<Verdict> parse_verdict(std::string_view s);
std::optional<Flag> parse_flag(std::string_view s);
inline constexpr Flag kAllFlags[] = {Flag::kTransactional, Flag::kReputation, Flag::kTooMuchTooSoon,
                                     Flag::kNegativeHistory, Flag::kOverwhelmed};

// One piece of evidence, for a person to read. `about` is "request" for evidence on
// whether the message is a networking request at all, else a flag id; `signal` names
// the feature or rule; `weight` is its part in the question's logit (negative: against)
// or, for a rule, 1.
struct Reason {
  std::string about;
  std::string signal;
  std::string evidence;  // the phrase as written, the header, the list entry, the words
  double weight = 0;
};

// A feature's part in the deciding question, for the one-line log.
struct Why {
  std::string feature;
  double weight = 0;
};

struct Decision {
  bool is_request = false;
  Verdict verdict = Verdict::kNotRequest;
  std::vector<Flag> flags;      // in kAllFlags order
  std::vector<Reason> reasons;  // filled by Classifier::explain

  // The model's calibrated probabilities: request, selling, big_ask.
  std::array<double, 3> probability{};
  double score = 0;              // P(request)
  std::string model_version;
  std::vector<Why> why;          // the top features of the question that decided
  FeatureVector features;        // what the model saw (ids and values)

  bool trusted = false;     // From is on senders.trusted
  bool rapport = false;     // known, rescued, or a reply in the owner's own thread
  bool own_thread = false;  // a reply in a thread the owner started
  bool bulk = false;        // list, bulk or automated mail: file it, never draft a reply
  bool unsure = false;      // flags called for a decline, but P(request) was below the decline threshold

  // Why reputation or negative_history was raised: the sender-list entry, or what the
  // owner's corrections taught. For explanations.
  std::string reputation_entry, negative_entry;

  bool has(Flag f) const;
};

// The verdict the flags call for (the rule in one place):
// not a request -> not_request; trusted -> welcome; transactional, reputation or
// negative_history -> decline; too_much_too_soon or overwhelmed -> decline_later;
// otherwise welcome.
Verdict verdict_for(bool is_request, bool trusted, const std::vector<Flag>& flags);

}  // namespace politeno::classifier
