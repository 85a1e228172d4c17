// The event model: the envelope and the payload of every type of EVENTS.md (contract v1).
// Owned by events/. Value types; thread-compatible.
//
// The payload is one flat struct: each event type uses the subset of fields that
// kTypeSpecs (event_spec.h) lists for it, and every other field stays empty. This keeps
// one schema, one serializer and one validator table for 27 types; the JSON adapter
// emits only the fields of the event's type, so the wire form is exactly EVENTS.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "common/date.h"
#include "common/positions.h"

namespace cjl::events {

// The schema versions this code reads. An envelope with a higher one is rejected whole.
inline constexpr int kCurrentSchemaVersion = 1;

enum class EventType : std::uint8_t {
  kChildRegistered,
  kChildReferred,
  kStrategyMeetingHeld,
  kAssessmentCompleted,
  kChildProtectionConferenceHeld,
  kChildProtectionPlanStarted,
  kChildProtectionPlanEnded,
  kCareProceedingsIssued,
  kCareProceedingsExtended,
  kCareProceedingsConcluded,
  kCareOrderMade,
  kPeriodOfCareStarted,
  kPlacementMoved,
  kLegalStatusChanged,
  kPermanencePlanRecorded,
  kAgencyDecisionMade,
  kAdoptionDecisionReversed,
  kPlacementOrderMade,
  kMatchedWithAdopters,
  kPlacedForAdoption,
  kAdoptionOrderGranted,
  kSpecialGuardianshipOrderGranted,
  kChildArrangementsOrderGranted,
  kPeriodOfCareEnded,
  kReviewHeld,
  kMissingEpisodeRecorded,
  kEventRetracted,
  // Additions to contract v1 (allowed: "additions are fine"); appended so that stored
  // type numbers keep their meaning.
  kChildAllocated,  // the child's case is allocated to a team (payload.team)
};
inline constexpr int kEventTypeCount = 28;

// "PlacementMoved" etc.; the wire name of the type.
const char* EventTypeName(EventType type);
std::optional<EventType> EventTypeFromName(std::string_view name);

// A placement (EVENTS.md "Placement object"). carer_id decides same carer or not.
struct Placement {
  std::string placement_type;     // 903 PLACE
  std::string provider;           // 903 PLACE_PROVIDER; empty when not given
  std::string carer_id;           // opaque; same id = same carer
  std::string postcode_district;  // optional
  std::string urn;                // optional Ofsted URN
  bool operator==(const Placement&) const = default;
};

// Every payload field of every type. Text fields: empty = absent.
struct Payload {
  std::optional<Date> date_of_birth;  // ChildRegistered
  std::string sex;                    // ChildRegistered: M, F, U
  std::string ethnicity;              // ChildRegistered: 903 ETHNIC
  std::string referral_source;        // ChildReferred (optional)
  std::string outcome;                // StrategyMeetingHeld, AssessmentCompleted,
                                      // ChildProtectionConferenceHeld, CareProceedingsConcluded
  std::string kind;                   // ChildProtectionConferenceHeld: initial|review;
                                      // MissingEpisodeRecorded: M|A
  std::string category;               // ChildProtectionPlanStarted
  std::string case_number;            // CareProceedingsIssued
  std::optional<int> weeks;           // CareProceedingsExtended: 1-8
  std::string reason;                 // CareProceedingsExtended (text), AdoptionDecisionReversed
                       // (RD1-RD4), PeriodOfCareEnded (903 REC), EventRetracted (text)
  std::string legal_status;      // CareOrderMade (C1|C2), PeriodOfCareStarted, LegalStatusChanged
  std::string category_of_need;  // PeriodOfCareStarted: N1-N8
  std::optional<Placement> placement;  // PeriodOfCareStarted, PlacementMoved, PlacedForAdoption
  std::string reason_previous_ended;   // PlacementMoved, PlacedForAdoption: 903 REASON_PLACE_CHANGE
  std::string plan;                    // PermanencePlanRecorded
  std::string consent;                 // AdoptionOrderGranted: unopposed|dispensed_with
  std::optional<bool> by_foster_carers;  // AdoptionOrderGranted (optional addition to v1: AD1's
                                         // "adopted by foster carers")
  std::string carer;                     // SpecialGuardianshipOrderGranted
  std::string participation;             // ReviewHeld (optional): PN0-PN7
  std::optional<Date> ended_on;          // MissingEpisodeRecorded (optional)
  std::string target_event_id;           // EventRetracted
  std::string team;                      // ChildAllocated: the social work team
  bool operator==(const Payload&) const = default;
};

// What an upstream system sends: the envelope and the payload.
struct Event {
  std::string event_id;
  EventType type = EventType::kChildRegistered;
  std::string child_id;
  Date occurred_on{};
  std::string source;
  int schema_version = kCurrentSchemaVersion;
  Payload payload;
  bool operator==(const Event&) const = default;
};

using Sha256 = std::array<std::uint8_t, 32>;

// An event as the ledger holds it: the upstream event plus what the ledger set.
struct RecordedEvent {
  Event event;
  LedgerPosition position;          // global, from 1
  StreamVersion stream_version;     // per child, from 1
  std::int64_t recorded_at_us = 0;  // UTC µs since the epoch when its group commit began
                                    // (one value for the events appended together)
  Sha256 prev_hash{};               // the previous event's hash; zeros before position 1
  Sha256 hash{};                    // SHA-256(prev_hash || position || canonical bytes)
  bool operator==(const RecordedEvent&) const = default;
};

// The REC codes that end a period of care by their own event types, and what they mean.
// AdoptionOrderGranted ends with E11 (unopposed) or E12 (dispensed_with);
// SpecialGuardianshipOrderGranted with E45-E48 by carer; ChildArrangementsOrderGranted with E41.
// Returns the 903 REC of an ending event, or "" if the event does not end a period of care.
std::string EndingReasonCode(const Event& e);

}  // namespace cjl::events
