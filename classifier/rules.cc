#include "classifier/rules.h"

#include <algorithm>

#include "classifier/features.h"
#include "mail/ascii.h"

namespace politeno::classifier {
namespace {

std::string joined_names(const std::vector<Signal>& signals) {
  std::string out;
  for (const Signal& s : signals) out += (out.empty() ? "" : ", ") + s.name;
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::string_view to_string(Role r) {
  switch (r) {
    case Role::kAsk: return "ask";
    case Role::kColdContact: return "cold contact";
    case Role::kAskPart: return "ask part";
    case Role::kBigAsk: return "big ask";
    case Role::kInvitation: return "invitation";
    case Role::kReciprocity: return "reciprocity";
    case Role::kSalesLanguage: return "sales language";
    case Role::kSalesMachinery: return "sales machinery";
    case Role::kNothingAsked: return "nothing asked";
    case Role::kWork: return "work";
    case Role::kPersonal: return "personal";
    case Role::kBulk: return "bulk";
    case Role::kAutomated: return "automated";
    case Role::kContext: return "context";
  }
  return "?";
}

std::vector<std::string> threshold_names() {
  return {"request", "request_own_thread", "transactional", "too_much_too_soon", "decline"};
}

double* threshold_slot(Thresholds* t, std::string_view name) {
  if (name == "request") return &t->request;
  if (name == "request_own_thread") return &t->request_own_thread;
  if (name == "transactional") return &t->transactional;
  if (name == "too_much_too_soon") return &t->too_much_too_soon;
  if (name == "decline") return &t->decline;
  return nullptr;
}

Thresholds apply_overrides(Thresholds base, const config::RuleOverrides::Thresholds& overrides) {
  for (const auto& [name, value] : overrides)
    if (double* slot = threshold_slot(&base, name)) *slot = value.first;
  return base;
}

Rules Rules::defaults() {
  Rules r;
  r.signals_ = default_signals();
  r.compile("built-in rules");
  return r;
}

Rules Rules::build(const config::RuleOverrides& overrides, const std::string& source) {
  Rules r;
  r.signals_ = default_signals();
  for (const auto& entry : overrides.signals) {
    const std::string& name = entry.first;  // not a structured binding: lambdas capture it (clang 14)
    const config::SignalOverride& o = entry.second;
    auto it = std::find_if(r.signals_.begin(), r.signals_.end(), [&](const Signal& s) { return s.name == name; });
    if (it == r.signals_.end()) {
      throw config::ConfigError(source, o.mark, "unknown signal '" + name + "' in 'rules.signals'; expected one of: " +
                                                    joined_names(r.signals_));
    }
    if (it->source == Source::kStructure && (o.phrases || !o.add.empty() || !o.remove.empty())) {
      throw config::ConfigError(source, o.mark, "signal '" + name + "' is a fact of the message and takes no phrases; only 'max_hits'");
    }
    if (o.max_hits) it->max_hits = static_cast<uint32_t>(*o.max_hits);
    if (o.phrases) it->entries = *o.phrases;
    for (const std::string& a : o.add) it->entries.push_back(a);
    for (const std::string& rm : o.remove) {
      const auto before = it->entries.size();
      it->entries.erase(std::remove(it->entries.begin(), it->entries.end(), rm), it->entries.end());
      if (it->entries.size() == before) {
        throw config::ConfigError(source, o.mark, "'rules.signals." + name + ".remove': \"" + rm + "\" is not in the list");
      }
    }
  }
  Thresholds probe;
  for (const auto& [name, value] : overrides.thresholds) {
    if (!threshold_slot(&probe, name)) {
      throw config::ConfigError(source, value.second, "unknown threshold '" + name + "' in 'rules.thresholds'; expected one of: " +
                                                          joined(threshold_names()));
    }
    if (value.first < 0 || value.first > 1) {
      throw config::ConfigError(source, value.second, "'rules.thresholds." + name + "' is a probability: expected a number from 0 to 1");
    }
  }
  r.thresholds_ = overrides.thresholds;
  r.compile(source);
  return r;
}

void Rules::compile(const std::string& source) {
  features_.clear();
  for (const Signal& s : signals_) {
    SignalFeature f{"sig:" + s.name, "sig:" + s.name + "@subject", "sig:" + s.name + "@quoted", 0, 0, 0};
    f.id = feature_id(f.name), f.subject_id = feature_id(f.subject), f.quoted_id = feature_id(f.quoted);
    features_.push_back(std::move(f));
  }
  for (uint32_t id = 0; id < signals_.size(); ++id) {
    Signal& s = signals_[id];
    if (s.source == Source::kMailerHeader || s.source == Source::kHeaderName || s.source == Source::kLocalPart ||
        s.source == Source::kDomain) {
      // Compared against lower-cased header text: lower-case once here.
      for (std::string& e : s.entries) e = mail::ascii_lower(e);
    }
    PhraseMatcher* m = s.source == Source::kText        ? &text_
                       : s.source == Source::kSignature ? &signature_
                       : s.source == Source::kGreeting  ? &greeting_
                                                        : nullptr;
    if (!m) continue;
    for (uint32_t e = 0; e < s.entries.size(); ++e) {
      std::string error;
      if (!m->add(s.entries[e], tag(static_cast<SignalId>(id), e), &error)) {
        throw config::ConfigError(source, {}, "signal '" + s.name + "': " + error);
      }
    }
  }
}

}  // namespace politeno::classifier
