#include <catch2/catch.hpp>

#include "mail/html_text.h"

using namespace politeno::mail;

TEST_CASE("HTML becomes text with paragraphs and line breaks, without scripts or styles", "[html]") {
  const std::string t = html_to_text(
      "<html><head><style>p{color:red}</style><title>T</title></head><body>"
      "<p>Hi&nbsp;Jordan,</p><p>Would you be up for a <b>coffee</b>?<br>Best,<br>Sam</p>"
      "<script>alert(1)</script></body></html>");
  CHECK(t == "Hi Jordan,\n\nWould you be up for a coffee?\nBest,\nSam");
}

TEST_CASE("entities are decoded and list items are marked", "[html]") {
  CHECK(html_to_text("<ul><li>caf&eacute; &amp; tea</li><li>two</li></ul>") == "- caf\xC3\xA9 & tea\n- two");
}

TEST_CASE("links, images and tracking pixels are counted", "[html]") {
  const HtmlStats h = html_stats(
      "<a href='https://a'>a</a><A HREF=\"https://b\">b</a><a name=x>no href</a>"
      "<img src='logo.png' width='200'><img src='t.gif' width='1' height='1'>"
      "<img src=u.gif style='display: none'><img width=\"1px\" height=\"1px\" alt='>'>");
  CHECK(h.links == 2);
  CHECK(h.images == 4);
  CHECK(h.tracking_pixels == 3);
}

TEST_CASE("tags inside comments, scripts and styles are not counted", "[html]") {
  const HtmlStats h = html_stats(
      "<!-- <a href=x>hidden</a> --><script>var s = '<img width=1 height=1>';</script>"
      "<style>a{}</style><a href=y>real</a>");
  CHECK(h.links == 1);
  CHECK(h.images == 0);
}

TEST_CASE("counting unterminated markup stops cleanly", "[html][hostile]") {
  CHECK_NOTHROW(html_stats("<a href=\"never closed"));
  CHECK_NOTHROW(html_stats("<!-- open comment <img>"));
  CHECK_NOTHROW(html_stats("<script> no end"));
  CHECK(html_stats("<<<<>>>>").images == 0);
}

TEST_CASE("deeply nested and unclosed markup neither crashes nor loses text", "[html][hostile]") {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div><span>";
  html += "deep text";
  CHECK(html_to_text(html).find("deep text") != std::string::npos);
}

TEST_CASE("the output is bounded", "[html][limits]") {
  std::string html = "<p>";
  for (int i = 0; i < 100000; ++i) html += "word ";
  CHECK(html_to_text(html, 1000).size() <= 1000);
}
