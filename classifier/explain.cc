#include "classifier/explain.h"
#include "classifier/owner_layer.h"

#include <cstdio>

#include "mail/utf8.h"

namespace politeno::classifier {
namespace {

const Model* layer_of(const Context& ctx) { return ctx.learned ? &ctx.learned->layer : nullptr; }

constexpr size_t kRequestReasons = 6;
constexpr size_t kFlagReasons = 5;

// Evidence text: one line, at most `max` bytes, always valid UTF-8 whatever it quotes.
std::string one_line(std::string_view raw, size_t max) {
  const std::string s = mail::sanitize_utf8(raw);
  std::string out;
  for (char c : mail::truncate_utf8(s, max)) {
    const bool space = c == '\n' || c == '\r' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (s.size() > max) out += "...";
  return out;
}

std::string_view region_text(const Evidence& ev, Region r) {
  switch (r) {
    case Region::kSubject:
    case Region::kBody: return ev.text;
    case Region::kSignature: return ev.signature_text;
    case Region::kGreeting: return ev.greeting_line;
    default: return {};
  }
}

// The phrases a signal matched, quoted, at most three.
std::string phrases_of(SignalId id, const Evidence& ev, std::string_view only_region = {}) {
  std::string out;
  int n = 0;
  for (const Hit& h : ev.spans) {
    if (h.signal != id || h.end <= h.begin) continue;
    if (only_region == "@subject" && h.region != Region::kSubject) continue;
    const std::string_view text = region_text(ev, h.region);
    if (h.end > text.size()) continue;
    if (n++ == 3) {
      out += ", ...";
      break;
    }
    out += (out.empty() ? "\"" : ", \"") + one_line(text.substr(h.begin, h.end - h.begin), 120) + "\"";
  }
  return out;
}

const Signal* signal_named(const Rules& rules, std::string_view name, SignalId* id) {
  for (uint32_t i = 0; i < rules.signals().size(); ++i)
    if (rules.signals()[i].name == name) {
      *id = static_cast<SignalId>(i);
      return &rules.signals()[i];
    }
  return nullptr;
}

std::string describe_relation(std::string_view rel) {
  if (rel == "trusted") return "a trusted sender";
  if (rel == "known") return "a known sender (listed, or someone you wrote to)";
  if (rel == "own_thread") return "a reply in a thread you started";
  if (rel == "reply_elsewhere") return "a reply in someone else's thread";
  if (rel == "stranger") return "a stranger: not trusted, not known, not your thread";
  if (rel == "public_domain") return "a webmail address";
  if (rel == "owner_domain") return "from your own domain";
  if (rel == "reply_to_differs") return "Reply-To differs from From";
  if (rel == "sender_thread") return "a follow-up in a thread the sender started";
  return std::string(rel);
}

std::string describe_fact(std::string_view f) {
  static const std::pair<const char*, const char*> kFacts[] = {
      {"html_body", "the text comes from HTML"},
      {"attachment", "has attachments"},
      {"forwarded", "carries a forwarded message"},
      {"quoted", "quotes earlier mail"},
      {"no_subject", "no subject"},
      {"subject_re", "the subject says Re:"},
      {"subject_fwd", "the subject says Fwd:"},
      {"re_without_thread", "a Re: subject with no thread behind it"},
      {"questions_0", "no question mark"},
      {"questions_1", "one question"},
      {"questions_2+", "several questions"},
  };
  for (const auto& [k, v] : kFacts)
    if (f == k) return v;
  return std::string(f);
}

}  // namespace

std::string describe_feature(std::string_view name, const Evidence& ev, const Rules& rules) {
  const size_t colon = name.find(':');
  const std::string_view kind = name.substr(0, colon == std::string_view::npos ? 0 : colon);
  const std::string_view rest = colon == std::string_view::npos ? name : name.substr(colon + 1);
  if (kind == "sig") {
    const size_t at = rest.find('@');
    const std::string_view sig = rest.substr(0, at);
    const std::string_view where = at == std::string_view::npos ? std::string_view() : rest.substr(at);
    SignalId id{};
    const Signal* s = signal_named(rules, sig, &id);
    if (!s) return std::string(name);
    if (where == "@quoted") return s->description + ", in quoted or forwarded mail";
    const std::string phrases = phrases_of(id, ev, where);
    const std::string base = phrases.empty() ? s->description : phrases;
    return where == "@subject" ? base + " (in the subject)" : base;
  }
  if (kind == "w") return "the words \"" + std::string(rest) + "\"";
  if (kind == "s") return "\"" + std::string(rest) + "\" in the subject";
  if (kind == "rel") return describe_relation(rest);
  if (kind == "x") {
    const size_t amp = rest.find('&');
    if (amp == std::string_view::npos) return std::string(name);
    SignalId id{};
    const Signal* s = signal_named(rules, rest.substr(amp + 1), &id);
    const std::string phrases = s ? phrases_of(id, ev) : std::string();
    return describe_relation(rest.substr(0, amp)) + " who " +
           (phrases.empty() ? (s ? s->description : std::string(rest.substr(amp + 1))) : phrases);
  }
  if (kind == "to") {
    if (rest == "owner") return "addressed to you";
    if (rest == "cc_owner") return "you are in Cc";
    if (rest == "not_owner") return "not addressed to you (Bcc or a list)";
    if (rest == "many") return "four or more recipients";
  }
  if (kind == "fact") return describe_fact(rest);
  if (kind == "len") return std::string(rest) + " message";
  if (kind == "ask" && rest == "big_asked") {
    const std::string phrases = phrases_of(kBigAsk, ev);
    return phrases.empty() ? "a big favour, asked for" : "a big favour, asked for: " + phrases;
  }
  if (kind == "from") return "this sender";
  if (kind == "from_domain") return "this sender's domain";
  return std::string(name);
}

std::vector<Reason> explain(const Decision& d, const Evidence& ev, const Rules& rules, const Model& model,
                            const Owner& owner, const Context& ctx) {
  std::vector<Reason> out;
  auto add_head = [&](const std::string& about, Head h, size_t k) {
    for (const Contribution& c : model.top(ev.features, h, k, layer_of(ctx))) {
      std::string signal(c.name);
      std::string what = describe_feature(c.name, ev, rules);
      if (c.layer) {
        signal = "learned:" + signal;
        what += " (learnt from your corrections)";
      }
      out.push_back({about, std::move(signal), std::move(what), c.weight});
    }
  };
  char p[64];
  std::snprintf(p, sizeof p, "P(request) %.2f", d.probability[0]);
  out.push_back({"request", "model", p, 0});
  add_head("request", Head::kRequest, kRequestReasons);
  if (d.trusted) out.push_back({"request", "trusted", "a trusted sender: never flagged", 0});
  if (d.unsure)
    out.push_back({"request", "unsure", "flags called for a decline, but P(request) is below the decline threshold: left alone", 0});
  for (Flag f : d.flags) {
    const std::string about(to_string(f));
    switch (f) {
      case Flag::kTransactional:
        std::snprintf(p, sizeof p, "P(selling) %.2f", d.probability[1]);
        out.push_back({about, "model", p, 0});
        add_head(about, Head::kSelling, kFlagReasons);
        break;
      case Flag::kTooMuchTooSoon:
        std::snprintf(p, sizeof p, "P(big ask) %.2f", d.probability[2]);
        out.push_back({about, "model", p, 0});
        add_head(about, Head::kBigAsk, kFlagReasons);
        out.push_back({about, "no_rapport", "sender not known and not replying in your thread", 0});
        break;
      case Flag::kReputation:
        if (d.reputation_entry.rfind("senders.", 0) == 0)
          out.push_back({about, "reputation_concerns", "sender matches " + d.reputation_entry, 1});
        else
          out.push_back({about, "learned_reputation", d.reputation_entry, 1});
        break;
      case Flag::kNegativeHistory:
        out.push_back({about, "negative_history", "sender matches senders.negative_history entry \"" + d.negative_entry + "\"", 1});
        break;
      case Flag::kOverwhelmed: {
        const auto& cap = owner.capacity;
        if (cap.busy_until && ctx.today <= std::chrono::sys_days(*cap.busy_until)) {
          const auto ymd = *cap.busy_until;
          char buf[48];
          std::snprintf(buf, sizeof buf, "capacity.busy_until is %04d-%02u-%02u", static_cast<int>(ymd.year()),
                        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
          out.push_back({about, "busy_until", buf, 1});
        } else {
          out.push_back({about, "max_accepted_per_week",
                         std::to_string(ctx.accepted_last_7_days) + " requests accepted in the last 7 days (limit " +
                             std::to_string(cap.max_accepted_per_week) + ")",
                         1});
        }
        break;
      }
    }
  }
  if (ev.rescued)
    out.push_back({"request", "rescued", "you took this sender's mail back from a decline folder: never declined on the model's word", 0});
  return out;
}

}  // namespace politeno::classifier
