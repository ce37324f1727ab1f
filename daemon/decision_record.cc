#include "daemon/decision_record.h"

#include <cstdio>

#include "classifier/feature_codec.h"
#include "mail/fnv1a.h"

namespace politeno::daemon {

std::string message_key(const mail::Message& m) {
  if (!m.message_id.empty()) return m.message_id;
  const uint64_t h = mail::fnv1a(m.from_address().normalized() + "\n" + m.date + "\n" + m.subject);
  char buf[40];
  std::snprintf(buf, sizeof buf, "no-message-id.%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string flags_text(const classifier::Decision& d) {
  std::string out;
  for (classifier::Flag f : d.flags) out += (out.empty() ? "" : ",") + std::string(classifier::to_string(f));
  return out;
}

MessageRecord decision_record(const mail::Message& m, const classifier::Decision& d, const classifier::Classifier& clf) {
  MessageRecord r;
  r.key = message_key(m);
  r.sender = m.from_address().normalized();
  r.verdict = std::string(classifier::to_string(d.verdict));
  r.flags = flags_text(d);
  r.score = d.score;
  r.model = d.model_version;
  // Only what the shipped model reads: what a correction can teach its layer.
  r.features = classifier::encode_features(d.features, [&](uint64_t id) { return clf.model().has(id); });
  return r;
}

}  // namespace politeno::daemon
