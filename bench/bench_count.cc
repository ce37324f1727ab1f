// Parses and classifies every message of the labelled sets N times, for an instruction
// count under callgrind (scripts/bench instructions): the difference between two values
// of N divided by the messages is the cost of one message, start-up excluded.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "config/config.h"
#include "mail/mime_parser.h"

int main(int argc, char** argv) {
  using namespace politeno;
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 1;
  std::string dir = std::string(POLITENO_SHARED_DIR) + "/corpus";
  if (!std::filesystem::is_directory(dir)) dir = std::string(POLITENO_SOURCE_DIR) + "/corpus";
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.path().extension() == ".eml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::vector<std::string> raw;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    raw.push_back(ss.str());
  }
  const config::Config cfg = config::parse_config(
      "identity:\n  name: Priya Raman\n  addresses: [priya@lumen-analytics.io]\n"
      "senders:\n  trusted: [\"@lumen-analytics.io\"]\n  known: [a@b.example]\n"
      "  reputation_concerns: [synergyreach.io]\n  negative_history: [x@y.example]\n",
      "bench");
  const classifier::Classifier clf = classifier::make_classifier(cfg);
  classifier::Context ctx;
  size_t requests = 0;
  for (int r = 0; r < rounds; ++r)
    for (const std::string& m : raw) requests += clf.classify(mail::parse_message(m), ctx).is_request;
  std::printf("%zu messages x %d rounds, %zu requests\n", raw.size(), rounds, requests);
  return 0;
}
