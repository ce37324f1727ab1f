#include "classifier/classifier.h"

#include "mail/ascii.h"
#include <algorithm>
#include <array>
#include <cstdio>

#include "mail/encoded_words.h"
#include "mail/utf8.h"

namespace politeno::classifier {
namespace {

using mail::Address;
using mail::Message;

bool domain_covers(std::string_view domain, std::string_view base) {
  if (domain == base) return true;
  return domain.size() > base.size() && domain.substr(domain.size() - base.size()) == base &&
         domain[domain.size() - base.size() - 1] == '.';
}

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

// Scores of one signal: distinct entries, non-overlapping, up to the cap.
struct Tally {
  double total = 0;
  std::vector<Reason> reasons;
  std::vector<int64_t> sentences;  // per reason: the sentence it came from, or -1
};

class Scorer {
 public:
  Scorer(const Rules& rules) : rules_(rules) {}

  // Adds `weight` evidence for signal `id` unless the cap is reached.
  void add(SignalId id, std::string evidence, int64_t sentence = -1) {
    const Signal& s = rules_.signal(id);
    Tally& t = tallies_[id];
    const double room = s.cap - t.total;
    if (room <= 1e-9 || s.weight == 0) return;
    const double w = std::min(room, s.weight);
    t.total += w;
    t.reasons.push_back({"", s.name, std::move(evidence), w});
    t.sentences.push_back(sentence);
  }
  const std::vector<int64_t>& sentences(SignalId id) const { return tallies_[id].sentences; }
  double total(SignalId id) const { return tallies_[id].total; }
  const std::vector<Reason>& reasons(SignalId id) const { return tallies_[id].reasons; }

