#include "ledger/fingerprint_set.h"

#include <functional>
#include <random>

namespace cjl::ledger {
namespace {

constexpr std::size_t kMinSlots = 1024;

// splitmix64's finaliser: every bit of the input moves every bit of the output.
std::uint64_t Mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

FingerprintSet::FingerprintSet()
    : seed_((std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}()) {}

std::uint64_t FingerprintSet::Fingerprint(std::string_view key) const {
  const std::uint64_t h = Mix(std::hash<std::string_view>{}(key) ^ seed_);
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

void FingerprintSet::Reserve(std::size_t keys) {
  std::size_t slots = kMinSlots;
  while (slots < keys * 2) slots *= 2;
  if (slots > slots_.size()) Rehash(slots);
}

void FingerprintSet::InsertFingerprint(std::uint64_t fingerprint) {
  if ((size_ + 1) * 2 > slots_.size()) Rehash(slots_.empty() ? kMinSlots : slots_.size() * 2);
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

void FingerprintSet::Rehash(std::size_t slots) {
  std::vector<std::uint64_t> old(slots, 0);
  old.swap(slots_);  // slots_ is now the larger, empty table
  size_ = 0;
  for (std::uint64_t fingerprint : old) {
    // The new table is at least twice the old one, so at most a quarter full: no rehash.
    if (fingerprint != 0) InsertFingerprint(fingerprint);
  }
}

}  // namespace cjl::ledger
