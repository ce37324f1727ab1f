#include "classifier/features.h"

#include <algorithm>
#include <numeric>

#include "classifier/owner_layer.h"
#include "mail/ascii.h"
#include "mail/encoded_words.h"
#include "mail/fnv1a.h"
#include "mail/utf8.h"

namespace politeno::classifier {
namespace {

using mail::Address;
using mail::Message;

// The most tokens of subject and body that become n-grams.
constexpr size_t kMaxNgramTokens = 1500;
// Words at least this long also count by their first kStem bytes.
constexpr size_t kStemFrom = 7;
constexpr size_t kStem = 5;
// How much quoted and forwarded text is searched for signals.
constexpr size_t kMaxQuotedText = 8 * 1024;
// A signature is looked for in the block found by the parser and in this many bytes
// at the end of the new text.
constexpr size_t kSignatureTail = 300;

bool domain_covers(std::string_view domain, std::string_view base) {
  if (domain == base) return true;
  return domain.size() > base.size() && domain.substr(domain.size() - base.size()) == base &&
         domain[domain.size() - base.size() - 1] == '.';
}

bool contains_any(const std::vector<std::string>& entries, std::string_view hay) {
  for (const std::string& e : entries)
    if (!e.empty() && hay.find(e) != std::string_view::npos) return true;  // entries are lower-case
  return false;
}

bool is_public_domain(const Rules& rules, std::string_view domain) {
  const auto& publics = rules.signal(kPublicMailDomain).entries;
  return std::any_of(publics.begin(), publics.end(), [&](const std::string& p) { return domain_covers(domain, p); });
}

// Collects features: ids always, names when asked. Ids of n-grams are hashed as their
// names would be, without building the names.
class Builder {
 public:
  explicit Builder(bool names) : names_(names) {}

  void add(std::string_view name, float value = 1.0f) { push(mail::fnv1a(name), value, name); }

  // "w:" + a, or "w:" + a + " " + b: the hash continues over the words, so no string is
  // made unless names are wanted.
  void ngram(uint64_t prefix_hash, std::string_view prefix, std::string_view a, std::string_view b = {}) {
    uint64_t h = mail::fnv1a(a, prefix_hash);
    if (!b.empty()) h = mail::fnv1a(b, mail::fnv1a(" ", h));
    if (!names_) {
      push(h, 1.0f, {});
      return;
    }
    std::string name(prefix);
    name += a;
    if (!b.empty()) {
      name += ' ';
      name += b;
    }
    push(h, 1.0f, name);
  }

  FeatureVector finish() {
    FeatureVector out;
    std::vector<uint32_t> order(ids_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return ids_[a] < ids_[b]; });
    for (uint32_t i : order) {
      if (!out.ids.empty() && out.ids.back() == ids_[i]) {
        out.values.back() = std::max(out.values.back(), values_[i]);  // a repeated binary feature is one
        continue;
      }
      out.ids.push_back(ids_[i]);
      out.values.push_back(values_[i]);
      if (names_) out.names.push_back(std::move(names_list_[i]));
    }
    return out;
  }

 private:
  void push(uint64_t id, float value, std::string_view name) {
    ids_.push_back(id);
    values_.push_back(value);
    if (names_) names_list_.emplace_back(name);
  }

  bool names_;
  std::vector<uint64_t> ids_;
  std::vector<float> values_;
  std::vector<std::string> names_list_;
};

const char* region_suffix(Region r) {
  switch (r) {
    case Region::kSubject: return "@subject";
    case Region::kQuoted: return "@quoted";
    default: return "";
  }
}

// Phrase hits over one tokenised text: one per distinct entry, overlapping matches of
// one signal counted once.
template <typename OnHit>
void match_phrases(const PhraseMatcher& matcher, const TokenizedText& tt, OnHit&& on_hit) {
  std::array<std::vector<uint32_t>, kSignalCount> seen;
  std::array<int64_t, kSignalCount> last_end;
  last_end.fill(-1);
  for (const PhraseMatcher::Match& mt : matcher.find_all(tt)) {
    const SignalId id = Rules::tag_signal(mt.tag);
    const uint32_t entry = Rules::tag_entry(mt.tag);
    auto& s = seen[id];
    if (std::find(s.begin(), s.end(), entry) != s.end()) continue;
    if (static_cast<int64_t>(mt.first_token) <= last_end[id]) continue;
    s.push_back(entry);
    last_end[id] = mt.last_token;
    on_hit(id, entry, mt);
  }
}

}  // namespace

