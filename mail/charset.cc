#include "mail/charset.h"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <memory>

#include "mail/utf8.h"

namespace politeno::mail {
namespace {

std::string lower_trimmed(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\'' || c == ' ' || c == '\t') continue;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return out;
}

// windows-1252's 0x80-0x9F block; the rest of the byte range maps to itself (Latin-1).
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

std::string from_cp1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out.push_back(ch);
    } else if (b < 0xA0) {
      append_utf8(out, kCp1252High[b - 0x80]);
    } else {
      append_utf8(out, b);
    }
  }
  return out;
}

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Maps labels that mail uses but glibc's iconv spells differently.
std::string iconv_name(const std::string& label) {
  if (label == "ks_c_5601-1987" || label == "ks_c_5601" || label == "ksc5601") return "CP949";
  if (label == "unicode-1-1-utf-7" || label == "utf7") return "UTF-7";
  if (label == "x-sjis" || label == "shift-jis" || label == "sjis") return "SHIFT_JIS";
  if (label == "gb2312" || label == "x-gbk") return "GB18030";  // a superset, as mailers mean
  if (label == "iso-2022-jp") return "ISO-2022-JP-2";
  return label;
}

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

// Converts with iconv, replacing each unconvertible byte with U+FFFD.
bool convert_with_iconv(std::string_view bytes, const std::string& from, CharsetResult* result) {
  iconv_t raw = iconv_open("UTF-8", from.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1)) return false;
  std::unique_ptr<void, IconvCloser> cd(raw);
  std::string out;
  out.reserve(bytes.size() * 2 + 16);
  char buffer[4096];
  auto* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  for (;;) {
    char* o = buffer;
    size_t o_left = sizeof buffer;
    const size_t rc = iconv(raw, in_left ? &in : nullptr, &in_left, &o, &o_left);
    out.append(buffer, static_cast<size_t>(o - buffer));
    if (rc != static_cast<size_t>(-1)) {
      if (in_left == 0) break;
      continue;
    }
    if (errno == E2BIG) continue;
    // EILSEQ or EINVAL: skip one byte and carry on from a reset state.
    result->had_errors = true;
    append_utf8(out, 0xFFFD);
    if (in_left == 0) break;
    ++in;
    --in_left;
    iconv(raw, nullptr, nullptr, nullptr, nullptr);
  }
  // Flush any shift state.
  char* o = buffer;
  size_t o_left = sizeof buffer;
  iconv(raw, nullptr, nullptr, &o, &o_left);
  out.append(buffer, static_cast<size_t>(o - buffer));
  result->text = sanitize_utf8(out);
  return true;
}

}  // namespace

CharsetResult to_utf8(std::string_view bytes, std::string_view charset) {
  CharsetResult result;
  const std::string label = lower_trimmed(charset);
  if (is_ascii(bytes) && label.find("utf-7") == std::string::npos && label.find("2022") == std::string::npos &&
      label.find("utf-16") == std::string::npos && label.find("utf-32") == std::string::npos &&
      label.find("utf16") == std::string::npos) {
    result.text = sanitize_utf8(bytes);
    return result;
  }
  if (label.empty() || label == "us-ascii" || label == "ascii" || label == "utf-8" || label == "utf8" ||
      label == "x-unknown" || label == "unknown-8bit" || label == "default") {
    if (is_valid_utf8(bytes)) {
      result.text = sanitize_utf8(bytes);
    } else {
      result.had_errors = label == "utf-8" || label == "utf8";
      result.text = sanitize_utf8(from_cp1252(bytes));
    }
    return result;
  }
  if (label == "iso-8859-1" || label == "latin1" || label == "latin-1" || label == "windows-1252" ||
      label == "cp1252" || label == "iso8859-1" || label == "iso_8859-1") {
    // Mailers label windows-1252 text as Latin-1 all the time; 0x80-0x9F are C1 controls
    // in Latin-1 and never meant as such.
    result.text = sanitize_utf8(from_cp1252(bytes));
    return result;
  }
  if (convert_with_iconv(bytes, iconv_name(label), &result)) return result;
  result.charset_known = false;
  result.text = is_valid_utf8(bytes) ? sanitize_utf8(bytes) : sanitize_utf8(from_cp1252(bytes));
  return result;
}

}  // namespace politeno::mail
