#include "events/domain_rules.h"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace cjl::events {
namespace {

struct PeriodState {
  bool open = false;
  Date opened_on{};
};

// The period of care as of `on`, counting the facts dated on or before it.
PeriodState PeriodAsOf(const std::vector<const PriorFact*>& live, Date on) {
  std::vector<const PriorFact*> dated;
  for (const PriorFact* e : live) {
    if (e->occurred_on <= on) dated.push_back(e);
  }
  std::stable_sort(dated.begin(), dated.end(), [](const PriorFact* a, const PriorFact* b) {
    return a->occurred_on < b->occurred_on;
  });
  PeriodState s;
  for (const PriorFact* e : dated) {
    if (e->type == EventType::kPeriodOfCareStarted) {
      if (!s.open) s.opened_on = e->occurred_on;
      s.open = true;
    } else if (EndsPeriodOfCare(e->type)) {
      s.open = false;
    }
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

  std::unordered_set<std::string> retracted;
  for (const PriorFact& e : history) {
    if (e.type == EventType::kEventRetracted) retracted.insert(e.target_event_id);
  }
  std::vector<const PriorFact*> live;
  live.reserve(history.size());
  for (const PriorFact& e : history) {
    if (e.type != EventType::kEventRetracted && !retracted.contains(e.event_id)) {
      live.push_back(&e);
    }
  }

  const PriorFact* registration = nullptr;
  for (const PriorFact* e : live) {
    if (e->type == EventType::kChildRegistered) registration = e;
  }
  if (registration && registration->date_of_birth && c.occurred_on < *registration->date_of_birth) {
    errors.push_back({"occurred_on", when() + ": before child " + c.child_id + "'s date of birth " +
                                         FormatIsoDate(*registration->date_of_birth)});
  }
  if (c.type == EventType::kChildRegistered && c.payload.date_of_birth) {
    for (const PriorFact* e : live) {
      if (e->occurred_on < *c.payload.date_of_birth) {
        errors.push_back({"payload.date_of_birth",
                          FormatIsoDate(*c.payload.date_of_birth) + " is after the child's " +
                              EventTypeName(e->type) + " on " + FormatIsoDate(e->occurred_on)});
        break;
      }
    }
  }

  if (c.type == EventType::kPeriodOfCareStarted || NeedsOpenPeriodOfCare(c.type)) {
    const PeriodState period = PeriodAsOf(live, c.occurred_on);
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
