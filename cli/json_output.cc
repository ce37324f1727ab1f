#include "cli/json_output.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace politeno::cli {
namespace {

double rounded(double v) { return std::round(v * 100.0) / 100.0; }

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

std::string decision_json(const std::string& file, const classifier::Decision& d, const mail::Message& m) {
  nlohmann::json j;
  j["file"] = file;
  j["is_request"] = d.is_request;
  j["verdict"] = std::string(classifier::to_string(d.verdict));
  nlohmann::json flags = nlohmann::json::array();
  for (classifier::Flag f : d.flags) flags.push_back(std::string(classifier::to_string(f)));
  j["red_flags"] = flags;
  nlohmann::json reasons = nlohmann::json::array();
  for (const classifier::Reason& r : d.reasons) {
    reasons.push_back({{"flag", r.about}, {"signal", r.signal}, {"evidence", r.evidence}, {"weight", rounded(r.weight)}});
  }
  j["reasons"] = reasons;
  j["probabilities"] = {{"request", rounded(d.probability[0])}, {"selling", rounded(d.probability[1])},
                        {"big_ask", rounded(d.probability[2])}};
  j["model"] = d.model_version;
  j["score"] = rounded(d.score);
  j["defects"] = m.defects;
  return dump(j);
}

std::string error_json(const std::string& file, const std::string& error) {
  return dump(nlohmann::json{{"file", file}, {"error", error}});
}

}  // namespace politeno::cli
