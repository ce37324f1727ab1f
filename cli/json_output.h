// The machine-readable form of a decision: one JSON object per line.
#pragma once

#include <string>

#include "classifier/decision.h"
#include "mail/message.h"

namespace politeno::cli {

// {"file", "is_request", "verdict", "red_flags", "reasons": [{"flag", "evidence",
// "weight"}], "score", "defects"} on one line, without the newline. "flag" in a
// reason is "request" for evidence on whether it is a networking request at all.
std::string decision_json(const std::string& file, const classifier::Decision& d, const mail::Message& m);

// An error for one input file, same shape where it can be: {"file", "error"}.
std::string error_json(const std::string& file, const std::string& error);

}  // namespace politeno::cli
