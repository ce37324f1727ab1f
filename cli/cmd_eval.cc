#include <cstdio>
#include <iostream>
#include <sstream>

#include "classifier/dataset.h"
#include "classifier/evaluation.h"
#include "classifier/model_file.h"
#include "classifier/trainer.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"

namespace politeno::cli {
namespace {

using classifier::EvalReport;
using classifier::Flag;

std::string pct(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%5.1f%%", v * 100.0);
  return buf;
}

std::string pr(const classifier::Counts& c) {
  if (c.tp + c.fn == 0 && c.fp == 0) return "     -/-     ";
  return pct(c.precision()) + "/" + pct(c.recall());
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

// One row per set and a mean row: accuracy in both runs, the request question, the
// two learnt flags, and the harm done.
void print_summary(std::ostream& out, const std::vector<std::pair<EvalReport, EvalReport>>& rows) {
  char line[320];
  std::snprintf(line, sizeof line, "%-22s %5s %8s %8s  %-15s %-15s %-15s %8s %8s %8s\n", "set", "msgs", "accuracy",
                "busy", "request P/R", "transact. P/R", "too_much P/R", "decl. P", "wrongful", "contacts");
  out << line;
  double acc = 0, busy = 0;
  classifier::Counts req, tr, tm, dec;
  int wrongful = 0, contacts = 0, total = 0;
  for (const auto& [n, b] : rows) {
    std::snprintf(line, sizeof line, "%-22s %5d %8s %8s  %-15s %-15s %-15s %8s %8d %8d\n", n.set.c_str(), n.total,
                  pct(n.accuracy()).c_str(), pct(b.accuracy()).c_str(), pr(n.request).c_str(),
                  pr(n.flags.at(Flag::kTransactional)).c_str(), pr(n.flags.at(Flag::kTooMuchTooSoon)).c_str(),
                  pct(n.decline.precision()).c_str(), n.wrongful_declines, n.rapport_wrongly_declined);
    out << line;
    acc += n.accuracy(), busy += b.accuracy();
    req += n.request, tr += n.flags.at(Flag::kTransactional), tm += n.flags.at(Flag::kTooMuchTooSoon), dec += n.decline;
    wrongful += n.wrongful_declines, contacts += n.rapport_wrongly_declined, total += n.total;
  }
  if (rows.size() > 1) {
    const double k = static_cast<double>(rows.size());
    std::snprintf(line, sizeof line, "%-22s %5d %8s %8s  %-15s %-15s %-15s %8s %8d %8d\n", "mean (pooled P/R)", total,
                  pct(acc / k).c_str(), pct(busy / k).c_str(), pr(req).c_str(), pr(tr).c_str(), pr(tm).c_str(),
                  pct(dec.precision()).c_str(), wrongful, contacts);
    out << line;
  }
}

}  // namespace

std::string eval_help() {
  return "usage: politeno eval SET... [--model FILE] [--busy] [--now YYYY-MM-DD] [--misses]\n"
         "                          [--min-accuracy PERCENT]\n"
         "       politeno eval --loso SET... [--train-only SET,...] [--misses] [--min-accuracy PERCENT]\n"
         "       politeno eval SET --labels FILE --config FILE ...\n"
         "\n"
         "Replays labelled sets (folders of NNN.eml with labels.jsonl and config.yaml) through\n"
         "the classifier and prints, per set and on average, verdict accuracy in the normal and\n"
         "the busy run, is_request and per-flag precision and recall, decline precision, and\n"
         "the harm done: wrongful declines (a welcome request or a not_request moved to a\n"
         "decline folder) and trusted or known senders declined against their label. With one\n"
         "set, or --misses, every miss is listed with its reasons.\n"
         "\n"
         "  --model FILE      judge with this model (default: the configured or built-in one)\n"
         "  --loso            leave one set out: each SET is judged by a model trained, as\n"
         "                    'politeno train' would, on all the other sets - the honest figure\n"
         "  --train-only LIST comma-separated sets used for training in every fold, never judged\n"
         "  --l2 X, --min-sets N  the learner's settings, as for 'politeno train'\n"
         "  --busy            one set only: the owner over capacity, compared with busy_verdict\n"
         "  --labels FILE     one set only: the labels (default: SET/labels.jsonl)\n"
         "  --config FILE     one set only: the configuration (default: SET/config.yaml)\n"
         "  --now DATE        the date of the run (default: today, UTC)\n"
         "  --misses          list every miss with its reasons\n"
         "  --min-accuracy    exit 1 when any set's verdict accuracy is below PERCENT\n"
         "\n"
         "Exit status: 0 done; 1 below --min-accuracy; 64 usage; 65 bad labels or model;\n"
         "78 configuration.\n";
}

int cmd_eval(const std::vector<std::string>& args, Streams io) {
  ParsedArgs a;
  std::chrono::sys_days today;
  double min_accuracy = -1;
  if (auto exit = parse_command(args, io, "eval", eval_help(), {"labels", "config", "now", "min-accuracy", "model", "train-only", "l2", "min-sets"},
                                {"busy", "loso", "misses"}, &a,
                                [&](const ParsedArgs& p) {
                                  if (p.positional.empty()) throw UsageError("expected at least one labelled set");
                                  const bool one = p.positional.size() == 1 && !p.has("loso");
                                  if (!one && (p.value("labels") || p.value("config") || p.has("busy")))
                                    throw UsageError("--labels, --config and --busy take one set, without --loso");
                                  if (p.has("loso") && p.value("model")) throw UsageError("--loso trains its own models; --model does not apply");
                                  if (!p.has("loso") && p.value("train-only")) throw UsageError("--train-only goes with --loso");
                                  today = p.value("now") ? parse_date_arg(*p.value("now"), "--now") : today_utc();
                                  if (auto v = p.value("min-accuracy")) {
                                    try {
                                      min_accuracy = std::stod(*v);
                                    } catch (const std::exception&) {
                                      throw UsageError("--min-accuracy expects a number, got '" + *v + "'");
                                    }
                                  }
                                }))
    return *exit;

  std::vector<std::string> dirs = a.positional;
  const size_t judged = dirs.size();
  for (const std::string& extra : split_list(a.value("train-only").value_or(""))) dirs.push_back(extra);
  std::vector<classifier::LabelledSet> sets;
  try {
    if (auto exit = report_config_errors(io, [&] {
          for (const std::string& d : dirs)
            sets.push_back(classifier::load_set(d, a.value("labels").value_or(""), a.value("config").value_or("")));
        }))
      return *exit;
  } catch (const std::exception& e) {
    io.err << "politeno eval: " << e.what() << "\n";
    return kExitDataErr;
  }

  std::vector<std::pair<EvalReport, EvalReport>> rows;
  if (a.has("loso")) {
    std::vector<const classifier::LabelledSet*> ptrs;
    for (const auto& s : sets) ptrs.push_back(&s);
    std::vector<size_t> held_out(judged);
    for (size_t i = 0; i < judged; ++i) held_out[i] = i;
    classifier::TrainOptions options;
    if (auto exit = learner_options(a, io, "eval", &options)) return *exit;
    options.progress = [&](const std::string& m) {
      if (m.rfind("leaving out", 0) == 0) io.err << "politeno eval: " << m << "\n";
    };
    for (auto& r : classifier::leave_one_set_out(ptrs, held_out, options, today)) rows.emplace_back(std::move(r.normal), std::move(r.busy));
    io.out << "leave-one-set-out: each set judged by a model trained on the other " << sets.size() - 1 << " sets\n\n";
  } else {
    try {
      if (auto exit = report_config_errors(io, [&] {
            const std::string override_path = a.value("model").value_or("");
            for (const auto& s : sets) {
              // --model applies to every set; otherwise each set's config may name its own.
              const auto model = classifier::model_for(s.config, override_path);
              EvalReport normal = classifier::evaluate(s, model, false, today);
              EvalReport busy = classifier::evaluate(s, model, true, today);
              rows.emplace_back(std::move(normal), std::move(busy));
            }
          }))
        return *exit;
    } catch (const classifier::ModelError& e) {
      io.err << "politeno eval: " << e.what() << "\n";
      return kExitDataErr;
    }
    if (sets.size() == 1) {
      classifier::print_report(io.out, a.has("busy") ? rows.front().second : rows.front().first);
      io.out << "\n";
    }
  }
  print_summary(io.out, rows);
  if (a.has("misses") && !(sets.size() == 1 && !a.has("loso")))
    for (const auto& [n, b] : rows) {
      io.out << "\n";
      classifier::print_report(io.out, n);
    }
  bool below = false;
  for (const auto& [n, b] : rows) below |= min_accuracy >= 0 && (a.has("busy") ? b : n).accuracy() * 100.0 < min_accuracy;
  if (below) {
    io.err << "politeno eval: accuracy below " << min_accuracy << "%\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace politeno::cli
