// RocksLedger: opening, reading and verifying. The writer is in ledger_writer.cc.
#include "ledger/rocks_ledger.h"

#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include "events/event_binary.h"
#include "ledger/chain.h"
#include "ledger/keys.h"

namespace cjl::ledger {

Error FromRocks(const rocksdb::Status& s, const std::string& what) {
  ErrorCode code = s.IsCorruption() ? ErrorCode::kCorruption : ErrorCode::kUnavailable;
  return Error(code, what + ": " + s.ToString());
}

namespace {

rocksdb::ColumnFamilyOptions PointLookupOptions() {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  // Point lookups (FindEventId; the writer's, for ids and children its fingerprint sets
  // may hold) skip the SSTs that do not have the key.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // No memtable Bloom filter: the writer asks its own in-memory sets first
  // (RocksLedger::known_ids_), and the filter cost every memtable insert a cache miss.
  return cf;
}

// For a scan that reads each block once, in key order: read ahead, and keep the blocks
// out of the block cache, so that it does not evict the blocks that point reads (duplicate
// checks, streams) come back to.
rocksdb::ReadOptions OneScanOptions() {
  rocksdb::ReadOptions ro;
  ro.readahead_size = 2 << 20;
  ro.fill_cache = false;
  return ro;
}

}  // namespace

Result<std::unique_ptr<Ledger>> Ledger::Open(const LedgerOptions& options) {
  return RocksLedger::Open(options);
}

Result<std::unique_ptr<Ledger>> RocksLedger::Open(const LedgerOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = !options.read_only;
  db_options.create_missing_column_families = !options.read_only;
  // Every acknowledged batch was synced, so a torn record at the WAL's tail was never
  // acknowledged: recover to the last consistent point rather than refuse to open.
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  db_options.keep_log_file_num = 3;
  // A group commit writes its chunks unsynced, then the last one synced: RocksDB keeps
  // the WAL in its buffer (up to 1 MiB) until a write flushes it, rather than write(2) it
  // for every chunk (15-20 µs each); the synced write flushes it before it syncs, and a
  // memtable switch flushes the WAL it leaves. Every write that was not synced flushes it
  // at once (WriteChunk at a group's end, SetCursor), so what reached the OS without the
  // option still does.
  db_options.manual_wal_flush = !options.read_only;

  std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {kEventsCf, rocksdb::ColumnFamilyOptions()},
      {kStreamsCf, PointLookupOptions()},
      {kIdsCf, PointLookupOptions()},
      {kMetaCf, rocksdb::ColumnFamilyOptions()},
  };
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      options.read_only ? rocksdb::DB::OpenForReadOnly(db_options, options.path, cfs, &handles, &db)
                        : rocksdb::DB::Open(db_options, options.path, cfs, &handles, &db);
  if (!s.ok()) return FromRocks(s, "open ledger at " + options.path);

  std::unique_ptr<RocksLedger> ledger(new RocksLedger(options, db, std::move(handles)));
  if (Status st = ledger->LoadMeta(); !st.ok()) return st.error();
  if (!options.read_only) {
    ledger->PublishDurable(ledger->head_, ledger->chain_head_);
    ledger->judge_thread_ = std::make_unique<StandbyThread>("cjl-judge", kJudgeThreadArmedSpin);
  }
  return std::unique_ptr<Ledger>(std::move(ledger));
}

RocksLedger::RocksLedger(LedgerOptions options, rocksdb::DB* db,
                         std::vector<rocksdb::ColumnFamilyHandle*> handles)
    : options_(std::move(options)),
      db_(db),
      handles_(std::move(handles)),
      events_cf_(handles_[1]),
      streams_cf_(handles_[2]),
      ids_cf_(handles_[3]),
      meta_cf_(handles_[4]) {}

RocksLedger::~RocksLedger() {
  {
    // Callers must be gone before the ledger is destroyed; a group being committed ends.
    std::unique_lock lock(queue_mu_);
    stopping_ = true;
    queue_cv_.wait(lock, [&] { return !committing_ && queue_.empty(); });
  }
  judge_thread_.reset();
  if (!options_.read_only && !storage_failure_) {
    // A clean close flushes the memtables, so the next open (often a read-only `cjl
    // report`) does not replay the WAL. Durability never depends on this: the WAL is synced.
    rocksdb::FlushOptions fo;
    (void)db_->Flush(fo, handles_);
  }
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
}

