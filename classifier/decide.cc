#include "classifier/decide.h"

#include "classifier/owner_layer.h"

#include <algorithm>

namespace politeno::classifier {
namespace {

// The entry of `list` that covers From, Sender or Reply-To: a listed sender cannot
// hide behind another From.
const config::SenderList::Entry* list_match(const mail::Message& m, const config::SenderList& list) {
  if (list.empty()) return nullptr;
  for (const auto* addresses : {&m.from, &m.sender, &m.reply_to})
    for (const mail::Address& a : *addresses)
      if (const auto* e = list.match(a.normalized())) return e;
  return nullptr;
}

// Whether any signal of one of `roles` fired: a flag that leads to a decline needs the
// model's probability and evidence of its own kind.
bool any_of_roles(const Evidence& ev, const std::vector<Signal>& signals, std::initializer_list<Role> roles) {
  for (uint32_t id = 0; id < kSignalCount; ++id)
    if (ev.hits[id] && std::find(roles.begin(), roles.end(), signals[id].role) != roles.end()) return true;
  return false;
}

// The owner's own layer moving a head by this much is evidence of that head's kind:
// their corrections said so.
constexpr double kOwnerEvidence = 1.0;

}  // namespace

Decision decide(const mail::Message& m, const Evidence& ev, const Scores& s, const Owner& owner,
                const std::vector<Signal>& signals, const Thresholds& th, const Context& ctx) {
  Decision d;
  d.probability = s.probability;
  d.score = s.p(Head::kRequest);
  d.trusted = ev.trusted;
  d.own_thread = ev.own_thread;
  d.rapport = ev.rapport();
  d.bulk = ev.bulk;
  // A reply in a thread the owner started is expected mail: a request there must be clearer.
  d.is_request = s.p(Head::kRequest) >= (ev.own_thread ? th.request_own_thread : th.request);
  if (!d.is_request || d.trusted) {
    d.verdict = verdict_for(d.is_request, d.trusted, d.flags);
    return d;
  }
  // The model's flags, each corroborated by a detector of its kind; a rescued sender's
  // requests are not declined on the model's word alone.
  auto owner_says = [&](Head h) { return s.layer[static_cast<size_t>(h)] >= kOwnerEvidence; };
  if (!ev.rescued && s.p(Head::kSelling) >= th.transactional &&
      (any_of_roles(ev, signals, {Role::kSalesLanguage, Role::kSalesMachinery}) || owner_says(Head::kSelling)))
    d.flags.push_back(Flag::kTransactional);
  if (const auto* e = list_match(m, owner.senders.reputation_concerns)) {
    d.flags.push_back(Flag::kReputation);
    d.reputation_entry = "senders.reputation_concerns entry \"" + e->text + "\"";
  } else if (ctx.learned && !ev.rescued) {
    // Reputation learnt from the owner's own declines.
    if (std::string why = ctx.learned->reputation(ev.from); !why.empty()) {
      d.flags.push_back(Flag::kReputation);
      d.reputation_entry = std::move(why);
    }
  }
  if (!d.rapport && s.p(Head::kBigAsk) >= th.too_much_too_soon &&
      (any_of_roles(ev, signals, {Role::kBigAsk}) || owner_says(Head::kBigAsk)))
    d.flags.push_back(Flag::kTooMuchTooSoon);
  if (const auto* e = list_match(m, owner.senders.negative_history)) {
    d.flags.push_back(Flag::kNegativeHistory);
    d.negative_entry = e->text;
  }
  const auto& cap = owner.capacity;
  if ((cap.busy_until && ctx.today <= std::chrono::sys_days(*cap.busy_until)) ||
      (cap.max_accepted_per_week > 0 && ctx.accepted_last_7_days >= cap.max_accepted_per_week))
    d.flags.push_back(Flag::kOverwhelmed);
  d.verdict = verdict_for(true, false, d.flags);
  // Moving mail out of the inbox needs more certainty that it is a request at all: an
  // unsure message stays where it is, as if it were none.
  if (d.verdict != Verdict::kWelcome && s.p(Head::kRequest) < th.decline) {
    d.verdict = Verdict::kNotRequest;
    d.is_request = false;
    d.unsure = true;
    d.flags.clear();
  }
  return d;
}

}  // namespace politeno::classifier
