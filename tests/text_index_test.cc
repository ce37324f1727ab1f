#include <catch2/catch.hpp>

#include "classifier/text_index.h"

using namespace politeno::classifier;

namespace {

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  const TokenizedText t = tokenize(s);
  for (size_t i = 0; i < t.tokens.size(); ++i) out.emplace_back(t.word(i));
  return out;
}

size_t matches(std::string_view phrase, std::string_view text) {
  PhraseMatcher m;
  std::string error;
  REQUIRE(m.add(phrase, 7, &error));
  return m.find_all(tokenize(text)).size();
}

}  // namespace

TEST_CASE("words are folded: case, accents and apostrophes", "[tokens]") {
  CHECK(words("I\xE2\x80\x99" "d LOVE a Caf\xC3\xA9") == std::vector<std::string>{"id", "love", "a", "cafe"});
  CHECK(words("Tendr\xC3\xAD" "as GESPR\xC3\x84" "CH Stra\xC3\x9F" "e") == std::vector<std::string>{"tendrias", "gesprach", "strasse"});
}

TEST_CASE("numbers, money, percentages, URLs and addresses become class tokens", "[tokens]") {
  CHECK(words("a 15-min call for $1,950 or 50% off, USD 2,950") ==
        std::vector<std::string>{"a", "<num>", "min", "call", "for", "<money>", "or", "<percent>", "off", "usd", "<money>"});
  CHECK(words("see https://x.io/a?b=c and mail j@x.io") == std::vector<std::string>{"see", "<url>", "and", "mail", "<email>"});
}

TEST_CASE("sentences end at full stops, questions and blank lines but not inside domains", "[tokens]") {
  const TokenizedText t = tokenize("Visit ledgerly.app today. Free for coffee?\n\nNext para");
  REQUIRE(t.sentences.size() == 3);
  CHECK_FALSE(t.sentences[0].question);
  CHECK(t.sentences[1].question);
  CHECK(t.word(t.sentences[2].first_token) == "next");
}

TEST_CASE("a Spanish opening question mark starts a question", "[tokens]") {
  const TokenizedText t = tokenize("Hola. \xC2\xBFTendr\xC3\xAD" "as tiempo?");
  REQUIRE(t.sentences.size() == 2);
  CHECK(t.sentences[1].question);
}

TEST_CASE("phrases match whole words, with gaps and prefixes", "[phrases]") {
  CHECK(matches("pick your brain", "I'd love to PICK your brain!") == 1);
  CHECK(matches("pick your brain", "toothpick your brainstorm") == 0);
  CHECK(matches("grab * coffee", "grab a quick coffee") == 1);
  CHECK(matches("grab * coffee", "grab one two three four coffee") == 0);
  CHECK(matches("referr*", "referring me") == 1);
  CHECK(matches("<num> min call", "a 30-min call") == 1);
}

TEST_CASE("phrases never match across sentences", "[phrases]") {
  CHECK(matches("coffee chat", "I love coffee. Chat later") == 0);
  CHECK(matches("love to * connect", "I would love to. Connect later") == 0);
}

TEST_CASE("a phrase with no word is refused", "[phrases]") {
  PhraseMatcher m;
  std::string error;
  CHECK_FALSE(m.add("* *", 1, &error));
  CHECK(error.find("no word") != std::string::npos);
  CHECK_FALSE(m.add("!!!", 1, &error));
}

TEST_CASE("tokenising hostile text terminates and stays in bounds", "[tokens][hostile]") {
  std::string s;
  for (int i = 0; i < 10000; ++i) s += "\xE2\x80\x99'$%?.\xFF@";
  const TokenizedText t = tokenize(s);
  for (const Token& tok : t.tokens) CHECK(tok.end <= s.size());
}
