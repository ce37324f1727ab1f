#include "classifier/text_index.h"

#include "mail/ascii.h"
#include "mail/fnv1a.h"
#include "mail/utf8.h"

namespace politeno::classifier {
namespace {

using politeno::mail::append_utf8;
using politeno::mail::next_code_point;

// U+00C0..U+00FF folded to ASCII; "" marks a separator (x and ÷).
const char* const kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};
// U+0100..U+017F folded to one ASCII letter each (Œ/œ are special-cased).
constexpr std::string_view kLatinExtA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnooooooooo"
    "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

// Lines shorter than this (in bytes) end the sentence they are in.
constexpr size_t kShortLine = 50;

enum class Kind { kWord, kSeparator, kApostrophe, kSentenceEnd, kQuestion, kCurrency, kPercent };

bool is_ascii_alnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Scripts written without spaces between words: each character is a token of its own,
// so that phrases match as character sequences and word pairs become bigrams.
bool is_unspaced_script(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) ||  // Hiragana, Katakana
         (c >= 0x3400 && c <= 0x4DBF) ||  // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
         (c >= 0xAC00 && c <= 0xD7AF) ||  // Hangul syllables
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility ideographs
         (c >= 0xFF66 && c <= 0xFF9F);    // half-width Katakana
}

Kind classify(char32_t c) {
  if (c < 0x80) {
    if (is_ascii_alnum(c)) return Kind::kWord;
    switch (c) {
      case '\'': return Kind::kApostrophe;
      case '.': case '!': case ';': return Kind::kSentenceEnd;
      case '?': return Kind::kQuestion;
      case '$': return Kind::kCurrency;
      case '%': return Kind::kPercent;
      default: return Kind::kSeparator;
    }
  }
  if (c == 0x2019 || c == 0x2018 || c == 0x02BC) return Kind::kApostrophe;
  if (c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0x20B9) return Kind::kCurrency;  // € £ ¥ ₹
  if (c == 0xBF) return Kind::kQuestion;  // ¿ opens a question
  if (c == 0x3002 || c == 0xFF01 || c == 0x2026) return Kind::kSentenceEnd;  // 。！…
  if (c == 0xFF1F) return Kind::kQuestion;
  if (c == 0xAA || c == 0xBA || c == 0xB5) return Kind::kWord;
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return Kind::kSeparator;
  if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE00 && c <= 0xFE0F) ||
      (c >= 0xFF00 && c <= 0xFF0F) || c >= 0x1F000 || c == 0xFEFF || (c >= 0xE000 && c <= 0xF8FF) || c == 0xFFFD)
    return Kind::kSeparator;
  return Kind::kWord;
}

void append_folded(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  } else if (c >= 0xC0 && c <= 0xFF) {
    out += kLatin1[c - 0xC0];
  } else if (c == 0x152 || c == 0x153) {
    out += "oe";
  } else if (c >= 0x100 && c <= 0x17F) {
    out.push_back(kLatinExtA[c - 0x100]);
  } else if (c >= 0x391 && c <= 0x3A9) {
    append_utf8(out, c + 0x20);  // Greek capitals
  } else if (c >= 0x410 && c <= 0x42F) {
    append_utf8(out, c + 0x20);  // Cyrillic capitals
  } else {
    append_utf8(out, c);
  }
}

bool starts_with_ci(std::string_view s, size_t i, std::string_view p) {
  if (s.size() - i < p.size()) return false;
  for (size_t k = 0; k < p.size(); ++k) {
    if (mail::ascii_lower(s[i + k]) != p[k]) return false;
  }
  return true;
}

bool is_url_char(char c) {
  return !(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>' || c == '"' || c == ')' ||
           c == ']' || static_cast<unsigned char>(c) >= 0x80);
}

bool is_email_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         c == '_' || c == '+';
}

uint16_t prefix_key(std::string_view w) {
  return static_cast<uint16_t>((static_cast<unsigned char>(w[0]) << 8) | static_cast<unsigned char>(w[1]));
}