RocksLedger::ReadView RocksLedger::DurableView() const {
  std::lock_guard lock(head_mu_);
  return ReadView{head_, chain_head_};
}

void RocksLedger::PublishDurable(LedgerPosition head, const events::Sha256& chain) {
  {
    std::lock_guard lock(head_mu_);
    head_ = head;
    chain_head_ = chain;
  }
  head_cv_.notify_all();
}

Result<std::optional<std::string>> RocksLedger::Get(const rocksdb::ReadOptions& ro,
                                                    rocksdb::ColumnFamilyHandle* cf,
                                                    std::string_view key) const {
  std::string value;
  rocksdb::Status s = db_->Get(ro, cf, key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "read");
  return std::optional<std::string>(std::move(value));
}

Status RocksLedger::LoadMeta() {
  auto head = Get(rocksdb::ReadOptions(), meta_cf_, kHeadKey);
  if (!head.ok()) return head.error();
  auto chain = Get(rocksdb::ReadOptions(), meta_cf_, kChainHeadKey);
  if (!chain.ok()) return chain.error();
  std::uint64_t head_pos = 0;
  if (*head) {
    auto v = DecodeBigEndian64(**head);
    if (!v || !*chain || (*chain)->size() != 32) {
      return Error(ErrorCode::kCorruption, "ledger meta: malformed head or chain head");
    }
    head_pos = *v;
    std::copy((*chain)->begin(), (*chain)->end(), chain_head_.begin());
  }
  head_ = LedgerPosition(head_pos);
  if (!options_.check_head_on_open) return Status::Ok();
  // The last event key must be the head: they are written in the same batch.
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), events_cf_));
  it->SeekToLast();
  std::uint64_t last = it->Valid() ? DecodeBigEndian64(it->key().ToStringView()).value_or(0) : 0;
  if (!it->status().ok()) return FromRocks(it->status(), "ledger open");
  if (last != head_pos) {
    return Error(ErrorCode::kCorruption, "ledger meta head " + std::to_string(head_pos) +
                                             " disagrees with the last event " +
                                             std::to_string(last));
  }
  return Status::Ok();
}

bool RocksLedger::KnownKeysPayOff() {
  if (!stored_ids_estimate_) {
    std::uint64_t estimate = 0;
    if (!db_->GetIntProperty(ids_cf_, "rocksdb.estimate-num-keys", &estimate)) estimate = 0;
    stored_ids_estimate_ = estimate;
  }
  return judged_since_open_ >= *stored_ids_estimate_ / kStoredIdsPerJudgedToLoad;
}

Status RocksLedger::LoadKnownKeys() {
  const rocksdb::ReadOptions ro = OneScanOptions();
  known_ids_.Reserve(static_cast<std::size_t>(stored_ids_estimate_.value_or(0)));
  std::unique_ptr<rocksdb::Iterator> ids(db_->NewIterator(ro, ids_cf_));
  for (ids->SeekToFirst(); ids->Valid(); ids->Next()) known_ids_.Insert(ids->key().ToStringView());
  if (!ids->status().ok()) return FromRocks(ids->status(), "reading event ids");
  // streams keys are child_id '\0' version: one seek per child, past its versions.
  std::unique_ptr<rocksdb::Iterator> streams(db_->NewIterator(ro, streams_cf_));
  for (streams->SeekToFirst(); streams->Valid();) {
    const std::string_view key = streams->key().ToStringView();
    const std::string_view child = key.substr(0, key.find('\0'));
    known_children_.Insert(child);
    streams->Seek(std::string(child) + '\1');
  }
  if (!streams->status().ok()) return FromRocks(streams->status(), "reading child ids");
  known_keys_loaded_ = true;
  return Status::Ok();
}

LedgerPosition RocksLedger::Head() const {
  std::lock_guard lock(head_mu_);
  return head_;
}

events::Sha256 RocksLedger::ChainHead() const {
  std::lock_guard lock(head_mu_);
  return chain_head_;
}

