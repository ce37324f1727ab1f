// The decision core: a parsed message, the config, the rules and what the caller knows
// (a clock, the user's sent mail) in; a Decision out. Pure: no I/O, no clock of its own,
// no globals. Thread-compatible: classify() is const and may run on many threads.
#pragma once

#include <chrono>
#include <string>
#include <unordered_set>
#include <vector>

#include "classifier/decision.h"
#include "classifier/rules.h"
#include "config/config.h"
#include "mail/message.h"

namespace politeno::classifier {

// What the caller knows beyond the message and the config.
struct Context {
  std::chrono::sys_days today{};  // the date now, for busy_until
  int accepted_last_7_days = 0;   // requests the user accepted in the last 7 days
  // Message-IDs (without brackets) of mail the user sent: a reply whose thread starts
  // at one of them is a reply in the user's own thread. May be null.
  const std::unordered_set<std::string>* own_message_ids = nullptr;
  // Lower-cased addresses the user has written to: prior rapport. May be null.
  const std::unordered_set<std::string>* correspondents = nullptr;
};

class Classifier {
 public:
  Classifier(config::Config config, Rules rules);

  Decision classify(const mail::Message& message, const Context& context) const;

  const config::Config& config() const { return config_; }
  const Rules& rules() const { return rules_; }

 private:
  config::Config config_;
  Rules rules_;
  std::vector<std::string> identity_domains_;  // where the user's own Message-IDs come from
  std::vector<std::string> identity_name_words_;  // folded, for the greeting
};

// The classifier `config` describes: built-in rules with its `rules:` applied. Throws
// config::ConfigError for bad overrides.
Classifier make_classifier(config::Config config);

// Texts longer than this are classified on their first this-many bytes.
inline constexpr size_t kMaxClassifiedText = 64 * 1024;

}  // namespace politeno::classifier
