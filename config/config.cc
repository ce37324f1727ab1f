#include "config/config.h"

#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace politeno::config {
namespace {

Mark mark_of(const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  if (m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

const char* kind_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "an undefined value";
  }
}

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const YAML::Node& n, const std::string& message) const {
    throw ConfigError(source_, mark_of(n), message);
  }

  void expect_map(const YAML::Node& n, const std::string& what) const {
    if (!n.IsMap()) fail(n, "expected a mapping for '" + what + "', found " + kind_name(n));
  }

  // Every key of `n` must be in `allowed`.
  void only_keys(const YAML::Node& n, const std::string& what, const std::set<std::string>& allowed) const {
    for (const auto& kv : n) {
      const std::string key = kv.first.Scalar();
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(kv.first, "unknown key '" + key + "' in '" + what + "'; expected one of: " + list);
      }
    }
  }

  std::string string(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(n, "expected a string for '" + what + "', found " + kind_name(n));
    return n.Scalar();
  }

  std::vector<std::string> strings(const YAML::Node& n, const std::string& what) const {
    std::vector<std::string> out;
    if (n.IsNull()) return out;
    if (!n.IsSequence()) fail(n, "expected a list of strings for '" + what + "', found " + kind_name(n));
    for (const auto& item : n) out.push_back(string(item, what + " entry"));
    return out;
  }

  double number(const YAML::Node& n, const std::string& what) const {
    if (n.IsScalar()) {
      try {
        const double d = n.as<double>();
        if (std::isfinite(d)) return d;
      } catch (const YAML::Exception&) {
      }
    }
    fail(n, "expected a number for '" + what + "', found " + (n.IsScalar() ? "\"" + n.Scalar() + "\"" : kind_name(n)));
  }

  int whole_number(const YAML::Node& n, const std::string& what, int min, int max) const {
    if (n.IsScalar()) {
      const std::string& s = n.Scalar();
      if (!s.empty() && s.size() < 10 && s.find_first_not_of("0123456789") == std::string::npos) {
        const int v = std::stoi(s);
        if (v >= min && v <= max) return v;
        fail(n, "'" + what + "' must be between " + std::to_string(min) + " and " + std::to_string(max) + ", found " + s);
      }
    }
    fail(n, "expected a whole number for '" + what + "', found " + (n.IsScalar() ? "\"" + n.Scalar() + "\"" : kind_name(n)));
  }

  std::chrono::year_month_day date(const YAML::Node& n, const std::string& what) const {
    const std::string s = n.IsScalar() ? n.Scalar() : std::string();
    if (s.size() == 10 && s[4] == '-' && s[7] == '-' &&
        s.find_first_not_of("0123456789-") == std::string::npos) {
      const std::chrono::year_month_day d{std::chrono::year(std::stoi(s.substr(0, 4))),
                                          std::chrono::month(static_cast<unsigned>(std::stoi(s.substr(5, 2)))),
                                          std::chrono::day(static_cast<unsigned>(std::stoi(s.substr(8, 2))))};
      if (d.ok()) return d;
    }
    fail(n, "expected a date YYYY-MM-DD for '" + what + "', found " + (n.IsScalar() ? "\"" + s + "\"" : kind_name(n)));
  }

  void senders(const YAML::Node& n, const std::string& what, SenderList* out) const {
    if (n.IsNull()) return;
    if (!n.IsSequence()) fail(n, "expected a list of addresses or domains for '" + what + "', found " + kind_name(n));
    for (const auto& item : n) {
      const std::string s = string(item, what + " entry");
      if (!out->add(s)) {
        fail(item, "expected an address (name@example.com) or a domain (@example.com) in '" + what + "', found \"" + s + "\"");
      }
    }
  }

 private:
  std::string source_;
};

