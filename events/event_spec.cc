#include "events/event_spec.h"

#include <array>

#include "common/result.h"

namespace cjl::events {
namespace {

using K = FieldKind;
using P = Payload;

FieldSpec Text(std::string_view name, bool required, std::string P::*m) {
  return {name, K::kText, required, {}, m, nullptr};
}
FieldSpec Code(std::string_view name, bool required, codes::CodeList list, std::string P::*m) {
  return {name, K::kCode, required, list, m, nullptr};
}
FieldSpec DateField(std::string_view name, bool required, std::optional<Date> P::*m) {
  return {name, K::kDate, required, {}, nullptr, m};
}
FieldSpec Other(std::string_view name, FieldKind kind, bool required) {
  return {name, kind, required, {}, nullptr, nullptr};
}

std::vector<TypeSpec> BuildSpecs() {
  namespace c = codes;
  const FieldSpec placement = Other("placement", K::kPlacement, true);
  const FieldSpec reason_previous_ended =
      Code("reason_previous_ended", false, c::kReasonPlaceChange, &P::reason_previous_ended);
  return {
      {EventType::kChildRegistered,
       "ChildRegistered",
       {DateField("date_of_birth", true, &P::date_of_birth), Code("sex", true, c::kSex, &P::sex),
        Code("ethnicity", true, c::kEthnicity, &P::ethnicity)}},
      {EventType::kChildReferred,
       "ChildReferred",
       {Text("referral_source", false, &P::referral_source)}},
      {EventType::kStrategyMeetingHeld,
       "StrategyMeetingHeld",
       {Code("outcome", true, c::kStrategyOutcome, &P::outcome)}},
      {EventType::kAssessmentCompleted,
       "AssessmentCompleted",
       {Code("outcome", true, c::kAssessmentOutcome, &P::outcome)}},
      {EventType::kChildProtectionConferenceHeld,
       "ChildProtectionConferenceHeld",
       {Code("kind", true, c::kConferenceKind, &P::kind),
        Code("outcome", true, c::kConferenceOutcome, &P::outcome)}},
      {EventType::kChildProtectionPlanStarted,
       "ChildProtectionPlanStarted",
       {Code("category", true, c::kProtectionCategory, &P::category)}},
      {EventType::kChildProtectionPlanEnded, "ChildProtectionPlanEnded", {}},
      {EventType::kCareProceedingsIssued,
       "CareProceedingsIssued",
       {Text("case_number", true, &P::case_number)}},
      {EventType::kCareProceedingsExtended,
       "CareProceedingsExtended",
       {Other("weeks", K::kWeeks, true), Text("reason", true, &P::reason)}},
      {EventType::kCareProceedingsConcluded,
       "CareProceedingsConcluded",
       {Code("outcome", true, c::kProceedingsOutcome, &P::outcome)}},
      {EventType::kCareOrderMade,
       "CareOrderMade",
       {Code("legal_status", true, c::kCareOrderStatus, &P::legal_status)}},
      {EventType::kPeriodOfCareStarted,
       "PeriodOfCareStarted",
       {Code("legal_status", true, c::kLegalStatus, &P::legal_status),
        Code("category_of_need", true, c::kCategoryOfNeed, &P::category_of_need), placement}},
      {EventType::kPlacementMoved, "PlacementMoved", {placement, reason_previous_ended}},
      {EventType::kLegalStatusChanged,
       "LegalStatusChanged",
       {Code("legal_status", true, c::kLegalStatus, &P::legal_status)}},
      {EventType::kPermanencePlanRecorded,
       "PermanencePlanRecorded",
       {Code("plan", true, c::kPermanencePlan, &P::plan)}},
      {EventType::kAgencyDecisionMade, "AgencyDecisionMade", {}},
      {EventType::kAdoptionDecisionReversed,
       "AdoptionDecisionReversed",
       {Code("reason", true, c::kReversalReason, &P::reason)}},
      {EventType::kPlacementOrderMade, "PlacementOrderMade", {}},
      {EventType::kMatchedWithAdopters, "MatchedWithAdopters", {}},
      {EventType::kPlacedForAdoption, "PlacedForAdoption", {placement, reason_previous_ended}},
      {EventType::kAdoptionOrderGranted,
       "AdoptionOrderGranted",
       {Code("consent", true, c::kAdoptionConsent, &P::consent),
        Other("by_foster_carers", K::kBool, false)}},
      {EventType::kSpecialGuardianshipOrderGranted,
       "SpecialGuardianshipOrderGranted",
       {Code("carer", true, c::kSgoCarer, &P::carer)}},
      {EventType::kChildArrangementsOrderGranted, "ChildArrangementsOrderGranted", {}},
      {EventType::kPeriodOfCareEnded,
       "PeriodOfCareEnded",
       {Code("reason", true, c::kPeriodEndReason, &P::reason)}},
      {EventType::kReviewHeld,
       "ReviewHeld",
       {Code("participation", false, c::kParticipation, &P::participation)}},
      {EventType::kMissingEpisodeRecorded,
       "MissingEpisodeRecorded",
       {Code("kind", true, c::kMissingKind, &P::kind), DateField("ended_on", false, &P::ended_on)}},
      {EventType::kEventRetracted,
       "EventRetracted",
       {Text("target_event_id", true, &P::target_event_id), Text("reason", true, &P::reason)}},
      {EventType::kChildAllocated, "ChildAllocated", {Text("team", true, &P::team)}},
  };
}

const std::vector<TypeSpec>& Specs() {
  static const std::vector<TypeSpec> specs = [] {
    auto s = BuildSpecs();
    for (int i = 0; i < kEventTypeCount; ++i) {
      CJL_CHECK(static_cast<int>(s.at(i).type) == i, "type table out of enum order");
    }
    return s;
  }();
  return specs;
}

}  // namespace

const TypeSpec& SpecFor(EventType type) { return Specs().at(static_cast<std::size_t>(type)); }

const FieldSpec* FindField(const TypeSpec& spec, std::string_view name) {
  for (const FieldSpec& f : spec.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const char* EventTypeName(EventType type) { return SpecFor(type).name.data(); }

std::optional<EventType> EventTypeFromName(std::string_view name) {
  for (const TypeSpec& s : Specs()) {
    if (s.name == name) return s.type;
  }
  return std::nullopt;
}

std::string EndingReasonCode(const Event& e) {
  switch (e.type) {
    case EventType::kAdoptionOrderGranted:
      return e.payload.consent == "dispensed_with" ? "E12" : "E11";
    case EventType::kSpecialGuardianshipOrderGranted: {
      const std::string& c = e.payload.carer;
      if (c == "former_foster_carer_relative_or_friend") return "E45";
      if (c == "former_foster_carer_other") return "E46";
      if (c == "other_relative_or_friend") return "E47";
      return "E48";
    }
    case EventType::kChildArrangementsOrderGranted:
      return "E41";
    case EventType::kPeriodOfCareEnded:
      return e.payload.reason;
    default:
      return "";
  }
}

}  // namespace cjl::events
