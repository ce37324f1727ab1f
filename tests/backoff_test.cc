#include <catch2/catch.hpp>

#include "imap/backoff.h"

using namespace politeno::imap;
using std::chrono::milliseconds;

TEST_CASE("reconnect delays double with jitter up to the cap and reset after success", "[imap][backoff]") {
  Backoff b(milliseconds(1000), milliseconds(60000));
  CHECK(b.next(0.0) == milliseconds(500));
  CHECK(b.next(1.0) == milliseconds(2000));
  CHECK(b.next(0.5) == milliseconds(3000));
  for (int i = 0; i < 40; ++i) b.next(0.99);  // never overflows
  const auto capped = b.next(1.0);
  CHECK(capped == milliseconds(60000));
  CHECK(b.next(0.0) == milliseconds(30000));
  b.reset();
  CHECK(b.next(1.0) == milliseconds(1000));
}

TEST_CASE("different jitter spreads accounts that fail together", "[imap][backoff]") {
  Backoff a, b;
  a.next(0.1);
  b.next(0.9);
  CHECK(a.next(0.1) < b.next(0.9));
}
