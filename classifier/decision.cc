#include "classifier/decision.h"

#include <algorithm>

namespace politeno::classifier {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::kNotRequest: return "not_request";
    case Verdict::kWelcome: return "welcome";
    case Verdict::kDeclineLater: return "decline_later";
    case Verdict::kDecline: return "decline";
  }
  return "not_request";
}

std::string_view to_string(Flag f) {
  switch (f) {
    case Flag::kTransactional: return "transactional";
    case Flag::kReputation: return "reputation";
    case Flag::kTooMuchTooSoon: return "too_much_too_soon";
    case Flag::kNegativeHistory: return "negative_history";
    case Flag::kOverwhelmed: return "overwhelmed";
  }
  return "transactional";
}

std::optional<Verdict> parse_verdict(std::string_view s) {
  for (Verdict v : {Verdict::kNotRequest, Verdict::kWelcome, Verdict::kDeclineLater, Verdict::kDecline})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::optional<Flag> parse_flag(std::string_view s) {
  for (Flag f : kAllFlags)
    if (to_string(f) == s) return f;
  return std::nullopt;
}

bool Decision::has(Flag f) const { return std::find(flags.begin(), flags.end(), f) != flags.end(); }

Verdict verdict_for(bool is_request, bool trusted, const std::vector<Flag>& flags) {
  if (!is_request) return Verdict::kNotRequest;
  if (trusted) return Verdict::kWelcome;
  auto has = [&](Flag f) { return std::find(flags.begin(), flags.end(), f) != flags.end(); };
  if (has(Flag::kTransactional) || has(Flag::kReputation) || has(Flag::kNegativeHistory)) return Verdict::kDecline;
  if (has(Flag::kTooMuchTooSoon) || has(Flag::kOverwhelmed)) return Verdict::kDeclineLater;
  return Verdict::kWelcome;
}

}  // namespace politeno::classifier
