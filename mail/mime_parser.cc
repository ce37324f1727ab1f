#include "mail/mime_parser.h"

#include <mimetic/mimetic.h>

#include <algorithm>
#include <memory>
#include <string>

#include "mail/ascii.h"
#include "mail/charset.h"
#include "mail/encoded_words.h"
#include "mail/header_params.h"
#include "mail/reply_split.h"
#include "mail/transfer_decoding.h"
#include "mail/utf8.h"

namespace politeno::mail {
namespace {

constexpr size_t kMaxDefects = 50;
// More MIME structure markers than this and mimetic's recursive parser is not trusted
// with the input: the body is read flat instead (a defect says so).
constexpr size_t kMaxStructureMarkers = 64;

bool equals_ci_at(std::string_view hay, size_t i, std::string_view lower_needle) {
  if (hay.size() - i < lower_needle.size()) return false;
  for (size_t k = 0; k < lower_needle.size(); ++k) {
    if (ascii_lower(hay[i + k]) != lower_needle[k]) return false;
  }
  return true;
}

// One pass over the input: how many MIME structure markers it holds and whether some
// line is longer than `max_line`.
struct Prescan {
  size_t structure_markers = 0;
  bool long_line = false;
};

Prescan prescan(std::string_view raw, size_t max_line) {
  Prescan p;
  size_t line = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\n') {
      line = 0;
      continue;
    }
    if (++line > max_line) p.long_line = true;
    if ((c | 0x20) == 'm' && (equals_ci_at(raw, i, "multipart/") || equals_ci_at(raw, i, "message/rfc822") ||
                              equals_ci_at(raw, i, "message/global")))
      ++p.structure_markers;
  }
  return p;
}

