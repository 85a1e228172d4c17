// The ledger: the append-only, tamper-evident log of care events on RocksDB, and the
// single writer of truth. Owned by ledger/. Thread-safe: any number of threads may
// append and read concurrently; appends are ordered and committed one group at a time.
//
// On disk (RocksDB column families; docs/FORMATS.md):
//   events   8-byte big-endian position        -> events::EncodeRecorded(record)
//   streams  child_id '\0' 8-byte BE version   -> 8-byte BE position
//   ids      event_id                          -> 8-byte BE position
//   meta     "head" -> 8-byte BE position; "chain_head" -> 32-byte hash;
//            "cursor/<name>" -> 8-byte BE position (e.g. the relay's published position)
//
// Invariants:
//  - positions are 1..head with no gap; each child's versions are 1..n with no gap;
//  - record(p).prev_hash == record(p-1).hash (zeros for p = 1) and
//    record(p).hash == SHA-256(prev_hash || BE64(p) || CanonicalBytes(record));
//  - an event's record, stream index and id are written in one WriteBatch with the head
//    and chain head after it, so a crash leaves either all of it or none; a large call's
//    events may span several such batches (chunks), and any prefix of them that a crash
//    leaves is a consistent ledger;
//  - a caller is answered only after its batch was written with sync=true (durable).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/positions.h"
#include "common/result.h"
#include "events/event.h"

namespace cjl::ledger {

struct LedgerOptions {
  std::string path;                        // directory; created if missing
  bool sync = true;                        // fsync each group commit (only benchmarks turn it off)
  std::size_t max_batch_events = 8192;     // upper bound on events per group commit
  std::function<Date()> today = TodayUtc;  // bounds occurred_on ("not after today")
  bool read_only = false;                  // open for reading only (read, verify, reports)
  // Open checks that the last event's key is the meta head (reading the log's last block).
  // Only `verify` turns this off: its walk makes the same check and names the position of
  // a damaged record, where a failed open could not.
  bool check_head_on_open = true;
  // Called by the committing caller's thread after each group commit (durable or failed) with the
  // number of events written and the time from the oldest request's arrival to the
  // answer; for metrics. Must be cheap and must not call back into the ledger.
  std::function<void(std::size_t events, std::chrono::microseconds latency, bool ok)> on_commit;
};

struct Appended {
  LedgerPosition position;
  StreamVersion stream_version;
  bool duplicate = false;  // the event_id was already in the ledger with the same content
};

// What `verify` found.
struct VerifyReport {
  std::uint64_t events = 0;              // events checked
  events::Sha256 head{};                 // the chain head (hash of the last event)
  std::optional<LedgerPosition> broken;  // the first position whose record or link fails
  std::string problem;                   // what failed there
};

class Ledger {
 public:
  // Opens (creating if needed). Errors: kUnavailable (locked by another process, I/O),
  // kCorruption (meta disagrees with the log).
  static Result<std::unique_ptr<Ledger>> Open(const LedgerOptions& options);
  virtual ~Ledger() = default;

  // Appends one event and returns when it is durable. `expected` is the child's current
  // stream version the caller saw (0 = new stream); a mismatch is kConflict. Errors:
  // kInvalidInput (contract or domain rule; details name each field and rule),
  // kConflict (expected version; or event_id already used with other content),
  // kUnavailable (storage failed; nothing was appended; safe to retry).
  virtual Result<Appended> Append(const events::Event& event,
                                  std::optional<StreamVersion> expected = std::nullopt) = 0;

  // Appends many events, in order, each judged on its own (a rejected one does not stop
  // the rest); one result per event, in input order; all durable when it returns.
  virtual std::vector<Result<Appended>> AppendBatch(const std::vector<events::Event>& batch) = 0;

  // The last durable position (0 when empty).
  virtual LedgerPosition Head() const = 0;
  virtual events::Sha256 ChainHead() const = 0;

  // Blocks until Head() > after or the timeout passes; returns Head().
  virtual LedgerPosition WaitForHeadBeyond(LedgerPosition after,
                                           std::chrono::milliseconds timeout) const = 0;

  virtual Result<events::RecordedEvent> Read(LedgerPosition position) const = 0;
  // Visits events from `from` (inclusive) in position order until `visit` returns false,
  // `limit` events were visited, or the end. kCorruption if a record does not decode.
  // The record passed to `visit` is the visitor's to keep: it may move from it.
  virtual Status Scan(LedgerPosition from, std::uint64_t limit,
                      const std::function<bool(events::RecordedEvent&)>& visit) const = 0;
  // The same walk over the stored bytes of each record (events::EncodeRecorded's, as in
  // the `events` column family) with its position, not decoded: for readers that decode
  // lazily (projections::Fact). The view is valid until `visit` returns.
  virtual Status ScanRecordBytes(
      LedgerPosition from, std::uint64_t limit,
      const std::function<bool(LedgerPosition, std::string_view)>& visit) const = 0;
  // The child's events from `from` (inclusive) in stream order.
  virtual Result<std::vector<events::RecordedEvent>> ReadStream(std::string_view child_id,
                                                                StreamVersion from) const = 0;
  virtual Result<std::optional<LedgerPosition>> FindEventId(std::string_view event_id) const = 0;
  virtual Result<StreamVersion> CurrentStreamVersion(std::string_view child_id) const = 0;

  // Walks the whole chain. `progress(done, total)` is called now and then.
  virtual VerifyReport Verify(
      const std::function<void(std::uint64_t, std::uint64_t)>& progress = {}) const = 0;

  // Named cursors in `meta` (e.g. "relay"): 0 when never set. SetCursor writes through the
  // WAL (it survives a killed process); with CursorSync::kSync it is also fsynced (it
  // survives a machine failure). A cursor that only saves repeated work (the relay's: a
  // lost cursor re-produces events the consumers skip) need not be fsynced.
  virtual Result<LedgerPosition> GetCursor(std::string_view name) const = 0;
  enum class CursorSync { kSync, kNoSync };
  virtual Status SetCursor(std::string_view name, LedgerPosition position,
                           CursorSync sync = CursorSync::kSync) = 0;
};

}  // namespace cjl::ledger