uint64_t feature_id(std::string_view name) { return mail::fnv1a(name); }


Owner owner_of(const config::Config& config, const Rules& rules, const config::Identity* identity) {
  Owner o{identity ? *identity : config.identity, config.senders, config.capacity, {}, {}};
  const TokenizedText name = tokenize(o.identity.name);
  for (size_t k = 0; k < name.tokens.size(); ++k)
    if (name.word(k).size() >= 2) o.name_words.emplace_back(name.word(k));
  for (const std::string& a : o.identity.addresses) {
    const std::string d = mail::domain_of(a);
    if (!d.empty() && !is_public_domain(rules, d)) o.domains.push_back(d);
  }
  return o;
}

Evidence extract(const Message& m, const Owner& owner, const Rules& rules, const Context& ctx, ExtractOptions options) {
  Evidence ev;
  Builder f(options.names);
  auto hit = [&](SignalId id, Region region, int32_t entry = -1, uint32_t begin = 0, uint32_t end = 0) {
    if (ev.hits[id] < 255) ++ev.hits[id];
    if (options.spans) ev.spans.push_back({id, region, entry, begin, end});
  };

  // --- Who is writing, and in whose thread.
  const Address& from = m.from_address();
  ev.from = from.normalized();
  const std::string from_domain = mail::domain_of(ev.from);
  const auto& ids = owner.identity.addresses;
  ev.from_self = !ev.from.empty() && std::find(ids.begin(), ids.end(), ev.from) != ids.end();
  ev.trusted = ev.from_self || (!ev.from.empty() && owner.senders.trusted.match(ev.from) != nullptr);
  ev.known = (!ev.from.empty() && owner.senders.known.match(ev.from) != nullptr) ||
             (ctx.correspondents && ctx.correspondents->count(ev.from));
  ev.rescued = ctx.learned && !ev.from.empty() && ctx.learned->rescued.count(ev.from);

  const std::vector<std::string>& owner_domains = owner.domains;
  auto is_own_id = [&](const std::string& id) {
    if (id.empty()) return false;
    if (ctx.own_message_ids && ctx.own_message_ids->count(id)) return true;
    const std::string dom = mail::domain_of(id);
    return std::any_of(owner_domains.begin(), owner_domains.end(), [&](const std::string& own) { return domain_covers(dom, own); });
  };
  const std::string& root = !m.references.empty() ? m.references.front() : m.in_reply_to;
  ev.own_thread = is_own_id(root) || is_own_id(m.in_reply_to);
  ev.reply_elsewhere = !ev.own_thread && (!m.in_reply_to.empty() || !m.references.empty());
  // A reply in a thread the sender started: a follow-up to their own earlier mail.
  const bool sender_thread = ev.reply_elsewhere && !from_domain.empty() &&
                             (mail::domain_of(root) == from_domain || mail::domain_of(m.in_reply_to) == from_domain);

  // --- The text: subject as its own sentence, then what the sender wrote now.
  std::string_view body = m.new_text;
  const bool body_blank = body.find_first_not_of(" \r\n\t") == std::string_view::npos;
  if (body_blank && !m.forwarded.empty()) body = m.forwarded.front().text;
  body = mail::truncate_utf8(body, kMaxClassifiedText);
  std::string text;
  text.reserve(m.subject.size() + body.size() + 2);
  text += m.subject;
  text += "\n\n";
  const size_t body_offset = text.size();
  text += body;
  const TokenizedText tt = tokenize(text);
  const bool has_subject = !m.subject.empty() && !tt.sentences.empty() && tt.sentences.front().begin < body_offset;
  auto region_of = [&](uint32_t sentence) { return sentence == 0 && has_subject ? Region::kSubject : Region::kBody; };

  // Phrases; forms of asking and networking topics are noted per sentence.
  std::vector<bool> topic_in(tt.sentences.size() + 1, false), form_in(tt.sentences.size() + 1, false);
  std::array<bool, kSignalCount> in_subject{};
  std::vector<int32_t> big_ask_sentences;
  match_phrases(rules.text_matcher(), tt, [&](SignalId id, uint32_t entry, const PhraseMatcher::Match& mt) {
    const uint32_t sentence = tt.tokens[mt.first_token].sentence;
    if (id == kAskTopic) topic_in[sentence] = true;
    if (id == kAskForm) form_in[sentence] = true;
    if (region_of(sentence) == Region::kSubject) in_subject[id] = true;
    if (id == kBigAsk) big_ask_sentences.push_back(static_cast<int32_t>(sentence));
    hit(id, region_of(sentence), static_cast<int32_t>(entry), tt.tokens[mt.first_token].begin, tt.tokens[mt.last_token].end);
  });
  // Sentences that ask about a networking topic.
  size_t questions = 0;
  for (uint32_t i = 0; i < tt.sentences.size(); ++i) {
    const Sentence& s = tt.sentences[i];
    questions += s.question;
    if (!topic_in[i]) continue;
    if (i == 0 && has_subject) {
      hit(kSubjectTopic, Region::kSubject, -1, s.begin, s.end);
      if (!s.question) continue;
    }
    if (form_in[i] || s.question) {
      hit(kAskSentence, region_of(i), -1, s.begin, s.end);
      if (region_of(i) == Region::kSubject) in_subject[kAskSentence] = true;
      if (form_in[i] && s.question) hit(kDirectQuestion, region_of(i), -1, s.begin, s.end);
    }
  }
  // A big ask that is asked for: in a sentence with a form of asking, a question, or the subject.
  const bool big_ask_asked = std::any_of(big_ask_sentences.begin(), big_ask_sentences.end(), [&](int32_t s) {
    const auto i = static_cast<size_t>(s);
    return form_in[i] || tt.sentences[i].question || (i == 0 && has_subject);
  });

  // Signature: the signature block and the last lines of the new text.
  {
    std::string sig = m.signature;
    sig += "\n\n";
    sig += body.substr(body.size() > kSignatureTail ? body.size() - kSignatureTail : 0);
    const TokenizedText st = tokenize(sig);
    match_phrases(rules.signature_matcher(), st, [&](SignalId id, uint32_t entry, const PhraseMatcher::Match& mt) {
      hit(id, Region::kSignature, static_cast<int32_t>(entry), st.tokens[mt.first_token].begin, st.tokens[mt.last_token].end);
    });
    if (options.spans) ev.signature_text = std::move(sig);
  }

  // Greeting: the first non-empty line, if short.
  {
    size_t b = 0;
    while (b < body.size() && (body[b] == '\n' || body[b] == ' ' || body[b] == '\r')) ++b;
    const size_t e = body.find('\n', b);
    const std::string_view line = body.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
    const TokenizedText gt = tokenize(line);
    if (!gt.tokens.empty() && gt.tokens.size() <= 6) {
      bool personal = false;
      for (size_t i = 0; i < gt.tokens.size() && !personal; ++i)
        personal = std::find(owner.name_words.begin(), owner.name_words.end(), gt.word(i)) != owner.name_words.end();
      if (personal) hit(kPersonalGreeting, Region::kGreeting, -1, 0, static_cast<uint32_t>(line.size()));
      for (const auto& mt : rules.greeting_matcher().find_all(gt)) {
        hit(kGroupGreeting, Region::kGreeting, static_cast<int32_t>(Rules::tag_entry(mt.tag)), 0, static_cast<uint32_t>(line.size()));
        break;
      }
      if (options.spans) ev.greeting_line = std::string(line);
    }
  }

  // Quoted and forwarded mail: what was asked before, by whom it may concern.
  std::array<bool, kSignalCount> in_quoted{};
  {
    std::string quoted(mail::truncate_utf8(m.quoted, kMaxQuotedText));
    if (!body_blank)
      for (const mail::ForwardedMessage& fw : m.forwarded) quoted += "\n\n" + std::string(mail::truncate_utf8(fw.text, kMaxQuotedText));
    if (!quoted.empty()) {
      const TokenizedText qt = tokenize(quoted);
      match_phrases(rules.text_matcher(), qt, [&](SignalId id, uint32_t, const PhraseMatcher::Match&) { in_quoted[id] = true; });
    }
    // What the sender quotes from their own earlier mail (a follow-up in their thread, a
    // bump with the pitch below) is what they still ask: it counts as evidence - all of
    // it in their own thread, its selling language anywhere but the owner's thread.
    for (uint32_t id = 0; id < kSignalCount; ++id) {
      if (!in_quoted[id] || ev.hits[id] || id == kAskForm || id == kAskTopic) continue;
      const bool selling = id == kSalesStrong || id == kSales;
      if (sender_thread || (selling && !ev.own_thread)) hit(static_cast<SignalId>(id), Region::kQuoted);
    }
  }

  // Headers and structure.
  auto header = [&](const char* name) -> std::string {
    const mail::HeaderField* h = m.header(name);
    return h ? mail::decode_encoded_words(h->value) : std::string();
  };
  if (m.header("List-Id")) hit(kListId, Region::kHeader);
  if (m.header("List-Unsubscribe")) hit(kListUnsubscribe, Region::kHeader);
  {
    const std::string prec = mail::ascii_lower(header("Precedence"));
    if (prec.find("bulk") != std::string::npos || prec.find("list") != std::string::npos || prec.find("junk") != std::string::npos)
      hit(kBulkPrecedence, Region::kHeader);
    const std::string auto_sub = mail::ascii_lower(header("Auto-Submitted"));
    if (m.header("Auto-Submitted") && auto_sub.find("no") != 0) hit(kAutoSubmitted, Region::kHeader);
  }
  if (m.has_calendar) hit(kCalendarInvite, Region::kHeader);
  if (m.html.tracking_pixels > 0) hit(kTrackingPixel, Region::kHeader);
  {
    size_t urls = 0;
    for (size_t i = 0; i < tt.tokens.size(); ++i) urls += tt.word(i) == "<url>";
    const size_t links = std::max(m.html.links, urls);
    if (links >= 4 && links * 25 >= tt.tokens.size()) hit(kLinkDensity, Region::kBody);
  }
  for (const char* name : {"X-Mailer", "User-Agent", "X-Campaign-Mailer"}) {
    const std::string v = mail::ascii_lower(header(name));
    if (!v.empty() && contains_any(rules.signal(kSalesMailer).entries, v)) {
      hit(kSalesMailer, Region::kHeader);
      break;
    }
  }
  for (const mail::HeaderField& h : m.headers) {
    const std::string n = mail::ascii_lower(h.name);
    const auto& prefixes = rules.signal(kCampaignHeader).entries;
    if (std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) { return n.rfind(p, 0) == 0; })) {
      hit(kCampaignHeader, Region::kHeader);
      break;
    }
  }
  {
    std::vector<std::string> senders;  // From, then Sender and Reply-To where they differ
    if (!ev.from.empty()) senders.push_back(ev.from);
    for (const auto* list : {&m.sender, &m.reply_to})
      for (const Address& a : *list)
        if (std::find(senders.begin(), senders.end(), a.normalized()) == senders.end()) senders.push_back(a.normalized());
    bool noreply = false, sales = false;
    for (const std::string& a : senders) {
      const std::string local = a.substr(0, a.rfind('@'));
      noreply |= contains_any(rules.signal(kNoReplySender).entries, local);
      sales |= contains_any(rules.signal(kSalesSender).entries, local);
    }
    if (noreply) hit(kNoReplySender, Region::kHeader);
    if (sales) hit(kSalesSender, Region::kHeader);
  }
  ev.bulk = ev.hits[kListId] || ev.hits[kListUnsubscribe] || ev.hits[kBulkPrecedence] || ev.hits[kAutoSubmitted] ||
            ev.hits[kNoReplySender];

  // --- Features. Signals: how many of their hits count, as a share of max_hits.
  const auto& signals = rules.signals();
  for (uint32_t id = 0; id < kSignalCount; ++id) {
    const Signal& s = signals[id];
    if (ev.hits[id]) {
      const uint32_t n = std::min<uint32_t>(ev.hits[id], std::max<uint32_t>(s.max_hits, 1));
      f.add("sig:" + s.name, static_cast<float>(n) / static_cast<float>(std::max<uint32_t>(s.max_hits, 1)));
    }
    if (in_subject[id]) f.add("sig:" + s.name + region_suffix(Region::kSubject));
    if (in_quoted[id] && ev.hits[id] == 0) f.add("sig:" + s.name + region_suffix(Region::kQuoted));
  }
  if (big_ask_asked) f.add("ask:big_asked");

  // How the sender stands to the owner, alone and with what they ask.
  const char* rel = ev.trusted ? "trusted" : ev.known ? "known" : ev.own_thread ? "own_thread" : ev.reply_elsewhere ? "reply_elsewhere" : "stranger";
  f.add(std::string("rel:") + rel);
  if (ev.trusted && ev.known) f.add("rel:known");
  if (ev.own_thread && ev.trusted) f.add("rel:own_thread");
  for (SignalId id : {kAsk, kAskSentence, kBigAsk, kInvitation, kSubjectTopic, kSalesStrong, kSales})
    if (ev.hits[id]) f.add(std::string("x:") + rel + "&" + signals[id].name);
  if (sender_thread) f.add("rel:sender_thread");
  if (!from_domain.empty()) {
    if (is_public_domain(rules, from_domain)) f.add("rel:public_domain");
    if (std::any_of(owner_domains.begin(), owner_domains.end(), [&](const std::string& d) { return domain_covers(from_domain, d); }))
      f.add("rel:owner_domain");
  }
  {
    bool reply_to_differs = false;
    for (const Address& a : m.reply_to) reply_to_differs |= a.normalized() != ev.from;
    if (reply_to_differs) f.add("rel:reply_to_differs");
    auto lists_owner = [&](const std::vector<Address>& list) {
      return std::any_of(list.begin(), list.end(), [&](const Address& a) {
        return std::find(ids.begin(), ids.end(), a.normalized()) != ids.end();
      });
    };
    const bool to_owner = lists_owner(m.to), cc_owner = lists_owner(m.cc);
    f.add(to_owner ? "to:owner" : cc_owner ? "to:cc_owner" : "to:not_owner");
    const size_t recipients = m.to.size() + m.cc.size();
    if (recipients >= 4) f.add("to:many");
  }

  // The shape of the message.
  if (m.body_from_html) f.add("fact:html_body");
  if (!m.attachments.empty()) f.add("fact:attachment");
  if (!m.forwarded.empty()) f.add("fact:forwarded");
  if (!m.quoted.empty()) f.add("fact:quoted");
  if (m.subject.empty()) f.add("fact:no_subject");
  {
    const std::string subj = mail::ascii_lower(std::string_view(m.subject).substr(0, 8));
    if (subj.rfind("re:", 0) == 0 || subj.rfind("aw:", 0) == 0 || subj.rfind("sv:", 0) == 0) f.add("fact:subject_re");
    if (subj.rfind("fw", 0) == 0 || subj.rfind("wg:", 0) == 0 || subj.rfind("tr:", 0) == 0) f.add("fact:subject_fwd");
    if (subj.rfind("re:", 0) == 0 && m.in_reply_to.empty() && m.references.empty()) f.add("fact:re_without_thread");
  }
  f.add(questions == 0 ? "fact:questions_0" : questions == 1 ? "fact:questions_1" : "fact:questions_2+");
  {
    const size_t words = tt.tokens.size();
    f.add(words < 40 ? "len:short" : words < 150 ? "len:medium" : words < 400 ? "len:long" : "len:very_long");
  }

  // Words and word pairs of the subject and the new text, folded across languages. The
  // owner's own name is "<owner>": whose mailbox it is is not evidence.
  {
    static const uint64_t kW = mail::fnv1a("w:");
    static const uint64_t kS = mail::fnv1a("s:");
    static const uint64_t kP = mail::fnv1a("p:");
    auto word = [&](size_t i) -> std::string_view {
      const std::string_view w = tt.word(i);
      for (const std::string& n : owner.name_words)
        if (n == w) return "<owner>";
      return w;
    };
    const size_t n = std::min(tt.tokens.size(), kMaxNgramTokens);
    std::string_view next = n > 0 ? word(0) : std::string_view();
    for (size_t i = 0; i < n; ++i) {
      const std::string_view w = next;
      next = i + 1 < n ? word(i + 1) : std::string_view();
      const bool subject = has_subject && tt.tokens[i].sentence == 0;
      if (subject) f.ngram(kS, "s:", w);
      f.ngram(kW, "w:", w);
      // The stem of a long word: "recommend", "recommendation" and "recomendacion" meet.
      if (w.size() >= kStemFrom && w[0] != '<' && static_cast<unsigned char>(w[0]) < 0x80) f.ngram(kP, "p:", w.substr(0, kStem));
      if (i + 1 < n && tt.tokens[i + 1].sentence == tt.tokens[i].sentence) f.ngram(kW, "w:", w, next);
    }
  }

  ev.features = f.finish();
  if (options.spans) ev.text = std::move(text);
  return ev;
}

}  // namespace politeno::classifier
