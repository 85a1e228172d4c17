// The import driver (see import_903.h): files -> rows -> per-child events -> ledger.
#include "ops/ssda903/import_903.h"

#include <chrono>
#include <future>
#include <iomanip>
#include <memory>
#include <sstream>

#include "ops/ssda903/child_mapping.h"
#include "ops/ssda903/return_files.h"
#include "projections/child_facts.h"
#include "projections/journey.h"

namespace cjl::ssda903 {
namespace {

std::string Describe(const Error& error) {
  if (error.details().empty()) return error.message();
  std::string out;
  for (const FieldError& f : error.details()) {
    if (!out.empty()) out += "; ";
    out += f.field.empty() ? f.message : f.field + ": " + f.message;
  }
  return out;
}

}  // namespace

std::string ImportSummary::ToString() const {
  std::ostringstream s;
  s << "read " << rows_read << " rows from " << files << " files (" << children << " children, "
    << repeated_rows << " repeated rows), appended " << events_appended << " events, duplicates "
    << duplicates << ", rejects " << rejects << " in " << std::fixed << std::setprecision(1)
    << total_seconds << " s (files " << load_seconds << " s)";
  return s.str();
}

Result<ImportSummary> Import903(const ImportOptions& options, ledger::Ledger& ledger,
                                std::ostream& rejects) {
  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  ReturnRows rows;
  if (Status s = LoadReturnDirectory(options.dir, rows); !s.ok()) return s.error();
  ImportSummary summary;
  summary.load_seconds = seconds();
  summary.files = rows.files_read;
  summary.rows_read = rows.rows_read;
  for (const Reject& r : rows.rejects) {
    rejects << RejectToJson(r) << '\n';
    ++summary.rejects;
  }

  const auto children = RowsByChild(rows);
  summary.children = children.size();
  // One batch is appended (on another thread) while the next is mapped: at most one in
  // flight, and results are handled in order, so children stay in order in the ledger.
  struct Where {
    Origin origin;
    std::string column;
  };
  struct Batch {
    explicit Batch(std::size_t n) {
      events.reserve(n);
      origins.reserve(n);
    }
    std::vector<events::Event> events;
    std::vector<Where> origins;  // parallel to events
  };
  const std::size_t capacity = options.batch_events + 1024;
  auto batch = std::make_unique<Batch>(capacity);
  std::unique_ptr<Batch> in_flight;
  std::future<std::vector<Result<ledger::Appended>>> appending;

  auto settle = [&]() -> Status {
    if (!appending.valid()) return Status::Ok();
    const auto results = appending.get();
    const Batch& b = *in_flight;
    Status failed = Status::Ok();
    for (std::size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      if (r.ok()) {
        ++(r->duplicate ? summary.duplicates : summary.events_appended);
        continue;
      }
      const ErrorCode code = r.error().code();
      if (code == ErrorCode::kUnavailable || code == ErrorCode::kCorruption ||
          code == ErrorCode::kInternal) {
        if (failed.ok()) failed = r.error();
        continue;
      }
      const Where& m = b.origins[i];
      Reject reject{m.origin, m.column, b.events[i].child_id,
                    std::string(events::EventTypeName(b.events[i].type)) + " " +
                        b.events[i].event_id + " rejected by the ledger: " + Describe(r.error())};
      rejects << RejectToJson(reject) << '\n';
      ++summary.rejects;
    }
    in_flight.reset();
    return failed;
  };
  auto flush = [&]() -> Status {
    if (Status s = settle(); !s.ok()) return s;
    if (batch->events.empty()) return Status::Ok();
    in_flight = std::move(batch);
    batch = std::make_unique<Batch>(capacity);
    const Batch* submit = in_flight.get();
    appending = std::async(std::launch::async,
                           [&ledger, submit] { return ledger.AppendBatch(submit->events); });
    return Status::Ok();
  };

  std::uint64_t done = 0;
  for (const auto& [child, child_rows] : children) {
    // A later year's return imported on its own continues from what the ledger holds.
    std::optional<projections::Journey> known;
    if (NeedsKnownJourney(child_rows)) {
      auto stream = ledger.ReadStream(child, StreamVersion(1));
      if (!stream.ok()) return stream.error();
      if (!stream->empty()) {
        projections::ChildFacts facts;
        facts.child_id = child;
        for (const auto& r : *stream) projections::ApplyEvent(facts, r);
        known = projections::BuildJourney(facts, MakeDate(2999, 12, 31));
      }
    }
    ChildMapping mapped = MapChild(child, child_rows, options.source, known ? &*known : nullptr);
    summary.repeated_rows += mapped.repeated_rows;
    for (const Reject& r : mapped.rejects) {
      rejects << RejectToJson(r) << '\n';
      ++summary.rejects;
    }
    for (MappedEvent& m : mapped.events) {
      batch->events.push_back(std::move(m.event));
      batch->origins.push_back({std::move(m.origin), std::move(m.column)});
    }
    if (batch->events.size() >= options.batch_events) {
      if (Status s = flush(); !s.ok()) return s.error();
    }
    ++done;
    if (options.progress && (done % 256 == 0)) options.progress(done, children.size());
  }
  if (Status s = flush(); !s.ok()) return s.error();
  if (Status s = settle(); !s.ok()) return s.error();
  if (options.progress) options.progress(done, children.size());
  rejects.flush();
  summary.total_seconds = seconds();
  return summary;
}

}  // namespace cjl::ssda903
