#include "classifier/features.h"

#include <algorithm>
#include <numeric>

#include "classifier/id_index.h"
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
constexpr size_t kMaxQuotedText = 4 * 1024;
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
  Builder(bool names, const IdIndex* keep) : names_(names), keep_(keep) { items_.reserve(keep ? 128 : 512); }

  void add(std::string_view name, float value = 1.0f) { push(mail::fnv1a(name), value, name); }
  // A feature whose id is known (its name is read only when names are wanted).
  void add(uint64_t id, std::string_view name, float value = 1.0f) { push(id, value, name); }

  // "w:" + a, or "w:" + a + " " + b, from the words' hashes (feature_id's rule): no
  // string is made unless names are wanted.
  void ngram(uint64_t kind_hash, std::string_view prefix, std::string_view a, uint64_t ha, std::string_view b = {},
             uint64_t hb = 0) {
    uint64_t h = pair_hash(kind_hash, ha);
    if (!b.empty()) h = pair_hash(h, hb);
    if (!names_) {
      if (!keep_ || keep_->find(h) != IdIndex::kAbsent) items_.push_back({h, 1.0f});
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

  // Sorted by id; a feature seen twice counts once, at its highest value.
  FeatureVector finish() {
    FeatureVector out;
    if (!names_) {
      std::sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
      out.ids.reserve(items_.size());
      out.values.reserve(items_.size());
      for (const Item& it : items_) {
        if (!out.ids.empty() && out.ids.back() == it.id) {
          out.values.back() = std::max(out.values.back(), it.value);
          continue;
        }
        out.ids.push_back(it.id);
        out.values.push_back(it.value);
      }
      return out;
    }
    std::vector<uint32_t> order(items_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return items_[a].id < items_[b].id; });
    for (uint32_t i : order) {
      if (!out.ids.empty() && out.ids.back() == items_[i].id) {
        out.values.back() = std::max(out.values.back(), items_[i].value);
        continue;
      }
      out.ids.push_back(items_[i].id);
      out.values.push_back(items_[i].value);
      out.names.push_back(std::move(names_list_[i]));
    }
    return out;
  }

 private:
  struct Item {
    uint64_t id;
    float value;
  };
  void push(uint64_t id, float value, std::string_view name) {
    if (keep_ && keep_->find(id) == IdIndex::kAbsent) return;
    items_.push_back({id, value});
    if (names_) names_list_.emplace_back(name);
  }

  bool names_;
  const IdIndex* keep_;
  std::vector<Item> items_;
  std::vector<std::string> names_list_;
};

// How the sender stands to the owner ("rel:..."), and with what they ask ("x:rel&signal"):
// names and ids made once.
constexpr std::array<SignalId, 7> kCrossed = {kAsk, kAskSentence, kBigAsk, kInvitation, kSubjectTopic, kSalesStrong, kSales};
constexpr std::array<const char*, 5> kRelations = {"trusted", "known", "own_thread", "reply_elsewhere", "stranger"};
struct Relations {
  std::array<std::string, 5> rel_names;
  std::array<uint64_t, 5> rel_ids{};
  std::array<std::array<std::string, kCrossed.size()>, 5> cross_names;
  std::array<std::array<uint64_t, kCrossed.size()>, 5> cross_ids{};
};
const Relations& relation_features(const Rules& rules) {
  // Signal names never change (overrides change entries, not names): one table for all.
  static const Relations table = [&] {
    Relations r;
    for (size_t i = 0; i < kRelations.size(); ++i) {
      r.rel_names[i] = std::string("rel:") + kRelations[i];
      r.rel_ids[i] = feature_id(r.rel_names[i]);
      for (size_t k = 0; k < kCrossed.size(); ++k) {
        r.cross_names[i][k] = std::string("x:") + kRelations[i] + "&" + rules.signal(kCrossed[k]).name;
        r.cross_ids[i][k] = feature_id(r.cross_names[i][k]);
      }
    }
    return r;
  }();
  return table;
}

// Phrase hits: one per distinct entry, overlapping matches of one signal counted once,
// over one or more stretches of tokenised text read as one.
class PhraseHits {
 public:
  PhraseHits() { last_end_.fill(-1); }

  template <typename OnHit>
  void add(const PhraseMatcher& matcher, const TokenizedText& tt, uint32_t first, uint32_t end, OnHit&& on_hit) {
    last_end_.fill(-1);  // overlap is within one stretch
    for (const PhraseMatcher::Match& mt : matcher.find_all(tt, first, end)) {
      const SignalId id = Rules::tag_signal(mt.tag);
      const uint32_t entry = Rules::tag_entry(mt.tag);
      auto& s = seen_[id];
      if (std::find(s.begin(), s.end(), entry) != s.end()) continue;
      if (static_cast<int64_t>(mt.first_token) <= last_end_[id]) continue;
      s.push_back(entry);
      last_end_[id] = mt.last_token;
      on_hit(id, entry, mt);
    }
  }
  template <typename OnHit>
  void add(const PhraseMatcher& matcher, const TokenizedText& tt, OnHit&& on_hit) {
    add(matcher, tt, 0, static_cast<uint32_t>(tt.tokens.size()), on_hit);
  }

 private:
  std::array<std::vector<uint32_t>, kSignalCount> seen_;
  std::array<int64_t, kSignalCount> last_end_;
};

}  // namespace

