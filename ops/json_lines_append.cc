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

  auto flush = [&] {
    if (batch.empty()) return;
    auto results = ledger.AppendBatch(batch);
    for (std::size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      if (r.ok()) {
        ++(r->duplicate ? counts.duplicates : counts.appended);
      } else if (r.error().code() == ErrorCode::kInvalidInput ||
                 r.error().code() == ErrorCode::kConflict) {
        ++counts.rejected;
        WriteReject(rejects, batch_lines[i].line, batch_lines[i].text, r.error());
      } else if (!fatal) {
        fatal = r.error();
      }
    }
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
      WriteReject(rejects, counts.lines, text, event.error());
      continue;
    }
    batch.push_back(std::move(*event));
    batch_lines.push_back({counts.lines, std::move(text)});
    if (batch.size() >= kBatchLines) {
      flush();
      progress.Update(counts.lines, "appended " + std::to_string(counts.appended));
    }
  }
  if (!fatal) flush();
  rejects.flush();
  progress.Finish();
  if (fatal) {
    return Error(fatal->code(), "ledger failed after " + std::to_string(counts.appended) +
                                    " appended events: " + fatal->message());
  }
  return counts;
}

}  // namespace cjl::ops
