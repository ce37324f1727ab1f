// Measures a classifier on labelled sets: verdict accuracy, the confusion matrix,
// is_request and per-flag precision and recall, and the harm a wrong verdict does -
// declines of mail that should have stayed (wrongful declines), and declines of trusted
// or known senders.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "classifier/dataset.h"
#include "classifier/labels.h"

namespace politeno::classifier {

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
  Counts& operator+=(const Counts& o) {
    tp += o.tp, fp += o.fp, fn += o.fn;
    return *this;
  }
};

struct EvalCase {
  Label label;
  Verdict expected{};
  std::vector<Flag> expected_flags;
  Decision decision;
  std::string from;
  std::string subject;
  std::string error;  // the file could not be read
  bool trusted_or_known = false;
};

struct EvalReport {
  std::string set;
  bool busy = false;
  std::vector<EvalCase> cases;
  std::array<std::array<int, 4>, 4> confusion{};  // [expected][predicted]
  int correct = 0;
  int total = 0;
  Counts request;
  std::map<Flag, Counts> flags;
  Counts decline;                    // moved to a decline folder (decline or decline_later)
  int wrongful_declines = 0;         // labelled welcome or not_request, yet declined
  int rapport_wrongly_declined = 0;  // trusted or known senders declined against the label

  double accuracy() const { return total == 0 ? 0.0 : static_cast<double>(correct) / total; }
};

// Classifies every message of `set` with its own config and `model` (null: built-in).
// With `busy` the owner is over capacity and busy_verdict is the expectation.
EvalReport evaluate(const LabelledSet& set, std::shared_ptr<const Model> model, bool busy, std::chrono::sys_days today);

// The same with a classifier built by the caller.
EvalReport evaluate(const LabelledSet& set, const Classifier& classifier, const Context& context, bool busy);

// The whole report, misses with their reasons included.
void print_report(std::ostream& out, const EvalReport& report);

}  // namespace politeno::classifier
