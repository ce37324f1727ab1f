// What a pass needs from one loaded configuration: the config itself and, per account,
// its classifier (an account may have its own identity). Built once per load - at start
// and on each reload - and shared read-only by every account's worker.
#pragma once

#include <memory>
#include <vector>

#include "classifier/classifier.h"
#include "config/config.h"

namespace politeno::daemon {

struct Profile {
  config::Config config;
  std::vector<classifier::Classifier> classifiers;  // one per config.accounts entry
};

// Checks the templates too; throws config::ConfigError for anything wrong.
std::shared_ptr<const Profile> make_profile(config::Config config);

}  // namespace politeno::daemon
