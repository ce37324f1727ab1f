// What the classifier decides about one message.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace politeno::classifier {

enum class Verdict { kNotRequest, kWelcome, kDeclineLater, kDecline };

enum class Flag { kTransactional, kReputation, kTooMuchTooSoon, kNegativeHistory, kOverwhelmed };

std::string_view to_string(Verdict v);
std::string_view to_string(Flag f);
std::optional<Verdict> parse_verdict(std::string_view s);
std::optional<Flag> parse_flag(std::string_view s);
inline constexpr Flag kAllFlags[] = {Flag::kTransactional, Flag::kReputation, Flag::kTooMuchTooSoon,
                                     Flag::kNegativeHistory, Flag::kOverwhelmed};

// One piece of evidence. `about` is "request" for evidence on whether the message is a
// networking request at all, else a flag id; `signal` names the rule that fired.
struct Reason {
  std::string about;
  std::string signal;
  std::string evidence;  // the phrase as written, the header, or the list entry
  double weight = 0;     // negative: counts against
};

struct Decision {
  bool is_request = false;
  Verdict verdict = Verdict::kNotRequest;
  std::vector<Flag> flags;      // in kAllFlags order
  std::vector<Reason> reasons;  // for the request question and for every raised flag
  double score = 0;             // the request score (threshold in Rules::thresholds())

  bool trusted = false;     // From is on senders.trusted
  bool rapport = false;     // known sender or a reply in the recipient's own thread
  bool own_thread = false;  // a reply in a thread the recipient started
  bool bulk = false;        // list, bulk or automated mail: file it, never draft a reply

  bool has(Flag f) const;
};

// The verdict the flags call for (the rule in one place):
// not a request -> not_request; trusted -> welcome; transactional, reputation or
// negative_history -> decline; too_much_too_soon or overwhelmed -> decline_later;
// otherwise welcome.
Verdict verdict_for(bool is_request, bool trusted, const std::vector<Flag>& flags);

}  // namespace politeno::classifier
