#include "classifier/logistic.h"

#include <algorithm>
#include <cmath>

namespace politeno::classifier {
namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

}  // namespace

std::vector<double> fit_logistic(const SparseRows& data, const FitOptions& fo) {
  const size_t dim = data.dim + 1;  // the bias last
  const size_t n = data.rows.size();
  const int iterations = fo.iterations;
  auto l2_of = [&](size_t j) { return fo.l2_per_feature.empty() ? fo.l2 : fo.l2_per_feature[j]; };
  std::vector<double> w(dim, 0.0);
  auto evaluate = [&](const std::vector<double>& x, std::vector<double>* g) {
    double f = 0;
    std::fill(g->begin(), g->end(), 0.0);
    for (size_t i = 0; i < n; ++i) {
      double z = x[dim - 1] + (data.offset.empty() ? 0.0 : data.offset[i]);
      for (const auto& [j, v] : data.rows[i]) z += x[j] * v;
      // log(1 + e^z) - y z, computed stably
      f += (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - data.y[i] * z;
      const double r = sigmoid(z) - data.y[i];
      for (const auto& [j, v] : data.rows[i]) (*g)[j] += r * v;
      (*g)[dim - 1] += r;
    }
    if (!fo.fit_bias) (*g)[dim - 1] = 0;
    for (size_t j = 0; j + 1 < dim; ++j) {
      f += 0.5 * l2_of(j) * x[j] * x[j];
      (*g)[j] += l2_of(j) * x[j];
    }
    return f;
  };
  // L-BFGS with a backtracking (Armijo) line search.
  constexpr size_t kMemory = 10;
  std::vector<std::vector<double>> s_hist, y_hist;
  std::vector<double> rho_hist;
  std::vector<double> g(dim), g_new(dim), d(dim), w_new(dim);
  double f = evaluate(w, &g);
  for (int it = 0; it < iterations; ++it) {
    const double gnorm = std::sqrt(dot(g, g));
    if (gnorm < 1e-6 * std::max(1.0, static_cast<double>(n))) break;
    // Two-loop recursion: d = -H g.
    d = g;
    std::vector<double> alpha(s_hist.size());
    for (size_t k = s_hist.size(); k-- > 0;) {
      alpha[k] = rho_hist[k] * dot(s_hist[k], d);
      for (size_t j = 0; j < dim; ++j) d[j] -= alpha[k] * y_hist[k][j];
    }
    double gamma = 1.0 / std::max(gnorm, 1e-12);
    if (!s_hist.empty()) gamma = dot(s_hist.back(), y_hist.back()) / dot(y_hist.back(), y_hist.back());
    for (double& v : d) v *= gamma;
    for (size_t k = 0; k < s_hist.size(); ++k) {
      const double beta = rho_hist[k] * dot(y_hist[k], d);
      for (size_t j = 0; j < dim; ++j) d[j] += s_hist[k][j] * (alpha[k] - beta);
    }
    for (double& v : d) v = -v;
    double slope = dot(g, d);
    if (slope >= 0) {  // not a descent direction: start over from the gradient
      s_hist.clear(), y_hist.clear(), rho_hist.clear();
      for (size_t j = 0; j < dim; ++j) d[j] = -g[j] / std::max(gnorm, 1e-12);
      slope = dot(g, d);
    }
    double step = 1.0, f_new = 0;
    bool accepted = false;
    for (int ls = 0; ls < 40; ++ls) {
      for (size_t j = 0; j < dim; ++j) w_new[j] = w[j] + step * d[j];
      f_new = evaluate(w_new, &g_new);
      if (f_new <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    std::vector<double> s(dim), y(dim);
    for (size_t j = 0; j < dim; ++j) {
      s[j] = w_new[j] - w[j];
      y[j] = g_new[j] - g[j];
    }
    const double sy = dot(s, y);
    const double improvement = f - f_new;
    w.swap(w_new);
    g.swap(g_new);
    f = f_new;
    if (sy > 1e-12) {
      if (s_hist.size() == kMemory) {
        s_hist.erase(s_hist.begin()), y_hist.erase(y_hist.begin()), rho_hist.erase(rho_hist.begin());
      }
      s_hist.push_back(std::move(s));
      y_hist.push_back(std::move(y));
      rho_hist.push_back(1.0 / sy);
    }
    if (improvement < 1e-9 * std::max(1.0, std::abs(f))) break;
  }
  return w;
}

HeadParams fit_platt(const std::vector<double>& z, const std::vector<uint8_t>& y, double bias) {
  HeadParams p;
  p.bias = bias;
  double pos = 0, neg = 0;
  for (uint8_t v : y) (v ? pos : neg) += 1;
  if (pos == 0 || neg == 0) return p;  // nothing to calibrate against
  // Platt's targets keep a perfectly separated set from pushing the scale to infinity.
  const double hi = (pos + 1) / (pos + 2), lo = 1 / (neg + 2);
  double a = 1, b = 0;
  for (int it = 0; it < 100; ++it) {
    double ga = 0, gb = 0, haa = 1e-6, hab = 0, hbb = 1e-6;
    for (size_t i = 0; i < z.size(); ++i) {
      const double q = sigmoid(a * z[i] + b);
      const double t = y[i] ? hi : lo;
      const double r = q - t, s = q * (1 - q);
      ga += r * z[i], gb += r;
      haa += s * z[i] * z[i], hab += s * z[i], hbb += s;
    }
    const double det = haa * hbb - hab * hab;
    if (std::abs(det) < 1e-18) break;
    const double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    a -= da, b -= db;
    if (std::abs(da) + std::abs(db) < 1e-10) break;
  }
  p.scale = a;
  p.shift = b;
  return p;
}

}  // namespace politeno::classifier
