// The reply templates: mustache (kainjow), plain text, rendered without HTML escaping.
// politeno's built-in texts are its own; `templates:` in the config replaces them.
#pragma once

#include <optional>

#include "config/config.h"
#include <string>
#include <vector>

namespace politeno::reply {

enum class TemplateKind { kOpenToFuture, kDecline };

// What a template may use.
struct TemplateValues {
  std::string first_name;          // the requester's given name; empty when unknown
  std::string sender_name;         // their display name
  std::string my_name;             // identity.name
  std::vector<std::string> resources;  // reply.resources
  std::string next_event;          // reply.next_event, may be empty
  std::string signature;           // reply.signature (defaults to identity.name)
};

// The built-in text of a template.
const std::string& builtin_template(TemplateKind kind);

// Checks a template's syntax; the error is mustache's own message.
std::optional<std::string> template_error(const std::string& text);

// Checks the config's templates; throws config::ConfigError at the template's position.
void validate_templates(const config::Config& config);

// The template text the config asks for (the built-in one when it gives none).
const std::string& template_text(const config::Config& config, TemplateKind kind);

// Renders `text` (assumed valid) with `values`. Variables:
//   {{first_name}} {{sender_name}} {{my_name}} {{signature}} {{next_event}}
//   {{#has_first_name}}...{{/has_first_name}} {{^has_first_name}}...{{/has_first_name}}
//   {{#resources}}{{.}}{{/resources}} {{#has_resources}}...{{/has_resources}}
//   {{#has_next_event}}...{{/has_next_event}}
// Values are inserted as they are (no HTML escaping), with line breaks removed.
std::string render_template(const std::string& text, const TemplateValues& values);

}  // namespace politeno::reply
