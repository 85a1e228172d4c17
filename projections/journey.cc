// Events to episodes (see journey.h and METRICS.md section 2).
#include "projections/journey.h"

#include <utility>

#include "events/codes.h"

namespace cjl::projections {
namespace {

using events::EventType;
using events::Placement;

bool IsEnding(EventType t) {
  return t == EventType::kAdoptionOrderGranted ||
         t == EventType::kSpecialGuardianshipOrderGranted ||
         t == EventType::kChildArrangementsOrderGranted || t == EventType::kPeriodOfCareEnded;
}

// Builds the periods and episodes in business order.
class EpisodeBuilder {
 public:
  explicit EpisodeBuilder(Journey& j) : j_(j) {}

  void Start(Date d, const std::string& ls, const Placement& p) {
    if (Open() != nullptr) {
      // The ledger rejects a start while a period is open, so this arises only when the
      // ending between the two was retracted. As if that ending was never recorded, the
      // period goes on, and the start's legal status and placement are changes within it
      // (no ceaser, no starter).
      ChangeLegalStatus(d, ls);
      ChangePlacement(d, p, "");
      return;
    }
    PeriodOfCare period;
    period.start = d;
    Episode ep;
    ep.start = d;
    ep.legal_status = ls;
    ep.placement = p;
    ep.rne = "S";
    period.episodes.push_back(std::move(ep));
    j_.periods.push_back(std::move(period));
  }

  // Returns false when no period is open.
  bool ChangePlacement(Date d, const Placement& p, const std::string& reason) {
    PeriodOfCare* open = Open();
    if (open == nullptr) return false;
    Episode& cur = open->episodes.back();
    if (cur.placement == p) return true;  // nothing changed: no new episode
    const bool same_carer = cur.placement.carer_id == p.carer_id;
    cur.reason_place_change = reason;
    if (cur.start == d && cur.rne == "L") {
      // Legal status and placement changed on the same day: one episode, RNE B or U.
      cur.placement = p;
      cur.rne = same_carer ? "U" : "B";
      // The reason belongs to the placement that ended, i.e. the previous episode's.
      cur.reason_place_change.clear();
      if (open->episodes.size() > 1)
        open->episodes[open->episodes.size() - 2].reason_place_change = reason;
      return true;
    }
    Episode next;
    next.start = d;
    next.legal_status = cur.legal_status;
    next.placement = p;
    next.rne = same_carer ? "T" : "P";
    Push(*open, std::move(next));
    return true;
  }

  bool ChangeLegalStatus(Date d, const std::string& ls) {
    PeriodOfCare* open = Open();
    if (open == nullptr) return false;
    Episode& cur = open->episodes.back();
    if (cur.legal_status == ls) return true;
    if (cur.start == d && (cur.rne == "P" || cur.rne == "T")) {
      cur.legal_status = ls;
      cur.rne = cur.rne == "P" ? "B" : "U";
      return true;
    }
    Episode next;
    next.start = d;
    next.legal_status = ls;
    next.placement = cur.placement;
    next.rne = "L";
    Push(*open, std::move(next));
    return true;
  }

  bool End(Date d, const std::string& rec, bool by_foster_carers) {
    PeriodOfCare* open = Open();
    if (open == nullptr) return false;
    open->adopted_by_foster_carers = by_foster_carers;
    Close(*open, d, rec);
    return true;
  }

 private:
  PeriodOfCare* Open() {
    if (j_.periods.empty() || j_.periods.back().end) return nullptr;
    return &j_.periods.back();
  }
  static void Push(PeriodOfCare& p, Episode next) {
    Episode& cur = p.episodes.back();
    cur.end = next.start;
    cur.rec = "X1";
    p.episodes.push_back(std::move(next));
  }
  static void Close(PeriodOfCare& p, Date d, const std::string& rec) {
    p.end = d;
    p.end_reason = rec;
    p.episodes.back().end = d;
    p.episodes.back().rec = rec;
  }

  Journey& j_;
};

// The latest period whose dates contain d (a period ending on d contains its last day's
// facts; when one period ends and another starts on d, the later one wins).
PeriodOfCare* PeriodContaining(Journey& j, Date d) {
  for (auto it = j.periods.rbegin(); it != j.periods.rend(); ++it) {
    if (it->start <= d && (!it->end || *it->end >= d)) return &*it;
  }
  return nullptr;
}

}  // namespace

bool Episode::temporary() const {
  return events::codes::IsTemporaryPlacement(placement.placement_type);
}
bool Episode::short_break() const { return events::codes::IsShortBreakStatus(legal_status); }

const Episode* PeriodOfCare::EpisodeOn(Date d) const {
  const Episode* found = nullptr;
  for (const Episode& e : episodes) {
    if (e.start > d) break;
    found = &e;
  }
  return found;
}

const Episode* PeriodOfCare::EffectivePlacementOn(Date d) const {
  const Episode* found = nullptr;
  const Episode* any = nullptr;
  for (const Episode& e : episodes) {
    if (e.start > d) break;
    any = &e;
    if (!e.temporary()) found = &e;
  }
  return found != nullptr ? found : any;
}

std::optional<Date> PeriodOfCare::StartWithoutShortBreaks() const {
  for (const Episode& e : episodes) {
    if (!e.short_break()) return e.start;
  }
  return std::nullopt;
}

const PeriodOfCare* Journey::PeriodOpenOn(Date d) const {
  for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
    if (it->OpenOn(d)) return &*it;
  }
  return nullptr;
}

