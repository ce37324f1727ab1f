// Tokenised text and a phrase matcher over it: the classifier's only view of words.
// Text is folded (lower case, Latin accents removed, apostrophes dropped) so that
// "I’d LOVE", "i'd love" and "id love" are the same tokens, and so are "Tendrías"
// and "tendrias". Numbers, money, percentages, URLs and addresses become the class
// tokens <num>, <money>, <percent>, <url> and <email>. Characters of scripts written
// without spaces (Chinese, Japanese, Korean syllables) are a token each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "classifier/id_index.h"

namespace politeno::classifier {

struct Token {
  uint32_t begin = 0;   // byte offsets into the source text
  uint32_t end = 0;
  uint32_t sentence = 0;
  uint32_t word = 0;    // offset of the folded word in TokenizedText::folded
  uint32_t length = 0;  // its length
  uint64_t hash = 0;    // word_hash() of the folded word
};

// The hash a token's folded word is indexed by (FNV-1a), and of two words in a row.
uint64_t word_hash(std::string_view folded);
inline uint64_t pair_hash(uint64_t first, uint64_t second) { return (first * 0x9E3779B97F4A7C15ull) ^ second; }

struct Sentence {
  uint32_t first_token = 0;  // [first_token, end_token)
  uint32_t end_token = 0;
  uint32_t begin = 0;        // byte range in the source
  uint32_t end = 0;
  bool question = false;     // ends with '?' (or opens with '¿')
};

struct TokenizedText {
  std::string_view source;
  std::string folded;  // every token's folded word, back to back
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;

  // The folded word of token `i`.
  std::string_view word(size_t i) const { return std::string_view(folded).substr(tokens[i].word, tokens[i].length); }
};

// Sentences end at '.', '!', '?', ';' followed by a space or line end, at blank lines,
// after lines shorter than 50 bytes (headings, greetings), and at `source`'s end. `source` must outlive the result.
TokenizedText tokenize(std::string_view source);

// A compiled set of phrases. Phrase syntax: words separated by spaces; "*" alone
// matches 0 to 3 words; a word ending in "*" matches any word with that prefix;
// <num>, <money>, <percent>, <url>, <email> match those classes. A phrase never matches
// across a sentence boundary.
class PhraseMatcher {
 public:
  struct Match {
    uint32_t tag = 0;          // what the caller registered the phrase under
    uint32_t first_token = 0;
    uint32_t last_token = 0;   // inclusive
  };

  // Registers `phrase` under `tag`. Returns false and sets *error when it has no word.
  bool add(std::string_view phrase, uint32_t tag, std::string* error);

  // Every match of every phrase in `text`, ordered by first token.
  std::vector<Match> find_all(const TokenizedText& text) const;
  // Only the matches that start at tokens [first, end).
  std::vector<Match> find_all(const TokenizedText& text, uint32_t first, uint32_t end) const;

  size_t size() const { return phrases_.size(); }

 private:
  struct Element {
    enum Kind : uint8_t { kWord, kPrefix, kGap } kind = kWord;
    std::string text;
  };
  struct Phrase {
    std::vector<Element> elements;
    uint32_t tag = 0;
  };
  bool matches_at(const Phrase& p, size_t element, const TokenizedText& text, uint32_t token,
                  uint32_t sentence, uint32_t* last) const;

  // Candidate phrases by the hash of what they start with: two plain words (most
  // phrases: far fewer tries than by their first word alone, which is often "your" or
  // "i"), or one word (the rest). A phrase starting with a prefix is found by its first
  // two bytes. Words are compared for real on a try.
  void index(uint64_t key, uint32_t phrase);
  const std::vector<uint32_t>* candidates(uint64_t key) const;
  std::vector<Phrase> phrases_;
  IdIndex by_start_;                          // start hash -> index into lists_
  std::vector<std::vector<uint32_t>> lists_;  // phrase ids
  std::unordered_map<uint16_t, std::vector<uint32_t>> by_prefix2_;
};

}  // namespace politeno::classifier
