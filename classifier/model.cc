#include "classifier/model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "mail/fnv1a.h"

namespace politeno::classifier {
namespace {

constexpr std::string_view kMagic = "politeno-model 1";

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  // -0 and 0 print alike, so the same model always gives the same bytes.
  if (std::string_view(buf) == "-0") return "0";
  return buf;
}

bool parse_number(std::string_view s, double* out) {
  if (s.empty() || s.size() > 40) return false;
  const std::string copy(s);
  char* end = nullptr;
  *out = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(*out);
}

std::vector<std::string_view> split(std::string_view line, size_t max_fields) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size() && out.size() + 1 < max_fields) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size()) break;
    const size_t e = line.find(' ', i);
    out.push_back(line.substr(i, e == std::string_view::npos ? std::string_view::npos : e - i));
    i = e == std::string_view::npos ? line.size() : e + 1;
  }
  while (i < line.size() && line[i] == ' ') ++i;
  if (i < line.size()) out.push_back(line.substr(i));
  return out;
}

std::optional<Head> parse_head(std::string_view s) {
  for (Head h : kAllHeads)
    if (to_string(h) == s) return h;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Head h) {
  switch (h) {
    case Head::kRequest: return "request";
    case Head::kSelling: return "selling";
    case Head::kBigAsk: return "big_ask";
  }
  return "?";
}

double sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + std::exp(-x));
  const double e = std::exp(x);
  return e / (1.0 + e);
}

void Model::set_weights(std::string name, std::array<float, kHeads> w) {
  const uint64_t id = feature_id(name);
  if (const uint32_t i = index_.find(id); i != IdIndex::kAbsent) {
    entries_[i].w = w;
    return;
  }
  index_.insert(id, static_cast<uint32_t>(entries_.size()));
  entries_.push_back({std::move(name), w});
}

const std::array<float, kHeads>* Model::weights(uint64_t id) const {
  const uint32_t i = index_.find(id);
  return i == IdIndex::kAbsent ? nullptr : &entries_[i].w;
}

void Model::finish() {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                [](const Entry& e) { return e.w[0] == 0 && e.w[1] == 0 && e.w[2] == 0; }),
                 entries_.end());
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  index_.clear();
  for (uint32_t i = 0; i < entries_.size(); ++i) index_.insert(feature_id(entries_[i].name), i);
  version_.clear();
  char buf[24];
  std::snprintf(buf, sizeof buf, "%012llx", static_cast<unsigned long long>(mail::fnv1a(serialize()) & 0xFFFFFFFFFFFFull));
  version_ = buf;
}

std::string Model::serialize() const {
  std::string out(kMagic);
  out += '\n';
  for (const std::string& n : notes_) out += "# " + n + "\n";
  for (Head h : kAllHeads) {
    const HeadParams& p = heads_[static_cast<size_t>(h)];
    out += "head " + std::string(to_string(h)) + " bias " + number(p.bias) + " scale " + number(p.scale) + " shift " +
           number(p.shift) + "\n";
  }
  out += "threshold request " + number(thresholds_.request) + "\n";
  out += "threshold request_own_thread " + number(thresholds_.request_own_thread) + "\n";
  out += "threshold transactional " + number(thresholds_.transactional) + "\n";
  out += "threshold too_much_too_soon " + number(thresholds_.too_much_too_soon) + "\n";
  out += "threshold decline " + number(thresholds_.decline) + "\n";
  for (const Entry& e : entries_)
    out += "feature " + number(e.w[0]) + " " + number(e.w[1]) + " " + number(e.w[2]) + " " + e.name + "\n";
  return out;
}

