// Raw RocksDB on a ledger's directory, for the baselines of the benchmarks: the same
// column families, opened without the ledger. Header-only.
#pragma once

#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "events/event_binary.h"
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

// One appended event as the raw-append baseline writes it: position key, record (with
// zero hashes), stream key, event id. `n` counts from 0; every child has 8 events.
using RawRow = std::tuple<std::string, std::string, std::string, std::string>;

inline RawRow RawRowOf(std::uint64_t n, const events::Event& e) {
  events::RecordedEvent r{e, LedgerPosition(n + 1), StreamVersion(n % 8 + 1), 0, {}, {}};
  return {ledger::EncodeBigEndian64(n + 1), events::EncodeRecorded(r),
          ledger::StreamKey(e.child_id, r.stream_version.value()), e.event_id};
}

// The raw-append baseline's work for one batch: the ledger's puts (event, stream index,
// id per row; head and chain head) in one WriteBatch written with sync=true.
inline rocksdb::Status WriteRawRows(const RawLedgerDb& raw, const std::vector<RawRow>& rows) {
  rocksdb::WriteBatch wb;
  for (const auto& [key, value, stream_key, id] : rows) {
    wb.Put(raw.cfs[1], key, value);
    wb.Put(raw.cfs[2], stream_key, key);
    wb.Put(raw.cfs[3], id, key);
  }
  wb.Put(raw.cfs[4], ledger::kHeadKey, std::get<0>(rows.back()));
  wb.Put(raw.cfs[4], ledger::kChainHeadKey, std::string(32, 'h'));
  rocksdb::WriteOptions synced;
  synced.sync = true;
  return raw.db->Write(synced, &wb);
}

// The raw-scan baseline: iterate the events column family touching each value, with the
// ledger's read options for a scan (read ahead; blocks kept out of the block cache).
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
    ro.fill_cache = false;
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
