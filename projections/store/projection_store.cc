#include "projections/store/projection_store.h"

#include "projections/child_facts_codec.h"

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/write_batch.h>

namespace cjl::projections {
namespace {

constexpr const char* kChildrenCf = "children";
constexpr const char* kOffsetsCf = "offsets";
constexpr const char* kMetaCf = "meta";
constexpr std::string_view kMetaApplied = "applied_position";

Error FromRocks(const rocksdb::Status& s, const std::string& what) {
  ErrorCode code = s.IsCorruption() ? ErrorCode::kCorruption : ErrorCode::kUnavailable;
  return Error(code, "projection store " + what + ": " + s.ToString());
}

std::string OffsetKey(std::string_view scope, std::string_view topic, std::int32_t partition) {
  std::string key(scope);
  key.push_back('\0');
  key.append(topic);
  key.push_back('\0');
  const auto p = static_cast<std::uint32_t>(partition);
  for (int shift = 24; shift >= 0; shift -= 8)
    key.push_back(static_cast<char>((p >> shift) & 0xff));
  return key;
}

class RocksProjectionStore final : public ProjectionStore {
 public:
  RocksProjectionStore(std::unique_ptr<rocksdb::DB> db,
                       std::vector<rocksdb::ColumnFamilyHandle*> cfs, bool sync)
      : db_(std::move(db)), cfs_(std::move(cfs)), sync_(sync) {}
  ~RocksProjectionStore() override {
    for (auto* cf : cfs_) db_->DestroyColumnFamilyHandle(cf);
  }

  Status LoadMeta() {
    auto v = GetMeta(kMetaApplied);
    if (!v.ok()) return v.error();
    if (v->has_value()) {
      auto p = DecodeBigEndian64(**v);
      if (!p) return Error(ErrorCode::kCorruption, "projection store: bad applied_position");
      applied_.store(*p);
    }
    return Status::Ok();
  }

  Status Write(const StoreBatch& batch) override {
    rocksdb::WriteBatch wb;
    for (const auto& [k, v] : batch.child_puts()) wb.Put(children(), k, v);
    for (const auto& [k, v] : batch.offset_puts()) wb.Put(offsets(), k, v);
    for (const auto& [k, v] : batch.meta_puts()) wb.Put(meta(), k, v);
    std::lock_guard<std::mutex> lock(write_mu_);
    const std::uint64_t applied = std::max(applied_.load(), batch.max_applied().value());
    if (applied != applied_.load())
      wb.Put(meta(), std::string(kMetaApplied), EncodeBigEndian64(applied));
    rocksdb::WriteOptions wo;
    wo.sync = sync_;
    rocksdb::Status s = db_->Write(wo, &wb);
    if (!s.ok()) return FromRocks(s, "write");
    applied_.store(applied);
    return Status::Ok();
  }