std::vector<std::string> msg_ids(std::string_view v) {
  std::vector<std::string> ids;
  size_t i = 0;
  while (i < v.size()) {
    const size_t lt = v.find('<', i);
    if (lt == std::string_view::npos) break;
    const size_t gt = v.find('>', lt);
    if (gt == std::string_view::npos) break;
    std::string id;
    for (char c : v.substr(lt + 1, gt - lt - 1))
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') id.push_back(c);
    if (!id.empty()) ids.push_back(sanitize_utf8(id));
    i = gt + 1;
  }
  if (ids.empty()) {
    // No angle brackets: take white-space separated tokens that look like ids.
    std::string cur;
    for (char c : v) {
      if (c == ' ' || c == '\t' || c == ',') {
        if (cur.find('@') != std::string::npos) ids.push_back(sanitize_utf8(cur));
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    if (cur.find('@') != std::string::npos) ids.push_back(sanitize_utf8(cur));
  }
  return ids;
}

class Builder {
 public:
  Builder(Message* m, const ParseLimits& limits) : m_(m), limits_(limits) {}

  // Records a defect; its text is made valid UTF-8 here, whatever input it quotes.
  void defect(std::string what) {
    what = sanitize_utf8(what);
    if (m_->defects.size() < kMaxDefects &&
        std::find(m_->defects.begin(), m_->defects.end(), what) == m_->defects.end()) {
      m_->defects.push_back(std::move(what));
    }
  }

  void read_header(const mimetic::Header& h, std::vector<HeaderField>* out) {
    for (const mimetic::Field& f : h) {
      HeaderField hf;
      hf.name = sanitize_utf8(std::string(f.name().begin(), f.name().end()));
      // Obsolete syntax allows white space before the colon ("From  : ...").
      while (!hf.name.empty() && (hf.name.back() == ' ' || hf.name.back() == '\t')) hf.name.pop_back();
      hf.value = f.value();
      if (hf.value.size() > limits_.max_header_value) {
        hf.value.resize(limits_.max_header_value);
        defect("header " + hf.name + " longer than " + std::to_string(limits_.max_header_value) + " bytes, cut");
      }
      out->push_back(std::move(hf));
    }
  }

  static const std::string* find(const std::vector<HeaderField>& hs, std::string_view name) {
    for (const HeaderField& h : hs)
      if (header_name_equals(h.name, name)) return &h.value;
    return nullptr;
  }

  void fill_envelope() {
    const auto& hs = m_->headers;
    bool bad = false;
    if (const std::string* v = find(hs, "Subject")) {
      m_->subject = decode_encoded_words(*v, &bad);
      if (bad) defect("malformed encoded word in Subject");
    }
    auto addresses = [&](const char* name, std::vector<Address>* out) {
      if (const std::string* v = find(hs, name)) {
        bool malformed = false;
        *out = parse_address_list(*v, &malformed);
        if (malformed) defect(std::string("malformed address in ") + name);
      }
    };
    addresses("From", &m_->from);
    addresses("Sender", &m_->sender);
    addresses("Reply-To", &m_->reply_to);
    addresses("To", &m_->to);
    addresses("Cc", &m_->cc);
    if (m_->from.empty()) defect("no usable From address");
    if (const std::string* v = find(hs, "Message-ID")) {
      auto ids = msg_ids(*v);
      if (!ids.empty()) m_->message_id = ids.front();
    }
    if (const std::string* v = find(hs, "In-Reply-To")) {
      auto ids = msg_ids(*v);
      if (!ids.empty()) m_->in_reply_to = ids.front();
    }
    if (const std::string* v = find(hs, "References")) m_->references = msg_ids(*v);
    if (const std::string* v = find(hs, "Date")) m_->date = sanitize_utf8(*v);
  }

  // Collects the body text of `e` and everything below it into `sink`.
  struct Sink {
    std::string text;
    bool from_html = false;
    bool wants_text = true;  // false: an alternative that is not read (HTML not rendered)
  };

  void visit(const mimetic::MimeEntity& e, size_t depth, Sink* sink) {
    if (++parts_ > limits_.max_parts) {
      if (parts_ == limits_.max_parts + 1) defect("more than " + std::to_string(limits_.max_parts) + " MIME parts; the rest ignored");
      return;
    }
    std::vector<HeaderField> own;
    read_header(e.header(), &own);
    const std::string* ct_raw = find(own, "Content-Type");
    ParameterizedValue ct = parse_parameterized(ct_raw ? *ct_raw : std::string("text/plain"));
    if (ct.malformed) defect("malformed Content-Type parameters");
    if (ct.value.empty() || ct.value.find('/') == std::string::npos) {
      if (ct_raw) defect("Content-Type without a type/subtype: \"" + sanitize_utf8(truncate_utf8(*ct_raw, 80)) + "\"");
      ct.value = "text/plain";
    }
    const std::string* cd_raw = find(own, "Content-Disposition");
    const ParameterizedValue cd = parse_parameterized(cd_raw ? *cd_raw : std::string());
    std::string filename = cd.params.count("filename") ? cd.params.at("filename") : std::string();
    if (filename.empty() && ct.params.count("name")) filename = ct.params.at("name");

    const std::string type = ct.value.substr(0, ct.value.find('/'));
    const auto& children = e.body().parts();

    if (type == "multipart") {
      if (depth >= limits_.max_depth) {
        defect("MIME nesting deeper than " + std::to_string(limits_.max_depth) + "; inner parts ignored");
        return;
      }
      if (children.empty()) defect("multipart without parts (" + ct.value + ")");
      if (ct.value == "multipart/alternative") {
        visit_alternative(e, depth, sink);
      } else {
        for (const mimetic::MimeEntity* child : children) visit(*child, depth + 1, sink);
      }
      return;
    }
    if (ct.value == "message/rfc822" || ct.value == "message/global") {
      if (depth >= limits_.max_depth || children.empty()) {
        if (children.empty()) defect("message/rfc822 part without a message");
        return;
      }
      ForwardedMessage fwd;
      const mimetic::MimeEntity& inner = *children.front();
      std::vector<HeaderField> inner_headers;
      read_header(inner.header(), &inner_headers);
      if (const std::string* v = find(inner_headers, "Subject")) fwd.subject = decode_encoded_words(*v);
      if (const std::string* v = find(inner_headers, "From")) fwd.from = parse_address_list(*v);
      Sink inner_sink;
      visit(inner, depth + 1, &inner_sink);
      fwd.text = std::move(inner_sink.text);
      m_->forwarded.push_back(std::move(fwd));
      return;
    }

    const std::string disposition = cd.value;
    const bool is_text = ct.value == "text/plain" || ct.value == "text/html";
    if (ct.value == "text/calendar") m_->has_calendar = true;
    if (!is_text || disposition == "attachment" || (!filename.empty() && disposition != "inline")) {
      Attachment a;
      a.content_type = ct.value;
      a.filename = filename;
      a.size = e.body().size();
      m_->attachments.push_back(std::move(a));
      if (ct.value == "text/html") note_html(decode_leaf(e, own, ct));  // still count links and pixels
      return;
    }
    std::string utf8 = decode_leaf(e, own, ct);
    if (ct.value == "text/html") {
      note_html(utf8);
      if (sink->wants_text) {
        append(sink, html_to_text(utf8, limits_.max_text));
        sink->from_html = true;
      }
    } else {
      append(sink, utf8);
    }
  }

  // A plain alternative this short, in non-blank bytes, is a pointer to the rich one.
  static constexpr size_t kStubBytes = 160;
  static bool is_stub(const std::string& text) {
    size_t n = 0;
    for (char c : text) n += !(c == ' ' || c == '\n' || c == '\r' || c == '\t');
    return n < kStubBytes;
  }

  // multipart/alternative: text/plain wins unless it is a stub; HTML is read for its
  // statistics either way.
  void visit_alternative(const mimetic::MimeEntity& e, size_t depth, Sink* sink) {
    const mimetic::MimeEntity* plain = nullptr;
    const mimetic::MimeEntity* other = nullptr;
    for (const mimetic::MimeEntity* child : e.body().parts()) {
      const mimetic::Field* f = nullptr;
      for (const mimetic::Field& field : child->header())
        if (header_name_equals(std::string(field.name().begin(), field.name().end()), "Content-Type")) {
          f = &field;
          break;
        }
      const std::string ct = f ? parse_parameterized(f->value()).value : std::string("text/plain");
      if (ct == "text/plain" && !plain && !child->body().empty()) {
        plain = child;
      } else if (ct == "text/html" || ct.rfind("multipart/", 0) == 0) {
        other = child;  // the last rich alternative is the preferred one (RFC 2046 5.1.4)
      }
    }
    if (plain) {
      Sink p;
      p.wants_text = sink->wants_text;
      visit(*plain, depth + 1, &p);
      if (other) {
        // The rich part is read for its link and pixel counts and attachments, and for
        // its text only when the plain one is a stub ("view this email in a browser").
        Sink o;
        o.wants_text = sink->wants_text && is_stub(p.text);
        visit(*other, depth + 1, &o);
        if (o.wants_text && o.text.size() > 2 * p.text.size() + kStubBytes) {
          append(sink, o.text);
          sink->from_html = true;
          return;
        }
      }
      append(sink, p.text);
      sink->from_html |= p.from_html;
    } else if (other) {
      visit(*other, depth + 1, sink);
    } else if (!e.body().parts().empty()) {
      visit(*e.body().parts().front(), depth + 1, sink);
    }
  }

  void note_html(const std::string& utf8) {
    const HtmlStats h = html_stats(utf8);
    m_->html.links += h.links;
    m_->html.images += h.images;
    m_->html.tracking_pixels += h.tracking_pixels;
  }

  std::string decode_leaf(const mimetic::MimeEntity& e, const std::vector<HeaderField>& own,
                          const ParameterizedValue& ct) {
    const std::string& body = e.body();
    std::string cte;
    if (const std::string* v = find(own, "Content-Transfer-Encoding")) {
      for (char c : *v)
        if (c != ' ' && c != '\t' && c != ';' && c != '"') cte.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    std::string bytes;
    bool malformed = false;
    if (cte == "base64") {
      bytes = decode_base64(body, &malformed);
      if (malformed) defect("malformed base64 in a " + ct.value + " part");
    } else if (cte == "quoted-printable") {
      bytes = decode_quoted_printable(body, &malformed);
      if (malformed) defect("malformed quoted-printable in a " + ct.value + " part");
    } else {
      if (!cte.empty() && cte != "7bit" && cte != "8bit" && cte != "binary" && cte != "7-bit" && cte != "8-bit") {
        defect("unknown Content-Transfer-Encoding \"" + sanitize_utf8(truncate_utf8(cte, 40)) + "\"");
      }
      bytes = body;
    }
    if (bytes.size() > limits_.max_text) {
      bytes.resize(limits_.max_text);
      defect("text part longer than " + std::to_string(limits_.max_text) + " bytes, cut");
    }
    const auto it = ct.params.find("charset");
    CharsetResult r = to_utf8(bytes, it == ct.params.end() ? std::string() : it->second);
    if (!r.charset_known) defect("unknown charset \"" + sanitize_utf8(truncate_utf8(it->second, 40)) + "\"");
    if (r.had_errors) defect("bytes invalid in the declared charset replaced");
    return std::move(r.text);
  }

  void append(Sink* sink, std::string_view text) {
    if (text.empty()) return;
    if (sink->text.size() >= limits_.max_text) return;
    if (!sink->text.empty()) sink->text += "\n\n";
    sink->text.append(truncate_utf8(text, limits_.max_text - std::min(limits_.max_text, sink->text.size())));
  }

  size_t parts_ = 0;

 private:
  Message* m_;
  const ParseLimits& limits_;
};

// CRLF and lone CR become LF; runs without CR are copied whole.
std::string normalize_newlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t cr = s.find('\r', i);
    if (cr == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, cr - i));
    out.push_back('\n');
    i = cr + 1;
    if (i < s.size() && s[i] == '\n') ++i;
  }
  return out;
}

