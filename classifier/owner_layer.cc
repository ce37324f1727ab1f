#include "classifier/owner_layer.h"

#include <algorithm>

#include "mail/address.h"
#include <unordered_map>

#include "classifier/logistic.h"

namespace politeno::classifier {
namespace {

// Which heads a label teaches, and what: -1 says nothing about that head.
std::array<int, kHeads> targets(OwnerLabel l) {
  switch (l) {
    case OwnerLabel::kKept: return {-1, 0, 0};
    case OwnerLabel::kWelcome: return {1, 0, 0};
    case OwnerLabel::kNotRequest: return {0, -1, -1};
    case OwnerLabel::kDeclineLater: return {1, 0, 1};
    case OwnerLabel::kDecline: return {1, 1, -1};
  }
  return {-1, -1, -1};
}

}  // namespace

std::string_view to_string(OwnerLabel l) {
  switch (l) {
    case OwnerLabel::kKept: return "kept";
    case OwnerLabel::kWelcome: return "welcome";
    case OwnerLabel::kNotRequest: return "not_request";
    case OwnerLabel::kDeclineLater: return "decline_later";
    case OwnerLabel::kDecline: return "decline";
  }
  return "kept";
}

std::optional<OwnerLabel> parse_owner_label(std::string_view s) {
  for (OwnerLabel l : {OwnerLabel::kKept, OwnerLabel::kWelcome, OwnerLabel::kNotRequest, OwnerLabel::kDeclineLater,
                       OwnerLabel::kDecline})
    if (to_string(l) == s) return l;
  return std::nullopt;
}

OwnerLabel label_for(Verdict v) {
  switch (v) {
    case Verdict::kNotRequest: return OwnerLabel::kNotRequest;
    case Verdict::kWelcome: return OwnerLabel::kWelcome;
    case Verdict::kDeclineLater: return OwnerLabel::kDeclineLater;
    case Verdict::kDecline: return OwnerLabel::kDecline;
  }
  return OwnerLabel::kKept;
}

std::string OwnerLearning::reputation(std::string_view from) const {
  if (auto it = declined_addresses.find(std::string(from)); it != declined_addresses.end())
    return "you declined " + std::string(from) + "'s requests by hand (" + std::to_string(it->second) + ")";
  // The domain and every parent domain below the top level ("mail.x.example", "x.example").
  std::string d = mail::domain_of(from);
  while (d.find('.') != std::string::npos) {
    if (auto it = declined_domains.find(d); it != declined_domains.end() && it->second >= kDomainDeclines)
      return "you declined " + std::to_string(it->second) + " more requests from @" + d + " by hand than you kept";
    d = d.substr(d.find('.') + 1);
  }
  return "";
}

OwnerLearning learn(const Model& base, const std::vector<Correction>& corrections,
                    const std::vector<std::string>& public_domains, const LayerOptions& o) {
  OwnerLearning out;
  out.corrections = corrections.size();
  out.layer.add_note("the owner's layer, from " + std::to_string(corrections.size()) + " corrections over model " +
                     base.version());
  for (const Correction& c : corrections) {
    if (c.sender.empty()) continue;
    const std::string dom = mail::domain_of(c.sender);
    const bool webmail = std::find(public_domains.begin(), public_domains.end(), dom) != public_domains.end();
    if (c.label == OwnerLabel::kKept) {
      out.rescued.insert(c.sender);
      if (!webmail && !dom.empty()) --out.declined_domains[dom];
    } else if (c.label == OwnerLabel::kDecline) {
      ++out.declined_addresses[c.sender];
      if (!webmail && !dom.empty()) ++out.declined_domains[dom];
    }
  }
  for (const std::string& r : out.rescued) out.declined_addresses.erase(r);  // a rescue outweighs

  // The layer: the shipped model's own features only (their names are known).
  std::unordered_map<uint64_t, std::string> names;
  for (const Model::Entry& e : base.entries()) names.emplace(feature_id(e.name), e.name);
  std::vector<uint64_t> ids;
  for (const Correction& c : corrections)
    for (uint64_t id : c.x.ids)
      if (names.count(id)) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::unordered_map<uint64_t, uint32_t> column;
  for (uint32_t j = 0; j < ids.size(); ++j) column.emplace(ids[j], j);
  std::vector<std::array<float, kHeads>> w(ids.size(), std::array<float, kHeads>{});
  for (Head h : kAllHeads) {
    const size_t k = static_cast<size_t>(h);
    SparseRows data;
    data.dim = ids.size();
    for (const Correction& c : corrections) {
      const int t = targets(c.label)[k];
      if (t < 0) continue;
      std::vector<std::pair<uint32_t, float>> row;
      for (size_t i = 0; i < c.x.ids.size(); ++i)
        if (auto it = column.find(c.x.ids[i]); it != column.end()) row.emplace_back(it->second, c.x.values[i]);
      data.rows.push_back(std::move(row));
      data.y.push_back(static_cast<uint8_t>(t));
      data.offset.push_back(base.score(c.x).logit[k]);
    }
    if (data.rows.empty()) continue;
    FitOptions fo;
    fo.l2 = o.l2;
    fo.fit_bias = false;
    fo.iterations = o.iterations;
    const std::vector<double> fit = fit_logistic(data, fo);
    for (size_t j = 0; j < ids.size(); ++j) w[j][k] = std::abs(fit[j]) >= o.min_weight ? static_cast<float>(fit[j]) : 0.0f;
  }
  for (size_t j = 0; j < ids.size(); ++j) out.layer.set_weights(names.at(ids[j]), w[j]);
  out.layer.finish();
  return out;
}

}  // namespace politeno::classifier