  Status BulkLoadChildren(std::size_t count, const ChildAt& child_at) override {
    {
      std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), children()));
      it->SeekToFirst();
      if (it->Valid()) return Error(ErrorCode::kInvalidInput, "bulk load: the store has children");
    }
    if (count == 0) return Status::Ok();  // an SST file cannot be empty
    const std::size_t half = count / 2;
    const std::string lower = db_->GetName() + "/bulk-children-0.sst";
    const std::string upper = db_->GetName() + "/bulk-children-1.sst";
    std::vector<std::string> files{upper};
    Status second = Status::Ok();
    std::string lower_last;
    std::string upper_first;
    std::thread helper;
    if (half > 0) {
      files.push_back(lower);
      helper = std::thread([&] { second = WriteSst(lower, 0, half, child_at, &lower_last); });
    }
    Status first = WriteSst(upper, half, count, child_at, nullptr, &upper_first);
    if (helper.joinable()) helper.join();
    Status outcome = !first.ok() ? first : second;
    if (outcome.ok() && half > 0 && !(lower_last < upper_first)) {
      outcome = Error(ErrorCode::kInvalidInput, "bulk load: child ids out of order");
    }
    if (outcome.ok()) {
      rocksdb::IngestExternalFileOptions ingest;
      ingest.move_files = true;
      if (auto s = db_->IngestExternalFile(children(), files, ingest); !s.ok()) {
        outcome = FromRocks(s, "bulk load ingest");
      }
    }
    if (!outcome.ok()) {
      std::error_code ignored;  // best effort: a stray file is harmless to RocksDB
      for (const auto& f : {lower, upper}) std::filesystem::remove(f, ignored);
    }
    return outcome;
  }

  Result<std::optional<std::string>> GetChildBytes(std::string_view child_id) const override {
    std::string value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), children(), child_id, &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return FromRocks(s, "read child");
    return std::optional<std::string>(std::move(value));
  }

  Result<std::optional<ChildRecord>> GetChild(std::string_view child_id) const override {
    auto bytes = GetChildBytes(child_id);
    if (!bytes.ok()) return bytes.error();
    if (!bytes->has_value()) return std::optional<ChildRecord>();
    auto r = DecodeChildRecord(**bytes);
    if (!r.ok()) return r.error();
    return std::optional<ChildRecord>(std::move(r.value()));
  }

  Status ForEachChild(
      const std::function<bool(std::string_view, const ChildRecord&)>& visit) const override {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), children()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto r = DecodeChildRecord(std::string_view(it->value().data(), it->value().size()));
      if (!r.ok()) {
        return Error(ErrorCode::kCorruption,
                     "projection store child record: " + r.error().message());
      }
      if (!visit(std::string_view(it->key().data(), it->key().size()), r.value())) break;
    }
    if (!it->status().ok()) return FromRocks(it->status(), "scan children");
    return Status::Ok();
  }

  Result<AuthorityState> LoadAll() const override {
    AuthorityState state;
    Status s = ForEachChild([&](std::string_view, const ChildRecord& r) {
      state.Put(r.facts);
      return true;
    });
    if (!s.ok()) return s.error();
    return state;
  }

  Result<std::optional<KafkaOffset>> GetOffset(std::string_view scope, std::string_view topic,
                                               std::int32_t partition) const override {
    std::string value;
    rocksdb::Status s =
        db_->Get(rocksdb::ReadOptions(), offsets(), OffsetKey(scope, topic, partition), &value);
    if (s.IsNotFound()) return std::optional<KafkaOffset>();
    if (!s.ok()) return FromRocks(s, "read offset");
    auto v = DecodeBigEndian64(value);
    if (!v) return Error(ErrorCode::kCorruption, "projection store: bad offset value");
    return std::optional<KafkaOffset>(KafkaOffset(*v));
  }

  LedgerPosition AppliedPosition() const override { return LedgerPosition(applied_.load()); }

  Result<std::optional<std::string>> GetMeta(std::string_view key) const override {
    std::string value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), meta(), key, &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return FromRocks(s, "read meta");
    return std::optional<std::string>(std::move(value));
  }

 private:
  rocksdb::ColumnFamilyHandle* children() const { return cfs_[1]; }
  rocksdb::ColumnFamilyHandle* offsets() const { return cfs_[2]; }
  rocksdb::ColumnFamilyHandle* meta() const { return cfs_[3]; }

  // Writes children [begin, end) to one SST file for BulkLoadChildren.
  // Sets *first / *last (when given) to the first and last child id written.
  Status WriteSst(const std::string& file, std::size_t begin, std::size_t end,
                  const ChildAt& child_at, std::string* last = nullptr,
                  std::string* first = nullptr) {
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), db_->GetOptions(children()));
    if (auto s = writer.Open(file); !s.ok()) return FromRocks(s, "bulk load open");
    std::string child_id;
    std::string record;
    std::string previous;
    for (std::size_t i = begin; i < end; ++i) {
      child_at(i, child_id, record);
      if (i > begin && !(previous < child_id)) {
        return Error(ErrorCode::kInvalidInput, "bulk load: child ids out of order");
      }
      if (auto s = writer.Put(child_id, record); !s.ok()) return FromRocks(s, "bulk load put");
      if (i == begin && first != nullptr) *first = child_id;
      previous.swap(child_id);
    }
    if (last != nullptr) *last = previous;
    if (auto s = writer.Finish(); !s.ok()) return FromRocks(s, "bulk load finish");
    return Status::Ok();
  }

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;  // default, children, offsets, meta
  const bool sync_;
  std::mutex write_mu_;  // orders applied_ updates with their writes
  std::atomic<std::uint64_t> applied_{0};
};

}  // namespace

