#include "ops/json_lines_append.h"

#include <nlohmann/json.hpp>

#include "events/event_json.h"
#include "ops/progress.h"

namespace cjl::ops {
namespace {

constexpr std::size_t kBatchLines = 2048;

struct PendingLine {
  std::uint64_t line;
  std::string text;
};

struct Reject {
  std::uint64_t line;
  std::string text;
  Error error;
};

void WriteReject(std::ostream& out, std::uint64_t line, const std::string& text,
                 const Error& error) {
  nlohmann::ordered_json j;
  j["line"] = line;
  std::string id = events::PeekEventId(text);
  if (!id.empty()) j["event_id"] = id;
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const FieldError& fe : error.details()) {
    errors.push_back({{"field", fe.field}, {"message", fe.message}});
  }
  if (errors.empty()) {
    std::string field = error.code() == ErrorCode::kConflict ? "event_id" : "";
    errors.push_back({{"field", field}, {"message", error.message()}});
  }
  j["errors"] = std::move(errors);
  j["input"] = text;
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace

Result<AppendCounts> AppendJsonLines(std::istream& in, ledger::Ledger& ledger,
                                     std::ostream& rejects, bool show_progress) {
  AppendCounts counts;
  Progress progress("append", 0, show_progress);
  const Date today = TodayUtc();
  std::vector<events::Event> batch;
  std::vector<PendingLine> batch_lines;
  std::optional<Error> fatal;
  // Lines that did not parse since the last flush: written with the batch's own rejects,
  // so the rejects file is in input order.
  std::vector<Reject> unparsed;

  auto flush = [&] {
    std::vector<Reject> refused;
    if (!batch.empty()) {
      auto results = ledger.AppendBatch(batch);
      for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        if (r.ok()) {
          ++(r->duplicate ? counts.duplicates : counts.appended);
        } else if (r.error().code() == ErrorCode::kInvalidInput ||
                   r.error().code() == ErrorCode::kConflict) {
          ++counts.rejected;
          refused.push_back({batch_lines[i].line, std::move(batch_lines[i].text), r.error()});
        } else if (!fatal) {
          fatal = r.error();
        }
      }
    }
    // Both lists are in line order: merge them.
    auto a = unparsed.begin();
    auto b = refused.begin();
    while (a != unparsed.end() || b != refused.end()) {
      const bool take_a = b == refused.end() || (a != unparsed.end() && a->line < b->line);
      const Reject& next = take_a ? *a++ : *b++;
      WriteReject(rejects, next.line, next.text, next.error);
    }
    unparsed.clear();
    batch.clear();
    batch_lines.clear();
  };

  std::string text;
  while (!fatal && std::getline(in, text)) {
    ++counts.lines;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    auto event = events::ParseEventJson(text, today);
    if (!event.ok()) {
      ++counts.rejected;
      unparsed.push_back({counts.lines, std::move(text), event.error()});
      if (unparsed.size() >= kBatchLines) flush();
      continue;
    }
    batch.push_back(std::move(*event));
    batch_lines.push_back({counts.lines, std::move(text)});
    if (batch.size() >= kBatchLines) {
      flush();
      progress.Update(counts.lines, "appended " + std::to_string(counts.appended));
    }
  }
  flush();  // after a fatal error appends nothing more, but still writes the held rejects
  rejects.flush();
  progress.Finish();
  if (fatal) {
    return Error(fatal->code(), "ledger failed after " + std::to_string(counts.appended) +
                                    " appended events: " + fatal->message());
  }
  return counts;
}

}  // namespace cjl::ops
