// A compact, stable encoding of a message's features for the state: the ids (sorted,
// delta- and varint-coded) and each value in one byte. Pure.
#pragma once

#include <string>
#include <string_view>

#include "classifier/features.h"

namespace politeno::classifier {

// Encodes the features of `x` that `keep` accepts (by id). Values are clamped to [0, 1]
// and kept to 1/255.
template <typename Keep>
std::string encode_features(const FeatureVector& x, Keep&& keep);

// The features back (ids and values, no names); nullopt-like empty vector and false for
// bytes that are not an encoding.
bool decode_features(std::string_view bytes, FeatureVector* out);

// --- implementation of the template
std::string encode_features_impl(const FeatureVector& x, const std::vector<bool>& kept);

template <typename Keep>
std::string encode_features(const FeatureVector& x, Keep&& keep) {
  std::vector<bool> kept(x.ids.size());
  for (size_t i = 0; i < x.ids.size(); ++i) kept[i] = keep(x.ids[i]);
  return encode_features_impl(x, kept);
}

}  // namespace politeno::classifier
