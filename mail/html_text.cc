#include "mail/html_text.h"

#include "mail/ascii.h"
#include <gumbo.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace politeno::mail {
namespace {

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_TR: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_HR:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_CENTER: case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

// A width or height of 0 or 1 pixel.
bool tiny(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  if (v.empty()) return false;
  if (v.substr(0, 1) != "0" && v.substr(0, 1) != "1") return false;
  v.remove_prefix(1);
  return v.empty() || v == "px" || v == "PX";
}

bool hidden_style(std::string_view style) {
  std::string s;
  for (char c : style)
    if (c != ' ') s.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  return s.find("display:none") != std::string::npos || s.find("width:1px") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/'; }

class Walker {
 public:
  explicit Walker(size_t max_output) : max_(max_output) {}

  // Iterative walk: hostile nesting cannot overflow the stack.
  void walk(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned next_child;
    };
    std::vector<Frame> stack;
    stack.push_back({root, 0});
    enter(root);
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.node->type != GUMBO_NODE_ELEMENT && f.node->type != GUMBO_NODE_DOCUMENT) {
        stack.pop_back();
        continue;
      }
      const GumboVector& children = f.node->type == GUMBO_NODE_ELEMENT ? f.node->v.element.children
                                                                        : f.node->v.document.children;
      if (skip(f.node) || f.next_child >= children.length) {
        leave(f.node);
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(children.data[f.next_child++]);
      enter(child);
      stack.push_back({child, 0});
    }
  }

  std::string result() {
    // Trim trailing white space.
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) out_.pop_back();
    return std::move(out_);
  }

 private:
  static bool skip(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return false;
    const GumboTag t = n->v.element.tag;
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_HEAD || t == GUMBO_TAG_TITLE ||
           t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE;
  }

  void enter(const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      text(n->v.text.text);
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& e = n->v.element;
    if (e.tag == GUMBO_TAG_BR) newline(1);
    if (is_block(e.tag)) newline(e.tag == GUMBO_TAG_P || e.tag == GUMBO_TAG_TABLE ? 2 : 1);
    if (e.tag == GUMBO_TAG_LI) emit("- ");
    if (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) space();
  }

  void leave(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboTag t = n->v.element.tag;
    if (is_block(t)) newline(t == GUMBO_TAG_P ? 2 : 1);
  }

  void text(const char* s) {
    // Collapse white space as a browser would (outside <pre>, which mail rarely needs).
    for (const char* p = s; *p; ++p) {
      const char c = *p;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        space();
      } else if (static_cast<unsigned char>(c) == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0) {
        space();  // &nbsp;
        ++p;
      } else {
        put(c);
      }
    }
  }

  void space() {
    if (!out_.empty() && out_.back() != ' ' && out_.back() != '\n') put(' ');
  }

  void newline(int want) {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (out_.empty()) return;
    int have = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++have;
    while (have++ < want) put('\n');
  }

  void emit(const char* s) {
    for (const char* p = s; *p; ++p) put(*p);
  }

  void put(char c) {
    if (out_.size() < max_) out_.push_back(c);
  }

  size_t max_;
  std::string out_;
};

}  // namespace

HtmlStats html_stats(std::string_view h) {
  HtmlStats st;
  size_t i = 0;
  while ((i = h.find('<', i)) != std::string_view::npos) {
    ++i;
    if (h.substr(i, 3) == "!--") {
      const size_t end = h.find("-->", i + 3);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    size_t n = i;
    while (n < h.size() && !is_space(h[n]) && h[n] != '>') ++n;
    const std::string_view name = h.substr(i, n - i);
    if (iequals_ascii(name, "script") || iequals_ascii(name, "style")) {
      // Skip to the matching end tag, whatever it contains.
      const std::string close = "</" + std::string(name);
      size_t k = n;
      for (;;) {
        k = h.find("</", k);
        if (k == std::string_view::npos || iequals_ascii(h.substr(k, close.size()), close)) break;
        k += 2;
      }
      if (k == std::string_view::npos) break;
      i = k + close.size();
      continue;
    }
    const bool is_a = iequals_ascii(name, "a");
    const bool is_img = iequals_ascii(name, "img");
    // Attributes up to '>', honouring quotes.
    bool href = false;
    std::string_view width, height, style;
    size_t k = n;
    while (k < h.size() && h[k] != '>') {
      while (k < h.size() && is_space(h[k])) ++k;
      size_t an = k;
      while (an < h.size() && !is_space(h[an]) && h[an] != '=' && h[an] != '>') ++an;
      const std::string_view attr_name = h.substr(k, an - k);
      k = an;
      std::string_view value;
      while (k < h.size() && (h[k] == ' ' || h[k] == '\t')) ++k;
      if (k < h.size() && h[k] == '=') {
        ++k;
        while (k < h.size() && (h[k] == ' ' || h[k] == '\t')) ++k;
        if (k < h.size() && (h[k] == '"' || h[k] == '\'')) {
          const char q = h[k];
          const size_t end = h.find(q, k + 1);
          if (end == std::string_view::npos) return st;
          value = h.substr(k + 1, end - k - 1);
          k = end + 1;
        } else {
          const size_t b = k;
          while (k < h.size() && !is_space(h[k]) && h[k] != '>') ++k;
          value = h.substr(b, k - b);
        }
      }
      if (attr_name.empty() && k < h.size() && h[k] != '>') ++k;  // stray character
      if (iequals_ascii(attr_name, "href")) href = true;
      if (iequals_ascii(attr_name, "width")) width = value;
      if (iequals_ascii(attr_name, "height")) height = value;
      if (iequals_ascii(attr_name, "style")) style = value;
    }
    if (is_a && href) ++st.links;
    if (is_img) {
      ++st.images;
      if ((tiny(width) && tiny(height)) || hidden_style(style)) ++st.tracking_pixels;
    }
    i = k;
  }
  return st;
}

std::string html_to_text(std::string_view html, size_t max_output) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 100;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  Walker walker(max_output);
  walker.walk(output->document);
  gumbo_destroy_output(&options, output);
  return walker.result();
}

}  // namespace politeno::mail