bool is_class_token(std::string_view w) {
  return w == "<num>" || w == "<money>" || w == "<percent>" || w == "<url>" || w == "<email>";
}

}  // namespace

uint64_t word_hash(std::string_view folded) { return mail::fnv1a(folded); }

TokenizedText tokenize(std::string_view s) {
  TokenizedText t;
  t.source = s;
  t.tokens.reserve(s.size() / 5);
  uint32_t sentence = 0;
  uint32_t sentence_first = 0;
  uint32_t sentence_begin = 0;
  bool question = false;
  bool pending_currency = false;

  auto end_sentence = [&](uint32_t at) {
    if (t.tokens.size() > sentence_first) {
      t.sentences.push_back({sentence_first, static_cast<uint32_t>(t.tokens.size()), sentence_begin, at, question});
      ++sentence;
    }
    sentence_first = static_cast<uint32_t>(t.tokens.size());
    sentence_begin = at;
    question = false;
  };
  t.folded.reserve(s.size());
  // Appends a token whose folded word is folded[word_at, end).
  auto push_folded = [&](size_t word_at, size_t b, size_t e) {
    if (t.tokens.size() == sentence_first) sentence_begin = static_cast<uint32_t>(b);
    t.tokens.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), sentence, static_cast<uint32_t>(word_at),
                        static_cast<uint32_t>(t.folded.size() - word_at), 0});
  };
  auto push = [&](std::string_view text, size_t b, size_t e) {
    const size_t at = t.folded.size();
    t.folded += text;
    push_folded(at, b, e);
  };
  auto last_word = [&]() { return t.word(t.tokens.size() - 1); };

  size_t i = 0;
  int newlines = 0;
  size_t line_start = 0;
  while (i < s.size()) {
    const char ch = s[i];
    if (ch == '\n') {
      // A blank line ends a sentence, and so does a short line: a heading, a greeting or
      // a list item, never the middle of a hard-wrapped paragraph.
      if (++newlines >= 2 || i - line_start < kShortLine) end_sentence(static_cast<uint32_t>(i));
      ++i;
      line_start = i;
      continue;
    }
    if (ch == ' ' || ch == '\t' || ch == '\r') {
      ++i;
      continue;
    }
    newlines = 0;

    // URLs and bare web addresses.
    const char lc = static_cast<char>(ch | 0x20);
    if ((lc == 'h' || lc == 'w') &&
        (starts_with_ci(s, i, "http://") || starts_with_ci(s, i, "https://") || starts_with_ci(s, i, "www."))) {
      const size_t b = i;
      while (i < s.size() && is_url_char(s[i])) ++i;
      push("<url>", b, i);
      pending_currency = false;
      continue;
    }

    size_t next = i;
    const char32_t c = next_code_point(s, next);
    const Kind k = classify(c);
    if (k != Kind::kWord) {
      if (k == Kind::kSentenceEnd || k == Kind::kQuestion) {
        // Only a real end: followed by space, line end, quote or the end of text.
        const bool at_end = next >= s.size() || s[next] == ' ' || s[next] == '\n' || s[next] == '\r' ||
                            s[next] == '\t' || s[next] == '"' || s[next] == ')' || static_cast<unsigned char>(s[next]) >= 0x80;
        if (k == Kind::kQuestion && c == 0xBF) {
          end_sentence(static_cast<uint32_t>(i));
          question = true;
        } else if (at_end) {
          if (k == Kind::kQuestion) question = true;
          end_sentence(static_cast<uint32_t>(next));
        }
      } else if (k == Kind::kCurrency) {
        pending_currency = true;
      } else if (k == Kind::kPercent && !t.tokens.empty() && last_word() == "<num>" && t.tokens.back().end + 2 >= i) {
        // "50%" or "50 %": the number becomes a percentage.
        Token last = t.tokens.back();
        t.tokens.pop_back();
        t.folded.resize(last.word);
        push("<percent>", last.begin, next);
      }
      i = next;
      continue;
    }

    if (is_unspaced_script(c)) {
      const size_t at = t.folded.size();
      append_folded(t.folded, c);
      push_folded(at, i, next);
      i = next;
      pending_currency = false;
      continue;
    }

    // A word: letters and digits, apostrophes inside it dropped, folded into t.folded.
    const size_t b = i;
    const size_t word_at = t.folded.size();
    std::string& word = t.folded;
    const bool starts_digit = c >= '0' && c <= '9';
    bool email = false;
    size_t j = i;
    while (j < s.size()) {
      if (is_ascii_alnum(static_cast<unsigned char>(s[j]))) {  // the common case: a run of ASCII
        size_t run = j + 1;
        while (run < s.size() && is_ascii_alnum(static_cast<unsigned char>(s[run]))) ++run;
        const size_t at = word.size();
        word.append(s.data() + j, run - j);
        for (size_t w = at; w < word.size(); ++w)
          if (word[w] >= 'A' && word[w] <= 'Z') word[w] = static_cast<char>(word[w] + 32);
        j = run;
        continue;
      }
      size_t n = j;
      const char32_t d = next_code_point(s, n);
      const Kind dk = classify(d);
      if (dk == Kind::kWord && !is_unspaced_script(d)) {
        append_folded(word, d);
        j = n;
        continue;
      }
      if (dk == Kind::kApostrophe && n < s.size()) {
        size_t m = n;
        if (classify(next_code_point(s, m)) == Kind::kWord && !starts_digit) {
          j = n;
          continue;
        }
      }
      // Digits keep their separators: 1,950 / 2.5 / 10.000
      if (starts_digit && (d == ',' || d == '.') && n < s.size() && s[n] >= '0' && s[n] <= '9') {
        j = n;
        continue;
      }
      // An address: word@domain
      if (d == '@' && n < s.size() && is_email_char(s[n]) && !starts_digit) {
        j = n;
        while (j < s.size() && is_email_char(s[j])) ++j;
        while (j > n && s[j - 1] == '.') --j;
        email = true;
      }
      break;
    }
    i = j;
    if (email || starts_digit) {
      word.resize(word_at);
      word += email ? "<email>" : (pending_currency ? "<money>" : "<num>");
    }
    push_folded(word_at, b, i);
    const std::string_view w = last_word();
    pending_currency = w == "usd" || w == "eur" || w == "gbp";  // "USD 2,950"
  }
  end_sentence(static_cast<uint32_t>(s.size()));
  for (size_t k = 0; k < t.tokens.size(); ++k) t.tokens[k].hash = word_hash(t.word(k));
  return t;
}

