// politeno's configuration, read from YAML. Every problem is a ConfigError naming
// file:line:col and what was expected; nothing else throws out of here.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config_error.h"
#include "config/sender_list.h"

namespace politeno::config {

struct Identity {
  std::string name;
  std::vector<std::string> addresses;  // lower-cased
};

struct Senders {
  SenderList trusted;              // never flagged, never declined
  SenderList known;                // prior rapport
  SenderList reputation_concerns;  // known for questionable practice
  SenderList negative_history;     // the recipient's own dealings went badly
};

struct Capacity {
  int max_accepted_per_week = 5;
  std::optional<std::chrono::year_month_day> busy_until;  // over capacity through this day
};

// `rules:` as written; the classifier checks the names and builds its rules from them.
struct SignalOverride {
  Mark mark;
  std::optional<int> max_hits;                       // distinct hits that count
  std::optional<std::vector<std::string>> phrases;  // replaces the built-in list
  std::vector<std::string> add;                      // extends it
  std::vector<std::string> remove;                   // takes entries out of it
};

struct RuleOverrides {
  using Thresholds = std::map<std::string, std::pair<double, Mark>>;
  std::map<std::string, SignalOverride> signals;
  Thresholds thresholds;
};

enum class AccountTls { kImplicit, kStartTls, kNone };

// Where an account's secret comes from. The secret itself is read only when needed
// (config/secrets.h) and never logged.
enum class SecretSource { kNone, kInline, kFile, kCommand, kOAuth2Command };

struct Account {
  Mark mark;
  std::string name;
  std::string host;
  uint16_t port = 993;
  AccountTls tls = AccountTls::kImplicit;
  std::string tls_ca_file;  // empty: the system's CAs
  bool tls_verify = true;
  std::string username;
  SecretSource secret_source = SecretSource::kNone;
  std::string secret;        // the password (kInline), a path (kFile) or a command line
  std::string inbox = "INBOX";
  std::string drafts = "auto";  // auto: SPECIAL-USE \Drafts, else a folder named Drafts
  std::string sent = "auto";
  std::chrono::seconds poll_interval{60};
  bool idle = true;
  std::optional<Identity> identity;  // overrides the top-level identity for this account
};

// What politeno does with a message of one verdict.
enum class DraftTemplate { kNone, kOpenToFuture, kDecline };
struct Action {
  std::string folder;                 // empty: leave it in the inbox
  std::vector<std::string> keywords;  // IMAP keywords to set, e.g. $Networking
  DraftTemplate draft = DraftTemplate::kNone;
};
struct Actions {
  Action not_request;
  Action welcome{"", {"$Networking"}, DraftTemplate::kNone};
  Action decline_later{"Networking/Later", {"$Networking"}, DraftTemplate::kOpenToFuture};
  Action decline{"Networking/Declined", {"$Networking"}, DraftTemplate::kDecline};
};

struct ReplySettings {
  std::vector<std::string> resources;  // offered in open_to_future
  std::string next_event;
  std::string signature;               // empty: identity.name
  bool quote_original = true;
  int draft_once_per_days = 30;        // at most one draft per sender in this window
};

// Templates from the config; empty means the built-in text. Checked by
// reply::validate_templates, which reports errors at these marks.
struct TemplateTexts {
  std::string open_to_future, decline;
  Mark open_to_future_mark, decline_mark;
};

struct Config {
  std::string source;  // the file it came from, for messages
  Identity identity;
  Senders senders;
  Capacity capacity;
  RuleOverrides rules;
  std::vector<Account> accounts;
  Actions actions;
  ReplySettings reply;
  TemplateTexts templates;
  std::string state_dir;   // empty: $STATE_DIRECTORY, else $XDG_STATE_HOME/politeno
  std::string model;       // a model file from `politeno train`; empty: the built-in one
  Mark model_mark;
  bool dry_run = false;
  int backfill_days = 7;   // on an account's first run, older mail is left alone
};

// Parses `yaml`; `source` names it in errors. `file_private` says whether the file is
// readable by its owner only: an inline `password:` is refused otherwise.
Config parse_config(const std::string& yaml, const std::string& source, bool file_private = false);

// Reads and parses the file at `path`.
Config load_config(const std::string& path);

// Where the config is looked for: `explicit_path` if given, else $POLITENO_CONFIG,
// else $XDG_CONFIG_HOME/politeno/config.yaml (~/.config when unset), else
// /etc/politeno/config.yaml. `getenv` and `exists` are injected for tests. Returns the
// candidates tried, first match first; the chosen one is `.front()` when it exists.
struct ConfigLocation {
  std::string path;                 // empty when nothing was found
  std::vector<std::string> tried;   // in order, for the error message
};
ConfigLocation locate_config(const std::optional<std::string>& explicit_path,
                             const std::function<const char*(const char*)>& getenv,
                             const std::function<bool(const std::string&)>& exists);

}  // namespace politeno::config
