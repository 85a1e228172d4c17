// Tests only: changes a stored ledger record behind the ledger's back (the ledger must be
// closed), to prove that damage is found. Header-only; the test links RocksDB through
// the ledger.
#pragma once

#include <rocksdb/db.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ledger/keys.h"

namespace cjl::testing {

// Applies `edit` to the stored bytes of the record at `position`; false if it cannot.
inline bool EditStoredRecord(const std::string& ledger_path, std::uint64_t position,
                             const std::function<void(std::string&)>& edit) {
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {{rocksdb::kDefaultColumnFamilyName, {}},
                                                      {ledger::kEventsCf, {}},
                                                      {ledger::kStreamsCf, {}},
                                                      {ledger::kIdsCf, {}},
                                                      {ledger::kMetaCf, {}}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(rocksdb::DBOptions(), ledger_path, cfs, &handles, &raw).ok()) {
    return false;
  }
  std::string value;
  const std::string key = ledger::EncodeBigEndian64(position);
  bool ok = raw->Get({}, handles[1], key, &value).ok();
  if (ok) {
    edit(value);
    ok = raw->Put({}, handles[1], key, value).ok();
  }
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
  delete raw;
  return ok;
}

}  // namespace cjl::testing
