// Reads an account's secret from where the config says: a file (systemd credentials are
// files under $CREDENTIALS_DIRECTORY), the first line of a command's output, or the
// config itself. The secret is returned to the caller only; nothing here logs it.
#pragma once

#include <chrono>
#include <string>

#include "config/config.h"

namespace politeno::config {

struct Secret {
  std::string value;  // the password or token; empty on error
  std::string error;  // why it could not be read, without the secret
};

// `password_file` paths that are relative are looked up in $CREDENTIALS_DIRECTORY first
// (systemd's LoadCredential=), so "password_file: work" works under systemd.
// Commands run through /bin/sh -c with a deadline of `timeout`.
Secret read_secret(const Account& account, std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace politeno::config
