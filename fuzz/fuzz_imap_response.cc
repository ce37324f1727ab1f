// libFuzzer target: arbitrary server bytes through the IMAP response parser, fed whole
// and in pieces; both must agree and neither may crash.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "imap/response_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  politeno::imap::ParserLimits limits;
  limits.max_response = 1 << 20;
  politeno::imap::ResponseParser whole(limits), pieces(limits);
  std::vector<politeno::imap::Response> a, b;
  const auto ea = whole.feed(bytes, &a);
  std::error_code eb;
  for (size_t i = 0; i < size && !eb; i += 3) eb = pieces.feed(bytes.substr(i, 3), &b);
  // Fed in pieces, an error can only come at the same response or be absent-then-present
  // because of limits; the complete responses before any error must match.
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i)
    if (a[i].name != b[i].name || a[i].tag != b[i].tag || a[i].values.size() != b[i].values.size()) std::abort();
  if (!ea && !eb && a.size() != b.size()) std::abort();
  return 0;
}
