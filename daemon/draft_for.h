// The drafted reply to one request, from the config: which template, rendered with the
// sender's first name, the identity, resources, event and signature; From the identity
// address the request was sent to. Pure.
#pragma once

#include <chrono>

#include "config/config.h"
#include "mail/message.h"
#include "reply/composer.h"

namespace politeno::daemon {

reply::Draft draft_for(const config::Config& config, const config::Identity& identity, const config::Action& action,
                       const mail::Message& request, std::chrono::system_clock::time_point now);

// The domain of the identity's first address: where derived draft Message-IDs live.
std::string draft_domain(const config::Identity& identity);

}  // namespace politeno::daemon
