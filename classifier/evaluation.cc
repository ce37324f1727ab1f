#include "classifier/evaluation.h"

#include <algorithm>
#include <cstdio>

namespace politeno::classifier {
namespace {

int index_of(Verdict v) { return static_cast<int>(v); }

bool declines(Verdict v) { return v == Verdict::kDecline || v == Verdict::kDeclineLater; }

std::string flags_text(const std::vector<Flag>& flags) {
  std::string out;
  for (Flag f : flags) out += (out.empty() ? "" : ",") + std::string(to_string(f));
  return "[" + out + "]";
}

std::string percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%5.1f%%", v * 100.0);
  return buf;
}

}  // namespace

EvalReport evaluate(const LabelledSet& set, std::shared_ptr<const Model> model, bool busy, std::chrono::sys_days today) {
  config::Config cfg = set.config;
  if (busy) cfg.capacity.busy_until = std::chrono::year_month_day(std::chrono::year(9999) / 12 / 31);
  const Classifier clf = make_classifier(cfg, std::move(model));
  Context ctx;
  ctx.today = today;
  return evaluate(set, clf, ctx, busy);
}

EvalReport evaluate(const LabelledSet& set, const Classifier& classifier, const Context& context, bool busy) {
  EvalReport report;
  report.set = set.name;
  report.busy = busy;
  for (Flag f : kAllFlags) report.flags[f] = {};
  const auto& senders = classifier.owner().senders;
  for (size_t i = 0; i < set.labels.size(); ++i) {
    const Label& label = set.labels[i];
    EvalCase c;
    c.label = label;
    c.expected = busy ? label.busy_verdict : label.verdict;
    c.expected_flags = label.red_flags;
    ++report.total;
    if (!set.errors[i].empty()) {
      c.error = set.errors[i];
      report.cases.push_back(std::move(c));
      continue;
    }
    const mail::Message& m = set.messages[i];
    c.decision = classifier.explain(m, context);
    c.from = m.from_address().normalized();
    c.subject = m.subject;
    c.trusted_or_known = senders.trusted.match(c.from) || senders.known.match(c.from);
    // Over capacity, every request from a non-trusted sender is expected to be overwhelmed.
    if (busy && label.is_request && !senders.trusted.match(c.from)) c.expected_flags.push_back(Flag::kOverwhelmed);

    const Verdict got = c.decision.verdict;
    report.confusion[index_of(c.expected)][index_of(got)]++;
    if (got == c.expected) ++report.correct;
    if (label.is_request && c.decision.is_request) report.request.tp++;
    if (!label.is_request && c.decision.is_request) report.request.fp++;
    if (label.is_request && !c.decision.is_request) report.request.fn++;
    for (Flag f : kAllFlags) {
      const bool want = std::find(c.expected_flags.begin(), c.expected_flags.end(), f) != c.expected_flags.end();
      const bool have = c.decision.has(f);
      Counts& k = report.flags[f];
      if (want && have) k.tp++;
      if (!want && have) k.fp++;
      if (want && !have) k.fn++;
    }
    const bool declined = declines(got), should = declines(c.expected);
    if (declined && should) report.decline.tp++;
    if (declined && !should) report.decline.fp++;
    if (!declined && should) report.decline.fn++;
    if (declined && !should) ++report.wrongful_declines;
    if (c.trusted_or_known && declined && !should) report.rapport_wrongly_declined++;
    report.cases.push_back(std::move(c));
  }
  return report;
}

void print_report(std::ostream& out, const EvalReport& r) {
  static const Verdict kVerdicts[] = {Verdict::kNotRequest, Verdict::kWelcome, Verdict::kDeclineLater, Verdict::kDecline};
  out << "politeno eval: " << r.total << " messages in " << r.set << (r.busy ? " (busy run: busy_verdict)" : " (normal run)")
      << "\n\n";
  out << "verdict accuracy: " << percent(r.accuracy()) << " (" << r.correct << "/" << r.total << ")\n";
  out << "is_request:       precision " << percent(r.request.precision()) << "  recall " << percent(r.request.recall())
      << "\n";
  out << "declines:         precision " << percent(r.decline.precision()) << "  recall " << percent(r.decline.recall())
      << "\n";
  out << "wrongful declines (welcome or not_request moved to a decline folder): " << r.wrongful_declines << "\n";
  out << "trusted or known senders declined against their label: " << r.rapport_wrongly_declined << "\n\n";

  out << "confusion (rows: expected, columns: predicted)\n";
  char line[160];
  std::snprintf(line, sizeof line, "  %-14s %12s %8s %14s %8s\n", "", "not_request", "welcome", "decline_later", "decline");
  out << line;
  for (Verdict e : kVerdicts) {
    const auto& row = r.confusion[index_of(e)];
    std::snprintf(line, sizeof line, "  %-14s %12d %8d %14d %8d\n", std::string(to_string(e)).c_str(), row[0], row[1],
                  row[2], row[3]);
    out << line;
  }
  out << "\n";
  std::snprintf(line, sizeof line, "  %-18s %9s %8s %4s %4s %4s\n", "red flag", "precision", "recall", "tp", "fp", "fn");
  out << line;
  for (const auto& [f, k] : r.flags) {
    std::snprintf(line, sizeof line, "  %-18s %9s %8s %4d %4d %4d\n", std::string(to_string(f)).c_str(),
                  percent(k.precision()).c_str(), percent(k.recall()).c_str(), k.tp, k.fp, k.fn);
    out << line;
  }

  int misses = 0;
  for (const EvalCase& c : r.cases) {
    std::vector<Flag> got = c.decision.flags;
    std::vector<Flag> want = c.expected_flags;
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    if (c.error.empty() && c.decision.verdict == c.expected && got == want) continue;
    if (misses++ == 0) out << "\nmisses (verdict or flags differ from the label):\n";
    if (!c.error.empty()) {
      out << "  " << c.label.file << ": " << c.error << "\n";
      continue;
    }
    std::snprintf(line, sizeof line, "%.2f", c.decision.score);
    out << "  " << c.label.file << "  expected " << to_string(c.expected) << " " << flags_text(c.expected_flags) << ", got "
        << to_string(c.decision.verdict) << " " << flags_text(c.decision.flags) << "  (P(request) " << line << ")\n";
    out << "      from " << c.from << ": " << c.subject << "\n";
    if (!c.label.note.empty()) out << "      label: " << c.label.note << "\n";
    for (const Reason& reason : c.decision.reasons) {
      std::snprintf(line, sizeof line, "%+.2f", reason.weight);
      out << "      " << reason.about << " " << line << " " << reason.signal << ": " << reason.evidence << "\n";
    }
  }
  if (misses == 0) out << "\nno misses\n";
}

}  // namespace politeno::classifier
