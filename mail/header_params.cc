#include "mail/header_params.h"

#include "mail/ascii.h"
#include <cstdlib>
#include <vector>

#include "mail/charset.h"
#include "mail/encoded_words.h"
#include "mail/utf8.h"

namespace politeno::mail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct Piece {
  int section = -1;   // -1: no continuation index
  bool extended = false;
  std::string raw;    // as written, unquoted
};

}  // namespace

ParameterizedValue parse_parameterized(std::string_view raw) {
  ParameterizedValue out;
  size_t i = 0;
  // The main value runs to the first ';'.
  const size_t semi = raw.find(';');
  out.value = sanitize_utf8(ascii_lower(trim(raw.substr(0, semi))));
  if (semi == std::string_view::npos) return out;
  i = semi + 1;

  std::map<std::string, std::vector<Piece>> pieces;
  while (i < raw.size()) {
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' || raw[i] == '\n' || raw[i] == ';'))
      ++i;
    if (i >= raw.size()) break;
    const size_t eq = raw.find('=', i);
    const size_t next_semi = raw.find(';', i);
    if (eq == std::string_view::npos || (next_semi != std::string_view::npos && next_semi < eq)) {
      out.malformed = true;
      if (next_semi == std::string_view::npos) break;
      i = next_semi + 1;
      continue;
    }
    std::string name = ascii_lower(trim(raw.substr(i, eq - i)));
    i = eq + 1;
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t')) ++i;
    std::string value;
    if (i < raw.size() && raw[i] == '"') {
      ++i;
      bool closed = false;
      while (i < raw.size()) {
        if (raw[i] == '\\' && i + 1 < raw.size()) {
          value.push_back(raw[i + 1]);
          i += 2;
        } else if (raw[i] == '"') {
          ++i;
          closed = true;
          break;
        } else {
          if (raw[i] != '\r' && raw[i] != '\n') value.push_back(raw[i]);
          ++i;
        }
      }
      if (!closed) out.malformed = true;
      // Skip anything up to the next ';'.
      while (i < raw.size() && raw[i] != ';') ++i;
    } else {
      const size_t end = raw.find(';', i);
      value = std::string(trim(raw.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i)));
      i = end == std::string_view::npos ? raw.size() : end;
    }
    Piece p;
    p.raw = std::move(value);
    if (!name.empty() && name.back() == '*') {
      p.extended = true;
      name.pop_back();
    }
    if (const size_t star = name.rfind('*'); star != std::string::npos) {
      const std::string idx = name.substr(star + 1);
      if (!idx.empty() && idx.size() < 4 && idx.find_first_not_of("0123456789") == std::string::npos) {
        p.section = std::atoi(idx.c_str());
        name.resize(star);
      }
    }
    if (name.empty()) {
      out.malformed = true;
      continue;
    }
    pieces[name].push_back(std::move(p));
  }

  for (auto& [name, list] : pieces) {
    // Order continuation sections; a plain value wins over stray sections.
    std::map<int, const Piece*> by_section;
    const Piece* plain = nullptr;
    for (const Piece& p : list) {
      if (p.section < 0) {
        if (!plain || p.extended) plain = &p;
      } else if (!by_section.count(p.section)) {
        by_section[p.section] = &p;
      }
    }
    std::string charset;
    std::string bytes;
    bool any_extended = false;
    auto append = [&](const Piece& p, bool first) {
      if (p.extended) {
        any_extended = true;
        std::string_view v = p.raw;
        if (first) {
          // charset'language'value
          const size_t a = v.find('\'');
          const size_t b = a == std::string_view::npos ? a : v.find('\'', a + 1);
          if (b != std::string_view::npos) {
            charset = std::string(v.substr(0, a));
            v = v.substr(b + 1);
          }
        }
        bytes += percent_decode(v);
      } else {
        bytes += p.raw;
      }
    };
    if (!by_section.empty() && (!plain || plain->section >= 0)) {
      bool first = true;
      for (const auto& [idx, p] : by_section) {
        append(*p, first);
        first = false;
      }
    } else if (plain) {
      append(*plain, true);
    }
    std::string decoded = any_extended ? to_utf8(bytes, charset).text : decode_encoded_words(bytes);
    out.params[name] = std::move(decoded);
  }
  return out;
}

}  // namespace politeno::mail
