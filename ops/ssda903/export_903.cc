// Events to 903 rows and files (see export_903.h and the README's mapping tables).
#include "ops/ssda903/export_903.h"

#include <filesystem>
#include <set>

#include "events/codes.h"
#include "projections/journey.h"

namespace cjl::ssda903 {
namespace {

using events::EventType;

std::string DateOrBlank(const std::optional<Date>& d) { return d ? Format903Date(*d) : ""; }

const events::Event* LastOfType(const std::vector<events::RecordedEvent>& records, EventType type,
                                Date until, std::optional<Date> on = std::nullopt) {
  const events::Event* found = nullptr;
  for (const auto& r : records) {
    if (r.event.occurred_on > until) break;
    if (r.event.type == type && (!on || r.event.occurred_on == *on)) found = &r.event;
  }
  return found;
}

}  // namespace

Window Window::CollectionYear(int year) {
  return {MakeDate(year - 1, 4, 1), MakeDate(year, 3, 31)};
}

void ChildReturnRows(const projections::ChildFacts& facts, const Window& w, ReturnRows& out) {
  const projections::Journey j = projections::BuildJourney(facts, w.last);
  const std::vector<events::RecordedEvent> records = facts.DecodedFacts();
  const std::string& child = facts.child_id;
  bool any_episode = false;
  for (const auto& period : j.periods) {
    if (period.start > w.last || (period.end && *period.end < w.first)) continue;
    const events::Event* start =
        LastOfType(records, EventType::kPeriodOfCareStarted, w.last, period.start);
    const std::string cin = start ? start->payload.category_of_need : "";
    for (const auto& ep : period.episodes) {
      if (ep.start > w.last || (ep.end && *ep.end < w.first)) continue;
      EpisodeRow row;
      row.child = child;
      row.decom = ep.start;
      row.rne = ep.rne;
      row.ls = ep.legal_status;
      row.cin = cin;
      row.place = ep.placement.placement_type;
      row.provider = ep.placement.provider;
      row.dec = ep.end;
      row.rec = ep.end ? ep.rec : "";
      row.reason_place_change = ep.reason_place_change;
      row.pl_post = ep.placement.postcode_district;
      row.urn = ep.placement.urn;
      out.episodes.push_back(std::move(row));
      any_episode = true;
    }
    // Adoptions in the window: AD1.
    if (period.end && *period.end >= w.first &&
        (period.end_reason == "E11" || period.end_reason == "E12")) {
      Ad1Row a;
      a.child = child;
      if (!period.agency_decisions.empty()) a.date_int = period.agency_decisions.back().date;
      if (!period.matches.empty()) {
        a.date_match = period.matches.back().date;
      } else if (!j.matches.empty()) {
        a.date_match = j.matches.back().date;
      }
      const std::string& last_place = period.episodes.back().placement.placement_type;
      a.foster_care = period.adopted_by_foster_carers || last_place == "A3" || last_place == "A5";
      out.ad1.push_back(std::move(a));
    }
    // Decisions that the child should be placed for adoption, in force in the window.
    for (std::size_t i = 0; i < period.agency_decisions.size(); ++i) {
      const Date decided = period.agency_decisions[i].date;
      const Date next = i + 1 < period.agency_decisions.size() ? period.agency_decisions[i + 1].date
                                                               : Date::max();
      PlacedForAdoptionRow p;
      p.child = child;
      p.date_placed = decided;
      for (const auto& rev : period.reversals) {
        if (rev.date >= decided && rev.date < next) {
          p.date_placed_ceased = rev.date;
          p.reason_placed_ceased = rev.value;
          break;
        }
      }
      if (p.date_placed_ceased && *p.date_placed_ceased < w.first) continue;
      if (period.end && *period.end < w.first) continue;
      out.placed_for_adoption.push_back(std::move(p));
    }
    for (const auto& review : period.reviews) {
      if (review.date < w.first || review.date > w.last) continue;
      out.reviews.push_back({{}, child, review.date, review.value});
    }
  }
  for (const auto& r : records) {
    const events::Event& e = r.event;
    if (!any_episode || e.occurred_on > w.last) break;
    if (e.type == EventType::kMissingEpisodeRecorded && e.occurred_on >= w.first) {
      out.missing.push_back({{}, child, e.payload.kind, e.occurred_on, e.payload.ended_on});
    }
  }
  if (any_episode) {
    HeaderRow h;
    h.child = child;
    if (const events::Event* reg = LastOfType(records, EventType::kChildRegistered, Date::max())) {
      h.sex = reg->payload.sex;
      h.ethnic = reg->payload.ethnicity;
    }
    if (j.date_of_birth) h.dob = *j.date_of_birth;
    out.headers.push_back(std::move(h));
  }
}

Status ReturnWriter::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error(ErrorCode::kUnavailable, "cannot create " + dir + ": " + ec.message());
  auto path = [&](const char* name) { return (std::filesystem::path(dir) / name).string(); };
  Status s = header_.Open(path("header.csv"),
                          {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"});
  if (s.ok()) {
    s = episodes_.Open(path("episodes.csv"),
                       {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC",
                        "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"});
  }
  if (s.ok()) {
    s = ad1_.Open(path("ad1.csv"), {"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE",
                                    "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"});
  }
  if (s.ok()) {
    s = pfa_.Open(path("placed_for_adoption.csv"),
                  {"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"});
  }
  if (s.ok()) s = reviews_.Open(path("reviews.csv"), {"CHILD", "DOB", "REVIEW", "REVIEW_CODE"});
  if (s.ok()) {
    s = missing_.Open(path("missing.csv"), {"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"});
  }
  return s;
}

void ReturnWriter::AddChild(const projections::ChildFacts& facts, const Window& window) {
  ReturnRows rows;
  ChildReturnRows(facts, window, rows);
  Write(rows);
}

void ReturnWriter::Write(const ReturnRows& rows) {
  std::string dob;
  for (const HeaderRow& h : rows.headers) {
    dob = h.dob == Date{} ? "" : Format903Date(h.dob);
    const std::string sex = h.sex == "M" ? "1" : h.sex == "F" ? "2" : "";
    header_.Row({h.child, sex, dob, h.ethnic, "", "", ""});
    ++counts_.children;
  }
  for (const EpisodeRow& e : rows.episodes) {
    episodes_.Row({e.child, Format903Date(e.decom), e.rne, e.ls, e.cin, e.place, e.provider,
                   DateOrBlank(e.dec), e.rec, e.reason_place_change, e.home_post, e.pl_post,
                   e.urn});
    ++counts_.episodes;
  }
  for (const Ad1Row& a : rows.ad1) {
    ad1_.Row({a.child, dob, DateOrBlank(a.date_int), DateOrBlank(a.date_match),
              a.foster_care ? (*a.foster_care ? "1" : "0") : "", "", "", ""});
    ++counts_.ad1;
  }
  for (const PlacedForAdoptionRow& p : rows.placed_for_adoption) {
    pfa_.Row({p.child, dob, Format903Date(p.date_placed), DateOrBlank(p.date_placed_ceased),
              p.reason_placed_ceased});
    ++counts_.placed_for_adoption;
  }
  for (const ReviewRow& r : rows.reviews) {
    reviews_.Row({r.child, dob, Format903Date(r.review), r.code});
    ++counts_.reviews;
  }
  for (const MissingRow& m : rows.missing) {
    missing_.Row({m.child, dob, m.kind, Format903Date(m.start), DateOrBlank(m.end)});
    ++counts_.missing;
  }
}

Status ReturnWriter::Close() {
  for (CsvWriter* w : {&header_, &episodes_, &ad1_, &pfa_, &reviews_, &missing_}) {
    if (Status s = w->Close(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<ReturnWriter::Counts> Export903(const ExportOptions& options, const ledger::Ledger& ledger) {
  std::set<std::string> children;
  Status scanned = ledger.Scan(LedgerPosition(1), UINT64_MAX, [&](const events::RecordedEvent& r) {
    children.insert(r.event.child_id);
    return true;
  });
  if (!scanned.ok()) return scanned.error();
  ReturnWriter writer;
  if (Status s = writer.Open(options.out); !s.ok()) return s.error();
  const Window window = Window::CollectionYear(options.year);
  std::uint64_t done = 0;
  for (const std::string& child : children) {
    auto stream = ledger.ReadStream(child, StreamVersion(1));
    if (!stream.ok()) return stream.error();
    projections::ChildFacts facts;
    facts.child_id = child;
    for (const auto& r : *stream) projections::ApplyEvent(facts, r);
    writer.AddChild(facts, window);
    if (options.progress && (++done % 256 == 0)) options.progress(done, children.size());
  }
  if (options.progress) options.progress(children.size(), children.size());
  if (Status s = writer.Close(); !s.ok()) return s.error();
  return writer.counts();
}

}  // namespace cjl::ssda903
