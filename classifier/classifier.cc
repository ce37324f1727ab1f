#include "classifier/classifier.h"

#include "classifier/decide.h"
#include "classifier/explain.h"
#include "classifier/owner_layer.h"

namespace politeno::classifier {
namespace {

const Model* layer_of(const Context& ctx) { return ctx.learned ? &ctx.learned->layer : nullptr; }

// The question whose answer decided the verdict.
Head deciding_head(const Decision& d) {
  if (d.has(Flag::kTransactional)) return Head::kSelling;
  if (d.has(Flag::kTooMuchTooSoon)) return Head::kBigAsk;
  return Head::kRequest;
}

constexpr size_t kWhy = 3;

}  // namespace

Classifier::Classifier(Owner owner, Rules rules, std::shared_ptr<const Model> model)
    : owner_(std::move(owner)), rules_(std::move(rules)), model_(std::move(model)) {
  if (!model_) model_ = std::shared_ptr<const Model>(&Model::builtin(), [](const Model*) {});
  thresholds_ = apply_overrides(model_->thresholds(), rules_.threshold_overrides());
}

Decision Classifier::run(const mail::Message& m, const Context& ctx, bool explaining) const {
  ExtractOptions options;
  options.names = explaining;
  options.spans = explaining;
  // Only what the model can weigh (the owner's layer is trained on the model's features).
  options.keep = &model_->ids();
  Evidence ev = extract(m, owner_, rules_, ctx, options);
  const Model::Lookup found = model_->lookup(ev.features, layer_of(ctx));
  const Scores scores = model_->score(found, layer_of(ctx));
  Decision d = decide(m, ev, scores, owner_, rules_.signals(), thresholds_, ctx);
  d.model_version = model_->version();
  for (const Contribution& c : model_->top(found, deciding_head(d), kWhy, layer_of(ctx)))
    d.why.push_back({std::string(c.name), c.weight});
  if (explaining) d.reasons = classifier::explain(d, ev, rules_, *model_, owner_, ctx);
  d.features = std::move(ev.features);
  return d;
}

Decision Classifier::classify(const mail::Message& m, const Context& ctx) const { return run(m, ctx, false); }
Decision Classifier::explain(const mail::Message& m, const Context& ctx) const { return run(m, ctx, true); }

Classifier make_classifier(const config::Config& config, std::shared_ptr<const Model> model, const config::Identity* identity) {
  Rules rules = Rules::build(config.rules, config.source);
  Owner owner = owner_of(config, rules, identity);
  return Classifier(std::move(owner), std::move(rules), std::move(model));
}

}  // namespace politeno::classifier
