// L2-regularised logistic regression fitted by L-BFGS, and Platt scaling: the learning
// arithmetic behind `politeno train` and the owner's own layer. Pure and deterministic:
// the same rows in the same order give the same weights.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "classifier/model.h"

namespace politeno::classifier {

// Rows are sparse (index, value); `y` is 0 or 1.
struct SparseRows {
  std::vector<std::vector<std::pair<uint32_t, float>>> rows;
  std::vector<uint8_t> y;
  std::vector<double> offset;  // per row, added to its logit (empty: none)
  size_t dim = 0;
};
struct FitOptions {
  double l2 = 1.0;
  std::vector<double> l2_per_feature;  // overrides l2 when not empty (dim entries)
  bool fit_bias = true;                // false: the bias stays 0
  int iterations = 300;
};
// Fits the weights and bias; returns dim weights followed by the bias.
std::vector<double> fit_logistic(const SparseRows& data, const FitOptions& options);

// Platt scaling: scale and shift so that sigmoid(scale * z + shift) fits the labels.
HeadParams fit_platt(const std::vector<double>& logits, const std::vector<uint8_t>& y, double bias);

}  // namespace politeno::classifier
