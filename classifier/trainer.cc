#include "classifier/trainer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "classifier/decide.h"

namespace politeno::classifier {
namespace {

// The least a feature is scaled by: one that occurs alike in both classes still counts a little.
constexpr double kMinScale = 0.1;

bool is_ngram(std::string_view name) {
  return name.rfind("w:", 0) == 0 || name.rfind("s:", 0) == 0 || name.rfind("p:", 0) == 0;
}
bool is_sender(std::string_view name) { return name.rfind("from:", 0) == 0 || name.rfind("from_domain:", 0) == 0; }

// Which samples a head learns from, and what they say.
bool relevant(const Sample& s, Head h) {
  switch (h) {
    case Head::kRequest: return true;
    case Head::kSelling: return s.label.is_request && !s.trusted;  // trusted senders are never flagged
    case Head::kBigAsk: return s.label.is_request && !s.trusted && !s.rapport;
  }
  return false;
}

uint8_t target(const Sample& s, Head h) {
  switch (h) {
    case Head::kRequest: return s.label.is_request;
    case Head::kSelling: return s.label.has(Flag::kTransactional);
    case Head::kBigAsk: return s.label.has(Flag::kTooMuchTooSoon);
  }
  return 0;
}

// The features the training sets support, with their columns.
struct Vocabulary {
  std::vector<std::string> names;                   // column -> name
  std::unordered_map<uint64_t, uint32_t> column;    // feature id -> column
};

Vocabulary vocabulary(const std::vector<Sample>& samples, const std::vector<size_t>& train_sets, const TrainOptions& o) {
  struct Stats {
    int docs = 0;
    std::vector<size_t> sets;
  };
  std::map<std::string, Stats> seen;
  for (const Sample& s : samples) {
    if (std::find(train_sets.begin(), train_sets.end(), s.set) == train_sets.end()) continue;
    for (const std::string& n : s.x.names) {
      if (is_sender(n)) continue;
      Stats& st = seen[n];
      ++st.docs;
      if (std::find(st.sets.begin(), st.sets.end(), s.set) == st.sets.end()) st.sets.push_back(s.set);
    }
  }
  Vocabulary v;
  for (const auto& [name, st] : seen) {
    if (is_ngram(name) && (static_cast<int>(st.sets.size()) < o.min_sets || st.docs < o.min_docs)) continue;
    v.column.emplace(feature_id(name), static_cast<uint32_t>(v.names.size()));
    v.names.push_back(name);
  }
  return v;
}

std::vector<std::pair<uint32_t, float>> row_of(const Sample& s, const Vocabulary& v, const TrainOptions& o) {
  std::vector<std::pair<uint32_t, float>> row;
  for (size_t i = 0; i < s.x.ids.size(); ++i) {
    const auto it = v.column.find(s.x.ids[i]);
    if (it == v.column.end()) continue;
    const float value = is_ngram(s.x.names[i]) ? static_cast<float>(o.ngram_scale) * s.x.values[i] : s.x.values[i];
    row.emplace_back(it->second, value);
  }
  return row;
}

// The three heads fitted on the training sets, uncalibrated.
Model fit_heads(const std::vector<Sample>& samples, const std::vector<size_t>& train_sets, const TrainOptions& o) {
  const Vocabulary v = vocabulary(samples, train_sets, o);
  std::vector<std::array<float, kHeads>> w(v.names.size(), std::array<float, kHeads>{});
  Model m;
  for (Head h : kAllHeads) {
    SparseRows data;
    data.dim = v.names.size();
    for (const Sample& s : samples) {
      if (std::find(train_sets.begin(), train_sets.end(), s.set) == train_sets.end() || !relevant(s, h)) continue;
      data.rows.push_back(row_of(s, v, o));
      data.y.push_back(target(s, h));
    }
    HeadParams p;
    if (data.rows.empty()) {
      m.set_head(h, p);
      continue;
    }
    // NB scaling (as in NBSVM): each feature counts in proportion to how differently it
    // occurs in the two classes (the smoothed log ratio of its rates), so a word seen a
    // few times on one side only is not drowned by common ones. The stored weight is the
    // fitted one times the scale: the model file and its use do not change.
    std::vector<double> r(v.names.size(), 1.0);
    {
      std::vector<double> pos(v.names.size(), o.nb_alpha), neg(v.names.size(), o.nb_alpha);
      double npos = 0, nneg = 0;
      for (size_t i = 0; i < data.rows.size(); ++i) {
        (data.y[i] ? npos : nneg) += 1;
        for (const auto& [j, val] : data.rows[i]) (data.y[i] ? pos : neg)[j] += std::min(1.0f, val);
      }
      for (size_t j = 0; j < r.size(); ++j)
        r[j] = std::abs(std::log((pos[j] / (npos + 2 * o.nb_alpha)) / (neg[j] / (nneg + 2 * o.nb_alpha)))) + kMinScale;
      for (auto& row : data.rows)
        for (auto& [j, val] : row) val = static_cast<float>(val * r[j]);
    }
    FitOptions fo;
    fo.l2 = o.l2;
    fo.iterations = o.iterations;
    const std::vector<double> fit = fit_logistic(data, fo);
    for (size_t j = 0; j < v.names.size(); ++j) w[j][static_cast<size_t>(h)] = static_cast<float>(fit[j] * r[j]);
    p.bias = fit.back();
    m.set_head(h, p);
  }
  for (size_t j = 0; j < v.names.size(); ++j) {
    // Weights are stored as printed (6 significant digits), so a loaded model scores
    // exactly as the trained one.
    std::array<float, kHeads> rounded{};
    for (size_t k = 0; k < kHeads; ++k) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g", w[j][k]);
      rounded[k] = std::strtof(buf, nullptr);
    }
    m.set_weights(v.names[j], rounded);
  }
  m.finish();
  return m;
}

}  // namespace

