#include <catch2/catch.hpp>

#include "mail/html_text.h"

using namespace politeno::mail;

TEST_CASE("HTML becomes text with paragraphs and line breaks, without scripts or styles", "[html]") {
  const HtmlText h = html_to_text(
      "<html><head><style>p{color:red}</style><title>T</title></head><body>"
      "<p>Hi&nbsp;Jordan,</p><p>Would you be up for a <b>coffee</b>?<br>Best,<br>Sam</p>"
      "<script>alert(1)</script></body></html>");
  CHECK(h.text == "Hi Jordan,\n\nWould you be up for a coffee?\nBest,\nSam");
}

TEST_CASE("entities are decoded and list items are marked", "[html]") {
  const HtmlText h = html_to_text("<ul><li>caf&eacute; &amp; tea</li><li>two</li></ul>");
  CHECK(h.text == "- caf\xC3\xA9 & tea\n- two");
}

TEST_CASE("links, images and tracking pixels are counted", "[html]") {
  const HtmlText h = html_to_text(
      "<a href='https://a'>a</a><a href='https://b'>b</a><a name=x>no href</a>"
      "<img src='logo.png' width='200'><img src='t.gif' width='1' height='1'>"
      "<img src='u.gif' style='display: none'>");
  CHECK(h.stats.links == 2);
  CHECK(h.stats.images == 3);
  CHECK(h.stats.tracking_pixels == 2);
}

TEST_CASE("deeply nested and unclosed markup neither crashes nor loses text", "[html][hostile]") {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div><span>";
  html += "deep text";
  const HtmlText h = html_to_text(html);
  CHECK(h.text.find("deep text") != std::string::npos);
}

TEST_CASE("the output is bounded", "[html][limits]") {
  std::string html = "<p>";
  for (int i = 0; i < 100000; ++i) html += "word ";
  CHECK(html_to_text(html, 1000).text.size() <= 1000);
}