bool PhraseMatcher::add(std::string_view phrase, uint32_t tag, std::string* error) {
  Phrase p;
  p.tag = tag;
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && phrase[i] == ' ') ++i;
    size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ') ++j;
    std::string_view w = phrase.substr(i, j - i);
    i = j;
    if (w.empty()) continue;
    if (w == "*") {
      p.elements.push_back({Element::kGap, ""});
      continue;
    }
    if (is_class_token(w)) {
      p.elements.push_back({Element::kWord, std::string(w)});
      continue;
    }
    const bool prefix = w.size() > 1 && w.back() == '*';
    if (prefix) w.remove_suffix(1);
    // The word may fold into several tokens ("15-min", "intro-ing").
    const TokenizedText tt = tokenize(w);
    for (size_t k = 0; k < tt.tokens.size(); ++k) {
      const bool last = k + 1 == tt.tokens.size();
      p.elements.push_back({prefix && last ? Element::kPrefix : Element::kWord, std::string(tt.word(k))});
    }
  }
  // Gaps at either end match nothing useful.
  while (!p.elements.empty() && p.elements.back().kind == Element::kGap) p.elements.pop_back();
  while (!p.elements.empty() && p.elements.front().kind == Element::kGap) p.elements.erase(p.elements.begin());
  bool has_word = false;
  for (const Element& e : p.elements) has_word |= e.kind != Element::kGap;
  if (!has_word) {
    *error = "the phrase \"" + std::string(phrase) + "\" has no word to match";
    return false;
  }
  const auto id = static_cast<uint32_t>(phrases_.size());
  const Element& first = p.elements.front();
  if (first.kind == Element::kPrefix && first.text.size() >= 2) {
    by_prefix2_[prefix_key(first.text)].push_back(id);
  } else if (p.elements.size() >= 2 && p.elements[1].kind == Element::kWord) {
    index(pair_hash(word_hash(first.text), word_hash(p.elements[1].text)), id);
  } else {
    index(word_hash(first.text), id);  // a one-letter prefix matches as a word
  }
  phrases_.push_back(std::move(p));
  return true;
}

