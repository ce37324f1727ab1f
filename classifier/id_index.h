// A map from feature ids to small integers, flat and open-addressed: the model's weights
// are looked up for every feature of every message, and ids are already hashes (FNV-1a),
// so they index the table directly. Not thread-safe to modify; const lookups are.
#pragma once

#include <cstdint>
#include <vector>

namespace politeno::classifier {

class IdIndex {
 public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  size_t size() const { return size_; }
  void clear() {
    slots_.clear();
    present_.assign(kPresentWords, 0);
    size_ = 0;
    mask_ = 0;
  }

  // The value stored for `id`, or kAbsent.
  uint32_t find(uint64_t id) const {
    if (slots_.empty()) return kAbsent;
    // Most ids asked for are absent: a bit per id's top 16 bits answers that from 8 KB
    // (in cache), before the table is touched.
    const uint64_t bit = id >> 48;
    if (!((present_[bit >> 6] >> (bit & 63)) & 1)) return kAbsent;
    for (size_t i = id & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == 0) return kAbsent;  // values are stored plus one: 0 is an empty slot
      if (s.key == id) return s.value - 1;
    }
  }

  // Stores `value` for `id` (replacing any).
  void insert(uint64_t id, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    if (present_.empty()) present_.assign(kPresentWords, 0);
    const uint64_t bit = id >> 48;
    present_[bit >> 6] |= uint64_t{1} << (bit & 63);
    for (size_t i = id & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == 0 || s.key == id) {
        if (s.value == 0) ++size_;
        s = {id, value + 1};
        return;
      }
    }
  }

 private:
  // Key and value side by side: a probe touches one cache line.
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;  // value + 1; 0: empty
  };

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    const size_t capacity = old.empty() ? 64 : old.size() * 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.value != 0) insert(s.key, s.value - 1);
  }

  static constexpr size_t kPresentWords = (size_t{1} << 16) / 64;

  std::vector<Slot> slots_;
  std::vector<uint64_t> present_;  // a bit per value of an id's top 16 bits
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace politeno::classifier
