// The 103 real-world malformed and exotic messages in shared/mime-fixtures: each must
// parse without a crash or an escaped exception, yield valid UTF-8, and (none being a
// networking request) be classified not_request.
#include <catch2/catch.hpp>

#include "classifier/classifier.h"
#include "mail/mime_parser.h"
#include "mail/utf8.h"
#include "test_support.h"

using namespace politeno;

TEST_CASE("every MIME fixture parses to valid UTF-8 and none is taken for a request", "[fixtures]") {
  if (!testing::shared_dir()) {
    WARN("skipped: no ../shared/mime-fixtures beside this checkout");
    return;
  }
  const auto files = testing::files_below(*testing::shared_dir() + "/mime-fixtures", ".eml");
  CHECK(files.size() == 103);
  config::Config cfg = config::parse_config("identity:\n  name: Jordan Lee\n  addresses: [jordan.lee@acme-robotics.com]\n", "t");
  const classifier::Classifier clf = classifier::make_classifier(cfg);
  classifier::Context ctx;
  int parsed = 0;
  for (const std::string& f : files) {
    INFO(f);
    const std::string raw = testing::read_file(f);
    mail::Message m;
    REQUIRE_NOTHROW(m = mail::parse_message(raw));
    CHECK(mail::is_valid_utf8(m.subject));
    CHECK(mail::is_valid_utf8(m.text));
    CHECK(mail::is_valid_utf8(m.new_text));
    for (const auto& a : m.from) CHECK(mail::is_valid_utf8(a.name));
    for (const auto& a : m.attachments) CHECK(mail::is_valid_utf8(a.filename));
    for (const auto& fw : m.forwarded) CHECK(mail::is_valid_utf8(fw.text));
    for (const auto& d : m.defects) CHECK(mail::is_valid_utf8(d));
    const classifier::Decision d = clf.classify(m, ctx);
    CHECK(d.verdict == classifier::Verdict::kNotRequest);
    ++parsed;
  }
  CHECK(parsed == static_cast<int>(files.size()));
}

TEST_CASE("multi-charset fixtures decode their Japanese and Korean text", "[fixtures][charset]") {
  if (!testing::shared_dir()) {
    WARN("skipped: no ../shared/mime-fixtures beside this checkout");
    return;
  }
  int non_ascii = 0;
  for (const std::string& f : testing::files_below(*testing::shared_dir() + "/mime-fixtures/multi_charset", ".eml")) {
    const mail::Message m = mail::parse_message(testing::read_file(f));
    for (char c : m.subject + m.text) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        ++non_ascii;
        break;
      }
    }
    CHECK(m.text.find("\xEF\xBF\xBD") == std::string::npos);  // no replacement characters
  }
  CHECK(non_ascii > 0);
}
