// The labelled-folder format of shared/corpus/README.md: labels.jsonl, one object per
// message with file, is_request, verdict, red_flags and busy_verdict.
#pragma once

#include <string>
#include <vector>

#include "classifier/decision.h"

namespace politeno::classifier {

struct Label {
  std::string file;
  bool is_request = false;
  Verdict verdict = Verdict::kNotRequest;
  std::vector<Flag> red_flags;
  Verdict busy_verdict = Verdict::kNotRequest;
  std::string note;

  bool has(Flag f) const;
};

// Reads a labels file. Throws std::runtime_error naming path:line and the problem.
std::vector<Label> read_labels(const std::string& path);

}  // namespace politeno::classifier