LedgerPosition RocksLedger::WaitForHeadBeyond(LedgerPosition after,
                                              std::chrono::milliseconds timeout) const {
  std::unique_lock lock(head_mu_);
  head_cv_.wait_for(lock, timeout, [&] { return head_ > after; });
  return head_;
}

Result<events::RecordedEvent> RocksLedger::Read(LedgerPosition position) const {
  return ReadAt(DurableView(), position);
}

Result<events::RecordedEvent> RocksLedger::ReadAt(const ReadView& view,
                                                  LedgerPosition position) const {
  std::optional<std::string> found;
  if (view.Shows(position)) {
    auto value = Get(rocksdb::ReadOptions(), events_cf_, EncodeBigEndian64(position.value()));
    if (!value.ok()) return value.error();
    found = std::move(*value);
  }
  if (!found) {
    return Error(ErrorCode::kNotFound, "no event at position " + std::to_string(position.value()));
  }
  return events::DecodeRecorded(*found);
}

Status RocksLedger::Scan(LedgerPosition from, std::uint64_t limit,
                         const std::function<bool(events::RecordedEvent&)>& visit) const {
  Status decode_status = Status::Ok();
  Status scan = ScanRecordBytes(from, limit, [&](LedgerPosition position, std::string_view bytes) {
    auto record = events::DecodeRecorded(bytes);
    if (!record.ok()) {
      decode_status = Error(ErrorCode::kCorruption, "position " + std::to_string(position.value()) +
                                                        ": " + record.error().message());
      return false;
    }
    return visit(*record);
  });
  return scan.ok() ? decode_status : scan;
}

Status RocksLedger::ScanRecordBytes(
    LedgerPosition from, std::uint64_t limit,
    const std::function<bool(LedgerPosition, std::string_view)>& visit) const {
  const std::string end = EncodeBigEndian64(DurableView().head.value() + 1);
  const rocksdb::Slice end_slice(end);
  rocksdb::ReadOptions ro = OneScanOptions();
  ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, events_cf_));
  std::uint64_t seen = 0;
  for (it->Seek(EncodeBigEndian64(std::max<std::uint64_t>(from.value(), 1)));
       it->Valid() && seen < limit; it->Next(), ++seen) {
    auto position = DecodeBigEndian64(it->key().ToStringView());
    if (!position) return Error(ErrorCode::kCorruption, "events: malformed key");
    if (!visit(LedgerPosition(*position), it->value().ToStringView())) return Status::Ok();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scan");
  return Status::Ok();
}

Result<std::vector<events::RecordedEvent>> RocksLedger::ReadStream(std::string_view child_id,
                                                                   StreamVersion from) const {
  std::vector<events::RecordedEvent> out;
  const std::string prefix = StreamPrefix(child_id);
  const ReadView view = DurableView();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams_cf_));
  for (it->Seek(StreamKey(child_id, std::max<std::uint64_t>(from.value(), 1)));
       it->Valid() && it->key().starts_with(prefix); it->Next()) {
    auto pos = DecodeBigEndian64(it->value().ToStringView());
    if (!pos) return Error(ErrorCode::kCorruption, "streams: malformed position");
    // A child's versions are in position order: the rest are beyond the view too.
    if (!view.Shows(LedgerPosition(*pos))) break;
    auto record = ReadAt(view, LedgerPosition(*pos));
    if (!record.ok()) return record.error();
    out.push_back(std::move(*record));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "read stream");
  return out;
}

Result<std::optional<LedgerPosition>> RocksLedger::FindEventId(std::string_view event_id) const {
  const ReadView view = DurableView();
  auto value = Get(rocksdb::ReadOptions(), ids_cf_, event_id);
  if (!value.ok()) return value.error();
  if (!*value) return std::optional<LedgerPosition>();
  auto pos = DecodeBigEndian64(**value);
  if (!pos) return Error(ErrorCode::kCorruption, "ids: malformed position");
  if (!view.Shows(LedgerPosition(*pos))) return std::optional<LedgerPosition>();
  return std::optional<LedgerPosition>(LedgerPosition(*pos));
}