void read_identity(const Reader& r, const YAML::Node& n, Identity* id) {
  r.expect_map(n, "identity");
  r.only_keys(n, "identity", {"name", "addresses"});
  if (n["name"]) id->name = r.string(n["name"], "identity.name");
  if (n["addresses"]) {
    const auto list = r.strings(n["addresses"], "identity.addresses");
    size_t i = 0;
    for (const std::string& a : list) {
      SenderList probe;
      if (a.find('@') == std::string::npos || a.front() == '@' || !probe.add(a)) {
        r.fail(n["addresses"][i], "expected an email address in 'identity.addresses', found \"" + a + "\"");
      }
      id->addresses.push_back(probe.entries().front().value);
      ++i;
    }
  }
}

std::chrono::seconds read_duration(const Reader& r, const YAML::Node& n, const std::string& what) {
  const std::string s = n.IsScalar() ? n.Scalar() : std::string();
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  const std::string unit = s.substr(digits);
  long mult = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : 0;
  if (digits == 0 || digits > 6 || mult == 0) r.fail(n, "expected a duration such as 30s, 5m or 1h for '" + what + "', found \"" + s + "\"");
  const long v = std::stol(s.substr(0, digits)) * mult;
  if (v < 1 || v > 86400) r.fail(n, "'" + what + "' must be between 1s and 24h");
  return std::chrono::seconds(v);
}

bool read_bool(const Reader& r, const YAML::Node& n, const std::string& what) {
  const std::string s = n.IsScalar() ? n.Scalar() : std::string();
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  r.fail(n, "expected true or false for '" + what + "', found \"" + s + "\"");
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

void read_identity(const Reader& r, const YAML::Node& n, Identity* id);

bool is_keyword(const std::string& k) {
  if (k.empty() || k.size() > 100) return false;
  for (char c : k) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '(' || c == ')' || c == '{' || c == '%' || c == '*' || c == '"' || c == '\\' || c == ']')
      return false;
  }
  return true;
}

void read_action(const Reader& r, const YAML::Node& n, const std::string& verdict, Action* a) {
  const std::string where = "actions." + verdict;
  if (n.IsNull()) {
    *a = Action{};
    return;
  }
  r.expect_map(n, where);
  r.only_keys(n, where, {"folder", "keywords", "draft"});
  *a = Action{};  // a configured action replaces the default entirely
  if (n["folder"]) {
    a->folder = r.string(n["folder"], where + ".folder");
    if (a->folder.empty() || a->folder.find_first_of("\r\n") != std::string::npos)
      r.fail(n["folder"], "expected a folder name for '" + where + ".folder'");
  }
  if (n["keywords"]) {
    a->keywords = r.strings(n["keywords"], where + ".keywords");
    for (size_t i = 0; i < a->keywords.size(); ++i)
      if (!is_keyword(a->keywords[i]))
        r.fail(n["keywords"][i], "expected an IMAP keyword (no spaces or ()\"%*{]) in '" + where + ".keywords', found \"" + a->keywords[i] + "\"");
  }
  if (n["draft"]) {
    const std::string d = n["draft"].IsNull() ? "none" : r.string(n["draft"], where + ".draft");
    if (d == "open_to_future") a->draft = DraftTemplate::kOpenToFuture;
    else if (d == "decline") a->draft = DraftTemplate::kDecline;
    else if (d == "none") a->draft = DraftTemplate::kNone;
    else r.fail(n["draft"], "expected open_to_future, decline or none for '" + where + ".draft', found \"" + d + "\"");
  }
}

