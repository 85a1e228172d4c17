// A set of 64-bit fingerprints of keys (event ids, child ids) that answers "certainly
// absent" or "maybe present": the ledger's writer asks it before it looks an event id or
// a child up in RocksDB, so that a new id or child (most appends) costs no lookup.
// Private to ledger/. Not thread-safe (the group leader's only).
//
// Written by hand: an open-addressing table of integers (linear probing, at most half
// full: 16 to 32 bytes per key), which no library the project uses offers. A fingerprint is
// std::hash of the key mixed with a seed drawn per set (so that ids crafted to collide in
// one process's table cannot be prepared in advance); two keys with one fingerprint only
// cost a RocksDB lookup, never a wrong answer.
//
// Invariants: every inserted key stays "maybe present"; slots_ is empty or a power of two
// in size, with size_ * 2 <= slots_.size(); a slot of 0 is empty (no fingerprint is 0).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cjl::ledger {

class FingerprintSet {
 public:
  FingerprintSet();
  // Room for `keys` keys without growing (growing rehashes every key at once).
  void Reserve(std::size_t keys);
  void Insert(std::string_view key);
  bool MayContain(std::string_view key) const;
  std::size_t size() const { return size_; }

 private:
  std::uint64_t Fingerprint(std::string_view key) const;
  void InsertFingerprint(std::uint64_t fingerprint);
  void Rehash(std::size_t slots);

  std::uint64_t seed_;
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

}  // namespace cjl::ledger
