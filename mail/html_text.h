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

// `html` must already be UTF-8. Scripts, styles and the head are dropped; <br>, block
// elements and table rows become line breaks; list items get "- ". Output is bounded by
// `max_output` bytes. Uses gumbo's HTML5 parser; its tree is walked without recursion.
std::string html_to_text(std::string_view html, size_t max_output = 1 << 20);

// Counts links, images and tracking pixels by scanning the tags alone (no tree is
// built): cheap enough for the HTML alternative that is not read as text. Comments and
// the contents of <script> and <style> are skipped; attribute values may be quoted.
HtmlStats html_stats(std::string_view html);

}  // namespace politeno::mail
