#include "mail/transfer_decoding.h"

#include <array>

namespace politeno::mail {
namespace {

constexpr std::array<signed char, 256> make_base64_table() {
  std::array<signed char, 256> t{};
  for (auto& v : t) v = -1;
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
  // base64url, which some broken mailers emit.
  t[static_cast<unsigned char>('-')] = 62;
  t[static_cast<unsigned char>('_')] = 63;
  return t;
}
constexpr auto kBase64 = make_base64_table();

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string decode_base64(std::string_view in, bool* malformed) {
  std::string out;
  out.reserve(in.size() / 4 * 3 + 3);
  unsigned acc = 0;
  int bits = 0;
  bool bad = false;
  bool seen_pad = false;
  for (char c : in) {
    if (c == '=') {
      seen_pad = true;
      continue;
    }
    const int v = kBase64[static_cast<unsigned char>(c)];
    if (v < 0) {
      if (!is_space(c)) bad = true;
      continue;
    }
    if (seen_pad) bad = true;  // data after padding: keep decoding, as mailers do
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (bits >= 6) bad = true;  // a lone trailing sextet carries no whole byte
  if (malformed) *malformed = bad;
  return out;
}

std::string decode_quoted_printable(std::string_view in, bool* malformed) {
  std::string out;
  out.reserve(in.size());
  bool bad = false;
  size_t i = 0;
  while (i < in.size()) {
    if (in[i] != '=') {
      const size_t eq = in.find('=', i);
      const size_t end = eq == std::string_view::npos ? in.size() : eq;
      out.append(in.substr(i, end - i));
      i = end;
      continue;
    }
    // Soft line break: '=' followed by optional whitespace and a line end.
    size_t j = i + 1;
    while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
    if (j < in.size() && (in[j] == '\r' || in[j] == '\n')) {
      if (in[j] == '\r' && j + 1 < in.size() && in[j + 1] == '\n') ++j;
      i = j + 1;
      continue;
    }
    if (j == in.size()) {  // '=' at the very end: a soft break without a line end
      i = j;
      continue;
    }
    const int hi = i + 1 < in.size() ? hex_value(in[i + 1]) : -1;
    const int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
    if (hi >= 0 && lo >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 3;
      continue;
    }
    bad = true;
    out.push_back('=');
    ++i;
  }
  if (malformed) *malformed = bad;
  return out;
}

std::string decode_q_encoding(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '_') {
      out.push_back(' ');
    } else if (c == '=' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace politeno::mail
