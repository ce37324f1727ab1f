#include "mail/encoded_words.h"

#include "mail/charset.h"
#include "mail/transfer_decoding.h"

namespace politeno::mail {
namespace {

// A decoded word, or nothing when `s` at `pos` does not start a well-formed one.
struct Word {
  size_t end = 0;  // one past the closing "?="
  std::string text;
  bool ok = false;
};

Word parse_word(std::string_view s, size_t pos) {
  Word w;
  if (s.compare(pos, 2, "=?") != 0) return w;
  const size_t q1 = s.find('?', pos + 2);
  if (q1 == std::string_view::npos || q1 + 2 >= s.size() || s[q1 + 2] != '?') return w;
  const char enc = s[q1 + 1];
  if (enc != 'q' && enc != 'Q' && enc != 'b' && enc != 'B') return w;
  const size_t close = s.find("?=", q1 + 3);
  if (close == std::string_view::npos) return w;
  std::string_view charset = s.substr(pos + 2, q1 - pos - 2);
  if (const size_t star = charset.find('*'); star != std::string_view::npos) {
    charset = charset.substr(0, star);  // RFC 2231 language suffix
  }
  const std::string_view payload = s.substr(q1 + 3, close - q1 - 3);
  if (payload.find(' ') != std::string_view::npos) return w;
  const std::string bytes =
      (enc == 'b' || enc == 'B') ? decode_base64(payload) : decode_q_encoding(payload);
  w.text = to_utf8(bytes, charset).text;
  w.end = close + 2;
  w.ok = true;
  return w;
}

bool is_fws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string decode_encoded_words(std::string_view raw, bool* malformed) {
  std::string out;
  out.reserve(raw.size());
  bool bad = false;
  bool last_was_word = false;
  size_t i = 0;
  std::string pending_space;  // whitespace after an encoded word, dropped if another follows
  std::string plain;          // undecoded run, converted as a whole
  auto flush_plain = [&] {
    if (!plain.empty()) {
      out += to_utf8(plain, "").text;
      plain.clear();
    }
  };
  while (i < raw.size()) {
    if (raw[i] == '=' && i + 1 < raw.size() && raw[i + 1] == '?') {
      Word w = parse_word(raw, i);
      if (w.ok) {
        if (!last_was_word) plain += pending_space;
        pending_space.clear();
        flush_plain();
        out += w.text;
        last_was_word = true;
        i = w.end;
        continue;
      }
      bad = true;
    }
    if (is_fws(raw[i])) {
      // Unfold: CR/LF become nothing, runs of white space one space.
      if (raw[i] == ' ' || raw[i] == '\t') {
        if (last_was_word) {
          pending_space = " ";
        } else if (plain.empty() || plain.back() != ' ') {
          plain.push_back(' ');
        }
      }
      ++i;
      continue;
    }
    if (last_was_word) {
      plain += pending_space;
      pending_space.clear();
      last_was_word = false;
    }
    plain.push_back(raw[i]);
    ++i;
  }
  if (!last_was_word) plain += pending_space;
  flush_plain();
  // Trim.
  size_t b = 0, e = out.size();
  while (b < e && out[b] == ' ') ++b;
  while (e > b && out[e - 1] == ' ') --e;
  if (malformed) *malformed = bad;
  // Decoded words may carry control characters (a hostile "=0A"): make them spaces.
  std::string result;
  result.reserve(e - b);
  for (size_t k = b; k < e; ++k) {
    const char c = out[k];
    result.push_back((c == '\r' || c == '\n' || c == '\t') ? ' ' : c);
  }
  return result;
}

}  // namespace politeno::mail
