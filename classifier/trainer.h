// Learning the model from labelled sets (`politeno train`), and measuring the learning
// honestly: leave-one-set-out, where each set is judged by a model that never saw it.
//
// Each of the three heads is an L2-regularised logistic regression over the extracted
// features, each feature first scaled by how differently it occurs in the two classes
// (NB-weighted, as in NBSVM), fitted by L-BFGS. Words, word pairs and stems count only
// when they occur in at least `min_sets` of the training sets (a persona's names and
// products are not evidence). Then, by leaving each training set out in turn, every
// training message is scored by a model that did not see its set; those held-out scores
// calibrate each head (Platt scaling), so that its output is a probability the fixed
// thresholds (classifier/rules.h) can be read against. Deterministic: the same sets in
// the same order give the same model, byte for byte.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "classifier/dataset.h"
#include "classifier/evaluation.h"
#include "classifier/logistic.h"
#include "classifier/model.h"

namespace politeno::classifier {

struct TrainOptions {
  double l2 = 30.0;          // L2 penalty on the (NB-scaled) weights, not the bias
  double nb_alpha = 1.0;     // smoothing of the NB scale's counts
  double ngram_scale = 1.0;  // value of a word, word-pair or stem feature
  int min_sets = 2;          // a word (pair) must occur in this many training sets
  int min_docs = 3;          // and in this many training messages
  int iterations = 300;      // L-BFGS iterations at most
  bool calibrate = true;     // Platt scaling from held-out sets
  // Heard about progress ("leaving out ...").
  std::function<void(const std::string&)> progress;
};

// One labelled message, extracted once.
struct Sample {
  FeatureVector x;        // with names
  Label label;
  size_t set = 0;         // index of its set
  size_t index = 0;       // its index in the set
  bool trusted = false;
  bool rapport = false;
  std::array<uint8_t, kSignalCount> hits{};
};

// Extracts every readable message of every set (with each set's own owner and rules).
std::vector<Sample> extract_samples(const std::vector<const LabelledSet*>& sets);

// The model learnt from the samples of `train_sets` (indices into the sets).
Model train(const std::vector<const LabelledSet*>& sets, const std::vector<Sample>& samples,
            const std::vector<size_t>& train_sets, const TrainOptions& options);

// `politeno train`: every set.
Model train(const std::vector<const LabelledSet*>& sets, const TrainOptions& options);

// Leave-one-set-out: for each set in `held_out` (indices into `sets`), a model trained
// on all the other sets judges it, in the normal and the busy run.
struct HeldOutResult {
  EvalReport normal, busy;
};
std::vector<HeldOutResult> leave_one_set_out(const std::vector<const LabelledSet*>& sets,
                                             const std::vector<size_t>& held_out, const TrainOptions& options,
                                             std::chrono::sys_days today);

}  // namespace politeno::classifier
