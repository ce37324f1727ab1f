// Runs a password or token command without holding up anything else: on the event loop,
// asynchronously, in its own process group. The deadline ends the whole group (a helper
// it started included); once the command has exited, what it printed is taken at once,
// even if a background child it left still holds its output open.
#pragma once

#include <chrono>
#include <string>

#include "config/secrets.h"
#include "imap/asio.h"

namespace politeno::daemon {

// The first line the command prints (/bin/sh -c). An error, never holding the output,
// when it fails, prints nothing, or does not finish within `timeout`.
awaitable<config::Secret> run_secret_command(std::string command, std::chrono::milliseconds timeout);

}  // namespace politeno::daemon
