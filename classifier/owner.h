// What the classifier knows of the mailbox's owner: who they are, the senders they
// listed, and their capacity. Only this reaches the classifier from the configuration
// (never accounts or secrets).
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace politeno::classifier {

struct Owner {
  config::Identity identity;
  config::Senders senders;
  config::Capacity capacity;
};

// The owner as `config` describes them; with `identity`, that identity instead of the
// top-level one (an account may have its own).
Owner owner_of(const config::Config& config, const config::Identity* identity = nullptr);

}  // namespace politeno::classifier
