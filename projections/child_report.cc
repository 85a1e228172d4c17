// The child report (see child_report.h).
#include "projections/child_report.h"

#include <sstream>

#include "projections/adoption.h"
#include "projections/journey.h"
#include "projections/reviews.h"
#include "projections/stability.h"

namespace cjl::projections {
namespace {

using nlohmann::json;

json DateOrNull(const std::optional<Date>& d) {
  return d ? json(FormatIsoDate(*d)) : json(nullptr);
}
json LongOrNull(const std::optional<long>& v) { return v ? json(*v) : json(nullptr); }

json Facts(const std::vector<DatedFact>& facts, const char* value_key) {
  json out = json::array();
  for (const DatedFact& f : facts) {
    json item = {{"date", FormatIsoDate(f.date)}};
    if (value_key != nullptr) item[value_key] = f.value;
    out.push_back(item);
  }
  return out;
}

json PeriodJson(const Journey& j, std::size_t index, CountingProfile profile) {
  const PeriodOfCare& p = j.periods[index];
  json episodes = json::array();
  json statuses = json::array();
  for (const Episode& e : p.episodes) {
    episodes.push_back({{"start", FormatIsoDate(e.start)},
                        {"end", DateOrNull(e.end)},
                        {"legal_status", e.legal_status},
                        {"placement_type", e.placement.placement_type},
                        {"provider", e.placement.provider},
                        {"carer_id", e.placement.carer_id},
                        {"postcode_district", e.placement.postcode_district},
                        {"urn", e.placement.urn},
                        {"rne", e.rne},
                        {"rec", e.rec.empty() && e.end ? json(nullptr) : json(e.rec)},
                        {"reason_place_change", e.reason_place_change}});
    if (statuses.empty() || statuses.back()["legal_status"] != e.legal_status) {
      statuses.push_back({{"start", FormatIsoDate(e.start)}, {"legal_status", e.legal_status}});
    }
  }
  json placements = json::array();
  for (const PlacementSpell& s : PeriodPlacements(p, index, profile)) {
    placements.push_back({{"start", FormatIsoDate(s.start)},
                          {"end", DateOrNull(s.end)},
                          {"carer_id", s.carer_id},
                          {"placement_type", s.placement_type},
                          {"reason_ended", s.reason_ended}});
  }
  json reviews = json::array();
  for (std::size_t k = 0; k < p.reviews.size(); ++k) {
    const Date due = ReviewDue(p, k);
    reviews.push_back({{"date", FormatIsoDate(p.reviews[k].date)},
                       {"participation", p.reviews[k].value},
                       {"due", FormatIsoDate(due)},
                       {"in_time", p.reviews[k].date <= due}});
  }
  return {{"start", FormatIsoDate(p.start)},
          {"end", DateOrNull(p.end)},
          {"end_reason", p.end ? json(p.end_reason) : json(nullptr)},
          {"adopted_by_foster_carers", p.adopted_by_foster_carers},
          {"episodes", episodes},
          {"placements", placements},
          {"legal_statuses", statuses},
          {"reviews", reviews},
          {"plans", Facts(p.plans, "plan")},
          {"adoption_chain",
           {{"agency_decisions", Facts(p.agency_decisions, nullptr)},
            {"reversals", Facts(p.reversals, "reason")},
            {"placement_orders", Facts(p.placement_orders, nullptr)},
            {"matches", Facts(p.matches, nullptr)},
            {"placed_for_adoption", Facts(p.placed_for_adoption, "placement_type")}}}};
}

json AdoptionJson(const AdoptionTimeline& t) {
  return {{"entered_care", FormatIsoDate(t.entered_care)},
          {"adopted", FormatIsoDate(t.adopted)},
          {"reason", t.rec},
          {"by_foster_carers", t.by_foster_carers},
          {"agency_decision", DateOrNull(t.agency_decision)},
          {"placement_order", DateOrNull(t.placement_order)},
          {"matched", DateOrNull(t.matched)},
          {"placed", DateOrNull(t.placed)},
          {"moved_in", DateOrNull(t.moved_in)},
          {"a1_days", LongOrNull(t.a1_days)},
          {"a10_days", LongOrNull(t.a10_days)},
          {"a2_days", LongOrNull(t.a2_days)}};
}

}  // namespace

json ChildReportJson(const ChildFacts& facts, Date as_at, const TrackerSettings& settings,
                     CountingProfile profile) {
  const Journey j = BuildJourney(facts, as_at);
  const std::vector<PlacementSpell> placements = ChildPlacements(j, profile);
  json periods = json::array();
  for (std::size_t i = 0; i < j.periods.size(); ++i) periods.push_back(PeriodJson(j, i, profile));

  json stability = {{"placements_in_12_months", PlacementsInYearTo(placements, as_at)},
                    {"placements_in_current_period", nullptr},
                    {"current_placement_start", nullptr},
                    {"current_placement_days", nullptr},
                    {"long_term_cohort", InLongTermCohort(j, as_at)},
                    {"long_term_stable",
                     InLongTermCohort(j, as_at) && InLongTermNumerator(j, placements, as_at)}};
  if (const PeriodOfCare* open = j.PeriodOpenOn(as_at)) {
    const std::size_t index = static_cast<std::size_t>(open - j.periods.data());
    stability["placements_in_current_period"] = PeriodPlacements(*open, index, profile).size();
    if (const PlacementSpell* cur = PlacementCovering(placements, as_at)) {
      stability["current_placement_start"] = FormatIsoDate(cur->start);
      stability["current_placement_days"] = DaysBetween(cur->start, as_at);
    }
  }
  json changes = json::array();
  for (const PlacementSpell& s : placements) {
    if (s.end) changes.push_back({{"date", FormatIsoDate(*s.end)}, {"reason", s.reason_ended}});
  }
  stability["changes"] = changes;

  json adoption = nullptr;
  for (std::size_t i = j.periods.size(); i-- > 0;) {
    if (j.periods[i].end && IsAdoptionReason(j.periods[i].end_reason)) {
      adoption = AdoptionJson(TimelineOf(j, i));
      break;
    }
  }
  json proceedings = {{"issued", Facts(j.proceedings_issued, "case_number")},
                      {"extended", json::array()},
                      {"concluded", Facts(j.proceedings_concluded, "outcome")}};
  for (const DatedFact& f : j.proceedings_extended) {
    proceedings["extended"].push_back(
        {{"date", FormatIsoDate(f.date)}, {"weeks", f.number}, {"reason", f.value}});
  }
  return {{"child_id", facts.child_id},
          {"as_at", FormatIsoDate(as_at)},
          {"profile", ProfileName(profile)},
          {"date_of_birth", DateOrNull(j.date_of_birth)},
          {"looked_after", j.LookedAfterOn(as_at)},
          {"periods_of_care", periods},
          {"stability", stability},
          {"adoption", adoption},
          {"referrals", Facts(j.referrals, "source")},
          {"assessments", Facts(j.assessments, "outcome")},
          {"strategy_meetings", Facts(j.strategy_meetings, "outcome")},
          {"conferences", Facts(j.conferences, "kind_outcome")},
          {"protection_plans",
           {{"started", Facts(j.protection_plans_started, "category")},
            {"ended", Facts(j.protection_plans_ended, nullptr)}}},
          {"proceedings", proceedings},
          {"care_orders", Facts(j.care_orders, "legal_status")},
          {"missing_episodes", Facts(j.missing_episodes, "kind")},
          {"unattached_facts", Facts(j.unattached, "type")},
          {"retracted_event_ids", facts.retracted_ids},
          {"tracker", TrackerRowToJson(ComputeChildTracker(facts, as_at, settings, profile))}};
}

std::string ChildReportText(const ChildFacts& facts, Date as_at, const TrackerSettings& settings,
                            CountingProfile profile) {
  const json r = ChildReportJson(facts, as_at, settings, profile);
  auto text = [](const json& v) {
    return v.is_null() ? std::string("-") : v.is_string() ? v.get<std::string>() : v.dump();
  };
  std::ostringstream out;
  out << "Child " << facts.child_id << " as at " << FormatIsoDate(as_at) << " (profile "
      << ProfileName(profile) << ")\n";
  out << "Date of birth: " << text(r["date_of_birth"])
      << "; looked after: " << (r["looked_after"].get<bool>() ? "yes" : "no") << "\n";
  for (const json& p : r["periods_of_care"]) {
    out << "\nPeriod of care " << text(p["start"]) << " to " << text(p["end"]) << " ("
        << text(p["end_reason"]) << ")\n";
    out << "  Episodes (start  end  LS  PLACE  carer  RNE  REC):\n";
    for (const json& e : p["episodes"]) {
      out << "    " << text(e["start"]) << "  " << text(e["end"]) << "  " << text(e["legal_status"])
          << "  " << text(e["placement_type"]) << "  " << text(e["carer_id"]) << "  "
          << text(e["rne"]) << "  " << text(e["rec"]) << "\n";
    }
    out << "  Placements (" << ProfileName(profile) << "):\n";
    for (const json& s : p["placements"]) {
      out << "    " << text(s["start"]) << " to " << text(s["end"]) << "  "
          << text(s["placement_type"]) << "  " << text(s["carer_id"]) << "\n";
    }
    for (const json& v : p["reviews"]) {
      out << "  Review " << text(v["date"]) << " (due " << text(v["due"]) << ", "
          << (v["in_time"].get<bool>() ? "in time" : "late") << ")\n";
    }
    for (const json& v : p["plans"])
      out << "  Plan " << text(v["plan"]) << " on " << text(v["date"]) << "\n";
  }
  const json& st = r["stability"];
  out << "\nPlacements in the 12 months: " << text(st["placements_in_12_months"])
      << "; in the current period: " << text(st["placements_in_current_period"])
      << "; current placement since " << text(st["current_placement_start"]) << " ("
      << text(st["current_placement_days"]) << " days)\n";
  if (!r["adoption"].is_null()) {
    const json& a = r["adoption"];
    out << "Adopted " << text(a["adopted"]) << ": A1 " << text(a["a1_days"]) << " days, A10 "
        << text(a["a10_days"]) << " days, A2 " << text(a["a2_days"]) << " days\n";
  }
  out << "\nTracker:\n";
  for (const json& m : r["tracker"]["milestones"]) {
    out << "  " << text(m["id"]) << ": trigger " << text(m["trigger"]) << ", due " << text(m["due"])
        << ", done " << text(m["done"]) << ", " << text(m["status"]) << " (" << text(m["days"])
        << " days)\n";
  }
  for (const json& a : r["tracker"]["alerts"]) {
    out << "  alert " << text(a["kind"]) << " since " << text(a["since"]) << "\n";
  }
  return out.str();
}

}  // namespace cjl::projections
