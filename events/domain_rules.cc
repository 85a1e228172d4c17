#include "events/domain_rules.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace cjl::events {
namespace {

// The ids that a history's retractions target. Most histories have none, and then
// nothing is allocated: the rules run for every appended event.
class Retracted {
 public:
  explicit Retracted(const std::vector<PriorFact>& history) {
    for (const PriorFact& e : history) {
      if (e.type == EventType::kEventRetracted) ids_.insert(e.target_event_id);
    }
  }
  // A fact the rules count: neither a retraction nor retracted.
  bool IsLive(const PriorFact& e) const {
    return e.type != EventType::kEventRetracted && (ids_.empty() || !ids_.contains(e.event_id));
  }

 private:
  std::unordered_set<std::string_view> ids_;  // views of the history's strings
};

struct PeriodState {
  bool open = false;
  Date opened_on{};
};

// A fact's place when the facts are taken in date order, same-day facts in ledger order.
using Place = std::pair<Date, std::size_t>;

// The period of care as of `on`: the live facts dated on or before it, in date order
// (same-day facts in ledger order), where a start opens a period and an end closes it.
// It is open when a start comes after the last end, and opened with the first such start.
PeriodState PeriodAsOf(const std::vector<PriorFact>& history, const Retracted& retracted, Date on) {
  std::optional<Place> last_end;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const PriorFact& e = history[i];
    if (e.occurred_on <= on && EndsPeriodOfCare(e.type) && retracted.IsLive(e)) {
      const Place place{e.occurred_on, i};
      if (!last_end || *last_end < place) last_end = place;
    }
  }
  std::optional<Place> first_open_start;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const PriorFact& e = history[i];
    if (e.occurred_on > on || e.type != EventType::kPeriodOfCareStarted || !retracted.IsLive(e)) {
      continue;
    }
    const Place place{e.occurred_on, i};
    if (last_end && place < *last_end) continue;
    if (!first_open_start || place < *first_open_start) first_open_start = place;
  }
  PeriodState s;
  if (first_open_start) {
    s.open = true;
    s.opened_on = first_open_start->first;
  }
  return s;
}

}  // namespace

bool NeedsOpenPeriodOfCare(EventType t) {
  switch (t) {
    case EventType::kPlacementMoved:
    case EventType::kPlacedForAdoption:
    case EventType::kLegalStatusChanged:
    case EventType::kReviewHeld:
    case EventType::kPermanencePlanRecorded:
    case EventType::kPlacementOrderMade:
      return true;
    default:
      return EndsPeriodOfCare(t);
  }
}

bool EndsPeriodOfCare(EventType t) {
  return t == EventType::kAdoptionOrderGranted ||
         t == EventType::kSpecialGuardianshipOrderGranted ||
         t == EventType::kChildArrangementsOrderGranted || t == EventType::kPeriodOfCareEnded;
}

PriorFact PriorFact::Of(const Event& e) {
  return PriorFact{e.event_id, e.type, e.occurred_on, e.payload.target_event_id,
                   e.payload.date_of_birth};
}

std::vector<FieldError> CheckAgainstHistory(const std::vector<PriorFact>& history, const Event& c) {
  std::vector<FieldError> errors;
  // What the errors say the event is; put together only for an error.
  const auto when = [&c] {
    return std::string(EventTypeName(c.type)) + " on " + FormatIsoDate(c.occurred_on);
  };

  if (c.type == EventType::kEventRetracted) {
    const std::string& target = c.payload.target_event_id;
    auto it = std::find_if(history.begin(), history.end(),
                           [&](const PriorFact& e) { return e.event_id == target; });
    if (it == history.end()) {
      errors.push_back({"payload.target_event_id",
                        "no event \"" + target + "\" in child " + c.child_id + "'s stream"});
    } else if (it->type == EventType::kEventRetracted) {
      errors.push_back({"payload.target_event_id", "a retraction cannot be retracted"});
    }
    return errors;
  }

  const Retracted retracted(history);

  const PriorFact* registration = nullptr;
  for (const PriorFact& e : history) {
    if (e.type == EventType::kChildRegistered && retracted.IsLive(e)) registration = &e;
  }
  if (registration && registration->date_of_birth && c.occurred_on < *registration->date_of_birth) {
    errors.push_back({"occurred_on", when() + ": before child " + c.child_id + "'s date of birth " +
                                         FormatIsoDate(*registration->date_of_birth)});
  }
  if (c.type == EventType::kChildRegistered && c.payload.date_of_birth) {
    for (const PriorFact& e : history) {
      if (e.occurred_on < *c.payload.date_of_birth && retracted.IsLive(e)) {
        errors.push_back({"payload.date_of_birth",
                          FormatIsoDate(*c.payload.date_of_birth) + " is after the child's " +
                              EventTypeName(e.type) + " on " + FormatIsoDate(e.occurred_on)});
        break;
      }
    }
  }

  if (c.type == EventType::kPeriodOfCareStarted || NeedsOpenPeriodOfCare(c.type)) {
    const PeriodState period = PeriodAsOf(history, retracted, c.occurred_on);
    if (c.type == EventType::kPeriodOfCareStarted && period.open) {
      errors.push_back({"occurred_on", when() + ": child " + c.child_id +
                                           " already has a period of care open since " +
                                           FormatIsoDate(period.opened_on)});
    } else if (c.type != EventType::kPeriodOfCareStarted && !period.open) {
      errors.push_back(
          {"occurred_on", when() + ": child " + c.child_id + " has no open period of care"});
    }
  }
  return errors;
}

}  // namespace cjl::events
