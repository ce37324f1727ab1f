#include "cli/service_setup.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/exit_codes.h"
#include "cli/options.h"

namespace politeno::cli {

std::optional<int> load_profile(Streams io, const std::string& command, const std::optional<std::string>& explicit_path,
                                std::shared_ptr<const daemon::Profile>* out) {
  if (auto exit = report_config_errors(io, [&] { *out = daemon::make_profile(load_config_from(explicit_path)); }))
    return exit;
  if ((*out)->config.accounts.empty()) {
    io.err << "politeno " << command << ": " << (*out)->config.source << " has no accounts\n";
    return kExitConfig;
  }
  return std::nullopt;
}

std::unique_ptr<daemon::StateStore> open_state(Streams io, const config::Config& config,
                                               std::unique_ptr<daemon::StateLock>* lock, int* exit) {
  *exit = kExitIoErr;
  const std::string dir = state_dir(config);
  std::error_code fs_error;
  std::filesystem::create_directories(dir, fs_error);
  ::chmod(dir.c_str(), 0700);  // decisions and correspondents are private
  std::string error;
  if (lock) {
    bool busy = false;
    *lock = daemon::StateLock::acquire(dir, &error, &busy);
    if (!*lock) {
      if (busy) *exit = kExitTempFail;
      io.err << "politeno: " << error << "\n";
      return nullptr;
    }
  }
  auto store = daemon::StateStore::open(dir + "/state.db", &error);
  if (!store) io.err << "politeno: " << error << "\n";
  return store;
}

daemon::Log make_log(Streams io) {
  const bool journal = &io.err == &std::cerr && daemon::is_journal_stream(2, std::getenv("JOURNAL_STREAM"));
  return daemon::Log(io.err, journal);
}

}  // namespace politeno::cli
