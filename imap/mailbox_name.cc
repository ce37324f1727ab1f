#include "imap/mailbox_name.h"

#include "mail/utf8.h"

namespace politeno::imap {
namespace {

const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == ',') return 63;
  return -1;
}

void flush_base64(std::u16string& units, std::string& out) {
  if (units.empty()) return;
  out.push_back('&');
  uint32_t acc = 0;
  int bits = 0;
  for (char16_t u : units) {
    acc = (acc << 16) | u;
    bits += 16;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3F]);
  out.push_back('-');
  units.clear();
}

}  // namespace

std::string encode_mailbox_name(std::string_view utf8) {
  std::string out;
  std::u16string pending;
  size_t i = 0;
  while (i < utf8.size()) {
    const char32_t cp = mail::next_code_point(utf8, i);
    if (cp >= 0x20 && cp <= 0x7E) {
      flush_base64(pending, out);
      if (cp == '&') {
        out += "&-";
      } else {
        out.push_back(static_cast<char>(cp));
      }
      continue;
    }
    if (cp >= 0x10000) {
      const char32_t v = cp - 0x10000;
      pending.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
      pending.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
    } else {
      pending.push_back(static_cast<char16_t>(cp));
    }
  }
  flush_base64(pending, out);
  return out;
}

std::optional<std::string> decode_mailbox_name(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c != '&') {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return std::nullopt;
      out.push_back(c);
      ++i;
      continue;
    }
    const size_t end = s.find('-', i + 1);
    if (end == std::string_view::npos) return std::nullopt;
    if (end == i + 1) {
      out.push_back('&');
      i = end + 1;
      continue;
    }
    uint32_t acc = 0;
    int bits = 0;
    std::u16string units;
    for (size_t k = i + 1; k < end; ++k) {
      const int v = value_of(s[k]);
      if (v < 0) return std::nullopt;
      acc = (acc << 6) | static_cast<uint32_t>(v);
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        units.push_back(static_cast<char16_t>((acc >> bits) & 0xFFFF));
      }
    }
    for (size_t k = 0; k < units.size(); ++k) {
      char32_t cp = units[k];
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (k + 1 >= units.size() || units[k + 1] < 0xDC00 || units[k + 1] > 0xDFFF) return std::nullopt;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (units[k + 1] - 0xDC00);
        ++k;
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return std::nullopt;
      }
      mail::append_utf8(out, cp);
    }
    i = end + 1;
  }
  return out;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace politeno::imap
