#include "daemon/sent_index.h"

#include "imap/dates.h"
#include "mail/mime_parser.h"

namespace politeno::daemon {

std::string sent_folder(const config::Account& account, const std::vector<imap::MailboxInfo>& boxes) {
  if (account.sent != "auto") return account.sent;
  auto found = imap::Client::find_special(boxes, "\\Sent", "Sent");
  return found ? found->name : "";
}

awaitable<std::error_code> index_sent(imap::Client& c, const std::string& account, const std::string& sent,
                                      StateStore& store, bool dry_run, int64_t now_s) {
  auto opened = co_await c.select(sent, true);
  if (opened.ec) co_return opened.ec;
  const auto progress = store.progress(account, sent);
  const uint32_t from = progress && progress->uidvalidity == opened.value.uidvalidity ? progress->next_uid : 1;
  if (opened.value.uidnext != 0 && from >= opened.value.uidnext) co_return std::error_code();  // nothing new
  const std::string range = "UID " + std::to_string(from) + ":*";
  auto uids = co_await c.uid_search(range);
  if (uids.ec) co_return uids.ec;
  std::vector<uint32_t> todo;
  for (uint32_t u : uids.value)
    if (u >= from) todo.push_back(u);  // "n:*" always includes the last message
  if (todo.empty() || dry_run) co_return std::error_code();
  auto fetched = co_await c.uid_fetch(todo, 16 * 1024);  // the header is enough
  if (fetched.ec) co_return fetched.ec;
  const bool ok = store.transaction([&] {
    for (const imap::FetchedMessage& f : fetched.value) {
      const mail::Message m = mail::parse_message(f.prefix);
      if (m.message_id.empty()) continue;
      std::vector<std::string> rcpts;
      for (const auto* list : {&m.to, &m.cc})
        for (const mail::Address& a : *list) rcpts.push_back(a.normalized());
      if (!store.add_sent(account, m.message_id, rcpts, imap::parse_internaldate(f.internaldate).value_or(now_s), m.in_reply_to)) return false;
    }
    return store.set_progress(account, sent, {opened.value.uidvalidity, todo.back() + 1});
  });
  co_return ok ? std::error_code() : std::make_error_code(std::errc::io_error);
}

}  // namespace politeno::daemon
