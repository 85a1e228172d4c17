// Test helpers for ops/ssda903: small 903 CSV files written into a temp directory.
// Tests only. Not thread-safe.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "events/event.h"
#include "ledger/ledger.h"
#include "ops/ssda903/child_mapping.h"
#include "ops/ssda903/return_files.h"

namespace cjl::ssda903::testing {

inline constexpr const char* kHeaderColumns = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";
inline constexpr const char* kEpisodeColumns =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,"
    "URN\n";
inline constexpr const char* kAd1Columns =
    "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n";
inline constexpr const char* kPlacedColumns =
    "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n";
inline constexpr const char* kReviewColumns = "CHILD,DOB,REVIEW,REVIEW_CODE\n";
inline constexpr const char* kMissingColumns = "CHILD,DOB,MISSING,MIS_START,MIS_END\n";

// A ledger for import tests: unsynced (tests need no durability), with "today" fixed at
// 2024-06-30 so the fixtures' dates are never in the future.
inline Result<std::unique_ptr<ledger::Ledger>> OpenTestLedger(const std::string& path) {
  ledger::LedgerOptions o;
  o.path = path;
  o.sync = false;
  o.today = [] { return MakeDate(2024, 6, 30); };
  return ledger::Ledger::Open(o);
}

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Loads and maps a directory without a ledger: every child's events and every reject.
struct MappedReturn {
  ReturnRows rows;
  std::vector<events::Event> events;
  std::vector<Reject> rejects;
  std::size_t repeated_rows = 0;
  std::vector<events::Event> OfType(events::EventType type) const {
    std::vector<events::Event> out;
    for (const auto& e : events) {
      if (e.type == type) out.push_back(e);
    }
    return out;
  }
};

inline MappedReturn MapDirectory(const std::string& dir) {
  MappedReturn m;
  Status s = LoadReturnDirectory(dir, m.rows);
  if (!s.ok()) std::abort();
  m.rejects = m.rows.rejects;
  for (const auto& [child, rows] : RowsByChild(m.rows)) {
    ChildMapping c = MapChild(child, rows, "test");
    m.repeated_rows += c.repeated_rows;
    for (auto& e : c.events) m.events.push_back(std::move(e.event));
    for (auto& r : c.rejects) m.rejects.push_back(std::move(r));
  }
  return m;
}

}  // namespace cjl::ssda903::testing
