#include "imap/client.h"

#include "mail/ascii.h"
#include <algorithm>

#include "imap/mailbox_name.h"
#include "imap/sequence_set.h"

namespace politeno::imap {
namespace {

uint32_t as_u32(const Value& v) { return v.kind == Value::Kind::kNumber && v.number <= UINT32_MAX ? static_cast<uint32_t>(v.number) : 0; }

}  // namespace

// Note for this file and the others on coroutines: GCC 12 mishandles non-trivial
// temporaries inside a co_await expression (they are relocated without their copy
// constructor). Every such argument is bound to a named local first.

bool MailboxInfo::has_attribute(std::string_view a) const {
  const std::string want = mail::ascii_upper(a);
  return std::any_of(attributes.begin(), attributes.end(), [&](const std::string& x) { return mail::ascii_upper(x) == want; });
}

Client::Client(CurlMulti& multi, Timeouts timeouts)
    : connection_(std::make_unique<Connection>(multi)), session_(*connection_), timeouts_(timeouts) {}

awaitable<Result<std::unique_ptr<Client>>> Client::open(CurlMulti& multi, const Endpoint& endpoint,
                                                          const Credentials& credentials, Timeouts timeouts) {
  Result<std::unique_ptr<Client>> r;
  std::unique_ptr<Client> c(new Client(multi, timeouts));
  r.ec = co_await c->connection_->connect(endpoint, credentials, timeouts.connect);
  if (r.ec) {
    c->last_text_ = c->connection_->detail();
    r.value = std::move(c);  // kept so the caller can read last_server_text()
    co_return r;
  }
  r.ec = co_await c->refresh_capabilities();
  r.value = std::move(c);
  co_return r;
}

bool Client::has(std::string_view capability) const { return capabilities_.count(mail::ascii_upper(capability)) > 0; }

awaitable<CommandResult> Client::run(std::string_view command) {
  CommandResult r = co_await session_.run(command, timeouts_.command);
  last_text_ = r.tagged.text;
  last_code_ = r.tagged.code;
  co_return r;
}

awaitable<std::error_code> Client::refresh_capabilities() {
  CommandResult r = co_await run("CAPABILITY");
  if (r.ec) co_return r.ec;
  capabilities_.clear();
  for (const Response& u : r.untagged)
    if (u.name == "CAPABILITY")
      for (const Value& v : u.values) capabilities_.insert(mail::ascii_upper(v.text));
  co_return std::error_code();
}

std::string Client::mailbox_arg(std::string_view utf8) const {
  std::string name(utf8);
  if (!delimiter_.empty() && delimiter_ != "/")
    for (char& c : name)
      if (c == '/') c = delimiter_[0];
  return quote(encode_mailbox_name(name));
}

awaitable<std::string> Client::delimiter() {
  if (delimiter_.empty()) {
    const std::string cmd = "LIST \"\" \"\"";
    CommandResult r = co_await run(cmd);
    for (const Response& u : r.untagged)
      if (u.name == "LIST" && u.values.size() >= 2 && u.values[1].kind == Value::Kind::kString) delimiter_ = u.values[1].text;
    if (delimiter_.empty()) delimiter_ = "/";  // a flat server: '/' is then just a character
  }
  co_return delimiter_;
}

awaitable<Result<std::vector<MailboxInfo>>> Client::list() {
  Result<std::vector<MailboxInfo>> out;
  const bool special = has("SPECIAL-USE");
  const std::string cmd = special ? "LIST \"\" \"*\" RETURN (SPECIAL-USE)" : "LIST \"\" \"*\"";
  CommandResult r = co_await run(cmd);
  if ((out.ec = r.ec)) co_return out;
  for (const Response& u : r.untagged) {
    if (u.name != "LIST" || u.values.size() < 3) continue;
    MailboxInfo m;
    if (u.values[0].is_list())
      for (const Value& a : u.values[0].list) m.attributes.push_back(a.text);
    if (u.values[1].kind == Value::Kind::kString) m.delimiter = u.values[1].text;
    m.wire = u.values[2].text;
    m.name = decode_mailbox_name(m.wire).value_or(m.wire);
    if (!m.delimiter.empty()) {
      delimiter_ = m.delimiter;
      if (m.delimiter != "/")
        for (char& c : m.name)
          if (c == m.delimiter[0]) c = '/';
    }
    out.value.push_back(std::move(m));
  }
  co_return out;
}

std::optional<MailboxInfo> Client::find_special(const std::vector<MailboxInfo>& boxes, std::string_view special_use,
                                                std::string_view fallback) {
  for (const MailboxInfo& m : boxes)
    if (m.has_attribute(special_use)) return m;
  for (const MailboxInfo& m : boxes)
    if (mail::ascii_upper(m.name) == mail::ascii_upper(fallback)) return m;
  return std::nullopt;
}

awaitable<std::error_code> Client::create(std::string_view name) {
  co_await delimiter();
  const std::string cmd = "CREATE " + mailbox_arg(name);
  CommandResult r = co_await run(cmd);
  if (r.ec == Errc::kNo && (r.tagged.code == "ALREADYEXISTS" || r.tagged.text.find("exists") != std::string::npos))
    co_return std::error_code();
  co_return r.ec;
}

awaitable<Result<SelectInfo>> Client::select(std::string_view mailbox, bool read_only) {
  Result<SelectInfo> out;
  co_await delimiter();
  // With CONDSTORE the server reports HIGHESTMODSEQ (RFC 7162 3.1.8).
  const std::string cmd = std::string(read_only ? "EXAMINE " : "SELECT ") + mailbox_arg(mailbox) +
                          (has("CONDSTORE") ? " (CONDSTORE)" : "");
  CommandResult r = co_await run(cmd);
  if ((out.ec = r.ec)) co_return out;
  for (const Response& u : r.untagged) {
    if (u.name == "EXISTS" && u.number) out.value.exists = static_cast<uint32_t>(*u.number);
    if (u.code == "UIDVALIDITY" && !u.code_values.empty()) out.value.uidvalidity = as_u32(u.code_values[0]);
    if (u.code == "UIDNEXT" && !u.code_values.empty()) out.value.uidnext = as_u32(u.code_values[0]);
    if (u.code == "HIGHESTMODSEQ" && !u.code_values.empty()) out.value.highestmodseq = u.code_values[0].number;
  }
  out.value.read_only = r.tagged.code == "READ-ONLY";
  co_return out;
}

awaitable<Result<std::vector<uint32_t>>> Client::uid_search(std::string_view criteria) {
  Result<std::vector<uint32_t>> out;
  const std::string cmd = "UID SEARCH " + std::string(criteria);
  CommandResult r = co_await run(cmd);
  if ((out.ec = r.ec)) co_return out;
  for (const Response& u : r.untagged)
    if (u.name == "SEARCH")
      for (const Value& v : u.values)
        if (const uint32_t n = as_u32(v)) out.value.push_back(n);
  std::sort(out.value.begin(), out.value.end());
  co_return out;
}

awaitable<Result<std::vector<FetchedMessage>>> Client::uid_fetch(const std::vector<uint32_t>& uids, size_t prefix_bytes) {
  // The server answers BODY[]<0> (the origin only) for a partial fetch.
  return fetch(uids, "BODY.PEEK[]<0." + std::to_string(prefix_bytes) + ">", {"BODY[]<0>", "BODY[]"}, prefix_bytes);
}

awaitable<Result<std::vector<FetchedMessage>>> Client::uid_fetch_headers(const std::vector<uint32_t>& uids, size_t max_bytes) {
  return fetch(uids, "BODY.PEEK[HEADER]", {"BODY[HEADER]"}, max_bytes);
}

awaitable<Result<std::vector<FetchedMessage>>> Client::fetch(std::vector<uint32_t> uids, std::string section,
                                                             std::vector<std::string> items, size_t max_bytes) {
  Result<std::vector<FetchedMessage>> out;
  for (const std::string& set : batched_sequence_sets(uids, kMaxUidsPerCommand)) {
    const std::string cmd = "UID FETCH " + set + " (UID FLAGS INTERNALDATE RFC822.SIZE " + section + ")";
    CommandResult r = co_await run(cmd);
    if ((out.ec = r.ec)) co_return out;
    for (const Response& u : r.untagged) {
      if (u.name != "FETCH") continue;
      FetchedMessage m;
      if (const Value* v = fetch_item(u, "UID")) m.uid = as_u32(*v);
      if (m.uid == 0) continue;  // an unsolicited FETCH (flag change) without UID
      if (const Value* v = fetch_item(u, "FLAGS"); v && v->is_list())
        for (const Value& f : v->list) m.flags.push_back(f.text);
      if (const Value* v = fetch_item(u, "INTERNALDATE")) m.internaldate = v->text;
      if (const Value* v = fetch_item(u, "RFC822.SIZE")) m.size = v->number;
      for (const std::string& name : items)
        if (const Value* v = fetch_item(u, name)) {
          m.prefix = v->text.substr(0, max_bytes);
          break;
        }
      out.value.push_back(std::move(m));
    }
  }
  std::sort(out.value.begin(), out.value.end(), [](const auto& a, const auto& b) { return a.uid < b.uid; });
  co_return out;
}

awaitable<std::error_code> Client::uid_store(const std::vector<uint32_t>& uids, bool add, const std::vector<std::string>& flags) {
  std::string list;
  for (const std::string& f : flags) {
    if (f.empty() || f.find_first_of(" ()\"\r\n{%*]") != std::string::npos) co_return Errc::kBad;
    list += (list.empty() ? "" : " ") + f;
  }
  for (const std::string& set : batched_sequence_sets(uids, kMaxUidsPerCommand)) {
    const std::string cmd = "UID STORE " + set + (add ? " +FLAGS.SILENT (" : " -FLAGS.SILENT (") + list + ")";
    CommandResult r = co_await run(cmd);
    if (r.ec) co_return r.ec;
  }
  co_return std::error_code();
}

awaitable<std::error_code> Client::uid_move(const std::vector<uint32_t>& uids, std::string_view destination) {
  co_await delimiter();
  const std::string dest = mailbox_arg(destination);
  for (const std::string& set : batched_sequence_sets(uids, kMaxUidsPerCommand)) {
    if (has("MOVE")) {
      const std::string cmd = "UID MOVE " + set + " " + dest;
      CommandResult r = co_await run(cmd);
      if (r.ec) co_return r.ec;
      continue;
    }
    // COPY, then mark and expunge exactly these UIDs: never a bare EXPUNGE, which would
    // also remove messages the user had marked \Deleted.
    const std::string copy = "UID COPY " + set + " " + dest;
    CommandResult c = co_await run(copy);
    if (c.ec) co_return c.ec;
    if (!has("UIDPLUS")) co_return Errc::kUnsupported;  // copied; originals stay, untouched
    const std::string store = "UID STORE " + set + " +FLAGS.SILENT (\\Deleted)";
    CommandResult s = co_await run(store);
    if (s.ec) co_return s.ec;
    const std::string expunge = "UID EXPUNGE " + set;
    CommandResult e = co_await run(expunge);
    if (e.ec) co_return e.ec;
  }
  co_return std::error_code();
}

awaitable<Result<uint32_t>> Client::append(std::string_view mailbox, const std::vector<std::string>& flags,
                                           std::string_view message) {
  Result<uint32_t> out;
  co_await delimiter();
  std::string list;
  for (const std::string& f : flags) {
    if (f.empty() || f.find_first_of(" ()\"\r\n{%*]") != std::string::npos) {
      out.ec = Errc::kBad;
      co_return out;
    }
    list += (list.empty() ? "" : " ") + f;
  }
  const std::string head = "APPEND " + mailbox_arg(mailbox) + " (" + list + ")";
  CommandResult r = co_await session_.run_with_literal(head, message, has("LITERAL+"), timeouts_.command);
  last_text_ = r.tagged.text;
  last_code_ = r.tagged.code;
  if ((out.ec = r.ec)) co_return out;
  if (r.tagged.code == "APPENDUID" && r.tagged.code_values.size() >= 2) out.value = as_u32(r.tagged.code_values[1]);
  co_return out;
}

awaitable<Result<bool>> Client::idle(std::chrono::milliseconds max) {
  Result<bool> out;
  if (!has("IDLE")) {
    out.ec = Errc::kUnsupported;
    co_return out;
  }
  const auto capped = std::min<std::chrono::milliseconds>(max, std::chrono::minutes(25));
  auto [ec, news] = co_await session_.idle(capped, timeouts_.command);
  out.ec = ec;
  out.value = news;
  co_return out;
}

awaitable<std::error_code> Client::logout() {
  CommandResult r = co_await run("LOGOUT");
  connection_->close();
  co_return r.ec == Errc::kConnectionLost || r.ec == Errc::kServerBye ? std::error_code() : r.ec;
}

}  // namespace politeno::imap
