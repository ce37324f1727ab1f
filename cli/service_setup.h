// What `once` and `run` share before they touch a server: the checked configuration
// with its classifiers, the state store (its directory created, private), and the log
// (with journald priorities when stderr is the journal).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "daemon/log.h"
#include "daemon/profile.h"
#include "daemon/state_lock.h"
#include "daemon/state_store.h"

namespace politeno::cli {

// Loads the config found from `explicit_path` and builds the profile; prints a config
// error and returns the exit status instead when anything is wrong.
std::optional<int> load_profile(Streams io, const std::string& command, const std::optional<std::string>& explicit_path,
                                std::shared_ptr<const daemon::Profile>* out);

// Opens the state under state_dir(config). With `lock` set (a command that changes
// things), also takes the state directory's lock into *lock. On failure prints why,
// returns nullptr and sets *exit: kExitTempFail when another politeno holds the lock,
// else kExitIoErr.
std::unique_ptr<daemon::StateStore> open_state(Streams io, const config::Config& config,
                                               std::unique_ptr<daemon::StateLock>* lock, int* exit);

// The log on io.err; priority prefixes when io.err is std::cerr and that is the journal.
daemon::Log make_log(Streams io);

}  // namespace politeno::cli
