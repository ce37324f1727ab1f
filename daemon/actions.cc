#include "daemon/actions.h"

namespace politeno::daemon {

const config::Action& action_for(const config::Config& c, classifier::Verdict v) {
  switch (v) {
    case classifier::Verdict::kWelcome: return c.actions.welcome;
    case classifier::Verdict::kDeclineLater: return c.actions.decline_later;
    case classifier::Verdict::kDecline: return c.actions.decline;
    case classifier::Verdict::kNotRequest: break;
  }
  return c.actions.not_request;
}

const config::Action& action_for(const config::Config& c, const std::string& verdict) {
  return action_for(c, classifier::parse_verdict(verdict).value_or(classifier::Verdict::kNotRequest));
}

std::optional<classifier::Verdict> verdict_of_folder(const config::Config& config, const std::string& folder) {
  for (classifier::Verdict v : {classifier::Verdict::kDecline, classifier::Verdict::kDeclineLater,
                                classifier::Verdict::kWelcome, classifier::Verdict::kNotRequest})
    if (!folder.empty() && action_for(config, v).folder == folder) return v;
  return std::nullopt;
}

}  // namespace politeno::daemon
