// The decision core: extract (classifier/features.h) -> score (classifier/model.h) ->
// decide (classifier/decide.h). A parsed message and what the caller knows (a clock,
// the owner's sent mail, their corrections) in; a Decision out. Pure: no I/O, no clock
// of its own, no globals. Thread-compatible: classify() is const and may run on many
// threads.
#pragma once

#include <memory>

#include "classifier/decision.h"
#include "classifier/features.h"
#include "classifier/model.h"
#include "classifier/owner.h"
#include "classifier/rules.h"
#include "config/config.h"
#include "mail/message.h"

namespace politeno::classifier {

class Classifier {
 public:
  // `model` null: the built-in model.
  Classifier(Owner owner, Rules rules, std::shared_ptr<const Model> model = nullptr);

  // The decision, with the top features of the question that decided (Decision::why)
  // but no reasons.
  Decision classify(const mail::Message& message, const Context& context) const;
  // The same decision with every reason spelled out, for people.
  Decision explain(const mail::Message& message, const Context& context) const;

  const Owner& owner() const { return owner_; }
  const Rules& rules() const { return rules_; }
  const Model& model() const { return *model_; }
  const std::shared_ptr<const Model>& model_ptr() const { return model_; }
  // The model's thresholds with the config's `rules.thresholds` in place.
  const Thresholds& thresholds() const { return thresholds_; }

 private:
  Decision run(const mail::Message& message, const Context& context, bool explain) const;

  Owner owner_;
  Rules rules_;
  std::shared_ptr<const Model> model_;
  Thresholds thresholds_;
};

// The classifier `config` describes: built-in rules with its `rules:` applied, for the
// owner `identity` (the top-level one when null), with `model` (built-in when null).
// Throws config::ConfigError for bad overrides.
Classifier make_classifier(const config::Config& config, std::shared_ptr<const Model> model = nullptr,
                           const config::Identity* identity = nullptr);

}  // namespace politeno::classifier
