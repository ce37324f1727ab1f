#include "mail/reply_split.h"

#include <vector>

namespace politeno::mail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// "On <date>, <name> wrote:" in the languages politeno reads; the attribution may wrap
// onto the next line, so `next` is consulted when `line` lacks the verb.
bool is_attribution(std::string_view line, std::string_view next) {
  const std::string_view l = trim(line);
  if (l.empty() || l.size() > 300) return false;
  const bool opener = starts_with(l, "On ") || starts_with(l, "Le ") || starts_with(l, "Am ") ||
                      starts_with(l, "El ") || starts_with(l, "Em ") || starts_with(l, "Il ") ||
                      starts_with(l, "Op ");
  auto has_verb = [](std::string_view s) {
    return ends_with(s, "wrote:") || ends_with(s, "a \xC3\xA9" "crit :") || ends_with(s, "a \xC3\xA9" "crit:") ||
           contains(s, "schrieb") || ends_with(s, "escribi\xC3\xB3:") || ends_with(s, "escreveu:") ||
           ends_with(s, "scritto:") || ends_with(s, "geschreven:");
  };
  if (has_verb(l)) return opener || ends_with(l, "wrote:");
  return opener && has_verb(trim(next));
}

bool is_original_marker(std::string_view line) {
  const std::string_view l = trim(line);
  return contains(l, "-----Original Message-----") || contains(l, "----- Original Message -----") ||
         contains(l, "---------- Forwarded message") || contains(l, "-------- Original message") ||
         contains(l, "Begin forwarded message:") || contains(l, "-----Urspr\xC3\xBCngliche Nachricht-----") ||
         contains(l, "Message d'origine");
}

// An Outlook block: "From: ..." followed within three lines by "Sent:"/"Date:" and "To:"/"Subject:".
bool is_header_block(const std::vector<std::string_view>& lines, size_t i) {
  const std::string_view l = trim(lines[i]);
  if (!starts_with(l, "From:") && !starts_with(l, "De :") && !starts_with(l, "Von:") && !starts_with(l, "De:"))
    return false;
  int hits = 0;
  for (size_t k = i + 1; k < lines.size() && k <= i + 4; ++k) {
    const std::string_view m = trim(lines[k]);
    if (starts_with(m, "Sent:") || starts_with(m, "Date:") || starts_with(m, "To:") ||
        starts_with(m, "Subject:") || starts_with(m, "Envoy\xC3\xA9") || starts_with(m, "Gesendet:") ||
        starts_with(m, "Objet") || starts_with(m, "Betreff:") || starts_with(m, "Enviado:") ||
        starts_with(m, "Asunto:") || starts_with(m, "Cc:"))
      ++hits;
  }
  return hits >= 2;
}

bool is_rule(std::string_view line) {
  const std::string_view l = trim(line);
  return l.size() >= 8 && l.find_first_not_of('_') == std::string_view::npos;
}

}  // namespace

ReplyParts split_reply(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    if (end == text.size()) break;
    start = end + 1;
  }

  ReplyParts parts;
  enum class Where { kNew, kSignature, kQuoted } where = Where::kNew;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view next = i + 1 < lines.size() ? lines[i + 1] : std::string_view();
    if (where != Where::kQuoted) {
      if (is_attribution(line, next) || is_original_marker(line) || is_header_block(lines, i) ||
          (is_rule(line) && i + 1 < lines.size() && is_header_block(lines, i + 1))) {
        where = Where::kQuoted;
      } else if (line == "-- " || line == "--" || line == "\xE2\x80\x94" || line == "__") {
        where = Where::kSignature;
        continue;
      }
    }
    const bool quoted_line = starts_with(trim(line), ">");
    std::string* target = nullptr;
    if (where == Where::kQuoted || quoted_line) {
      target = &parts.quoted;
    } else if (where == Where::kSignature) {
      target = &parts.signature;
    } else {
      target = &parts.new_text;
    }
    target->append(line);
    target->push_back('\n');
  }
  auto rtrim = [](std::string& s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  };
  rtrim(parts.new_text);
  rtrim(parts.quoted);
  rtrim(parts.signature);
  return parts;
}

}  // namespace politeno::mail