void read_accounts(const Reader& r, const YAML::Node& n, bool file_private, std::vector<Account>* out) {
  if (n.IsNull()) return;
  if (!n.IsSequence()) r.fail(n, std::string("expected a list of accounts for 'accounts', found ") + kind_name(n));
  for (const auto& a : n) {
    r.expect_map(a, "accounts entry");
    r.only_keys(a, "accounts entry", {"name", "host", "port", "tls", "tls_ca_file", "tls_verify", "username", "password",
                                      "password_file", "password_command", "oauth2_token_command", "inbox", "drafts",
                                      "sent", "poll_interval", "idle", "identity"});
    Account acc;
    acc.mark = mark_of(a);
    if (!a["name"]) r.fail(a, "an account needs a 'name'");
    acc.name = r.string(a["name"], "accounts.name");
    const std::string where = "accounts." + acc.name;
    for (const Account& other : *out)
      if (other.name == acc.name) r.fail(a["name"], "a second account named '" + acc.name + "'; names must be unique");
    if (!a["host"]) r.fail(a, "account '" + acc.name + "' needs a 'host'");
    acc.host = r.string(a["host"], where + ".host");
    if (a["tls"]) {
      const std::string t = r.string(a["tls"], where + ".tls");
      if (t == "implicit") acc.tls = AccountTls::kImplicit;
      else if (t == "starttls") acc.tls = AccountTls::kStartTls;
      else if (t == "none") acc.tls = AccountTls::kNone;
      else r.fail(a["tls"], "expected implicit, starttls or none for '" + where + ".tls', found \"" + t + "\"");
      if (acc.tls == AccountTls::kNone && !is_loopback(acc.host))
        r.fail(a["tls"], "'tls: none' is allowed only to a loopback host; '" + acc.host + "' is not");
    }
    acc.port = acc.tls == AccountTls::kImplicit ? 993 : 143;
    if (a["port"]) acc.port = static_cast<uint16_t>(r.whole_number(a["port"], where + ".port", 1, 65535));
    if (a["tls_ca_file"]) acc.tls_ca_file = r.string(a["tls_ca_file"], where + ".tls_ca_file");
    if (a["tls_verify"]) acc.tls_verify = read_bool(r, a["tls_verify"], where + ".tls_verify");
    if (!a["username"]) r.fail(a, "account '" + acc.name + "' needs a 'username'");
    acc.username = r.string(a["username"], where + ".username");
    int sources = 0;
    for (const char* key : {"password", "password_file", "password_command", "oauth2_token_command"}) {
      if (!a[key]) continue;
      if (++sources > 1) r.fail(a[key], "account '" + acc.name + "' has more than one of password, password_file, password_command, oauth2_token_command");
      acc.secret = r.string(a[key], where + "." + key);
      const std::string k = key;
      acc.secret_source = k == "password" ? SecretSource::kInline : k == "password_file" ? SecretSource::kFile
                          : k == "password_command" ? SecretSource::kCommand : SecretSource::kOAuth2Command;
      if (acc.secret_source == SecretSource::kInline && !file_private)
        r.fail(a[key], "a password written in the config is accepted only when the file is readable by its owner alone "
                       "(chmod 600); better, use password_file, password_command or a systemd credential");
    }
    if (sources == 0) r.fail(a, "account '" + acc.name + "' needs one of password_file, password_command, oauth2_token_command or password");
    if (a["inbox"]) acc.inbox = r.string(a["inbox"], where + ".inbox");
    if (a["drafts"]) acc.drafts = r.string(a["drafts"], where + ".drafts");
    if (a["sent"]) acc.sent = r.string(a["sent"], where + ".sent");
    if (a["poll_interval"]) acc.poll_interval = read_duration(r, a["poll_interval"], where + ".poll_interval");
    if (a["idle"]) acc.idle = read_bool(r, a["idle"], where + ".idle");
    if (a["identity"]) {
      Identity id;
      read_identity(r, a["identity"], &id);
      if (id.addresses.empty()) r.fail(a["identity"], "an account's identity needs at least one address");
      acc.identity = std::move(id);
    }
    out->push_back(std::move(acc));
  }
}

void read_reply(const Reader& r, const YAML::Node& n, ReplySettings* rs) {
  if (n.IsNull()) return;
  r.expect_map(n, "reply");
  r.only_keys(n, "reply", {"resources", "next_event", "signature", "quote_original", "draft_once_per_days"});
  if (n["resources"]) rs->resources = r.strings(n["resources"], "reply.resources");
  if (n["next_event"]) rs->next_event = r.string(n["next_event"], "reply.next_event");
  if (n["signature"]) rs->signature = r.string(n["signature"], "reply.signature");
  if (n["quote_original"]) rs->quote_original = read_bool(r, n["quote_original"], "reply.quote_original");
  if (n["draft_once_per_days"])
    rs->draft_once_per_days = r.whole_number(n["draft_once_per_days"], "reply.draft_once_per_days", 0, 3650);
}

