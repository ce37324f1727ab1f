// The third step: the verdict rule over the evidence and the model's probabilities.
// Lists, trust, rapport, capacity and the verdict stay rules here; the model answers
// only its three questions. Pure.
#pragma once

#include "classifier/decision.h"
#include "classifier/features.h"
#include "classifier/model.h"
#include "classifier/owner.h"

namespace politeno::classifier {

// - a request when P(request) >= thresholds.request (request_own_thread for a reply in
//   a thread the owner started: expected mail needs a clearer ask);
// - trusted senders (and the owner) are never flagged;
// - transactional when P(selling) >= thresholds.transactional and some sales language
//   or sales machinery was detected, or the owner's own layer (their corrections) raised
//   P(selling) itself;
// - too_much_too_soon when there is no rapport, P(big_ask) >= its threshold and some big
//   ask was detected, or the owner's layer raised it (when unsure, do no harm: a
//   decline needs evidence of its kind);
// - reputation and negative_history from the lists (From, Sender, Reply-To); reputation
//   also from the owner's corrections (OwnerLearning::reputation);
// - overwhelmed from capacity;
// - a sender the owner rescued is never declined on the model's word alone;
// - nothing leaves the inbox (decline, decline_later) unless P(request) also reaches
//   thresholds.decline: an unsure message is left alone, as not_request.
Decision decide(const mail::Message& m, const Evidence& ev, const Scores& s, const Owner& owner,
                const std::vector<Signal>& signals, const Thresholds& thresholds, const Context& ctx);

}  // namespace politeno::classifier
