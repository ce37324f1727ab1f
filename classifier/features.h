// Extraction, the first of the classifier's three steps (extract -> score -> decide):
// a parsed message and what is known of its owner in, the evidence out - which signals
// fired where, how the sender stands to the owner, and the message as a sparse vector
// of named features for the model. Pure; no display strings unless asked for.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "classifier/owner.h"
#include "classifier/rules.h"
#include "mail/message.h"

namespace politeno::classifier {

// A feature's id, from its name: the same name, the same id, in every model and state
// file. Words, pairs and stems ("w:", "s:", "p:") combine their words' hashes
// (word_hash, pair_hash), so the extractor makes them from its tokens' hashes without
// building names; every other name is its FNV-1a.
uint64_t feature_id(std::string_view name);

// Sorted by id, unique. `names` is filled only when extraction was asked for names.
struct FeatureVector {
  std::vector<uint64_t> ids;
  std::vector<float> values;
  std::vector<std::string> names;

  size_t size() const { return ids.size(); }
};

// What the caller knows beyond the message and the owner.
struct Context {
  std::chrono::sys_days today{};  // the date now, for busy_until
  int accepted_last_7_days = 0;   // requests the owner accepted in the last 7 days
  // Message-IDs (without brackets) of mail the owner sent: a reply whose thread starts
  // at one of them is a reply in the owner's own thread. May be null.
  const std::unordered_set<std::string>* own_message_ids = nullptr;
  // Lower-cased addresses the owner has written to: prior rapport. May be null.
  const std::unordered_set<std::string>* correspondents = nullptr;
  // What the owner's corrections taught (classifier/owner_layer.h): a layer over the
  // shipped model, the senders they rescued and those they declined. May be null.
  const struct OwnerLearning* learned = nullptr;
};

// Where in the message a hit was found.
enum class Region : uint8_t { kSubject, kBody, kSignature, kGreeting, kQuoted, kHeader };

// One hit of a signal. [begin, end) are bytes of the region's text: Evidence::text for
// kSubject and kBody, signature_text, greeting_line; empty for facts. `entry` is the
// phrase's index in the signal's list, or -1.
struct Hit {
  SignalId signal;
  Region region;
  int32_t entry = -1;
  uint32_t begin = 0, end = 0;
};

struct Evidence {
  // The sender and how they stand to the owner.
  std::string from;             // lower-cased From address, empty if none
  bool from_self = false;       // From is one of the owner's addresses
  bool trusted = false;         // on senders.trusted (or the owner)
  bool known = false;           // on senders.known, or someone the owner wrote to
  bool rescued = false;         // the owner took this sender's mail back from a decline folder
  bool own_thread = false;      // a reply in a thread the owner started
  bool reply_elsewhere = false; // a reply in someone else's thread
  bool bulk = false;            // list, bulk or automated: file it, never draft a reply
  bool rapport() const { return known || own_thread || rescued; }

  std::array<uint8_t, kSignalCount> hits{};  // distinct hits per signal
  std::vector<Hit> spans;                    // every hit, when asked for
  std::string text;                          // subject + "\n\n" + body, when asked for
  std::string signature_text;                // what signature hits index, when asked for
  std::string greeting_line;                 // when asked for
  FeatureVector features;
};

struct ExtractOptions {
  bool names = false;  // fill FeatureVector::names (training, explanations)
  bool spans = false;  // fill Evidence::spans and the texts they point into
  // When set, only the features it holds are kept (a model's: the others cannot count).
  const class IdIndex* keep = nullptr;
};

// Texts longer than this are read on their first this-many bytes.
inline constexpr size_t kMaxClassifiedText = 64 * 1024;

Evidence extract(const mail::Message& m, const Owner& owner, const Rules& rules, const Context& ctx,
                 ExtractOptions options = {});

}  // namespace politeno::classifier
