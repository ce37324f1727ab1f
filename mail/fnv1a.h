// FNV-1a, 64 bits: a stable, dependency-free hash for identifiers derived from text (a
// draft's Message-ID from its request's, a key for a message without one). Not for
// anything an attacker must not collide.
#pragma once

#include <cstdint>
#include <string_view>

namespace politeno::mail {

inline constexpr uint64_t kFnv1aBasis = 1469598103934665603ull;

// Continues the hash `h` over `s`: fnv1a(a + b) == fnv1a(b, fnv1a(a)).
inline constexpr uint64_t fnv1a(std::string_view s, uint64_t h) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

inline constexpr uint64_t fnv1a(std::string_view s) { return fnv1a(s, kFnv1aBasis); }

}  // namespace politeno::mail