// A flat reading for input mimetic is not given: the header is parsed, and the body
// after the first blank line is taken as text in the top-level charset.
void parse_flat(std::string_view raw, Builder* b, Message* m) {
  size_t split = raw.find("\r\n\r\n");
  size_t skip = 4;
  const size_t lf = raw.find("\n\n");
  if (split == std::string_view::npos || (lf != std::string_view::npos && lf < split)) split = lf, skip = 2;
  const std::string_view head = raw.substr(0, split == std::string_view::npos ? raw.size() : split + skip / 2);
  try {
    std::string h(head);
    mimetic::MimeEntity e(h.begin(), h.end(), mimetic::imBody | mimetic::imChildParts);
    b->read_header(e.header(), &m->headers);
  } catch (...) {
    b->defect("header unreadable");
  }
  if (split != std::string_view::npos) {
    m->text = to_utf8(truncate_utf8(raw.substr(split + skip), 1u << 20), "").text;
  }
}

}  // namespace

Message parse_message(std::string_view raw, const ParseLimits& limits) {
  Message m;
  m.raw_size = raw.size();
  Builder b(&m, limits);
  // Files saved from an mbox start with a "From sender date" separator line: not a header.
  if (raw.substr(0, 5) == "From " && raw.size() > 5 && raw[5] != ' ' && raw[5] != '\t' && raw[5] != ':') {
    const size_t nl = raw.find('\n');
    raw = nl == std::string_view::npos ? std::string_view() : raw.substr(nl + 1);
  }
  if (raw.size() > limits.max_bytes) {
    b.defect("message larger than " + std::to_string(limits.max_bytes) + " bytes; the rest ignored");
    raw = raw.substr(0, limits.max_bytes);
  }
  const Prescan scan = prescan(raw, limits.max_line);
  if (scan.long_line) b.defect("line longer than " + std::to_string(limits.max_line) + " bytes");

  Builder::Sink sink;
  bool parsed = false;
  if (scan.structure_markers <= kMaxStructureMarkers) {
    try {
      // Constructed first, then loaded: when mimetic throws half-way through a malformed
      // multipart, a fully constructed entity's destructor frees the parts already built
      // (the loading constructor leaks them). mimetic copies every part; `raw` is not
      // referenced afterwards.
      auto entity = std::make_unique<mimetic::MimeEntity>();
      entity->load(raw.begin(), raw.end());
      b.read_header(entity->header(), &m.headers);
      b.visit(*entity, 0, &sink);
      parsed = true;
    } catch (const std::exception& e) {
      b.defect(std::string("MIME structure unreadable (") + e.what() + "); read as flat text");
    } catch (...) {
      b.defect("MIME structure unreadable; read as flat text");
    }
  } else {
    b.defect("too many nested MIME structures; read as flat text");
  }
  if (!parsed) {
    m.headers.clear();
    m.attachments.clear();
    m.forwarded.clear();
    m.html = {};
    parse_flat(raw, &b, &m);
  } else {
    m.text = std::move(sink.text);
    m.body_from_html = sink.from_html;
  }
  b.fill_envelope();
  m.text = normalize_newlines(m.text);
  ReplyParts parts = split_reply(m.text);
  m.new_text = std::move(parts.new_text);
  m.quoted = std::move(parts.quoted);
  m.signature = std::move(parts.signature);
  for (ForwardedMessage& f : m.forwarded) f.text = normalize_newlines(f.text);
  return m;
}

}  // namespace politeno::mail
