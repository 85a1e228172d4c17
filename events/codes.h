// SSDA903 code lists and the contract's own enumerations (EVENTS.md v1), as reference
// data. Owned by events/. Immutable; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace cjl::events::codes {

using CodeList = std::span<const std::string_view>;

extern const CodeList kLegalStatus;        // 903 LS
extern const CodeList kCategoryOfNeed;     // 903 CIN: N1-N8
extern const CodeList kPlacementType;      // 903 PLACE
extern const CodeList kPlacementProvider;  // 903 PLACE_PROVIDER
extern const CodeList kReasonPlaceChange;  // 903 REASON_PLACE_CHANGE
extern const CodeList kPeriodEndReason;    // 903 REC less X1, E11, E12, E41, E43-E48
extern const CodeList kEthnicity;          // 903 ETHNIC
extern const CodeList kSex;
extern const CodeList kStrategyOutcome;
extern const CodeList kAssessmentOutcome;
extern const CodeList kConferenceKind;
extern const CodeList kConferenceOutcome;
extern const CodeList kProtectionCategory;
extern const CodeList kProceedingsOutcome;
extern const CodeList kCareOrderStatus;  // C1, C2
extern const CodeList kPermanencePlan;
extern const CodeList kReversalReason;  // RD1-RD4
extern const CodeList kAdoptionConsent;
extern const CodeList kSgoCarer;
extern const CodeList kParticipation;  // PN0-PN7
extern const CodeList kMissingKind;    // M, A

bool Contains(CodeList list, std::string_view code);

// Placement groups used by the figures (METRICS.md).
bool IsTemporaryPlacement(std::string_view place);  // T0-T4
bool IsAdoptivePlacement(std::string_view place);   // A3-A6
bool IsShortBreakStatus(std::string_view ls);       // V3, V4

}  // namespace cjl::events::codes