bool Journey::LookedAfterOn(Date d) const {
  const PeriodOfCare* p = PeriodOpenOn(d);
  if (p == nullptr) return false;
  const Episode* e = p->EpisodeOn(d);
  return e != nullptr && !e->short_break();
}

Journey BuildJourney(const ChildFacts& facts, Date as_at) {
  Journey j;
  j.child_id = facts.child_id;
  j.as_at = as_at;
  EpisodeBuilder builder(j);
  const std::vector<events::RecordedEvent> records = facts.DecodedFacts(as_at);

  // Pass 1: periods and episodes, in business order.
  for (const auto& r : records) {
    const events::Event& e = r.event;
    if (e.occurred_on > as_at) break;
    const auto& p = e.payload;
    bool attached = true;
    switch (e.type) {
      case EventType::kPeriodOfCareStarted:
        builder.Start(e.occurred_on, p.legal_status, p.placement.value_or(Placement{}));
        break;
      case EventType::kPlacementMoved:
      case EventType::kPlacedForAdoption:
        if (p.placement)
          attached = builder.ChangePlacement(e.occurred_on, *p.placement, p.reason_previous_ended);
        break;
      case EventType::kLegalStatusChanged:
      case EventType::kCareOrderMade:
        if (!p.legal_status.empty())
          attached = builder.ChangeLegalStatus(e.occurred_on, p.legal_status);
        break;
      case EventType::kPlacementOrderMade:
        attached = builder.ChangeLegalStatus(e.occurred_on, "E1");
        break;
      default:
        if (IsEnding(e.type)) {
          attached = builder.End(e.occurred_on, events::EndingReasonCode(e),
                                 p.by_foster_carers.value_or(false));
        }
        break;
    }
    // A care order or placement order made while not in care is a fact about the child,
    // not an unattached episode change.
    if (!attached && e.type != EventType::kCareOrderMade &&
        e.type != EventType::kPlacementOrderMade) {
      j.unattached.push_back({e.occurred_on, events::EventTypeName(e.type), 0, r.position.value()});
    }
  }

  // Pass 2: dated facts, to the period containing their date or to the child.
  for (const auto& r : records) {
    const events::Event& e = r.event;
    if (e.occurred_on > as_at) break;
    const auto& p = e.payload;
    const Date d = e.occurred_on;
    PeriodOfCare* period = PeriodContaining(j, d);
    auto fact = [&](std::string value, int number = 0) {
      return DatedFact{d, std::move(value), number, r.position.value()};
    };
    auto to_period = [&](std::vector<DatedFact> PeriodOfCare::*list, std::string value) {
      if (period != nullptr) {
        (period->*list).push_back(fact(std::move(value)));
      } else {
        j.unattached.push_back(fact(events::EventTypeName(e.type)));
      }
    };
    switch (e.type) {
      case EventType::kChildRegistered:
        if (p.date_of_birth) j.date_of_birth = p.date_of_birth;
        break;
      case EventType::kChildReferred:
        j.referrals.push_back(fact(p.referral_source));
        break;
      case EventType::kStrategyMeetingHeld:
        j.strategy_meetings.push_back(fact(p.outcome));
        break;
      case EventType::kAssessmentCompleted:
        j.assessments.push_back(fact(p.outcome));
        break;
      case EventType::kChildProtectionConferenceHeld:
        j.conferences.push_back(fact(p.kind + ":" + p.outcome));
        break;
      case EventType::kChildProtectionPlanStarted:
        j.protection_plans_started.push_back(fact(p.category));
        break;
      case EventType::kChildProtectionPlanEnded:
        j.protection_plans_ended.push_back(fact(""));
        break;
      case EventType::kCareProceedingsIssued:
        j.proceedings_issued.push_back(fact(p.case_number));
        break;
      case EventType::kCareProceedingsExtended:
        j.proceedings_extended.push_back(fact(p.reason, p.weeks.value_or(0)));
        break;
      case EventType::kCareProceedingsConcluded:
        j.proceedings_concluded.push_back(fact(p.outcome));
        break;
      case EventType::kCareOrderMade:
        j.care_orders.push_back(fact(p.legal_status));
        break;
      case EventType::kMissingEpisodeRecorded:
        j.missing_episodes.push_back(fact(p.kind));
        break;
      case EventType::kChildAllocated:
        j.team_allocations.push_back(fact(p.team));
        break;
      case EventType::kReviewHeld:
        to_period(&PeriodOfCare::reviews, p.participation);
        break;
      case EventType::kPermanencePlanRecorded:
        to_period(&PeriodOfCare::plans, p.plan);
        break;
      case EventType::kAgencyDecisionMade:
        to_period(&PeriodOfCare::agency_decisions, "");
        break;
      case EventType::kAdoptionDecisionReversed:
        to_period(&PeriodOfCare::reversals, p.reason);
        break;
      case EventType::kPlacementOrderMade:
        if (period != nullptr) period->placement_orders.push_back(fact(""));
        break;
      case EventType::kMatchedWithAdopters:
        j.matches.push_back(fact(""));
        if (period != nullptr) period->matches.push_back(fact(""));
        break;
      case EventType::kPlacedForAdoption:
        if (period != nullptr) {
          period->placed_for_adoption.push_back(
              fact(p.placement ? p.placement->placement_type : ""));
        }
        break;
      default:
        break;
    }
  }
  return j;
}

Date YearStart(Date d, int years) { return AddYears(d, -years) + std::chrono::days{1}; }

Date FirstDayMonthsAfter(Date from, int months) {
  Date d = AddMonths(from, months);
  while (AddMonths(d, -months) < from) d += std::chrono::days{1};
  return d;
}

}  // namespace cjl::projections
