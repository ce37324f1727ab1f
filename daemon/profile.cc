#include "daemon/profile.h"

#include "reply/templates.h"

namespace politeno::daemon {

std::shared_ptr<const Profile> make_profile(config::Config config) {
  reply::validate_templates(config);
  auto p = std::make_shared<Profile>();
  for (const config::Account& acc : config.accounts) {
    config::Config own = config;
    if (acc.identity) own.identity = *acc.identity;
    p->classifiers.push_back(classifier::make_classifier(std::move(own)));
  }
  p->config = std::move(config);
  return p;
}

}  // namespace politeno::daemon
