#include "imap/sequence_set.h"

#include <algorithm>
#include <charconv>

namespace politeno::imap {

std::string to_sequence_set(std::vector<uint32_t> uids) {
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  std::string out;
  size_t i = 0;
  while (i < uids.size()) {
    size_t j = i;
    while (j + 1 < uids.size() && uids[j + 1] == uids[j] + 1) ++j;
    if (!out.empty()) out.push_back(',');
    out += std::to_string(uids[i]);
    if (j > i) out += ":" + std::to_string(uids[j]);
    i = j + 1;
  }
  return out;
}

std::vector<std::string> batched_sequence_sets(std::vector<uint32_t> uids, size_t max_per_set) {
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  std::vector<std::string> out;
  if (max_per_set == 0) max_per_set = 1;
  for (size_t i = 0; i < uids.size(); i += max_per_set) {
    out.push_back(to_sequence_set(
        std::vector<uint32_t>(uids.begin() + static_cast<long>(i),
                              uids.begin() + static_cast<long>(std::min(uids.size(), i + max_per_set)))));
  }
  return out;
}

std::optional<std::vector<uint32_t>> parse_sequence_set(std::string_view set, size_t limit) {
  std::vector<uint32_t> out;
  auto number = [](std::string_view s) -> std::optional<uint32_t> {
    uint32_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty() || v == 0) return std::nullopt;
    return v;
  };
  size_t i = 0;
  while (i <= set.size()) {
    size_t comma = set.find(',', i);
    if (comma == std::string_view::npos) comma = set.size();
    const std::string_view item = set.substr(i, comma - i);
    const size_t colon = item.find(':');
    auto a = number(item.substr(0, colon));
    if (!a) return std::nullopt;
    uint32_t lo = *a, hi = *a;
    if (colon != std::string_view::npos) {
      auto b = number(item.substr(colon + 1));
      if (!b) return std::nullopt;
      lo = std::min(*a, *b);
      hi = std::max(*a, *b);
    }
    if (out.size() + (hi - lo + 1ull) > limit) return std::nullopt;
    for (uint64_t v = lo; v <= hi; ++v) out.push_back(static_cast<uint32_t>(v));
    i = comma + 1;
    if (comma == set.size()) break;
  }
  return out;
}

}  // namespace politeno::imap
