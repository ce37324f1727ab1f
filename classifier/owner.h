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
  // Derived once, by owner_of: the owner's name as folded words (for greetings, and the
  // <owner> token), and the domains of their addresses that are not webmail (their
  // Message-IDs mark the owner's own threads).
  std::vector<std::string> name_words;
  std::vector<std::string> domains;
};

// The owner as `config` describes them; with `identity`, that identity instead of the
// top-level one (an account may have its own). `rules` name the webmail domains.
Owner owner_of(const config::Config& config, const class Rules& rules, const config::Identity* identity = nullptr);

}  // namespace politeno::classifier
