// A labelled set: one folder in the format of shared/corpus/README.md - NNN.eml files,
// labels.jsonl and the owner's config.yaml. Read once, parsed once; shared by eval,
// train, the tests and the benchmarks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "classifier/labels.h"
#include "config/config.h"
#include "mail/message.h"

namespace politeno::classifier {

struct LabelledSet {
  std::string name;  // the folder's own name
  std::string dir;
  config::Config config;
  std::vector<Label> labels;
  std::vector<std::string> raw;             // each message's bytes, parallel to labels
  std::vector<mail::Message> messages;      // parsed, parallel to labels
  std::vector<std::string> errors;          // "" or why the file could not be read
};

// Reads `dir` (labels and config default to DIR/labels.jsonl and DIR/config.yaml).
// Throws std::runtime_error for unusable labels, config::ConfigError for the config. A
// message file that cannot be read is recorded in `errors`, not thrown.
LabelledSet load_set(const std::string& dir, const std::string& labels_path = "", const std::string& config_path = "");

}  // namespace politeno::classifier
