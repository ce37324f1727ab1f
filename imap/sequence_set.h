// IMAP sequence sets (RFC 3501 9: "1:50,52,60:99") from and to lists of UIDs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace politeno::imap {

// Compresses `uids` (any order, duplicates allowed) into the shortest range form.
// Empty input gives "".
std::string to_sequence_set(std::vector<uint32_t> uids);

// Splits `uids` into sets of at most `max_per_set` UIDs each (batching large commands).
std::vector<std::string> batched_sequence_sets(std::vector<uint32_t> uids, size_t max_per_set);

// Expands a sequence set with explicit numbers (no '*'); nullopt when malformed or when
// it would expand to more than `limit` numbers.
std::optional<std::vector<uint32_t>> parse_sequence_set(std::string_view set, size_t limit = 1'000'000);

}  // namespace politeno::imap
