// What the configuration says to do with each verdict.
#pragma once

#include <optional>
#include <string>

#include "classifier/decision.h"
#include "config/config.h"

namespace politeno::daemon {

const config::Action& action_for(const config::Config& config, classifier::Verdict verdict);
// By the verdict's name as the state keeps it; an unknown name is not_request's action.
const config::Action& action_for(const config::Config& config, const std::string& verdict);

// The verdict whose action files into `folder`, if any.
std::optional<classifier::Verdict> verdict_of_folder(const config::Config& config, const std::string& folder);

}  // namespace politeno::daemon
