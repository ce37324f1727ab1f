#include "reply/composer.h"

#include <cstdio>
#include <ctime>

#include "mail/fnv1a.h"
#include "mail/utf8.h"

namespace politeno::reply {
namespace {

bool is_ascii_printable(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return false;
  return true;
}

// One line of header text: valid UTF-8, no control characters, single spaces.
std::string header_text(std::string_view raw) {
  const std::string s = mail::sanitize_utf8(raw);
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const bool space = u < 0x20 || u == 0x7F;
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  size_t i = 0;
  while (i + 2 < in.size()) {
    const uint32_t v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += {kB64[v >> 18], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], kB64[v & 63]};
    i += 3;
  }
  if (i + 1 == in.size()) {
    const uint32_t v = static_cast<unsigned char>(in[i]) << 16;
    out += {kB64[v >> 18], kB64[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const uint32_t v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {kB64[v >> 18], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], '='};
  }
  return out;
}

// Unstructured header text, RFC 2047-encoded when not plain ASCII, in encoded words of
// at most 75 characters folded onto continuation lines.
std::string encode_unstructured(std::string_view text) {
  if (is_ascii_printable(text)) return std::string(text);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    std::string_view chunk = mail::truncate_utf8(text.substr(i), 45);
    if (chunk.empty()) chunk = text.substr(i, 1);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(chunk) + "?=";
    i += chunk.size();
  }
  return out;
}

bool valid_addr_spec(std::string_view a) {
  const size_t at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size()) return false;
  for (char c : a) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' || c == '"' ||
        c == '\\')
      return false;
  }
  return true;
}

std::string mailbox(std::string_view name, std::string_view address) {
  const std::string n = header_text(name);
  if (n.empty()) return "<" + std::string(address) + ">";
  if (!is_ascii_printable(n)) return encode_unstructured(n) + " <" + std::string(address) + ">";
  std::string quoted = "\"";
  for (char c : n) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "\" <" + std::string(address) + ">";
}

bool valid_msg_id(std::string_view id) {
  if (id.size() < 3 || id.size() > 250 || id.find('@') == std::string_view::npos) return false;
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>') return false;
  }
  return true;
}

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// Quoted-printable for a UTF-8 body with LF line ends; output lines end in CRLF.
std::string quoted_printable(std::string_view text) {
  std::string out;
  size_t col = 0;
  auto put = [&](const std::string& piece) {
    if (col + piece.size() > 75) {
      out += "=\r\n";
      col = 0;
    }
    out += piece;
    col += piece.size();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      // Trailing white space before a line break must be encoded.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        const char last = out.back();
        out.pop_back();
        out += last == ' ' ? "=20" : "=09";
      }
      out += "\r\n";
      col = 0;
    } else if (c == '\r') {
      continue;
    } else if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
      put(std::string(1, static_cast<char>(c)));
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "=%02X", c);
      put(hex);
    }
  }
  return out;
}

std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') out += "\r\n";
    else out.push_back(c);
  }
  return out;
}

}  // namespace

std::string draft_message_id(const mail::Message& original, const std::string& domain) {
  // Keyed on the original's Message-ID, or failing that on what identifies it.
  const std::string key = !original.message_id.empty()
                              ? original.message_id
                              : original.from_address().normalized() + "\n" + original.subject + "\n" + original.date;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(mail::fnv1a(key)));
  return std::string("politeno.") + hex + "@" + (domain.empty() ? "politeno.invalid" : domain);
}

std::string reply_subject(const std::string& subject) {
  std::string s = header_text(subject);
  // Strip any number of reply prefixes ("Re:", "RE[2]:", "Aw:", "Sv:", "Antw:").
  for (;;) {
    size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) ++j;
    std::string word = s.substr(i, j - i);
    for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (word != "re" && word != "aw" && word != "sv" && word != "antw") break;
    if (j < s.size() && s[j] == '[') {
      const size_t close = s.find(']', j);
      if (close == std::string::npos) break;
      j = close + 1;
    }
    if (j >= s.size() || s[j] != ':') break;
    s = s.substr(j + 1);
  }
  s = header_text(s);
  return s.empty() ? "Re: your message" : "Re: " + s;
}

Draft compose_draft(const DraftInput& in) {
  const mail::Message& o = *in.original;
  Draft d;
  // Reply to Reply-To when it is there, else From.
  const mail::Address* to = !o.reply_to.empty() ? &o.reply_to.front() : (!o.from.empty() ? &o.from.front() : nullptr);
  if (to && valid_addr_spec(to->address)) d.to = to->address;
  const std::string domain = in.from_address.substr(in.from_address.rfind('@') + 1);
  d.message_id = draft_message_id(o, domain);
  d.subject = reply_subject(o.subject);

  std::vector<std::string> refs;
  for (const std::string& r : o.references)
    if (valid_msg_id(r)) refs.push_back(r);
  if (refs.empty() && valid_msg_id(o.in_reply_to)) refs.push_back(o.in_reply_to);
  if (valid_msg_id(o.message_id)) refs.push_back(o.message_id);
  if (refs.size() > 20) refs.erase(refs.begin() + 1, refs.end() - 19);  // keep the root and the recent

  std::string h;
  h += "Date: " + rfc5322_date(in.now) + "\r\n";
  h += "From: " + mailbox(in.from_name, in.from_address) + "\r\n";
  if (!d.to.empty()) h += "To: " + mailbox(to->name, d.to) + "\r\n";
  h += "Subject: " + encode_unstructured(d.subject) + "\r\n";
  h += "Message-ID: <" + d.message_id + ">\r\n";
  if (valid_msg_id(o.message_id)) h += "In-Reply-To: <" + o.message_id + ">\r\n";
  if (!refs.empty()) {
    h += "References:";
    for (const std::string& r : refs) h += "\r\n <" + r + ">";
    h += "\r\n";
  }
  h += "MIME-Version: 1.0\r\n";
  h += "Content-Type: text/plain; charset=utf-8\r\n";

  std::string body = mail::sanitize_utf8(in.body);
  while (!body.empty() && body.back() == '\n') body.pop_back();
  body += "\n";
  if (in.quote_original) {
    std::string who = header_text(!o.from.empty() ? (o.from.front().name.empty() ? o.from.front().address : o.from.front().name) : "");
    body += "\n" + (o.date.empty() ? std::string("") : "On " + header_text(o.date) + ", ") + (who.empty() ? "you" : who) +
            " wrote:\n";
    const std::string& quoted = o.new_text.empty() ? o.text : o.new_text;
    size_t i = 0;
    while (i <= quoted.size()) {
      size_t e = quoted.find('\n', i);
      if (e == std::string::npos) e = quoted.size();
      const std::string_view line = std::string_view(quoted).substr(i, e - i);
      body += line.empty() ? ">\n" : "> " + std::string(line) + "\n";
      if (e == quoted.size()) break;
      i = e + 1;
    }
  }
  // 7bit when the body is ASCII with short lines; quoted-printable otherwise.
  bool plain = true;
  size_t line = 0;
  for (char c : body) {
    if (c == '\n') {
      line = 0;
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0x80 || ++line > 900) plain = false;
  }
  if (plain) {
    h += "Content-Transfer-Encoding: 7bit\r\n\r\n";
    d.bytes = h + crlf(body);
  } else {
    h += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    d.bytes = h + quoted_printable(body);
  }
  return d;
}

}  // namespace politeno::reply
