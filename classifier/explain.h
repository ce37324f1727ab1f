// Turns a decision's features back into words: the phrases that fired, the words, the
// facts about the sender and the message, each with its part in the question it
// answered. Only for people (classify, eval); the service logs Decision::why.
#pragma once

#include <vector>

#include "classifier/decision.h"
#include "classifier/features.h"
#include "classifier/model.h"
#include "classifier/owner.h"
#include "classifier/rules.h"

namespace politeno::classifier {

// Reasons for `d`: for the request question, and for every flag raised. `ev` must have
// been extracted with names and spans.
std::vector<Reason> explain(const Decision& d, const Evidence& ev, const Rules& rules, const Model& model,
                            const Owner& owner, const Context& ctx);

// What a feature name means, in words, given the evidence ("sig:ask" -> the phrases).
std::string describe_feature(std::string_view name, const Evidence& ev, const Rules& rules);

}  // namespace politeno::classifier
