#include <catch2/catch.hpp>

#include "imap/sequence_set.h"

using namespace politeno::imap;

TEST_CASE("UIDs compress into ranges, sorted and without duplicates", "[imap][seqset]") {
  CHECK(to_sequence_set({1, 2, 3, 50, 4, 52, 60, 61, 99, 62, 3}) == "1:4,50,52,60:62,99");
  CHECK(to_sequence_set({}) == "");
  CHECK(to_sequence_set({7}) == "7");
  CHECK(to_sequence_set({4294967295u, 4294967294u}) == "4294967294:4294967295");
}

TEST_CASE("large UID lists are split into bounded batches", "[imap][seqset]") {
  std::vector<uint32_t> uids;
  for (uint32_t i = 1; i <= 5000; ++i) uids.push_back(i * 2);  // no ranges to merge
  const auto sets = batched_sequence_sets(uids, 2000);
  REQUIRE(sets.size() == 3);
  size_t total = 0;
  for (const auto& s : sets) total += parse_sequence_set(s)->size();
  CHECK(total == 5000);
}

TEST_CASE("sequence sets parse back, and malformed ones are refused", "[imap][seqset]") {
  CHECK(*parse_sequence_set("1:3,7,10:9") == std::vector<uint32_t>{1, 2, 3, 7, 9, 10});
  CHECK_FALSE(parse_sequence_set("1:*"));
  CHECK_FALSE(parse_sequence_set("a"));
  CHECK_FALSE(parse_sequence_set("0"));
  CHECK_FALSE(parse_sequence_set("1:4000000000", 1000));
}