std::vector<Sample> extract_samples(const std::vector<const LabelledSet*>& sets) {
  std::vector<Sample> out;
  for (size_t si = 0; si < sets.size(); ++si) {
    const LabelledSet& set = *sets[si];
    const Rules rules = Rules::build(set.config.rules, set.config.source);
    const Owner owner = owner_of(set.config, rules);
    Context ctx;
    ExtractOptions opt;
    opt.names = true;
    for (size_t i = 0; i < set.labels.size(); ++i) {
      if (!set.errors[i].empty()) continue;
      Evidence ev = extract(set.messages[i], owner, rules, ctx, opt);
      Sample s;
      s.x = std::move(ev.features);
      s.label = set.labels[i];
      s.set = si;
      s.index = i;
      s.trusted = ev.trusted;
      s.rapport = ev.rapport();
      s.hits = ev.hits;
      out.push_back(std::move(s));
    }
  }
  return out;
}

Model train(const std::vector<const LabelledSet*>& sets, const std::vector<Sample>& samples,
            const std::vector<size_t>& train_sets, const TrainOptions& o) {
  Model model = fit_heads(samples, train_sets, o);
  if (!o.calibrate || train_sets.size() < 2) {
    for (size_t i = 0; i < train_sets.size(); ++i) model.add_note("trained on " + sets[train_sets[i]]->name);
    model.finish();
    return model;
  }
  // Every training message scored by a model that did not see its set.
  std::vector<size_t> which;
  std::vector<std::array<double, kHeads>> raw;
  for (size_t held : train_sets) {
    if (o.progress) o.progress("  calibrating: leaving out " + sets[held]->name);
    std::vector<size_t> rest;
    for (size_t t : train_sets)
      if (t != held) rest.push_back(t);
    const Model inner = fit_heads(samples, rest, o);
    for (size_t k = 0; k < samples.size(); ++k) {
      if (samples[k].set != held) continue;
      which.push_back(k);
      std::array<double, kHeads> z{};
      for (Head h : kAllHeads) z[static_cast<size_t>(h)] = inner.raw_logit(samples[k].x, h);
      raw.push_back(z);
    }
  }
  for (Head h : kAllHeads) {
    std::vector<double> z;
    std::vector<uint8_t> y;
    for (size_t i = 0; i < which.size(); ++i) {
      if (!relevant(samples[which[i]], h)) continue;
      z.push_back(raw[i][static_cast<size_t>(h)]);
      y.push_back(target(samples[which[i]], h));
    }
    model.set_head(h, fit_platt(z, y, model.head(h).bias));
  }
  for (size_t t : train_sets) model.add_note("trained on " + sets[t]->name);
  model.finish();
  return model;
}

Model train(const std::vector<const LabelledSet*>& sets, const TrainOptions& o) {
  const std::vector<Sample> samples = extract_samples(sets);
  std::vector<size_t> all(sets.size());
  std::iota(all.begin(), all.end(), 0);
  return train(sets, samples, all, o);
}

std::vector<HeldOutResult> leave_one_set_out(const std::vector<const LabelledSet*>& sets,
                                             const std::vector<size_t>& held_out, const TrainOptions& o,
                                             std::chrono::sys_days today) {
  const std::vector<Sample> samples = extract_samples(sets);
  std::vector<HeldOutResult> out;
  for (size_t h : held_out) {
    if (o.progress) o.progress("leaving out " + sets[h]->name);
    std::vector<size_t> rest;
    for (size_t t = 0; t < sets.size(); ++t)
      if (t != h) rest.push_back(t);
    auto model = std::make_shared<const Model>(train(sets, samples, rest, o));
    out.push_back({evaluate(*sets[h], model, false, today), evaluate(*sets[h], model, true, today)});
  }
  return out;
}

}  // namespace politeno::classifier
