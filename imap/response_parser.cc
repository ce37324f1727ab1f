#include "imap/response_parser.h"

#include "mail/ascii.h"
#include <charconv>

#include "imap/error.h"

namespace politeno::imap {
namespace {

// A literal marker "{123}" or "{123+}" or "~{123}" ending the line before CRLF.
bool literal_at_line_end(std::string_view line, size_t* size) {
  if (line.empty() || line.back() != '}') return false;
  const size_t open = line.rfind('{');
  if (open == std::string_view::npos) return false;
  std::string_view digits = line.substr(open + 1, line.size() - open - 2);
  if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
  if (digits.empty() || digits.size() > 12) return false;
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || p != digits.data() + digits.size()) return false;
  *size = static_cast<size_t>(v);
  return true;
}

class Reader {
 public:
  Reader(std::string_view s, const ParserLimits& limits) : s_(s), limits_(limits) {}

  bool at_end() const { return i_ >= s_.size() || s_.substr(i_) == "\r\n"; }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void skip_spaces() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
  }
  std::string_view rest_of_line() {
    size_t end = s_.find("\r\n", i_);
    if (end == std::string_view::npos) end = s_.size();
    const std::string_view r = s_.substr(i_, end - i_);
    i_ = end;
    return r;
  }

  // An atom-like token up to a space or a delimiter; brackets and a partial "<...>"
  // belong to it (BODY[HEADER.FIELDS (FROM)]<0>).
  std::string_view token() {
    const size_t b = i_;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '[') {
        int depth = 0;
        while (i_ < s_.size()) {
          if (s_[i_] == '[') ++depth;
          if (s_[i_] == ']' && --depth == 0) break;
          if (s_[i_] == '\r') break;
          ++i_;
        }
        if (i_ < s_.size() && s_[i_] == ']') ++i_;
        continue;
      }
      if (c == ' ' || c == '(' || c == ')' || c == '\r' || c == '\n' || c == '"' || c == '{' || c == ']') break;
      ++i_;
    }
    return s_.substr(b, i_ - b);
  }

  std::error_code value(Value* v, size_t depth) {
    if (++count_ > limits_.max_values) return Errc::kTooLarge;
    if (depth > limits_.max_depth) return Errc::kTooLarge;
    const char c = peek();
    if (c == '(') {
      ++i_;
      v->kind = Value::Kind::kList;
      for (;;) {
        skip_spaces();
        if (i_ >= s_.size()) return Errc::kProtocol;
        if (peek() == ')') {
          ++i_;
          return {};
        }
        if (peek() == '\r') return Errc::kProtocol;
        Value child;
        if (auto ec = value(&child, depth + 1)) return ec;
        v->list.push_back(std::move(child));
      }
    }
    if (c == '"') {
      ++i_;
      v->kind = Value::Kind::kString;
      while (i_ < s_.size() && s_[i_] != '"') {
        if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
        if (s_[i_] == '\r' || s_[i_] == '\n') return Errc::kProtocol;
        v->text.push_back(s_[i_++]);
      }
      if (i_ >= s_.size()) return Errc::kProtocol;
      ++i_;
      return {};
    }
    if (c == '{' || (c == '~' && i_ + 1 < s_.size() && s_[i_ + 1] == '{')) {
      if (c == '~') ++i_;
      const size_t close = s_.find('}', i_);
      if (close == std::string_view::npos) return Errc::kProtocol;
      std::string_view digits = s_.substr(i_ + 1, close - i_ - 1);
      if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
      uint64_t n = 0;
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      if (ec != std::errc() || p != digits.data() + digits.size() || digits.empty()) return Errc::kProtocol;
      if (s_.substr(close + 1, 2) != "\r\n") return Errc::kProtocol;
      const size_t start = close + 3;
      if (n > s_.size() - std::min(s_.size(), start)) return Errc::kProtocol;
      v->kind = Value::Kind::kString;
      v->text.assign(s_.substr(start, static_cast<size_t>(n)));
      i_ = start + static_cast<size_t>(n);
      return {};
    }
    const std::string_view t = token();
    if (t.empty()) {
      // A stray delimiter: skip it so the parse always advances.
      if (i_ < s_.size() && s_[i_] != '\r') {
        ++i_;
        v->kind = Value::Kind::kAtom;
        return {};
      }
      return Errc::kProtocol;
    }
    if (mail::ascii_upper(t) == "NIL") {
      v->kind = Value::Kind::kNil;
      return {};
    }
    uint64_t n = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
    if (ec == std::errc() && p == t.data() + t.size()) {
      v->kind = Value::Kind::kNumber;
      v->number = n;
      v->text.assign(t);
      return {};
    }
    v->kind = Value::Kind::kAtom;
    v->text.assign(t);
    return {};
  }

  // Values to the end of the response.
  std::error_code values(std::vector<Value>* out) {
    for (;;) {
      skip_spaces();
      if (at_end()) return {};
      Value v;
      if (auto ec = value(&v, 0)) return ec;
      out->push_back(std::move(v));
    }
  }

  // "[CODE args] text" after a status word.
  std::error_code status_rest(Response* r) {
    skip_spaces();
    if (peek() == '[') {
      ++i_;
      const std::string_view name = token();
      r->code = mail::ascii_upper(name);
      for (;;) {
        skip_spaces();
        if (i_ >= s_.size() || peek() == '\r') return Errc::kProtocol;
        if (peek() == ']') {
          ++i_;
          break;
        }
        Value v;
        if (auto ec = value(&v, 0)) return ec;
        r->code_values.push_back(std::move(v));
      }
      skip_spaces();
    }
    r->text.assign(rest_of_line());
    return {};
  }

 private:
  std::string_view s_;
  const ParserLimits& limits_;
  size_t i_ = 0;
  size_t count_ = 0;
};

}  // namespace

