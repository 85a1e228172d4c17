// A valid sample of every event type, with every field of its type filled (optional ones
// too), built from the contract table so a new type or field is covered automatically.
#pragma once

#include "events/event_spec.h"
#include "tests/support/event_builders.h"

namespace cjl::testing {

inline events::Event SampleEvent(events::EventType type) {
  using events::FieldKind;
  events::Event e =
      MakeEvent(std::string("sample-") + events::EventTypeName(type), type, "C-1", "2022-05-01");
  const events::TypeSpec& spec = events::SpecFor(type);
  for (const events::FieldSpec& f : spec.fields) {
    switch (f.kind) {
      case FieldKind::kText:
        e.payload.*f.text = "text for " + std::string(f.name);
        break;
      case FieldKind::kCode:
        e.payload.*f.text = std::string(f.codes.back());
        break;
      case FieldKind::kDate:
        e.payload.*f.date = D("2022-05-01");
        break;
      case FieldKind::kWeeks:
        e.payload.weeks = 8;
        break;
      case FieldKind::kBool:
        e.payload.by_foster_carers = true;
        break;
      case FieldKind::kPlacement: {
        events::Placement p =
            MakePlacement(type == events::EventType::kPlacedForAdoption ? "A5" : "U4", "carer-9");
        p.postcode_district = "TS1";
        p.urn = "SC123456";
        e.payload.placement = p;
        break;
      }
    }
  }
  if (type == events::EventType::kChildRegistered) e.payload.date_of_birth = D("2015-01-31");
  if (type == events::EventType::kEventRetracted) e.payload.target_event_id = "other-event";
  return e;
}

}  // namespace cjl::testing