Model Model::parse(std::string_view text) {
  Model m;
  size_t line_no = 0;
  size_t pos = 0;
  bool magic = false;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!magic) {
      if (line != kMagic) throw ModelError(line_no, "not a politeno model: expected '" + std::string(kMagic) + "'");
      magic = true;
      continue;
    }
    if (line.empty()) continue;
    if (line[0] == '#') {
      m.notes_.emplace_back(line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1));
      continue;
    }
    const std::vector<std::string_view> f = split(line, 5);
    if (f[0] == "head") {
      const std::vector<std::string_view> g = split(line, 9);
      std::optional<Head> h = g.size() == 8 ? parse_head(g[1]) : std::nullopt;
      HeadParams p;
      if (!h || g[2] != "bias" || g[4] != "scale" || g[6] != "shift" || !parse_number(g[3], &p.bias) ||
          !parse_number(g[5], &p.scale) || !parse_number(g[7], &p.shift))
        throw ModelError(line_no, "expected 'head NAME bias X scale X shift X'");
      m.heads_[static_cast<size_t>(*h)] = p;
    } else if (f[0] == "threshold") {
      double v = 0;
      double* slot = f.size() == 3 ? threshold_slot(&m.thresholds_, f[1]) : nullptr;
      if (!slot || !parse_number(f[2], &v) || v < 0 || v > 1)
        throw ModelError(line_no, "expected 'threshold request|request_own_thread|transactional|too_much_too_soon|decline P' with P from 0 to 1");
      *slot = v;
    } else if (f[0] == "feature") {
      double w[kHeads];
      if (f.size() != 5 || !parse_number(f[1], &w[0]) || !parse_number(f[2], &w[1]) || !parse_number(f[3], &w[2]) || f[4].empty())
        throw ModelError(line_no, "expected 'feature W_REQUEST W_SELLING W_BIG_ASK NAME'");
      if (m.has(feature_id(f[4]))) throw ModelError(line_no, "feature '" + std::string(f[4]) + "' appears twice");
      m.set_weights(std::string(f[4]), {static_cast<float>(w[0]), static_cast<float>(w[1]), static_cast<float>(w[2])});
    } else {
      throw ModelError(line_no, "unknown line '" + std::string(f[0]) + "': expected head, threshold, feature or # note");
    }
  }
  if (!magic) throw ModelError(1, "empty model file");
  m.finish();
  return m;
}

double Model::raw_logit(const FeatureVector& x, Head h) const {
  const size_t k = static_cast<size_t>(h);
  double z = heads_[k].bias;
  for (size_t i = 0; i < x.ids.size(); ++i)
    if (const auto* w = weights(x.ids[i])) z += (*w)[k] * x.values[i];
  return z;
}

Model::Lookup Model::lookup(const FeatureVector& x, const Model* layer) const {
  Lookup out;
  out.base.reserve(x.ids.size() / 2);
  for (size_t i = 0; i < x.ids.size(); ++i) {
    if (const uint32_t e = index_.find(x.ids[i]); e != IdIndex::kAbsent) out.base.emplace_back(e, x.values[i]);
    if (layer)
      if (const uint32_t e = layer->index_.find(x.ids[i]); e != IdIndex::kAbsent) out.layer.emplace_back(e, x.values[i]);
  }
  return out;
}

Scores Model::score(const Lookup& found, const Model* layer) const {
  Scores s;
  std::array<double, kHeads> z{}, lz{};
  for (size_t k = 0; k < kHeads; ++k) z[k] = heads_[k].bias;
  for (const auto& [e, v] : found.base)
    for (size_t k = 0; k < kHeads; ++k) z[k] += entries_[e].w[k] * v;
  if (layer)
    for (const auto& [e, v] : found.layer)
      for (size_t k = 0; k < kHeads; ++k) lz[k] += layer->entries_[e].w[k] * v;
  for (size_t k = 0; k < kHeads; ++k) {
    if (layer) lz[k] += layer->heads_[k].bias;
    s.logit[k] = heads_[k].scale * z[k] + heads_[k].shift + lz[k];
    s.layer[k] = lz[k];
    s.probability[k] = sigmoid(s.logit[k]);
  }
  return s;
}

std::vector<Contribution> Model::top(const Lookup& found, Head h, size_t k, const Model* layer) const {
  const size_t head = static_cast<size_t>(h);
  std::vector<Contribution> all;
  all.reserve(found.base.size() + found.layer.size());
  for (const auto& [e, v] : found.base)
    if (entries_[e].w[head] != 0) all.push_back({entries_[e].name, heads_[head].scale * entries_[e].w[head] * v, false});
  if (layer)
    for (const auto& [e, v] : found.layer)
      if (layer->entries_[e].w[head] != 0) all.push_back({layer->entries_[e].name, layer->entries_[e].w[head] * v, true});
  // Strongest first; ties by name, so the order never depends on the features' ids.
  const auto stronger = [](const Contribution& a, const Contribution& b) {
    if (std::abs(a.weight) != std::abs(b.weight)) return std::abs(a.weight) > std::abs(b.weight);
    return a.name < b.name;
  };
  const size_t keep = std::min(k, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<long>(keep), all.end(), stronger);
  all.resize(keep);
  return all;
}

}  // namespace politeno::classifier
