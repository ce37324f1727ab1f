#include "daemon/profile.h"

#include "classifier/model_file.h"
#include "reply/templates.h"

namespace politeno::daemon {

std::shared_ptr<const Profile> make_profile(config::Config config) {
  reply::validate_templates(config);
  auto p = std::make_shared<Profile>();
  const std::shared_ptr<const classifier::Model> model = classifier::model_for(config);
  for (const config::Account& acc : config.accounts)
    p->classifiers.push_back(classifier::make_classifier(config, model, acc.identity ? &*acc.identity : nullptr));
  p->config = std::move(config);
  return p;
}

}  // namespace politeno::daemon
