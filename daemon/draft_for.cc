#include "daemon/draft_for.h"

#include "reply/templates.h"

namespace politeno::daemon {

std::string draft_domain(const config::Identity& identity) {
  const std::string& a = identity.addresses.front();
  return a.substr(a.rfind('@') + 1);
}

reply::Draft draft_for(const config::Config& config, const config::Identity& identity, const config::Action& action,
                       const mail::Message& request, std::chrono::system_clock::time_point now) {
  reply::TemplateValues v;
  v.first_name = mail::first_name(request.from_address());
  v.sender_name = request.from_address().name;
  v.my_name = identity.name;
  v.resources = config.reply.resources;
  v.next_event = config.reply.next_event;
  v.signature = config.reply.signature;
  const reply::TemplateKind kind =
      action.draft == config::DraftTemplate::kOpenToFuture ? reply::TemplateKind::kOpenToFuture : reply::TemplateKind::kDecline;
  reply::DraftInput in;
  in.original = &request;
  in.from_name = identity.name;
  in.from_address = identity.addresses.front();
  for (const mail::Address& rcpt : request.to)
    for (const std::string& own : identity.addresses)
      if (rcpt.normalized() == own) in.from_address = own;
  in.body = reply::render_template(reply::template_text(config, kind), v);
  in.quote_original = config.reply.quote_original;
  in.now = now;
  return reply::compose_draft(in);
}

}  // namespace politeno::daemon
