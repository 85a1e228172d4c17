// Raw RocksDB on a ledger's directory, for the baselines of the benchmarks: the same
// column families, opened without the ledger. Header-only.
#pragma once

#include <benchmark/benchmark.h>
#include <rocksdb/db.h>

#include <memory>
#include <string>
#include <vector>

#include "ledger/keys.h"

namespace cjl::bench {

struct RawLedgerDb {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;  // default, events, streams, ids, meta
  ~RawLedgerDb() {
    for (auto* h : cfs) db->DestroyColumnFamilyHandle(h);
  }
  rocksdb::ColumnFamilyHandle* events() const { return cfs[1]; }
};

inline std::unique_ptr<RawLedgerDb> OpenRawLedgerDb(const std::string& path, bool read_only) {
  rocksdb::DBOptions o;
  o.create_if_missing = !read_only;
  o.create_missing_column_families = !read_only;
  std::vector<rocksdb::ColumnFamilyDescriptor> d = {{rocksdb::kDefaultColumnFamilyName, {}},
                                                    {ledger::kEventsCf, {}},
                                                    {ledger::kStreamsCf, {}},
                                                    {ledger::kIdsCf, {}},
                                                    {ledger::kMetaCf, {}}};
  auto raw = std::make_unique<RawLedgerDb>();
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = read_only ? rocksdb::DB::OpenForReadOnly(o, path, d, &raw->cfs, &db)
                                : rocksdb::DB::Open(o, path, d, &raw->cfs, &db);
  if (!s.ok()) return nullptr;
  raw->db.reset(db);
  return raw;
}

// The raw-scan baseline: iterate the events column family touching each value.
inline void RawScanOf(benchmark::State& state, const std::string& path) {
  auto raw = OpenRawLedgerDb(path, /*read_only=*/true);
  if (!raw) {
    state.SkipWithError("open failed");
    return;
  }
  std::uint64_t total = 0;
  for (auto _ : state) {
    rocksdb::ReadOptions ro;
    ro.readahead_size = 2 << 20;
    std::unique_ptr<rocksdb::Iterator> it(raw->db->NewIterator(ro, raw->events()));
    std::uint64_t bytes = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      bytes += it->value().size();
      ++total;
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
}

}  // namespace cjl::bench
