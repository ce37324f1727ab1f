#include "classifier/feature_codec.h"

#include <algorithm>
#include <cmath>

namespace politeno::classifier {
namespace {

constexpr unsigned char kVersion = 1;

void put_varint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool get_varint(std::string_view in, size_t* pos, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*pos >= in.size()) return false;
    const auto b = static_cast<unsigned char>(in[(*pos)++]);
    *v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

}  // namespace

std::string encode_features_impl(const FeatureVector& x, const std::vector<bool>& kept) {
  std::string out(1, static_cast<char>(kVersion));
  put_varint(&out, static_cast<uint64_t>(std::count(kept.begin(), kept.end(), true)));
  uint64_t last = 0;
  for (size_t i = 0; i < x.ids.size(); ++i) {  // ids are sorted (FeatureVector's contract)
    if (!kept[i]) continue;
    put_varint(&out, x.ids[i] - last);
    last = x.ids[i];
    const float v = std::clamp(x.values[i], 0.0f, 1.0f);
    out.push_back(static_cast<char>(static_cast<unsigned char>(std::lround(v * 255.0f))));
  }
  return out;
}

bool decode_features(std::string_view in, FeatureVector* out) {
  *out = {};
  size_t pos = 0;
  uint64_t n = 0, id = 0;
  if (in.empty() || static_cast<unsigned char>(in[0]) != kVersion) return false;
  pos = 1;
  if (!get_varint(in, &pos, &n) || n > in.size()) return false;
  for (uint64_t k = 0; k < n; ++k) {
    uint64_t delta = 0;
    if (!get_varint(in, &pos, &delta) || pos >= in.size()) return false;
    if (k > 0 && delta == 0) return false;  // ids are strictly increasing
    id += delta;
    out->ids.push_back(id);
    out->values.push_back(static_cast<float>(static_cast<unsigned char>(in[pos++])) / 255.0f);
  }
  return pos == in.size();
}

}  // namespace politeno::classifier