bool Value::is_atom(std::string_view u) const {
  return kind == Kind::kAtom && mail::iequals_ascii(text, u);
}

const Value* fetch_item(const Response& r, std::string_view name) {
  if (r.name != "FETCH" || r.values.empty() || !r.values.front().is_list()) return nullptr;
  const auto& items = r.values.front().list;
  for (size_t i = 0; i + 1 < items.size(); i += 2)
    if (items[i].is_atom(name)) return &items[i + 1];
  return nullptr;
}

std::error_code parse_response(std::string_view bytes, const ParserLimits& limits, Response* r) {
  Reader rd(bytes, limits);
  if (bytes.substr(0, 1) == "+") {
    r->kind = Response::Kind::kContinuation;
    rd.token();  // "+"
    rd.skip_spaces();
    r->text.assign(rd.rest_of_line());
    return {};
  }
  const std::string_view tag = rd.token();
  if (tag.empty()) return Errc::kProtocol;
  rd.skip_spaces();
  if (tag == "*") {
    r->kind = Response::Kind::kUntagged;
    std::string_view word = rd.token();
    uint64_t n = 0;
    auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
    if (!word.empty() && ec == std::errc() && p == word.data() + word.size()) {
      r->number = n;
      rd.skip_spaces();
      word = rd.token();
    }
    r->name = mail::ascii_upper(word);
    if (r->name.empty()) return Errc::kProtocol;
    if (r->is_status()) return rd.status_rest(r);
    return rd.values(&r->values);
  }
  r->kind = Response::Kind::kTagged;
  r->tag.assign(tag);
  r->name = mail::ascii_upper(rd.token());
  if (!r->is_status() || r->name == "BYE" || r->name == "PREAUTH") return Errc::kProtocol;
  return rd.status_rest(r);
}

std::error_code ResponseParser::complete_length(size_t* length) {
  const std::string_view b = std::string_view(buffer_).substr(consumed_);
  size_t pos = scan_;
  for (;;) {
    const size_t eol = b.find("\r\n", pos);
    if (eol == std::string_view::npos) {
      if (b.size() - pos > limits_.max_line) return Errc::kTooLarge;
      if (b.size() > limits_.max_response) return Errc::kTooLarge;
      scan_ = pos;
      return {};
    }
    if (eol - pos > limits_.max_line) return Errc::kTooLarge;
    size_t literal = 0;
    if (literal_at_line_end(b.substr(pos, eol - pos), &literal)) {
      if (literal > limits_.max_response) return Errc::kTooLarge;
      const size_t next = eol + 2 + literal;
      if (next > limits_.max_response) return Errc::kTooLarge;
      if (next > b.size()) {
        scan_ = pos;  // rescan this line once the literal has arrived
        return {};
      }
      pos = next;
      continue;
    }
    *length = eol + 2;
    scan_ = 0;
    return {};
  }
}

std::error_code ResponseParser::feed(std::string_view bytes, std::vector<Response>* out) {
  if (failed_) return failed_;
  buffer_.append(bytes);
  for (;;) {
    size_t length = 0;
    if (auto ec = complete_length(&length)) return failed_ = ec;
    if (length == 0) break;
    Response r;
    if (auto ec = parse_response(std::string_view(buffer_).substr(consumed_, length), limits_, &r)) return failed_ = ec;
    r.wire_size = length;
    out->push_back(std::move(r));
    consumed_ += length;
  }
  // Drop what is consumed once it is the larger part of the buffer.
  if (consumed_ > 0 && consumed_ * 2 >= buffer_.size()) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return {};
}

}  // namespace politeno::imap