Result<StreamVersion> RocksLedger::CurrentStreamVersion(std::string_view child_id) const {
  const std::string prefix = StreamPrefix(child_id);
  const ReadView view = DurableView();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams_cf_));
  // The last key with this prefix that the view shows: seek just past the prefix's
  // range, step back over versions beyond the view.
  std::string end = prefix;
  end.back() = '\1';
  for (it->SeekForPrev(end); it->Valid() && it->key().starts_with(prefix); it->Prev()) {
    auto pos = DecodeBigEndian64(it->value().ToStringView());
    if (!pos) return Error(ErrorCode::kCorruption, "streams: malformed position");
    if (!view.Shows(LedgerPosition(*pos))) continue;
    auto v = DecodeBigEndian64(it->key().ToStringView().substr(prefix.size()));
    if (!v) return Error(ErrorCode::kCorruption, "streams: malformed key");
    return StreamVersion(*v);
  }
  if (!it->status().ok()) return FromRocks(it->status(), "stream version");
  return StreamVersion(0);
}

VerifyReport RocksLedger::Verify(
    const std::function<void(std::uint64_t, std::uint64_t)>& progress) const {
  VerifyReport report;
  const ReadView view = DurableView();
  const LedgerPosition head = view.head;
  const events::Sha256 chain_head = view.chain_head;
  auto broken = [&](std::uint64_t pos, std::string problem) {
    report.broken = LedgerPosition(pos);
    report.problem = std::move(problem);
    return report;
  };
  rocksdb::ReadOptions ro = OneScanOptions();
  ro.verify_checksums = true;
  // A writable ledger may hold a group being written beyond the head: not walked. A
  // read-only one holds nothing in flight, so a record beyond its head is damage.
  const std::string end = EncodeBigEndian64(head.value() + 1);
  const rocksdb::Slice end_slice(end);
  if (!options_.read_only) ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, events_cf_));
  events::Sha256 prev{};
  std::uint64_t expected = 1;
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++expected) {
    auto pos = DecodeBigEndian64(it->key().ToStringView());
    if (!pos || *pos != expected) return broken(expected, "missing from the log");
    auto record = events::DecodeRecorded(it->value().ToStringView());
    if (!record.ok()) return broken(expected, record.error().message());
    if (record->position.value() != expected)
      return broken(expected, "record names another position");
    if (record->prev_hash != prev)
      return broken(expected, "prev_hash does not link to the previous event");
    // Hash the stored bytes themselves (the encoding less its trailing hashes), so any
    // change to what is on disk shows, even one a decoder would not notice.
    std::string_view stored = it->value().ToStringView();
    std::string_view canonical = stored.substr(0, stored.size() - events::kHashBytes);
    if (ChainHash(prev, record->position, canonical) != record->hash) {
      return broken(expected, "hash does not match the record's content");
    }
    prev = record->hash;
    report.events = expected;
    report.head = prev;
    if (progress && expected % 65536 == 0) progress(expected, head.value());
  }
  if (!it->status().ok()) return broken(expected, "storage: " + it->status().ToString());
  if (report.events != head.value()) {
    return broken(report.events + 1, "meta head is " + std::to_string(head.value()));
  }
  if (report.head != chain_head) return broken(head.value(), "meta chain head differs");
  if (progress) progress(report.events, head.value());
  return report;
}

Result<LedgerPosition> RocksLedger::GetCursor(std::string_view name) const {
  auto value = Get(rocksdb::ReadOptions(), meta_cf_, CursorKey(name));
  if (!value.ok()) return value.error();
  if (!*value) return LedgerPosition(0);
  auto pos = DecodeBigEndian64(**value);
  if (!pos) return Error(ErrorCode::kCorruption, "meta: malformed cursor");
  return LedgerPosition(*pos);
}

Status RocksLedger::SetCursor(std::string_view name, LedgerPosition position, CursorSync sync) {
  if (options_.read_only) return Error(ErrorCode::kInvalidInput, "ledger opened read-only");
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync && sync == CursorSync::kSync;
  rocksdb::Status s = db_->Put(wo, meta_cf_, CursorKey(name), EncodeBigEndian64(position.value()));
  // Unsynced, it still reaches the OS at once, so that it survives the process (the WAL
  // is flushed by hand, see Open).
  if (s.ok() && !wo.sync) s = db_->FlushWAL(/*sync=*/false);
  if (!s.ok()) return FromRocks(s, "set cursor");
  return Status::Ok();
}

}  // namespace cjl::ledger
