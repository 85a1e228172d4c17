#include "ledger/fingerprint_set.h"

#include <functional>

namespace cjl::ledger {

std::uint64_t FingerprintSet::Fingerprint(std::string_view key) {
  const std::uint64_t h = std::hash<std::string_view>{}(key);
  return h == 0 ? 1 : h;  // 0 marks an empty slot
}

bool FingerprintSet::MayContain(std::string_view key) const {
  if (slots_.empty()) return false;
  const std::uint64_t fingerprint = Fingerprint(key);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = fingerprint & mask;; i = (i + 1) & mask) {
    if (slots_[i] == fingerprint) return true;
    if (slots_[i] == 0) return false;  // the table is at most half full: a 0 is reached
  }
}

void FingerprintSet::Insert(std::string_view key) { InsertFingerprint(Fingerprint(key)); }

void FingerprintSet::InsertFingerprint(std::uint64_t fingerprint) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = fingerprint & mask;; i = (i + 1) & mask) {
    if (slots_[i] == fingerprint) return;
    if (slots_[i] == 0) {
      slots_[i] = fingerprint;
      ++size_;
      return;
    }
  }
}

void FingerprintSet::Grow() {
  std::vector<std::uint64_t> old(slots_.empty() ? 1024 : slots_.size() * 2, 0);
  old.swap(slots_);  // slots_ is now the larger, empty table
  size_ = 0;
  for (std::uint64_t fingerprint : old) {
    if (fingerprint != 0) InsertFingerprint(fingerprint);  // at most a quarter full: no Grow
  }
}

}  // namespace cjl::ledger