void PhraseMatcher::index(uint64_t key, uint32_t phrase) {
  uint32_t list = by_start_.find(key);
  if (list == IdIndex::kAbsent) {
    list = static_cast<uint32_t>(lists_.size());
    lists_.emplace_back();
    by_start_.insert(key, list);
  }
  lists_[list].push_back(phrase);
}

const std::vector<uint32_t>* PhraseMatcher::candidates(uint64_t key) const {
  const uint32_t list = by_start_.find(key);
  return list == IdIndex::kAbsent ? nullptr : &lists_[list];
}

bool PhraseMatcher::matches_at(const Phrase& p, size_t element, const TokenizedText& text, uint32_t token,
                               uint32_t sentence, uint32_t* last) const {
  if (element == p.elements.size()) return true;
  const Element& e = p.elements[element];
  if (e.kind == Element::kGap) {
    for (uint32_t skip = 0; skip <= 3; ++skip) {
      const uint32_t at = token + skip;
      if (at > text.tokens.size()) break;
      if (skip > 0 && text.tokens[at - 1].sentence != sentence) break;
      if (matches_at(p, element + 1, text, at, sentence, last)) return true;
    }
    return false;
  }
  if (token >= text.tokens.size()) return false;
  if (text.tokens[token].sentence != sentence) return false;
  const std::string_view w = text.word(token);
  const bool ok = e.kind == Element::kWord ? w == e.text : w.substr(0, e.text.size()) == e.text;
  if (!ok) return false;
  *last = token;
  return matches_at(p, element + 1, text, token + 1, sentence, last);
}

std::vector<PhraseMatcher::Match> PhraseMatcher::find_all(const TokenizedText& text) const {
  return find_all(text, 0, static_cast<uint32_t>(text.tokens.size()));
}

std::vector<PhraseMatcher::Match> PhraseMatcher::find_all(const TokenizedText& text, uint32_t first, uint32_t end) const {
  std::vector<Match> out;
  auto try_phrase = [&](uint32_t id, uint32_t token) {
    const Phrase& p = phrases_[id];
    uint32_t last = token;
    if (matches_at(p, 0, text, token, text.tokens[token].sentence, &last)) out.push_back({p.tag, token, last});
  };
  end = std::min<uint32_t>(end, static_cast<uint32_t>(text.tokens.size()));
  for (uint32_t i = first; i < end; ++i) {
    const std::string_view w = text.word(i);
    const uint64_t h = text.tokens[i].hash;
    // Phrases are tried in the order they were added, as if indexed by one word alone:
    // overlapping matches of one signal resolve the same way whatever the index.
    const std::vector<uint32_t>* one = candidates(h);
    const std::vector<uint32_t>* two = nullptr;
    if (i + 1 < text.tokens.size() && text.tokens[i + 1].sentence == text.tokens[i].sentence)
      two = candidates(pair_hash(h, text.tokens[i + 1].hash));
    size_t a = 0, b = 0;
    const size_t na = one ? one->size() : 0, nb = two ? two->size() : 0;
    while (a < na || b < nb) {
      if (b >= nb || (a < na && (*one)[a] < (*two)[b])) {
        try_phrase((*one)[a++], i);
      } else {
        try_phrase((*two)[b++], i);
      }
    }
    if (w.size() >= 2 && !by_prefix2_.empty()) {
      if (auto it = by_prefix2_.find(prefix_key(w)); it != by_prefix2_.end())
        for (uint32_t id : it->second) try_phrase(id, i);
    }
  }
  return out;
}

}  // namespace politeno::classifier
