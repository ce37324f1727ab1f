#include "reply/templates.h"

#include <kainjow/mustache.hpp>

namespace politeno::reply {
namespace {

// Written for politeno. Short, warm, and easy to edit before sending.
const std::string kOpenToFuture =
    "Hi{{#has_first_name}} {{first_name}}{{/has_first_name}},\n"
    "\n"
    "Thank you for getting in touch, and for thinking of me. I'm not able to take this on\n"
    "right now - my plate is full for the next while - but I'd be glad to stay in touch\n"
    "and pick this up again when things are calmer.\n"
    "{{#has_resources}}\n"
    "\n"
    "In the meantime, these may help:\n"
    "{{#resources}}\n"
    "- {{.}}\n"
    "{{/resources}}\n"
    "{{/has_resources}}\n"
    "{{#has_next_event}}\n"
    "\n"
    "I also expect to be at {{next_event}}; if you're there too, please come and say hello.\n"
    "{{/has_next_event}}\n"
    "\n"
    "Wishing you the best with it,\n"
    "{{signature}}\n";

const std::string kDecline =
    "Hi{{#has_first_name}} {{first_name}}{{/has_first_name}},\n"
    "\n"
    "Thank you for reaching out - I appreciate you thinking of me. I'm keeping my time\n"
    "focused on my existing commitments and network at the moment, so I won't be able to\n"
    "help with this.\n"
    "\n"
    "I wish you every success.\n"
    "\n"
    "Best regards,\n"
    "{{signature}}\n";

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n') c = ' ';
  return s;
}

}  // namespace

const std::string& builtin_template(TemplateKind kind) {
  return kind == TemplateKind::kOpenToFuture ? kOpenToFuture : kDecline;
}

std::optional<std::string> template_error(const std::string& text) {
  kainjow::mustache::mustache m(text);
  if (m.is_valid()) return std::nullopt;
  return m.error_message();
}

void validate_templates(const config::Config& c) {
  const struct {
    const std::string& text;
    config::Mark mark;
    const char* name;
  } all[] = {{c.templates.open_to_future, c.templates.open_to_future_mark, "open_to_future"},
             {c.templates.decline, c.templates.decline_mark, "decline"}};
  for (const auto& t : all) {
    if (t.text.empty()) continue;
    if (auto e = template_error(t.text))
      throw config::ConfigError(c.source, t.mark, std::string("template '") + t.name + "' is not valid mustache: " + *e);
  }
}

const std::string& template_text(const config::Config& c, TemplateKind kind) {
  const std::string& own = kind == TemplateKind::kOpenToFuture ? c.templates.open_to_future : c.templates.decline;
  return own.empty() ? builtin_template(kind) : own;
}

std::string render_template(const std::string& text, const TemplateValues& v) {
  kainjow::mustache::mustache m(text);
  if (!m.is_valid()) return std::string();
  m.set_custom_escape([](const std::string& s) { return s; });  // plain text, not HTML
  kainjow::mustache::data d;
  d.set("first_name", one_line(v.first_name));
  d.set("has_first_name", v.first_name.empty() ? kainjow::mustache::data(false) : kainjow::mustache::data(true));
  d.set("sender_name", one_line(v.sender_name));
  d.set("my_name", one_line(v.my_name));
  d.set("signature", one_line(v.signature.empty() ? v.my_name : v.signature));
  d.set("next_event", one_line(v.next_event));
  d.set("has_next_event", v.next_event.empty() ? kainjow::mustache::data(false) : kainjow::mustache::data(true));
  kainjow::mustache::data list{kainjow::mustache::data::type::list};
  for (const std::string& r : v.resources) list.push_back(kainjow::mustache::data(one_line(r)));
  d.set("resources", list);
  d.set("has_resources", v.resources.empty() ? kainjow::mustache::data(false) : kainjow::mustache::data(true));
  return m.render(d);
}

}  // namespace politeno::reply
