#include "classifier/labels.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace politeno::classifier {

bool Label::has(Flag f) const { return std::find(red_flags.begin(), red_flags.end(), f) != red_flags.end(); }

std::vector<Label> read_labels(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the labels file");
  std::vector<Label> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(n) + ": ";
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(where + "not JSON: " + e.what());
    }
    auto text = [&](const char* key, bool required) -> std::string {
      if (!j.contains(key)) {
        if (required) throw std::runtime_error(where + "missing \"" + key + "\"");
        return "";
      }
      if (!j[key].is_string()) throw std::runtime_error(where + "\"" + key + "\" must be a string");
      return j[key].get<std::string>();
    };
    auto verdict = [&](const char* key, bool required, Verdict fallback) {
      const std::string v = text(key, required);
      if (v.empty() && !required) return fallback;
      auto parsed = parse_verdict(v);
      if (!parsed) throw std::runtime_error(where + "unknown verdict \"" + v + "\" in \"" + key + "\"");
      return *parsed;
    };
    Label l;
    l.file = text("file", true);
    l.verdict = verdict("verdict", true, Verdict::kNotRequest);
    l.busy_verdict = verdict("busy_verdict", false, l.verdict);
    l.note = text("note", false);
    l.is_request = j.contains("is_request") ? j["is_request"].is_boolean() && j["is_request"].get<bool>()
                                            : l.verdict != Verdict::kNotRequest;
    if (j.contains("red_flags")) {
      if (!j["red_flags"].is_array()) throw std::runtime_error(where + "\"red_flags\" must be a list");
      for (const auto& f : j["red_flags"]) {
        if (!f.is_string()) throw std::runtime_error(where + "\"red_flags\" entries must be strings");
        auto flag = parse_flag(f.get<std::string>());
        if (!flag) throw std::runtime_error(where + "unknown red flag \"" + f.get<std::string>() + "\"");
        l.red_flags.push_back(*flag);
      }
    }
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace politeno::classifier