void read_templates(const Reader& r, const YAML::Node& n, TemplateTexts* t) {
  if (n.IsNull()) return;
  r.expect_map(n, "templates");
  r.only_keys(n, "templates", {"open_to_future", "decline"});
  if (n["open_to_future"]) {
    t->open_to_future = r.string(n["open_to_future"], "templates.open_to_future");
    t->open_to_future_mark = mark_of(n["open_to_future"]);
  }
  if (n["decline"]) {
    t->decline = r.string(n["decline"], "templates.decline");
    t->decline_mark = mark_of(n["decline"]);
  }
}

void read_rules(const Reader& r, const YAML::Node& n, RuleOverrides* rules) {
  if (n.IsNull()) return;
  r.expect_map(n, "rules");
  r.only_keys(n, "rules", {"signals", "thresholds"});
  if (const YAML::Node s = n["signals"]; s && !s.IsNull()) {
    r.expect_map(s, "rules.signals");
    for (const auto& kv : s) {
      const std::string name = kv.first.Scalar();
      const std::string where = "rules.signals." + name;
      const YAML::Node& v = kv.second;
      r.expect_map(v, where);
      if (v["weight"] || v["cap"])
        r.fail(v["weight"] ? v["weight"] : v["cap"],
                          "'" + where + "': weights are learned now, not set (see 'politeno train'); a signal takes "
                          "'max_hits', 'phrases', 'add' and 'remove'");
      r.only_keys(v, where, {"max_hits", "phrases", "add", "remove"});
      SignalOverride o;
      o.mark = mark_of(kv.first);
      if (v["max_hits"]) o.max_hits = r.whole_number(v["max_hits"], where + ".max_hits", 1, 100);
      if (v["phrases"]) o.phrases = r.strings(v["phrases"], where + ".phrases");
      if (v["add"]) o.add = r.strings(v["add"], where + ".add");
      if (v["remove"]) o.remove = r.strings(v["remove"], where + ".remove");
      rules->signals[name] = std::move(o);
    }
  }
  if (const YAML::Node t = n["thresholds"]; t && !t.IsNull()) {
    r.expect_map(t, "rules.thresholds");
    for (const auto& kv : t) {
      const std::string name = kv.first.Scalar();
      rules->thresholds[name] = {r.number(kv.second, "rules.thresholds." + name), mark_of(kv.first)};
    }
  }
}

}  // namespace

