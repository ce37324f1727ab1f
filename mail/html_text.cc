#include "mail/html_text.h"

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

const char* attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

bool tiny(const char* v) {
  if (!v) return false;
  return std::atoi(v) <= 1 && std::strspn(v, " 01px") == std::strlen(v);
}

bool hidden_style(const char* style) {
  if (!style) return false;
  std::string s;
  for (const char* p = style; *p; ++p)
    if (*p != ' ') s.push_back(static_cast<char>(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
  return s.find("display:none") != std::string::npos || s.find("width:1px") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

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

  HtmlText result() {
    // Trim trailing white space.
    while (!out_.text.empty() && (out_.text.back() == '\n' || out_.text.back() == ' ')) out_.text.pop_back();
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
    if (e.tag == GUMBO_TAG_A && attr(e, "href")) ++out_.stats.links;
    if (e.tag == GUMBO_TAG_IMG) {
      ++out_.stats.images;
      const bool small = tiny(attr(e, "width")) && tiny(attr(e, "height"));
      if (small || hidden_style(attr(e, "style"))) ++out_.stats.tracking_pixels;
    }
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
    if (!out_.text.empty() && out_.text.back() != ' ' && out_.text.back() != '\n') put(' ');
  }

  void newline(int want) {
    while (!out_.text.empty() && out_.text.back() == ' ') out_.text.pop_back();
    if (out_.text.empty()) return;
    int have = 0;
    for (auto it = out_.text.rbegin(); it != out_.text.rend() && *it == '\n'; ++it) ++have;
    while (have++ < want) put('\n');
  }

  void emit(const char* s) {
    for (const char* p = s; *p; ++p) put(*p);
  }

  void put(char c) {
    if (out_.text.size() < max_) out_.text.push_back(c);
  }

  size_t max_;
  HtmlText out_;
};

}  // namespace

HtmlText html_to_text(std::string_view html, size_t max_output) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 100;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  Walker walker(max_output);
  walker.walk(output->document);
  gumbo_destroy_output(&options, output);
  return walker.result();
}

}  // namespace politeno::mail
