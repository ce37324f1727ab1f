#include "mail/address.h"

#include "mail/ascii.h"
#include "mail/encoded_words.h"
#include "mail/utf8.h"

namespace politeno::mail {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"' || s.front() == '\''))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '"' || s.back() == '\''))
    s.remove_suffix(1);
  return std::string(s);
}

// Splits the list at commas and semicolons that are outside quotes, comments and <>.
std::vector<std::string> split_entries(std::string_view raw) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  int comment = 0;
  bool angle = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (quoted) {
      if (c == '\\' && i + 1 < raw.size()) {
        cur.push_back(c);
        cur.push_back(raw[++i]);
        continue;
      }
      if (c == '"') quoted = false;
      cur.push_back(c);
      continue;
    }
    if (c == '"' && comment == 0) {
      quoted = true;
    } else if (c == '(') {
      ++comment;
    } else if (c == ')' && comment > 0) {
      --comment;
    } else if (c == '<' && comment == 0) {
      angle = true;
    } else if (c == '>' && comment == 0) {
      angle = false;
    } else if ((c == ',' || c == ';') && comment == 0 && !angle) {
      // An unquoted comma inside a display name ("Lee, Jordan <j@x>") does not end an
      // entry when what came before has no address yet and what follows has '<' first.
      const bool has_at = cur.find('@') != std::string::npos;
      if (!has_at) {
        const std::string_view rest = raw.substr(i + 1);
        const size_t lt = rest.find('<');
        const size_t comma = rest.find_first_of(",;");
        const size_t at = rest.find('@');
        if (lt != std::string_view::npos && (comma == std::string_view::npos || lt < comma) &&
            (at == std::string_view::npos || lt < at) && c == ',') {
          cur.push_back(c);
          continue;
        }
      }
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur.push_back(c);
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Removes (comments) outside quotes; returns the last comment's text too.
std::string strip_comments(std::string_view s, std::string* comment_text) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  std::string current;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (depth == 0 && c == '"') quoted = !quoted;
    if (!quoted && c == '(') {
      if (depth++ == 0) current.clear();
      continue;
    }
    if (!quoted && c == ')' && depth > 0) {
      if (--depth == 0 && comment_text) *comment_text = current;
      continue;
    }
    if (depth > 0) {
      current.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool clean_addr_spec(std::string spec, Address* a) {
  std::string s;
  for (char c : spec)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '<' && c != '>') s.push_back(c);
  // Source routes "@a,@b:user@host" keep only the last part.
  if (const size_t colon = s.rfind(':'); colon != std::string::npos && s.find('@') < colon) s = s.substr(colon + 1);
  const size_t at = s.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 >= s.size()) return false;
  std::string local = s.substr(0, at);
  if (local.size() >= 2 && local.front() == '"' && local.back() == '"') local = local.substr(1, local.size() - 2);
  // RFC 6532 allows UTF-8 addresses; anything else is made valid so that no caller
  // (logs, JSON, evidence) ever sees ill-formed text.
  a->address = sanitize_utf8(local + "@" + ascii_lower(s.substr(at + 1)));
  return true;
}

}  // namespace

std::string domain_of(std::string_view addr_spec) {
  const size_t at = addr_spec.rfind('@');
  return at == std::string_view::npos ? std::string() : ascii_lower(addr_spec.substr(at + 1));
}

std::string Address::domain() const { return domain_of(address); }

std::string Address::local_part() const {
  const size_t at = address.rfind('@');
  return ascii_lower(address.substr(0, at == std::string::npos ? address.size() : at));
}

std::string Address::normalized() const { return ascii_lower(address); }

std::vector<Address> parse_address_list(std::string_view raw, bool* malformed) {
  std::vector<Address> out;
  bool bad = false;
  for (std::string entry : split_entries(raw)) {
    // Groups: "Team: a@x, b@y;" - drop the group name.
    if (const size_t colon = entry.find(':'); colon != std::string::npos && entry.find('<') > colon &&
                                               entry.find('"') > colon && entry.find('@') > colon) {
      entry = entry.substr(colon + 1);
    }
    std::string comment;
    const std::string no_comments = strip_comments(entry, &comment);
    Address a;
    const size_t lt = no_comments.rfind('<');
    if (lt != std::string::npos) {
      const size_t gt = no_comments.find('>', lt);
      const std::string spec = no_comments.substr(lt + 1, gt == std::string::npos ? std::string::npos : gt - lt - 1);
      if (!clean_addr_spec(spec, &a)) {
        bad = true;
        continue;
      }
      a.name = decode_encoded_words(trim(no_comments.substr(0, lt)));
    } else {
      const std::string spec = trim(no_comments);
      if (spec.empty()) continue;
      if (!clean_addr_spec(spec, &a)) {
        bad = true;
        continue;
      }
      a.name = decode_encoded_words(trim(comment));
    }
    // Unescape quoted-pair in the display name.
    std::string name;
    for (size_t i = 0; i < a.name.size(); ++i) {
      if (a.name[i] == '\\' && i + 1 < a.name.size()) ++i;
      if (a.name[i] != '"') name.push_back(a.name[i]);
    }
    a.name = trim(name);
    out.push_back(std::move(a));
  }
  if (malformed) *malformed = bad;
  return out;
}

std::string first_name(const Address& a) {
  std::string name = a.name;
  if (const size_t comma = name.find(','); comma != std::string::npos) {
    // "Lee, Jordan" -> "Jordan"; but "Anjali Deshpande, PhD" keeps "Anjali".
    const std::string after = trim(name.substr(comma + 1));
    const std::string before = trim(name.substr(0, comma));
    const bool before_single_word = before.find(' ') == std::string::npos;
    const bool after_is_title = after.size() <= 4 || after == "Ph.D.";
    name = (before_single_word && !after_is_title) ? after : before;
  }
  std::vector<std::string> words;
  std::string cur;
  for (char c : name) {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) words.push_back(cur), cur.clear();
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(cur);
  static const char* kTitles[] = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "sir"};
  for (const std::string& w : words) {
    bool title = false;
    for (const char* t : kTitles)
      if (ascii_lower(w) == t) title = true;
    if (!title) {
      // A name that is really an address or a brand-like token is no first name.
      if (w.find('@') != std::string::npos) return "";
      return w;
    }
  }
  return "";
}

}  // namespace politeno::mail
