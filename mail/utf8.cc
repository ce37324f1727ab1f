#include "mail/utf8.h"

namespace politeno::mail {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Length and validity of the sequence at s[i]; 0 when ill-formed.
size_t sequence_length(std::string_view s, size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t n;
  char32_t c;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2, c = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3, c = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4, c = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return n;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    const size_t n = sequence_length(s, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

char32_t next_code_point(std::string_view s, size_t& i) {
  char32_t cp;
  const size_t n = sequence_length(s, i, &cp);
  if (n == 0) {
    ++i;
    return kReplacement;
  }
  i += n;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string sanitize_utf8(std::string_view s) {
  // Copies runs of acceptable bytes whole: printable ASCII, tab and line ends, and
  // well-formed multi-byte sequences; drops other control bytes; replaces ill-formed
  // sequences with U+FFFD.
  std::string out;
  size_t run = 0;  // start of the run not yet copied
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x7F) {
      ++i;
      continue;
    }
    if (b == '\t' || b == '\n' || b == '\r') {
      ++i;
      continue;
    }
    char32_t cp;
    const size_t n = b >= 0x80 ? sequence_length(s, i, &cp) : 0;
    if (n > 0) {
      i += n;
      continue;
    }
    if (out.empty()) out.reserve(s.size());
    out.append(s.substr(run, i - run));
    if (b >= 0x80) append_utf8(out, kReplacement);  // ill-formed; control bytes are dropped
    run = ++i;
  }
  if (run == 0) return std::string(s);
  out.append(s.substr(run));
  return out;
}

std::string_view truncate_utf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

}  // namespace politeno::mail
