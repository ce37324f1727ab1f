// What politeno learns from the owner's corrections - the messages they moved out of
// politeno's folders, or into them, with nothing but their mail client (as sa-learn,
// rspamd and SaneBox learn): a layer over the shipped model, and who the owner rescued
// or declined. Pure and deterministic.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "classifier/decision.h"
#include "classifier/features.h"
#include "classifier/model.h"

namespace politeno::classifier {

// What the owner said by moving a message.
enum class OwnerLabel {
  kKept,          // taken back out of a decline folder: not to be declined
  kWelcome,       // filed into the welcome folder
  kNotRequest,    // filed into the not_request folder
  kDeclineLater,  // filed into the decline_later folder
  kDecline,       // filed into the decline folder
};
std::string_view to_string(OwnerLabel l);
std::optional<OwnerLabel> parse_owner_label(std::string_view s);
// The label a verdict's folder stands for.
OwnerLabel label_for(Verdict v);

struct Correction {
  std::string sender;  // lower-cased From address
  FeatureVector x;     // the message's features (ids; names not needed)
  OwnerLabel label = OwnerLabel::kKept;
};

struct LayerOptions {
  // Words and signals are regularised heavily: a few corrections nudge how much they
  // count for this owner, they do not rewrite the shipped model.
  double l2 = 20.0;
  int iterations = 200;
  double min_weight = 1e-3;  // weights smaller than this are dropped
};

// What corrections teach, in the form the classifier reads (Context::learned).
struct OwnerLearning {
  // Over the shipped model: no bias, no sender features; its logits add to the shipped
  // model's calibrated ones. Empty without corrections.
  Model layer;
  // Senders whose mail the owner took back out of a decline folder: rapport, and never
  // declined on the model's word alone.
  std::unordered_set<std::string> rescued;
  // Learned reputation: an address with a request the owner declined by hand, or a
  // domain (not webmail) with at least two more declined than rescued.
  std::unordered_map<std::string, int> declined_addresses;  // address -> declined by hand
  std::unordered_map<std::string, int> declined_domains;    // domain -> declined less rescued
  size_t corrections = 0;

  // The learned-reputation evidence for `from` ("2 requests from @x.example ..."), or "".
  std::string reputation(std::string_view from) const;
};

// How many more hand-declines than rescues make a domain's reputation.
inline constexpr int kDomainDeclines = 2;

// The layer `corrections` teach over `base`, and the senders they name. Webmail
// domains (`public_domains`) never get a domain reputation.
OwnerLearning learn(const Model& base, const std::vector<Correction>& corrections,
                    const std::vector<std::string>& public_domains, const LayerOptions& options = {});

}  // namespace politeno::classifier
