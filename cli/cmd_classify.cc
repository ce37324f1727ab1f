#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "classifier/classifier.h"
#include "classifier/model_file.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/json_output.h"
#include "cli/options.h"
#include "mail/mime_parser.h"

namespace politeno::cli {
namespace {

// Reads all of `in`, up to `max` bytes plus one (so the parser can report the cut).
bool read_all(std::istream& in, std::string* out, size_t max) {
  out->clear();
  char buf[65536];
  while (in && out->size() <= max) {
    in.read(buf, sizeof buf);
    out->append(buf, static_cast<size_t>(in.gcount()));
  }
  return !in.bad();
}

std::string shorten(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  std::string out = s.substr(0, n);
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  return out + "...";
}

void print_human(std::ostream& out, const std::string& file, const classifier::Decision& d, const mail::Message& m) {
  std::string flags;
  for (classifier::Flag f : d.flags) flags += (flags.empty() ? "" : ",") + std::string(classifier::to_string(f));
  char head[256];
  std::snprintf(head, sizeof head, "%-14s %-26s P(request) %.2f  P(selling) %.2f  P(big ask) %.2f",
                std::string(classifier::to_string(d.verdict)).c_str(), flags.empty() ? "-" : flags.c_str(),
                d.probability[0], d.probability[1], d.probability[2]);
  out << file << "\n  " << head << "\n";
  out << "  from " << (m.from.empty() ? std::string("(none)") : m.from_address().normalized()) << ": "
      << shorten(m.subject, 70) << "\n";
  // Flag evidence first, then what decided the request question.
  for (const classifier::Reason& r : d.reasons) {
    if (r.about == "request") continue;
    char w[16];
    std::snprintf(w, sizeof w, "%+.2f", r.weight);
    out << "    " << r.about << "  " << w << "  " << r.signal << ": " << r.evidence << "\n";
  }
  for (const classifier::Reason& r : d.reasons) {
    if (r.about != "request") continue;
    char w[16];
    std::snprintf(w, sizeof w, "%+.2f", r.weight);
    out << "    request  " << w << "  " << r.signal << ": " << r.evidence << "\n";
  }
  for (const std::string& defect : m.defects) out << "    defect: " << defect << "\n";
}

// Display width of UTF-8 text (code points; good enough for a terminal table).
size_t width(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string pad(std::string s, size_t w) {
  s = shorten(s, w);
  while (width(s) < w) s.push_back(' ');
  return s;
}

// The strongest piece of evidence: for the first flag if any, else for the request question.
std::string top_evidence(const classifier::Decision& d) {
  const classifier::Reason* best = nullptr;
  const std::string want = d.flags.empty() ? "request" : std::string(classifier::to_string(d.flags.front()));
  for (const classifier::Reason& r : d.reasons) {
    if (r.about != want) continue;
    if (!best || (d.flags.empty() ? std::abs(r.weight) > std::abs(best->weight) : r.weight > best->weight)) best = &r;
  }
  return best ? best->signal + ": " + best->evidence : std::string();
}

void print_table_header(std::ostream& out) {
  out << pad("MESSAGE", 26) << "  " << pad("VERDICT", 13) << "  " << pad("RED FLAGS", 28) << "  EVIDENCE\n";
}

void print_table_row(std::ostream& out, const std::string& file, const classifier::Decision& d) {
  std::string name = file;
  if (const size_t slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
  std::string flags;
  for (classifier::Flag f : d.flags) flags += (flags.empty() ? "" : ",") + std::string(classifier::to_string(f));
  out << pad(name, 26) << "  " << pad(std::string(classifier::to_string(d.verdict)), 13) << "  "
      << pad(flags.empty() ? "-" : flags, 28) << "  " << shorten(top_evidence(d), 70) << "\n";
}

}  // namespace

std::string classify_help() {
  return "usage: politeno classify [--config FILE] [--model FILE] [--json | --table] [--now YYYY-MM-DD]\n"
         "                         FILE... | -\n"
         "\n"
         "Parses each message (an .eml file, or standard input for '-') and prints whether it\n"
         "is a networking request, its red flags, the verdict, and the model's probabilities\n"
         "with the features that counted most for each question, and by how much.\n"
         "\n"
         "  --config FILE  the configuration (default: $POLITENO_CONFIG, then\n"
         "                 $XDG_CONFIG_HOME/politeno/config.yaml, then /etc/politeno/config.yaml)\n"
         "  --model FILE   the model to judge with (default: 'model:' in the config, else the\n"
         "                 built-in one)\n"
         "  --json         one JSON object per line: file, is_request, verdict, red_flags,\n"
         "                 probabilities {request, selling, big_ask}, model,\n"
         "                 reasons [{flag, signal, evidence, weight}], score, defects\n"
         "  --table        one row per message: verdict, red flags, strongest evidence\n"
         "  --now DATE     the date to judge capacity.busy_until against (default: today, UTC)\n"
         "\n"
         "Exit status: 0 all classified; 1 some file could not be read (the others are still\n"
         "classified); 64 usage; 78 configuration error.\n";
}

int cmd_classify(const std::vector<std::string>& args, Streams io) {
  ParsedArgs a;
  std::chrono::sys_days today;
  if (auto exit = parse_command(args, io, "classify", classify_help(), {"config", "now", "model"}, {"json", "table"}, &a,
                                [&](const ParsedArgs& p) {
                                  if (p.positional.empty())
                                    throw UsageError("no message given: name .eml files, or - for standard input");
                                  if (p.has("json") && p.has("table")) throw UsageError("--json and --table exclude each other");
                                  today = p.value("now") ? parse_date_arg(*p.value("now"), "--now") : today_utc();
                                }))
    return *exit;
  std::optional<classifier::Classifier> clf;
  if (auto exit = report_config_errors(io, [&] {
        const config::Config cfg = load_config_from(a.value("config"));
        clf.emplace(classifier::make_classifier(cfg, classifier::model_for(cfg, a.value("model").value_or(""))));
      }))
    return *exit;
  classifier::Context ctx;
  ctx.today = today;
  const mail::ParseLimits limits;
  const bool json = a.has("json");
  const bool table = a.has("table");
  if (table) print_table_header(io.out);
  bool failed = false;
  for (const std::string& file : a.positional) {
    std::string raw;
    bool ok;
    if (file == "-") {
      ok = read_all(io.in, &raw, limits.max_bytes);
    } else {
      std::ifstream f(file, std::ios::binary);
      ok = f.is_open() && read_all(f, &raw, limits.max_bytes);
    }
    if (!ok) {
      io.err << "politeno classify: " << file << ": cannot read the file\n";
      failed = true;
      continue;
    }
    const mail::Message m = mail::parse_message(raw, limits);
    const classifier::Decision d = clf->explain(m, ctx);
    if (json) {
      io.out << decision_json(file, d, m) << "\n";
    } else if (table) {
      print_table_row(io.out, file, d);
    } else {
      print_human(io.out, file, d, m);
    }
  }
  io.out.flush();
  return failed ? kExitFailure : kExitOk;
}

}  // namespace politeno::cli