std::string EncodeChildRecord(const ChildRecord& r) {
  return EncodeChildRecord(r.version, r.position, r.facts);
}

std::string EncodeChildRecord(StreamVersion version, LedgerPosition position,
                              const ChildFacts& facts) {
  std::string out = EncodeBigEndian64(version.value());
  out += EncodeBigEndian64(position.value());
  AppendChildFacts(out, facts);
  return out;
}

Result<ChildRecord> DecodeChildRecord(std::string_view bytes) {
  if (bytes.size() < 16) return Error(ErrorCode::kCorruption, "child record: truncated");
  ChildRecord r;
  r.version = StreamVersion(*DecodeBigEndian64(bytes.substr(0, 8)));
  r.position = LedgerPosition(*DecodeBigEndian64(bytes.substr(8, 8)));
  auto facts = DecodeChildFacts(bytes.substr(16));
  if (!facts.ok()) return facts.error();
  r.facts = std::move(facts.value());
  return r;
}

void StoreBatch::PutChild(const std::string& child_id, const ChildRecord& record) {
  PutChild(child_id, record.version, record.position, record.facts);
}

void StoreBatch::PutChild(const std::string& child_id, StreamVersion version,
                          LedgerPosition position, const ChildFacts& facts) {
  children_[child_id] = EncodeChildRecord(version, position, facts);
  NoteApplied(position);
}

void StoreBatch::PutOffset(std::string_view scope, std::string_view topic, std::int32_t partition,
                           KafkaOffset next) {
  offsets_[OffsetKey(scope, topic, partition)] = EncodeBigEndian64(next.value());
}

void StoreBatch::SetMeta(std::string_view key, std::string value) {
  meta_[std::string(key)] = std::move(value);
}

namespace {

class RocksStoreDirLock final : public StoreDirLock {
 public:
  explicit RocksStoreDirLock(rocksdb::FileLock* lock) : lock_(lock) {}
  ~RocksStoreDirLock() override { (void)rocksdb::Env::Default()->UnlockFile(lock_); }

 private:
  rocksdb::FileLock* lock_;
};

}  // namespace

Result<std::unique_ptr<StoreDirLock>> StoreDirLock::Take(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return std::unique_ptr<StoreDirLock>();
  // The same call, on the same file, as RocksDB's DB::Open.
  rocksdb::FileLock* lock = nullptr;
  rocksdb::Status s = rocksdb::Env::Default()->LockFile(path + "/LOCK", &lock);
  if (!s.ok()) {
    return Error(ErrorCode::kUnavailable,
                 "projection store at " + path + " is open: " + s.ToString());
  }
  return std::unique_ptr<StoreDirLock>(std::make_unique<RocksStoreDirLock>(lock));
}

Result<std::unique_ptr<ProjectionStore>> ProjectionStore::Open(const StoreOptions& options) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = !options.read_only;
  db_options.create_missing_column_families = !options.read_only;
  // A torn last WAL record (crash mid-write) is dropped; anything else is corruption.
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name :
       {rocksdb::kDefaultColumnFamilyName.c_str(), kChildrenCf, kOffsetsCf, kMetaCf}) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options, options.path, descriptors, &handles, &raw)
          : rocksdb::DB::Open(db_options, options.path, descriptors, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "open " + options.path);
  auto store = std::make_unique<RocksProjectionStore>(std::unique_ptr<rocksdb::DB>(raw),
                                                      std::move(handles), options.sync);
  if (Status m = store->LoadMeta(); !m.ok()) return m.error();
  return std::unique_ptr<ProjectionStore>(std::move(store));
}

}  // namespace cjl::projections
