// Domain checks: can this fact follow the child's history? Evaluated as of the event's
// occurred_on (a back-dated event is checked where it falls among the child's facts),
// over the child's non-retracted events. They reject only what cannot be true; what is
// merely unusual is accepted (and may raise a tracker alert). Pure; thread-safe.
//
// Rules (EVENTS.md, DESIGN.md, issue 2):
//  - a placement, legal status change, review, plan, placement order, order that ends
//    care, or end of care needs a period of care open on its date;
//  - no second PeriodOfCareStarted while one is open;
//  - nothing dated before the child's date of birth, when known (and a ChildRegistered
//    whose date of birth falls after a fact already recorded is rejected);
//  - an EventRetracted must target an existing, non-retraction event of the same child.
// Same-day facts: those already recorded on that date come first (ledger order).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "events/event.h"

namespace cjl::events {

// What the rules need of an earlier fact of the child. The ledger keeps these, not whole
// events, for the children it has judged lately: a tenth of the memory of an Event.
struct PriorFact {
  std::string event_id;
  EventType type = EventType::kChildRegistered;
  Date occurred_on{};
  std::string target_event_id;        // EventRetracted
  std::optional<Date> date_of_birth;  // ChildRegistered

  static PriorFact Of(const Event& e);
};

// `history`: every fact of the candidate's child, in ledger (append) order.
std::vector<FieldError> CheckAgainstHistory(const std::vector<PriorFact>& history,
                                            const Event& candidate);

// True for the types that need an open period of care on their date.
bool NeedsOpenPeriodOfCare(EventType type);
// True for the types that end a period of care.
bool EndsPeriodOfCare(EventType type);

}  // namespace cjl::events
