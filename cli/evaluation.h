// Replays a labelled folder through the classifier and measures it.
#pragma once

#include <array>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "cli/labels.h"
#include "mail/message.h"

namespace politeno::cli {

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
};

struct EvalCase {
  Label label;
  classifier::Verdict expected{};
  std::vector<classifier::Flag> expected_flags;
  classifier::Decision decision;
  std::string from;
  std::string subject;
  std::string error;  // the file could not be read
  bool trusted_or_known = false;
};

struct EvalReport {
  bool busy = false;
  std::vector<EvalCase> cases;
  std::array<std::array<int, 4>, 4> confusion{};  // [expected][predicted]
  int correct = 0;
  int total = 0;
  Counts request;
  std::map<classifier::Flag, Counts> flags;
  int rapport_wrongly_declined = 0;  // trusted or known senders declined against the label

  double accuracy() const { return total == 0 ? 0.0 : static_cast<double>(correct) / total; }
};

// Classifies every labelled file in `dir`. With `busy`, the classifier's config must
// already put the recipient over capacity, and busy_verdict is the expectation.
EvalReport evaluate(const std::string& dir, const std::vector<Label>& labels, const classifier::Classifier& classifier,
                    const classifier::Context& context, bool busy);

void print_report(std::ostream& out, const EvalReport& report, const std::string& dir);

}  // namespace politeno::cli