uint64_t feature_id(std::string_view name) {
  if (name.size() > 2 && name[1] == ':' && (name[0] == 'w' || name[0] == 's' || name[0] == 'p')) {
    uint64_t h = word_hash(name.substr(0, 2));
    std::string_view rest = name.substr(2);
    while (true) {
      const size_t sp = rest.find(' ');
      h = pair_hash(h, word_hash(rest.substr(0, sp)));
      if (sp == std::string_view::npos) return h;
      rest.remove_prefix(sp + 1);
    }
  }
  return mail::fnv1a(name);
}


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
  Builder f(options.names, options.keep);
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
  PhraseHits().add(rules.text_matcher(), tt, [&](SignalId id, uint32_t entry, const PhraseMatcher::Match& mt) {
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

  // Signature: the signature block, and the last lines of the new text (already
  // tokenised above: read from there).
  {
    PhraseHits sig;
    const TokenizedText st = tokenize(m.signature);
    sig.add(rules.signature_matcher(), st, [&](SignalId id, uint32_t entry, const PhraseMatcher::Match& mt) {
      hit(id, Region::kSignature, static_cast<int32_t>(entry), st.tokens[mt.first_token].begin, st.tokens[mt.last_token].end);
    });
    const size_t tail = body_offset + (body.size() > kSignatureTail ? body.size() - kSignatureTail : 0);
    uint32_t first = static_cast<uint32_t>(tt.tokens.size());
    while (first > 0 && tt.tokens[first - 1].begin >= tail) --first;
    sig.add(rules.signature_matcher(), tt, first, static_cast<uint32_t>(tt.tokens.size()),
            [&](SignalId id, uint32_t entry, const PhraseMatcher::Match& mt) {
              hit(id, Region::kBody, static_cast<int32_t>(entry), tt.tokens[mt.first_token].begin, tt.tokens[mt.last_token].end);
            });
    if (options.spans) ev.signature_text = m.signature;
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

  // Quoted and forwarded mail: what was asked before, by whom it may concern. In the
  // owner's own thread the quote is the owner's own words: not read.
  std::array<bool, kSignalCount> in_quoted{};
  {
    std::string quoted(ev.own_thread ? std::string_view() : mail::truncate_utf8(m.quoted, kMaxQuotedText));
    if (!body_blank)
      for (const mail::ForwardedMessage& fw : m.forwarded) quoted += "\n\n" + std::string(mail::truncate_utf8(fw.text, kMaxQuotedText));
    if (!quoted.empty()) {
      const TokenizedText qt = tokenize(quoted);
      PhraseHits().add(rules.text_matcher(), qt, [&](SignalId id, uint32_t, const PhraseMatcher::Match&) { in_quoted[id] = true; });
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
    if (!h) return {};
    // Most values hold no encoded word: only those are worth decoding.
    return h->value.find("=?") == std::string::npos ? mail::sanitize_utf8(h->value) : mail::decode_encoded_words(h->value);
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
      f.add(rules.feature(static_cast<SignalId>(id)).id, rules.feature(static_cast<SignalId>(id)).name,
            static_cast<float>(n) / static_cast<float>(std::max<uint32_t>(s.max_hits, 1)));
    }
    const Rules::SignalFeature& sf = rules.feature(static_cast<SignalId>(id));
    if (in_subject[id]) f.add(sf.subject_id, sf.subject);
    if (in_quoted[id] && ev.hits[id] == 0) f.add(sf.quoted_id, sf.quoted);
  }
  if (big_ask_asked) f.add("ask:big_asked");

  // How the sender stands to the owner, alone and with what they ask.
  const size_t rel = ev.trusted ? 0 : ev.known ? 1 : ev.own_thread ? 2 : ev.reply_elsewhere ? 3 : 4;
  const Relations& relations = relation_features(rules);
  f.add(relations.rel_ids[rel], relations.rel_names[rel]);
  if (ev.trusted && ev.known) f.add("rel:known");
  if (ev.own_thread && ev.trusted) f.add("rel:own_thread");
  for (size_t k = 0; k < kCrossed.size(); ++k)
    if (ev.hits[kCrossed[k]]) f.add(relations.cross_ids[rel][k], relations.cross_names[rel][k]);
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
    static const uint64_t kW = word_hash("w:"), kS = word_hash("s:"), kP = word_hash("p:");
    static const uint64_t kOwnerHash = word_hash("<owner>");
    auto word = [&](size_t i, uint64_t* h) -> std::string_view {
      const std::string_view w = tt.word(i);
      for (const std::string& n : owner.name_words)
        if (n == w) {
          *h = kOwnerHash;
          return "<owner>";
        }
      *h = tt.tokens[i].hash;
      return w;
    };
    const size_t n = std::min(tt.tokens.size(), kMaxNgramTokens);
    uint64_t hn = 0;
    std::string_view next = n > 0 ? word(0, &hn) : std::string_view();
    for (size_t i = 0; i < n; ++i) {
      const std::string_view w = next;
      const uint64_t hw = hn;
      next = i + 1 < n ? word(i + 1, &hn) : std::string_view();
      const bool subject = has_subject && tt.tokens[i].sentence == 0;
      if (subject) f.ngram(kS, "s:", w, hw);
      f.ngram(kW, "w:", w, hw);
      // The stem of a long word: "recommend", "recommendation" and "recomendacion" meet.
      if (w.size() >= kStemFrom && w[0] != '<' && static_cast<unsigned char>(w[0]) < 0x80)
        f.ngram(kP, "p:", w.substr(0, kStem), word_hash(w.substr(0, kStem)));
      if (i + 1 < n && tt.tokens[i + 1].sentence == tt.tokens[i].sentence) f.ngram(kW, "w:", w, hw, next, hn);
    }
  }

  ev.features = f.finish();
  if (options.spans) ev.text = std::move(text);
  return ev;
}

}  // namespace politeno::classifier
