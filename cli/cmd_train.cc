#include <iostream>

#include "classifier/dataset.h"
#include "classifier/model_file.h"
#include "classifier/trainer.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/options.h"

namespace politeno::cli {

std::optional<int> learner_options(const ParsedArgs& a, Streams io, const std::string& command,
                                   classifier::TrainOptions* options) {
  try {
    if (auto v = a.value("l2")) options->l2 = std::stod(*v);
    if (auto v = a.value("min-sets")) options->min_sets = std::stoi(*v);
  } catch (const std::exception&) {
    io.err << "politeno " << command << ": --l2 takes a number and --min-sets a whole number\n";
    return kExitUsage;
  }
  if (options->l2 <= 0 || options->min_sets < 1) {
    io.err << "politeno " << command << ": --l2 must be above 0 and --min-sets at least 1\n";
    return kExitUsage;
  }
  return std::nullopt;
}

std::string train_help() {
  return "usage: politeno train SET... -o MODEL\n"
         "\n"
         "Learns the classifier's model from labelled sets (folders of NNN.eml with\n"
         "labels.jsonl and config.yaml, as in shared/corpus) and writes it to MODEL, a small\n"
         "text file. Three logistic heads - is it a networking request, is it selling, is the\n"
         "favour big - learn how much each feature counts: the rule signals, the sender's\n"
         "standing, the message's shape, and words, word pairs and stems that occur in at\n"
         "least two of the sets, each scaled by how differently it occurs in the two classes\n"
         "(NB-weighted logistic regression). Each head is then calibrated (Platt scaling) on\n"
         "predictions for sets left out of training in turn, so that its output is a\n"
         "probability. The same sets in the same order give the same bytes.\n"
         "\n"
         "Use the model with --model MODEL (classify, eval) or 'model: MODEL' in the config;\n"
         "built into politeno is classifier/model/politeno.model. Measure the learning with\n"
         "'politeno eval --loso SET...'.\n"
         "\n"
         "  -o, --output MODEL  where to write the model (replaced atomically)\n"
         "  --l2 X              the L2 penalty on weights (default 30); for comparing learners\n"
         "  --min-sets N        words must occur in N sets to count (default 2)\n"
         "\n"
         "Exit status: 0 written; 64 usage; 65 bad labels; 74 cannot write; 78 configuration.\n";
}

int cmd_train(const std::vector<std::string>& raw_args, Streams io) {
  std::vector<std::string> args = raw_args;
  for (std::string& s : args)
    if (s == "-o") s = "--output";
  ParsedArgs a;
  if (auto exit = parse_command(args, io, "train", train_help(), {"output", "l2", "min-sets"}, {}, &a, [&](const ParsedArgs& p) {
        if (p.positional.empty()) throw UsageError("expected at least one labelled set");
        if (!p.value("output")) throw UsageError("-o MODEL is required");
      }))
    return *exit;
  std::vector<classifier::LabelledSet> sets;
  try {
    if (auto exit = report_config_errors(io, [&] {
          for (const std::string& d : a.positional) sets.push_back(classifier::load_set(d));
        }))
      return *exit;
  } catch (const std::exception& e) {
    io.err << "politeno train: " << e.what() << "\n";
    return kExitDataErr;
  }
  std::vector<const classifier::LabelledSet*> ptrs;
  size_t messages = 0;
  for (const auto& s : sets) {
    ptrs.push_back(&s);
    messages += s.labels.size();
  }
  classifier::TrainOptions options;
  if (auto exit = learner_options(a, io, "train", &options)) return *exit;
  const classifier::Model model = classifier::train(ptrs, options);
  try {
    classifier::save_model(model, *a.value("output"));
  } catch (const std::exception& e) {
    io.err << "politeno train: " << e.what() << "\n";
    return kExitIoErr;
  }
  const auto& th = model.thresholds();
  io.out << "politeno train: " << messages << " messages in " << sets.size() << " sets -> " << *a.value("output") << " ("
         << model.size() << " features, version " << model.version() << ")\n";
  char line[160];
  std::snprintf(line, sizeof line,
                "  thresholds: request %.2f (own thread %.2f), transactional %.2f, too_much_too_soon %.2f, decline %.2f\n",
                th.request, th.request_own_thread, th.transactional, th.too_much_too_soon, th.decline);
  io.out << line;
  return kExitOk;
}

}  // namespace politeno::cli
