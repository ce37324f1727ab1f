// libFuzzer target: arbitrary bytes through MIME parsing and classification. Checks
// that nothing crashes or throws and that every text the parser yields is UTF-8.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "classifier/classifier.h"
#include "mail/mime_parser.h"
#include "mail/utf8.h"

namespace {

const politeno::classifier::Classifier& classifier() {
  static const politeno::classifier::Classifier c = [] {
    politeno::config::Config cfg = politeno::config::parse_config(
        "identity:\n  name: Jordan Lee\n  addresses: [jordan.lee@acme-robotics.com]\n"
        "senders:\n  trusted: [\"@acme-robotics.com\"]\n  reputation_concerns: [x.example]\n",
        "fuzz");
    return politeno::classifier::make_classifier(cfg);
  }();
  return c;
}

void require_utf8(std::string_view s) {
  if (!politeno::mail::is_valid_utf8(s)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const politeno::mail::Message m = politeno::mail::parse_message(raw);
  require_utf8(m.subject);
  require_utf8(m.text);
  require_utf8(m.new_text);
  for (const auto& a : m.from) require_utf8(a.name);
  for (const auto& d : m.defects) require_utf8(d);
  politeno::classifier::Context ctx;
  const politeno::classifier::Decision d = classifier().classify(m, ctx);
  for (const auto& r : d.reasons) require_utf8(r.evidence);
  return 0;
}
