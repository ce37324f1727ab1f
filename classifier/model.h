// Scoring, the second of the classifier's steps: a linear model with three calibrated
// logistic heads over the extracted features, one per separate question -
//   request   is this a networking request at all?
//   selling   is the request really a pitch (transactional)?
//   big_ask   is the favour asked big (too_much_too_soon, when there is no rapport)?
// plus the probabilities at which the verdict rule acts. Learnt by `politeno train`
// (classifier/trainer.h) and stored as a small text file: the same data gives the same
// bytes. An owner's own layer (learnt from their corrections) is a Model too, whose
// logits add to the shipped model's calibrated ones.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "classifier/features.h"
#include "classifier/id_index.h"
#include "classifier/rules.h"

namespace politeno::classifier {

enum class Head : uint8_t { kRequest = 0, kSelling = 1, kBigAsk = 2 };
inline constexpr size_t kHeads = 3;
inline constexpr Head kAllHeads[] = {Head::kRequest, Head::kSelling, Head::kBigAsk};
std::string_view to_string(Head h);

// A model file that cannot be used: `line` is 1-based, 0 when not about a line.
class ModelError : public std::runtime_error {
 public:
  ModelError(size_t line, const std::string& what) : std::runtime_error(what), line_(line) {}
  size_t line() const { return line_; }

 private:
  size_t line_;
};

struct HeadParams {
  double bias = 0;
  // Platt scaling of the raw logit, fitted on predictions for held-out sets:
  // calibrated logit = scale * raw + shift.
  double scale = 1;
  double shift = 0;
};

struct Scores {
  std::array<double, kHeads> logit{};        // calibrated (plus the owner's layer)
  std::array<double, kHeads> probability{};  // sigmoid(logit)
  std::array<double, kHeads> layer{};        // the owner's layer's part of each logit
  double p(Head h) const { return probability[static_cast<size_t>(h)]; }
};

// One feature's part in a head's logit (its weight times its value).
struct Contribution {
  std::string_view name;  // into the model; valid while it lives
  double weight = 0;
  bool layer = false;     // from the owner's layer
};

class Model {
 public:
  Model() = default;

  // Reads the text form. Throws ModelError.
  static Model parse(std::string_view text);
  // The text form; parse(serialize()) is the same model.
  std::string serialize() const;

  // The model built into politeno (classifier/model/politeno.model).
  static const Model& builtin();

  // Stable over save and load: a short hash of the text form.
  const std::string& version() const { return version_; }
  const std::vector<std::string>& notes() const { return notes_; }

  // Raw (uncalibrated) logit of one head.
  double raw_logit(const FeatureVector& x, Head h) const;

  // The features of `x` this model (and `layer`) knows, looked up once: (entry, value).
  struct Lookup {
    std::vector<std::pair<uint32_t, float>> base, layer;
  };
  Lookup lookup(const FeatureVector& x, const Model* layer = nullptr) const;
  // The calibrated scores; `layer` (an owner's own model) adds its logits.
  Scores score(const Lookup& found, const Model* layer = nullptr) const;
  Scores score(const FeatureVector& x, const Model* layer = nullptr) const { return score(lookup(x, layer), layer); }
  // The `k` features that moved head `h` most, strongest first (either sign).
  std::vector<Contribution> top(const Lookup& found, Head h, size_t k, const Model* layer = nullptr) const;
  std::vector<Contribution> top(const FeatureVector& x, Head h, size_t k, const Model* layer = nullptr) const {
    return top(lookup(x, layer), h, k, layer);
  }

  const Thresholds& thresholds() const { return thresholds_; }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  bool has(uint64_t id) const { return index_.find(id) != IdIndex::kAbsent; }
  // The ids this model has weights for.
  const IdIndex& ids() const { return index_; }

  // Building (the trainer, tests).
  void set_head(Head h, HeadParams p) { heads_[static_cast<size_t>(h)] = p; }
  const HeadParams& head(Head h) const { return heads_[static_cast<size_t>(h)]; }
  void set_thresholds(Thresholds t) { thresholds_ = t; }
  void add_note(std::string note) { notes_.push_back(std::move(note)); }
  // Sets the weights of feature `name` (replacing any). All-zero weights drop it.
  void set_weights(std::string name, std::array<float, kHeads> w);
  const std::array<float, kHeads>* weights(uint64_t id) const;
  // Feature names and weights, sorted by name.
  struct Entry {
    std::string name;
    std::array<float, kHeads> w{};
  };
  const std::vector<Entry>& entries() const { return entries_; }
  // Call after building: sorts, indexes and computes the version.
  void finish();

 private:
  std::vector<Entry> entries_;
  IdIndex index_;  // feature id -> entries_ index
  std::array<HeadParams, kHeads> heads_{};
  Thresholds thresholds_;
  std::vector<std::string> notes_;
  std::string version_;
};

double sigmoid(double x);

}  // namespace politeno::classifier
