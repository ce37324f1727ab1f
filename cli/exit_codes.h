// Exit codes, after sysexits(3).
#pragma once

namespace politeno::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;    // the command ran, but something it did failed
inline constexpr int kExitUsage = 64;     // EX_USAGE: wrong arguments
inline constexpr int kExitDataErr = 65;   // EX_DATAERR: bad input data (labels)
inline constexpr int kExitNoInput = 66;   // EX_NOINPUT: an input file is missing
inline constexpr int kExitSoftware = 70;  // EX_SOFTWARE: an internal error
inline constexpr int kExitIoErr = 74;     // EX_IOERR
inline constexpr int kExitTempFail = 75;  // EX_TEMPFAIL: try again later (the state is in use)
inline constexpr int kExitConfig = 78;    // EX_CONFIG: the configuration is wrong

}  // namespace politeno::cli