 private:
  const Rules& rules_;
  std::array<Tally, kSignalCount> tallies_{};
};

bool contains_substring(const std::vector<std::string>& entries, std::string_view hay, std::string* which) {
  for (const std::string& e : entries) {
    if (!e.empty() && hay.find(e) != std::string_view::npos) {  // entries are lower-case (Rules::compile)
      *which = e;
      return true;
    }
  }
  return false;
}

std::string domain_of_id(std::string_view id) {
  const size_t at = id.rfind('@');
  return at == std::string_view::npos ? std::string() : mail::ascii_lower(id.substr(at + 1));
}

}  // namespace

Classifier::Classifier(config::Config config, Rules rules) : config_(std::move(config)), rules_(std::move(rules)) {
  const auto& publics = rules_.signal(kPublicMailDomain).entries;
  for (const std::string& a : config_.identity.addresses) {
    const std::string d = domain_of_id(a);
    const bool is_public = std::any_of(publics.begin(), publics.end(), [&](const std::string& p) { return domain_covers(d, p); });
    if (!d.empty() && !is_public) identity_domains_.push_back(d);
  }
  const TokenizedText name = tokenize(config_.identity.name);
  for (size_t i = 0; i < name.tokens.size(); ++i)
    if (name.word(i).size() >= 2) identity_name_words_.emplace_back(name.word(i));
}

Classifier make_classifier(config::Config config) {
  Rules rules = Rules::build(config.rules, config.source);
  return Classifier(std::move(config), std::move(rules));
}

Decision Classifier::classify(const Message& m, const Context& ctx) const {
  Decision d;
  Scorer score(rules_);
  const Thresholds& th = rules_.thresholds();

  // --- Who is writing, and in whose thread.
  const Address& from = m.from_address();
  const std::string from_addr = from.normalized();
  std::vector<const Address*> senders;  // From, then Sender and Reply-To where they differ
  if (!from_addr.empty()) senders.push_back(&from);
  for (const auto* list : {&m.sender, &m.reply_to})
    for (const Address& a : *list)
      if (std::none_of(senders.begin(), senders.end(), [&](const Address* s) { return s->normalized() == a.normalized(); }))
        senders.push_back(&a);

  const bool from_self = std::find(config_.identity.addresses.begin(), config_.identity.addresses.end(), from_addr) !=
                         config_.identity.addresses.end();
  d.trusted = from_self || (!from_addr.empty() && config_.senders.trusted.match(from_addr) != nullptr);
  const bool known = (!from_addr.empty() && config_.senders.known.match(from_addr) != nullptr) ||
                     (ctx.correspondents && ctx.correspondents->count(from_addr));

  auto is_own_id = [&](const std::string& id) {
    if (id.empty()) return false;
    if (ctx.own_message_ids && ctx.own_message_ids->count(id)) return true;
    const std::string dom = domain_of_id(id);
    return std::any_of(identity_domains_.begin(), identity_domains_.end(), [&](const std::string& own) { return domain_covers(dom, own); });
  };
  const std::string& root = !m.references.empty() ? m.references.front() : m.in_reply_to;
  d.own_thread = is_own_id(root) || is_own_id(m.in_reply_to);
  d.rapport = known || d.own_thread;

  // --- The text: subject as its own sentence, then what the sender wrote now.
  std::string_view body = m.new_text;
  if (body.find_first_not_of(" \n\t") == std::string_view::npos && !m.forwarded.empty()) body = m.forwarded.front().text;
  body = mail::truncate_utf8(body, kMaxClassifiedText);
  std::string text;
  text.reserve(m.subject.size() + body.size() + 2);
  text += m.subject;
  text += "\n\n";
  const size_t body_offset = text.size();
  text += body;
  const TokenizedText tt = tokenize(text);
  auto span = [&](uint32_t first, uint32_t last) {
    return one_line(std::string_view(text).substr(tt.tokens[first].begin, tt.tokens[last].end - tt.tokens[first].begin), 160);
  };

  // Phrase matches, one per signal entry, overlapping spans of one signal counted once.
  std::vector<bool> topic_in(tt.sentences.size() + 1, false);  // per sentence
  std::vector<bool> form_in(tt.sentences.size() + 1, false);
  {
    std::array<std::vector<uint32_t>, kSignalCount> seen_entries;
    std::array<int64_t, kSignalCount> last_end;
    last_end.fill(-1);
    for (const PhraseMatcher::Match& mt : rules_.text_matcher().find_all(tt)) {
      const SignalId id = Rules::tag_signal(mt.tag);
      const uint32_t entry = Rules::tag_entry(mt.tag);
      if (id == kAskTopic || id == kAskForm) {
        (id == kAskTopic ? topic_in : form_in)[tt.tokens[mt.first_token].sentence] = true;
        continue;
      }
      auto& seen = seen_entries[id];
      if (std::find(seen.begin(), seen.end(), entry) != seen.end()) continue;
      if (static_cast<int64_t>(mt.first_token) <= last_end[id]) continue;  // overlaps the previous one
      seen.push_back(entry);
      last_end[id] = mt.last_token;
      score.add(id, span(mt.first_token, mt.last_token), tt.tokens[mt.first_token].sentence);
    }
  }
  // Sentences that ask about a networking topic.
  const bool has_subject = !tt.sentences.empty() && tt.sentences.front().begin < body_offset && !m.subject.empty();
  for (uint32_t i = 0; i < tt.sentences.size(); ++i) {
    const Sentence& s = tt.sentences[i];
    if (!topic_in[i]) continue;
    if (i == 0 && has_subject) {
      score.add(kSubjectTopic, "subject: " + one_line(m.subject, 120));
      if (!s.question) continue;
    }
    if (form_in[i] || s.question) {
      const std::string sentence = one_line(std::string_view(text).substr(s.begin, s.end - s.begin), 200);
      score.add(kAskSentence, sentence);
      if (form_in[i] && s.question) score.add(kDirectQuestion, sentence);
    }
  }

  // Signature: the signature block and the last lines of the new text.
  {
    std::string sig = m.signature;
    const size_t tail_from = body.size() > 300 ? body.size() - 300 : 0;
    sig += "\n\n";
    sig += body.substr(tail_from);
    const TokenizedText st = tokenize(sig);
    std::vector<uint32_t> seen;
    for (const auto& mt : rules_.signature_matcher().find_all(st)) {
      const uint32_t entry = Rules::tag_entry(mt.tag);
      if (std::find(seen.begin(), seen.end(), entry) != seen.end()) continue;
      seen.push_back(entry);
      score.add(Rules::tag_signal(mt.tag),
                one_line(std::string_view(sig).substr(st.tokens[mt.first_token].begin,
                                                      st.tokens[mt.last_token].end - st.tokens[mt.first_token].begin), 80));
    }
  }

  // Greeting: the first non-empty line, if short.
  {
    size_t b = 0;
    while (b < body.size() && (body[b] == '\n' || body[b] == ' ' || body[b] == '\r')) ++b;
    const size_t e = body.find('\n', b);
    const std::string_view line = body.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
    const TokenizedText gt = tokenize(line);
    if (!gt.tokens.empty() && gt.tokens.size() <= 6) {
      for (size_t i = 0; i < gt.tokens.size(); ++i) {
        if (std::find(identity_name_words_.begin(), identity_name_words_.end(), gt.word(i)) != identity_name_words_.end()) {
          score.add(kPersonalGreeting, one_line(line, 60));
          break;
        }
      }
      for (const auto& mt : rules_.greeting_matcher().find_all(gt)) {
        (void)mt;
        score.add(kGroupGreeting, one_line(line, 60));
        break;
      }
    }
  }

  // Headers and structure.
  // A header's value, RFC 2047-decoded to valid UTF-8.
  auto header = [&](const char* name) -> std::string {
    const mail::HeaderField* h = m.header(name);
    return h ? mail::decode_encoded_words(h->value) : std::string();
  };
  if (m.header("List-Id")) score.add(kListId, "List-Id: " + one_line(header("List-Id"), 80));
  if (m.header("List-Unsubscribe")) score.add(kListUnsubscribe, "List-Unsubscribe header");
  {
    const std::string prec = mail::ascii_lower(header("Precedence"));
    if (prec.find("bulk") != std::string::npos || prec.find("list") != std::string::npos || prec.find("junk") != std::string::npos)
      score.add(kBulkPrecedence, "Precedence: " + one_line(prec, 40));
    const std::string auto_sub = mail::ascii_lower(header("Auto-Submitted"));
    if (m.header("Auto-Submitted") && auto_sub.find("no") != 0) score.add(kAutoSubmitted, "Auto-Submitted: " + one_line(auto_sub, 40));
  }
  if (m.has_calendar) score.add(kCalendarInvite, "text/calendar part");
  if (m.html.tracking_pixels > 0) score.add(kTrackingPixel, std::to_string(m.html.tracking_pixels) + " tracking image(s) in the HTML");
  {
    size_t urls = 0;
    for (size_t i = 0; i < tt.tokens.size(); ++i) urls += tt.word(i) == "<url>";
    const size_t links = std::max(m.html.links, urls);
    if (links >= 4 && links * 25 >= tt.tokens.size())
      score.add(kLinkDensity, std::to_string(links) + " links in " + std::to_string(tt.tokens.size()) + " words");
  }
  {
    std::string which;
    for (const char* name : {"X-Mailer", "User-Agent", "X-Campaign-Mailer"}) {
      const std::string v = mail::ascii_lower(header(name));
      if (!v.empty() && contains_substring(rules_.signal(kSalesMailer).entries, v, &which)) {
        score.add(kSalesMailer, std::string(name) + ": " + one_line(header(name), 60));
        break;
      }
    }
    for (const mail::HeaderField& h : m.headers) {
      const std::string n = mail::ascii_lower(h.name);
      bool hit = false;
      for (const std::string& prefix : rules_.signal(kCampaignHeader).entries)
        if (n.rfind(prefix, 0) == 0) hit = true;
      if (hit) {
        score.add(kCampaignHeader, h.name + " header");
        break;
      }
    }
    for (const Address* a : senders) {
      const std::string local = a->local_part();
      if (contains_substring(rules_.signal(kNoReplySender).entries, local, &which)) score.add(kNoReplySender, a->normalized());
      if (contains_substring(rules_.signal(kSalesSender).entries, local, &which)) score.add(kSalesSender, a->normalized());
    }
  }

  // --- Is it a networking request?
  double request_big = 0;
  // A big ask is evidence of a request only where it is asked for: in a sentence with a
  // form of asking, a question, or the subject ("you didn't have to vouch for me" is not).
  auto asks_in = [&](int64_t sentence) {
    if (sentence < 0) return false;
    const auto i = static_cast<size_t>(sentence);
    return form_in[i] || tt.sentences[i].question || (i == 0 && has_subject);
  };
  for (size_t k = 0; k < score.reasons(kBigAsk).size(); ++k) {
    if (!asks_in(score.sentences(kBigAsk)[k])) continue;
    Reason r = score.reasons(kBigAsk)[k];
    r.about = "request";
    d.reasons.push_back(r);
    request_big += r.weight;
  }
  static constexpr SignalId kFor[] = {kAsk, kAskSentence, kDirectQuestion, kInvitation, kSubjectTopic, kPersonalGreeting};
  static constexpr SignalId kAgainst[] = {kNoAsk, kNotification, kGroupGreeting, kNoReplySender, kAutoSubmitted,
                                          kCalendarInvite};
  // These all say "bulk mail": counted together, up to bulk_penalty, not each in full.
  static constexpr SignalId kBulk[] = {kBroadcast, kListId, kListUnsubscribe, kBulkPrecedence};
  double request = request_big;
  for (SignalId id : kFor) {
    request += score.total(id);
    for (Reason r : score.reasons(id)) {
      r.about = "request";
      d.reasons.push_back(std::move(r));
    }
  }
  for (SignalId id : kAgainst) {
    request -= score.total(id);
    for (Reason r : score.reasons(id)) {
      r.about = "request";
      r.weight = -r.weight;
      d.reasons.push_back(std::move(r));
    }
  }
  double bulk_left = th.bulk_penalty;
  for (SignalId id : kBulk) {
    for (Reason r : score.reasons(id)) {
      const double w = std::min(bulk_left, r.weight);
      bulk_left -= w;
      request -= w;
      r.about = "request";
      r.weight = -w;
      d.reasons.push_back(std::move(r));
    }
  }
  double threshold = th.request;
  if (d.own_thread) {
    threshold += th.request_own_thread;
    d.reasons.push_back({"request", "own_thread", "a reply in a thread the recipient started", -th.request_own_thread});
  }
  if (d.trusted) {
    threshold += th.request_trusted;
    d.reasons.push_back({"request", "trusted", "a trusted sender: colleagues' work mail needs a clearer ask", -th.request_trusted});
  }
  d.score = request;
  d.is_request = request >= threshold;
  d.bulk = score.total(kListId) > 0 || score.total(kListUnsubscribe) > 0 || score.total(kBulkPrecedence) > 0 ||
           score.total(kAutoSubmitted) > 0 || score.total(kNoReplySender) > 0;

  if (!d.is_request || d.trusted) {
    d.verdict = verdict_for(d.is_request, d.trusted, d.flags);
    return d;
  }

  // --- Red flags.
  auto flag_reason = [&](Flag f, std::string signal, std::string evidence, double w) {
    d.reasons.push_back({std::string(to_string(f)), std::move(signal), std::move(evidence), w});
  };
  // transactional: selling language, helped by the machinery of bulk sales mail.
  {
    const double language = score.total(kSalesStrong) + score.total(kSales) + score.total(kSalesTitle);
    double machinery = 0;
    for (SignalId id : {kSalesMailer, kCampaignHeader, kTrackingPixel, kLinkDensity, kListUnsubscribe, kBulkPrecedence, kSalesSender})
      machinery += score.total(id);
    machinery = std::min(machinery, 3.0);
    if (language >= th.transactional_language && language + machinery >= th.transactional) {
      d.flags.push_back(Flag::kTransactional);
      for (SignalId id : {kSalesStrong, kSales, kSalesTitle, kSalesMailer, kCampaignHeader, kTrackingPixel, kLinkDensity,
                          kListUnsubscribe, kBulkPrecedence, kSalesSender})
        for (const Reason& r : score.reasons(id)) flag_reason(Flag::kTransactional, r.signal, r.evidence, std::abs(r.weight));
    }
  }
  // reputation and negative_history: the sender lists, on From, Sender and Reply-To.
  auto list_flag = [&](Flag f, const config::SenderList& list, const char* list_name) {
    for (const Address* a : senders) {
      if (const config::SenderList::Entry* e = list.match(a->normalized())) {
        d.flags.push_back(f);
        const std::string role = a == &from ? "From" : "Reply-To/Sender";
        flag_reason(f, list_name, role + " " + a->normalized() + " matches senders." + list_name + " entry \"" + e->text + "\"", 1.0);
        return;
      }
    }
  };
  list_flag(Flag::kReputation, config_.senders.reputation_concerns, "reputation_concerns");
  // too_much_too_soon: a big ask without prior rapport, softened by an offer in return.
  if (!d.rapport) {
    const double big = score.total(kBigAsk) - score.total(kReciprocity);
    if (score.total(kBigAsk) > 0 && big >= th.too_much_too_soon) {
      d.flags.push_back(Flag::kTooMuchTooSoon);
      for (const Reason& r : score.reasons(kBigAsk)) flag_reason(Flag::kTooMuchTooSoon, r.signal, r.evidence, r.weight);
      for (const Reason& r : score.reasons(kReciprocity)) flag_reason(Flag::kTooMuchTooSoon, r.signal, r.evidence, -r.weight);
      flag_reason(Flag::kTooMuchTooSoon, "no_rapport", "sender not known and not replying in the recipient's thread", 0);
    }
  }
  list_flag(Flag::kNegativeHistory, config_.senders.negative_history, "negative_history");
  // overwhelmed: the recipient's capacity.
  {
    const auto& cap = config_.capacity;
    if (cap.busy_until && ctx.today <= std::chrono::sys_days(*cap.busy_until)) {
      d.flags.push_back(Flag::kOverwhelmed);
      const auto ymd = *cap.busy_until;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                    static_cast<unsigned>(ymd.day()));
      flag_reason(Flag::kOverwhelmed, "busy_until", std::string("capacity.busy_until is ") + buf, 1.0);
    } else if (cap.max_accepted_per_week > 0 && ctx.accepted_last_7_days >= cap.max_accepted_per_week) {
      d.flags.push_back(Flag::kOverwhelmed);
      flag_reason(Flag::kOverwhelmed, "max_accepted_per_week",
                  std::to_string(ctx.accepted_last_7_days) + " requests accepted in the last 7 days (limit " +
                      std::to_string(cap.max_accepted_per_week) + ")", 1.0);
    }
  }
  // Keep flags in their canonical order.
  std::vector<Flag> ordered;
  for (Flag f : kAllFlags)
    if (d.has(f)) ordered.push_back(f);
  d.flags = std::move(ordered);
  d.verdict = verdict_for(true, false, d.flags);
  return d;
}

}  // namespace politeno::classifier
