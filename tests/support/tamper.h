// Tests only: changes or removes a stored ledger record behind the ledger's back (the ledger must
// be closed), to prove that damage is found. Header-only; the test links RocksDB through the
// ledger.
#pragma once

#include <rocksdb/db.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ledger/keys.h"

namespace cjl::testing {

// Opens the ledger's RocksDB and runs `change` on its events column family; false if it
// cannot open or `change` fails.
inline bool ChangeStoredEvents(
    const std::string& ledger_path,
    const std::function<bool(rocksdb::DB&, rocksdb::ColumnFamilyHandle*)>& change) {
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
  const bool ok = change(*raw, handles[1]);
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
  delete raw;
  return ok;
}

// Applies `edit` to the stored bytes of the record at `position`; false if it cannot.
inline bool EditStoredRecord(const std::string& ledger_path, std::uint64_t position,
                             const std::function<void(std::string&)>& edit) {
  return ChangeStoredEvents(ledger_path, [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle* cf) {
    std::string value;
    const std::string key = ledger::EncodeBigEndian64(position);
    if (!db.Get({}, cf, key, &value).ok()) return false;
    edit(value);
    return db.Put({}, cf, key, value).ok();
  });
}

// Removes the record at `position`; false if it cannot.
inline bool DeleteStoredRecord(const std::string& ledger_path, std::uint64_t position) {
  return ChangeStoredEvents(ledger_path, [&](rocksdb::DB& db, rocksdb::ColumnFamilyHandle* cf) {
    return db.Delete({}, cf, ledger::EncodeBigEndian64(position)).ok();
  });
}

}  // namespace cjl::testing
