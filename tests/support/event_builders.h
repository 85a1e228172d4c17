// Builders for events in tests: readable journeys without JSON. Header-only.
#pragma once

#include <string>

#include "common/date.h"
#include "events/event.h"

namespace cjl::testing {

inline Date D(const char* iso) {
  auto d = ParseIsoDate(iso);
  if (!d) std::abort();
  return *d;
}

inline events::Event MakeEvent(std::string id, events::EventType type, std::string child,
                               const char* on) {
  events::Event e;
  e.event_id = std::move(id);
  e.type = type;
  e.child_id = std::move(child);
  e.occurred_on = D(on);
  e.source = "test";
  return e;
}

inline events::Placement MakePlacement(std::string type, std::string carer) {
  events::Placement p;
  p.placement_type = std::move(type);
  p.carer_id = std::move(carer);
  p.provider = "PR1";
  return p;
}

inline events::Event Registered(std::string id, std::string child, const char* on,
                                const char* dob) {
  auto e = MakeEvent(std::move(id), events::EventType::kChildRegistered, std::move(child), on);
  e.payload.date_of_birth = D(dob);
  e.payload.sex = "F";
  e.payload.ethnicity = "WBRI";
  return e;
}

inline events::Event CareStarted(std::string id, std::string child, const char* on,
                                 std::string ls = "C2", std::string place = "U1",
                                 std::string carer = "carer-1") {
  auto e = MakeEvent(std::move(id), events::EventType::kPeriodOfCareStarted, std::move(child), on);
  e.payload.legal_status = std::move(ls);
  e.payload.category_of_need = "N1";
  e.payload.placement = MakePlacement(std::move(place), std::move(carer));
  return e;
}

inline events::Event Moved(std::string id, std::string child, const char* on, std::string place,
                           std::string carer, std::string reason = "CARPL") {
  auto e = MakeEvent(std::move(id), events::EventType::kPlacementMoved, std::move(child), on);
  e.payload.placement = MakePlacement(std::move(place), std::move(carer));
  e.payload.reason_previous_ended = std::move(reason);
  return e;
}

inline events::Event CareEnded(std::string id, std::string child, const char* on,
                               std::string rec = "E4A") {
  auto e = MakeEvent(std::move(id), events::EventType::kPeriodOfCareEnded, std::move(child), on);
  e.payload.reason = std::move(rec);
  return e;
}

inline events::Event Retracted(std::string id, std::string child, const char* on,
                               std::string target) {
  auto e = MakeEvent(std::move(id), events::EventType::kEventRetracted, std::move(child), on);
  e.payload.target_event_id = std::move(target);
  e.payload.reason = "entered in error";
  return e;
}

}  // namespace cjl::testing
