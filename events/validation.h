// Static validation of one event against the contract (EVENTS.md v1): identifiers,
// dates, required fields, code lists and ranges. It needs no history; the checks against
// the child's stream are in domain_rules.h. Pure; thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "common/result.h"
#include "events/event.h"

namespace cjl::events {

// Every broken rule, in field order; empty when the event is valid. `today` bounds
// dates ("not after today"); pass nullopt to skip that rule (e.g. replaying history).
std::vector<FieldError> ValidateEvent(const Event& event, std::optional<Date> today);

// The character rules of the envelope identifiers.
bool IsValidEventId(std::string_view id);
bool IsValidChildId(std::string_view id);

}  // namespace cjl::events
