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

namespace politeno::classifier {

struct Token {
  uint32_t begin = 0;   // byte offsets into the source text
  uint32_t end = 0;
  uint32_t sentence = 0;
  uint32_t word = 0;    // offset of the folded word in TokenizedText::folded
  uint32_t length = 0;  // its length
};

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

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, std::vector<uint32_t>, Hash, std::equal_to<>> by_first_word_;
  std::unordered_map<uint16_t, std::vector<uint32_t>> by_prefix2_;  // first element is a prefix: its 2 bytes
};

}  // namespace politeno::classifier
