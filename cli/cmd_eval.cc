#include <iostream>

#include "cli/commands.h"
#include "cli/evaluation.h"
#include "cli/exit_codes.h"
#include "cli/options.h"

namespace politeno::cli {

std::string eval_help() {
  return "usage: politeno eval DIR [--labels FILE] [--config FILE] [--busy] [--now YYYY-MM-DD]\n"
         "                        [--min-accuracy PERCENT]\n"
         "\n"
         "Replays a labelled folder (labels.jsonl beside the .eml files) through the classifier\n"
         "and prints the verdict confusion matrix, is_request and per-flag precision and recall,\n"
         "and every miss with its reasons.\n"
         "\n"
         "  --labels FILE   the labels (default: DIR/labels.jsonl)\n"
         "  --config FILE   the configuration (default: DIR/config.yaml)\n"
         "  --busy          put the recipient over capacity and compare with busy_verdict\n"
         "  --now DATE      the date of the run (default: today, UTC)\n"
         "  --min-accuracy  exit 1 when verdict accuracy is below PERCENT\n"
         "\n"
         "Exit status: 0 done; 1 below --min-accuracy; 64 usage; 65 bad labels; 78 configuration.\n";
}

int cmd_eval(const std::vector<std::string>& args, Streams io) {
  ParsedArgs a;
  std::chrono::sys_days today;
  double min_accuracy = -1;
  if (auto exit = parse_command(args, io, "eval", eval_help(), {"labels", "config", "now", "min-accuracy"}, {"busy"}, &a,
                                [&](const ParsedArgs& p) {
                                  if (p.positional.size() != 1) throw UsageError("expected exactly one folder");
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
  const std::string dir = a.positional.front();
  std::vector<Label> labels;
  try {
    labels = read_labels(a.value("labels").value_or(dir + "/labels.jsonl"));
  } catch (const std::exception& e) {
    io.err << "politeno eval: " << e.what() << "\n";
    return kExitDataErr;
  }
  std::optional<classifier::Classifier> clf;
  if (auto exit = report_config_errors(io, [&] {
        config::Config cfg = config::load_config(a.value("config").value_or(dir + "/config.yaml"));
        if (a.has("busy")) cfg.capacity.busy_until = std::chrono::year_month_day(std::chrono::year(9999) / 12 / 31);
        clf.emplace(classifier::make_classifier(std::move(cfg)));
      }))
    return *exit;
  classifier::Context ctx;
  ctx.today = today;
  const EvalReport report = evaluate(dir, labels, *clf, ctx, a.has("busy"));
  print_report(io.out, report, dir);
  if (min_accuracy >= 0 && report.accuracy() * 100.0 < min_accuracy) {
    io.err << "politeno eval: accuracy below " << min_accuracy << "%\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace politeno::cli
