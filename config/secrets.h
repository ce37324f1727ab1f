// An account's secret, from where the config says: a file (systemd credentials are files
// under $CREDENTIALS_DIRECTORY), the first line of a command's output (run by
// daemon/secret_command.h, off the event loop's way), or the config itself. Nothing here
// logs a secret; errors never contain one.
#pragma once

#include <string>

#include "config/config.h"

namespace politeno::config {

struct Secret {
  std::string value;      // the password or token; empty on error
  std::string error;      // why it could not be read, without the secret
  bool insecure = false;  // the error is a file others can read: final until fixed
};

// Reads a password file. Relative paths are looked up in $CREDENTIALS_DIRECTORY first
// (systemd's LoadCredential=), so "password_file: work" works under systemd. A file
// readable by its group or others is refused, as an inline password in such a config is.
Secret read_secret_file(const std::string& path);

// The secret in what a command printed: its first line.
Secret secret_from_output(const std::string& output);

// Overwrites a secret's bytes before letting it go.
void wipe(std::string& s);

}  // namespace politeno::config
