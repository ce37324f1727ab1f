#include "classifier/rules.h"

#include <algorithm>

#include "mail/ascii.h"

namespace politeno::classifier {
namespace {

double* threshold_slot(Thresholds* t, std::string_view name) {
  if (name == "request") return &t->request;
  if (name == "request_own_thread") return &t->request_own_thread;
  if (name == "request_trusted") return &t->request_trusted;
  if (name == "transactional") return &t->transactional;
  if (name == "transactional_language") return &t->transactional_language;
  if (name == "too_much_too_soon") return &t->too_much_too_soon;
  if (name == "bulk_penalty") return &t->bulk_penalty;
  return nullptr;
}

std::string joined_names(const std::vector<Signal>& signals) {
  std::string out;
  for (const Signal& s : signals) out += (out.empty() ? "" : ", ") + s.name;
  return out;
}

}  // namespace

std::vector<std::string> threshold_names() {
  return {"request", "request_own_thread", "request_trusted", "transactional", "transactional_language",
          "too_much_too_soon", "bulk_penalty"};
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
  for (const auto& kv : overrides.signals) {
    const std::string& name = kv.first;
    const config::SignalOverride& o = kv.second;
    auto it = std::find_if(r.signals_.begin(), r.signals_.end(), [&](const Signal& s) { return s.name == name; });
    if (it == r.signals_.end()) {
      throw config::ConfigError(source, o.mark, "unknown signal '" + name + "' in 'rules.signals'; expected one of: " +
                                                    joined_names(r.signals_));
    }
    if (it->source == Source::kStructure && (o.phrases || !o.add.empty() || !o.remove.empty())) {
      throw config::ConfigError(source, o.mark, "signal '" + name + "' is a fact of the message and takes no phrases; only 'weight' and 'cap'");
    }
    if (o.weight) it->weight = *o.weight;
    if (o.cap) it->cap = *o.cap;
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
  for (const auto& [name, value] : overrides.thresholds) {
    double* slot = threshold_slot(&r.thresholds_, name);
    if (!slot) {
      std::string names;
      for (const auto& n : threshold_names()) names += (names.empty() ? "" : ", ") + n;
      throw config::ConfigError(source, value.second, "unknown threshold '" + name + "' in 'rules.thresholds'; expected one of: " + names);
    }
    *slot = value.first;
  }
  r.compile(source);
  return r;
}

void Rules::compile(const std::string& source) {
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