Config parse_config(const std::string& yaml, const std::string& source, bool file_private) {
  Reader r(source);
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(source, {e.mark.line + 1, e.mark.column + 1}, "YAML syntax: " + e.msg);
  }
  Config c;
  c.source = source;
  if (root.IsNull()) throw ConfigError(source, {}, "the file is empty; expected a mapping with at least 'identity'");
  r.expect_map(root, "the top level");
  r.only_keys(root, "the top level", {"identity", "senders", "capacity", "rules", "accounts", "actions", "reply",
                                      "templates", "state_dir", "dry_run", "backfill_days", "model"});
  try {
    if (!root["identity"]) throw ConfigError(source, mark_of(root), "missing 'identity' (name and addresses of the mailbox owner)");
    read_identity(r, root["identity"], &c.identity);
    if (c.identity.addresses.empty()) {
      throw ConfigError(source, mark_of(root["identity"]), "'identity.addresses' needs at least one address");
    }
    if (const YAML::Node s = root["senders"]; s && !s.IsNull()) {
      r.expect_map(s, "senders");
      r.only_keys(s, "senders", {"trusted", "known", "reputation_concerns", "negative_history"});
      if (s["trusted"]) r.senders(s["trusted"], "senders.trusted", &c.senders.trusted);
      if (s["known"]) r.senders(s["known"], "senders.known", &c.senders.known);
      if (s["reputation_concerns"]) r.senders(s["reputation_concerns"], "senders.reputation_concerns", &c.senders.reputation_concerns);
      if (s["negative_history"]) r.senders(s["negative_history"], "senders.negative_history", &c.senders.negative_history);
    }
    if (const YAML::Node cap = root["capacity"]; cap && !cap.IsNull()) {
      r.expect_map(cap, "capacity");
      r.only_keys(cap, "capacity", {"max_accepted_per_week", "busy_until"});
      if (cap["max_accepted_per_week"])
        c.capacity.max_accepted_per_week = r.whole_number(cap["max_accepted_per_week"], "capacity.max_accepted_per_week", 0, 10000);
      if (cap["busy_until"] && !cap["busy_until"].IsNull()) c.capacity.busy_until = r.date(cap["busy_until"], "capacity.busy_until");
    }
    if (root["rules"]) read_rules(r, root["rules"], &c.rules);
    if (root["accounts"]) read_accounts(r, root["accounts"], file_private, &c.accounts);
    if (const YAML::Node a = root["actions"]; a && !a.IsNull()) {
      r.expect_map(a, "actions");
      r.only_keys(a, "actions", {"not_request", "welcome", "decline_later", "decline"});
      if (a["not_request"]) read_action(r, a["not_request"], "not_request", &c.actions.not_request);
      if (a["welcome"]) read_action(r, a["welcome"], "welcome", &c.actions.welcome);
      if (a["decline_later"]) read_action(r, a["decline_later"], "decline_later", &c.actions.decline_later);
      if (a["decline"]) read_action(r, a["decline"], "decline", &c.actions.decline);
    }
    if (root["reply"]) read_reply(r, root["reply"], &c.reply);
    if (root["templates"]) read_templates(r, root["templates"], &c.templates);
    if (root["state_dir"]) c.state_dir = r.string(root["state_dir"], "state_dir");
    if (root["model"]) {
      c.model = r.string(root["model"], "model");
      c.model_mark = mark_of(root["model"]);
      if (c.model.empty()) r.fail(root["model"], "'model' names a model file (from 'politeno train'); leave it out for the built-in one");
    }
    if (root["dry_run"]) c.dry_run = read_bool(r, root["dry_run"], "dry_run");
    if (root["backfill_days"]) c.backfill_days = r.whole_number(root["backfill_days"], "backfill_days", 0, 36500);
  } catch (const YAML::Exception& e) {
    throw ConfigError(source, {e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
  return c;
}

Config load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path, {}, "cannot read the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw ConfigError(path, {}, "error while reading the file");
  struct stat st;
  const bool file_private = ::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) == 0;
  return parse_config(ss.str(), path, file_private);
}

ConfigLocation locate_config(const std::optional<std::string>& explicit_path,
                             const std::function<const char*(const char*)>& getenv,
                             const std::function<bool(const std::string&)>& exists) {
  ConfigLocation loc;
  if (explicit_path) {
    loc.tried.push_back(*explicit_path);
    loc.path = *explicit_path;  // named on purpose: errors are about that file
    return loc;
  }
  if (const char* env = getenv("POLITENO_CONFIG"); env && *env) {
    loc.tried.push_back(env);
    loc.path = env;
    return loc;
  }
  std::string xdg;
  if (const char* x = getenv("XDG_CONFIG_HOME"); x && *x) {
    xdg = x;
  } else if (const char* home = getenv("HOME"); home && *home) {
    xdg = std::string(home) + "/.config";
  }
  if (!xdg.empty()) {
    const std::string p = xdg + "/politeno/config.yaml";
    loc.tried.push_back(p);
    if (exists(p)) {
      loc.path = p;
      return loc;
    }
  }
  const std::string etc = "/etc/politeno/config.yaml";
  loc.tried.push_back(etc);
  if (exists(etc)) loc.path = etc;
  return loc;
}

}  // namespace politeno::config
