// Parse + classify throughput: messages/s and bytes/s over the development corpus (or the
// bundled examples when shared/ is absent) and over one large synthetic message.
// Run through scripts/bench, which asks for repetitions and prints medians.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "mail/mime_parser.h"

namespace {

using namespace politeno;

std::vector<std::string> load_messages() {
  std::vector<std::string> out;
  std::string dir = std::string(POLITENO_SHARED_DIR) + "/corpus";
  if (!std::filesystem::is_directory(dir)) dir = std::string(POLITENO_SOURCE_DIR) + "/examples/messages";
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".eml") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

const classifier::Classifier& the_classifier() {
  static const classifier::Classifier c = [] {
    config::Config cfg = config::parse_config(
        "identity:\n  name: Priya Raman\n  addresses: [priya@lumen-analytics.io]\n"
        "senders:\n  trusted: [\"@lumen-analytics.io\"]\n  known: [a@b.example]\n"
        "  reputation_concerns: [synergyreach.io]\n  negative_history: [x@y.example]\n",
        "bench");
    return classifier::make_classifier(cfg);
  }();
  return c;
}

// A 5 MB message: a long text part, an HTML alternative full of links, a base64 attachment.
std::string large_message() {
  std::string text, html, b64;
  const std::string para =
      "Hi Priya, I hope this finds you well. We met at the meetup and I would love to grab a coffee sometime to "
      "hear how your team thinks about model monitoring; happy to share our notes in return.\n";
  while (text.size() < (2u << 20)) text += para;
  while (html.size() < (1u << 20)) html += "<p>Paragraph with a <a href=\"https://example.org/x\">link</a> and text.</p>\n";
  while (b64.size() < (2u << 20)) b64 += "JVBERi0xLjQKMSAwIG9iaiA8PCAvVHlwZSAvQ2F0YWxvZyAvUGFnZXMgMiAwIFIgPj4gZW5kb2Jq\r\n";
  return "From: Sam <sam@example.org>\r\nTo: priya@lumen-analytics.io\r\nSubject: big one\r\nMIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n"
         "Content-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
         text + "\r\n--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html +
         "\r\n--inner--\r\n--outer\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
         "Content-Disposition: attachment; filename=deck.pdf\r\n\r\n" + b64 + "--outer--\r\n";
}

void BM_ParseAndClassifyCorpus(benchmark::State& state) {
  static const std::vector<std::string> messages = load_messages();
  classifier::Context ctx;
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& raw : messages) {
      const mail::Message m = mail::parse_message(raw);
      benchmark::DoNotOptimize(the_classifier().classify(m, ctx));
      bytes += raw.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * messages.size()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["messages"] = static_cast<double>(messages.size());
}
BENCHMARK(BM_ParseAndClassifyCorpus)->Unit(benchmark::kMicrosecond);

void BM_ParseCorpus(benchmark::State& state) {
  static const std::vector<std::string> messages = load_messages();
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& raw : messages) {
      benchmark::DoNotOptimize(mail::parse_message(raw));
      bytes += raw.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * messages.size()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMicrosecond);

void BM_ClassifyParsedCorpus(benchmark::State& state) {
  static const std::vector<mail::Message> parsed = [] {
    std::vector<mail::Message> v;
    for (const std::string& raw : load_messages()) v.push_back(mail::parse_message(raw));
    return v;
  }();
  classifier::Context ctx;
  for (auto _ : state)
    for (const mail::Message& m : parsed) benchmark::DoNotOptimize(the_classifier().classify(m, ctx));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * parsed.size()));
}
BENCHMARK(BM_ClassifyParsedCorpus)->Unit(benchmark::kMicrosecond);

void BM_ParseAndClassifyLargeMessage(benchmark::State& state) {
  static const std::string raw = large_message();
  classifier::Context ctx;
  for (auto _ : state) {
    const mail::Message m = mail::parse_message(raw);
    benchmark::DoNotOptimize(the_classifier().classify(m, ctx));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * raw.size()));
  state.counters["MB"] = static_cast<double>(raw.size()) / 1e6;
}
BENCHMARK(BM_ParseAndClassifyLargeMessage)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
