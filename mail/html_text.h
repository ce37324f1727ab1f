// Turns an HTML body into readable plain text with the gumbo HTML5 parser, and counts
// the machinery of bulk mail that the classifier looks at.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace politeno::mail {

struct HtmlStats {
  size_t links = 0;            // <a href=...>
  size_t images = 0;           // <img>
  size_t tracking_pixels = 0;  // <img> of 1x1 or 0x0 size, or hidden
};

struct HtmlText {
  std::string text;  // UTF-8, blocks separated by newlines, no markup
  HtmlStats stats;
};

// `html` must already be UTF-8. Scripts, styles and the head are dropped; <br>, block
// elements and table rows become line breaks; list items get "- ". Output is bounded by
// `max_output` bytes; nesting beyond gumbo's own limits is handled by gumbo.
HtmlText html_to_text(std::string_view html, size_t max_output = 1 << 20);

}  // namespace politeno::mail
