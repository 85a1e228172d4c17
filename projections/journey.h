// A child's journey as at a date, derived from the child's facts: periods of care with
// their SSDA903 episodes (and RNE), and the dated facts of the period and of the child.
// Owned by projections/. Pure functions over value types; thread-safe.
//
// Only facts with occurred_on on or before the as-at date are used, so every figure can
// be evaluated at any date from history. Episodes are derived, never stored (METRICS.md s2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "events/event.h"
#include "projections/child_facts.h"

namespace cjl::projections {

// One SSDA903 episode: a stretch with one legal status and one placement.
struct Episode {
  Date start{};
  std::optional<Date> end;          // the next episode's start or the period's end; none while open
  std::string legal_status;         // 903 LS
  events::Placement placement;      // 903 PLACE, PLACE_PROVIDER, carer (RNE identity), ...
  std::string rne;                  // S, L, P, T, B or U
  std::string rec;                  // X1 when another episode follows, else the period's REC
  std::string reason_place_change;  // REASON_PLACE_CHANGE of the placement ending here
  bool temporary() const;           // PLACE T0-T4
  bool short_break() const;         // LS V3/V4
};

// A fact with a date and a code or text (plan, outcome, ...).
struct DatedFact {
  Date date{};
  std::string value;
  int number = 0;              // CareProceedingsExtended weeks
  std::uint64_t position = 0;  // ledger position: orders same-day facts
  bool operator==(const DatedFact&) const = default;
};

// One period of care.
// Invariants: episodes is non-empty, episodes.front().start == start, each episode's end
// is the next one's start, and the last episode's end equals `end`.
struct PeriodOfCare {
  Date start{};
  std::optional<Date> end;                // none while open at the as-at date
  std::string end_reason;                 // 903 REC; "" if closed by a second PeriodOfCareStarted
  bool adopted_by_foster_carers = false;  // AdoptionOrderGranted.by_foster_carers
  std::vector<Episode> episodes;
  // Facts dated within the period (start..end inclusive; an open period to the as-at date),
  // each list in business order.
  std::vector<DatedFact> reviews;
  std::vector<DatedFact> plans;                // PermanencePlanRecorded: value = plan
  std::vector<DatedFact> agency_decisions;     // AgencyDecisionMade
  std::vector<DatedFact> reversals;            // AdoptionDecisionReversed: value = RD code
  std::vector<DatedFact> placement_orders;     // PlacementOrderMade
  std::vector<DatedFact> matches;              // MatchedWithAdopters
  std::vector<DatedFact> placed_for_adoption;  // PlacedForAdoption: value = PLACE

  // Looked after on day d: started on or before d and not ended on or before d
  // (a period that ends on d is not open on d; METRICS.md s7 reading 1).
  bool OpenOn(Date d) const { return start <= d && (!end || *end > d); }
  // The episode in force at the end of day d (the last one starting on or before d).
  const Episode* EpisodeOn(Date d) const;
  // The placement in force on day d: the latest non-temporary episode starting on or
  // before d (a temporary placement counts in the placement it interrupted, reading 4);
  // the temporary episode itself when nothing was interrupted.
  const Episode* EffectivePlacementOn(Date d) const;
  // The start of the period leaving out short-break (V3/V4) episodes at its start
  // (reading 7); nullopt when every episode is a short break.
  std::optional<Date> StartWithoutShortBreaks() const;
};

struct Journey {
  std::string child_id;
  Date as_at{};
  std::optional<Date> date_of_birth;
  std::vector<PeriodOfCare> periods;  // by start date
  // Child-level facts, each in business order.
  std::vector<DatedFact> referrals;                 // value = referral_source
  std::vector<DatedFact> strategy_meetings;         // value = outcome
  std::vector<DatedFact> assessments;               // value = outcome
  std::vector<DatedFact> conferences;               // value = kind + ":" + outcome
  std::vector<DatedFact> protection_plans_started;  // value = category
  std::vector<DatedFact> protection_plans_ended;
  std::vector<DatedFact> proceedings_issued;     // value = case_number
  std::vector<DatedFact> proceedings_extended;   // number = weeks
  std::vector<DatedFact> proceedings_concluded;  // value = outcome
  std::vector<DatedFact> care_orders;            // value = C1/C2
  std::vector<DatedFact> matches;                // every MatchedWithAdopters
  std::vector<DatedFact> missing_episodes;       // value = kind
  std::vector<DatedFact> team_allocations;       // ChildAllocated: value = team
  // Facts that could not be placed in a period of care (e.g. a PlacementMoved with no open
  // period in business order): kept for the child report, ignored by the figures.
  std::vector<DatedFact> unattached;  // value = event type name

  // The period open on day d, or nullptr.
  const PeriodOfCare* PeriodOpenOn(Date d) const;
  // Looked after on d and not on a short break (LS V3/V4) that day.
  bool LookedAfterOn(Date d) const;
};

// Derives the journey from the child's facts dated on or before as_at.
//
// Messy but accepted histories never abort: a PeriodOfCareStarted while a period is open
// closes the open one that day (end_reason ""); placement, legal-status and ending facts
// outside any period are kept in `unattached`; a change identical to the current state
// starts no episode.
Journey BuildJourney(const ChildFacts& facts, Date as_at);

// The first day of the year ending on d: the day after the same date a year earlier,
// month end clamped (METRICS.md s1). YearStart(2022-03-31) = 2021-04-01.
Date YearStart(Date d, int years = 1);
// The first day d with AddMonths(d, -months) >= from: the day `from` is `months` months ago.
Date FirstDayMonthsAfter(Date from, int months);

}  // namespace cjl::projections
