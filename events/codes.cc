#include "events/codes.h"

#include <algorithm>
#include <array>

namespace cjl::events::codes {
namespace {

using namespace std::string_view_literals;

constexpr std::array kLs = {"C1"sv, "C2"sv, "D1"sv, "E1"sv, "J1"sv, "J2"sv, "J3"sv,
                            "L1"sv, "L2"sv, "L3"sv, "V2"sv, "V3"sv, "V4"sv};
constexpr std::array kCin = {"N1"sv, "N2"sv, "N3"sv, "N4"sv, "N5"sv, "N6"sv, "N7"sv, "N8"sv};
constexpr std::array kPlace = {"A3"sv, "A4"sv, "A5"sv, "A6"sv, "H5"sv, "K1"sv, "K2"sv, "K3"sv,
                               "P1"sv, "P2"sv, "P3"sv, "R1"sv, "R2"sv, "R3"sv, "R4"sv, "R5"sv,
                               "S1"sv, "T0"sv, "T1"sv, "T2"sv, "T3"sv, "T4"sv, "U1"sv, "U2"sv,
                               "U3"sv, "U4"sv, "U5"sv, "U6"sv, "Z1"sv};
constexpr std::array kProvider = {"PR0"sv, "PR1"sv, "PR2"sv, "PR3"sv, "PR4"sv, "PR5"sv};
constexpr std::array kRpc = {"ALLEG"sv, "APPRR"sv,  "CARPL"sv, "CHILD"sv, "CLOSE"sv, "CREQB"sv,
                             "CREQO"sv, "CUSTOD"sv, "LAREQ"sv, "OTHER"sv, "PLACE"sv, "STAND"sv};
constexpr std::array kRec = {"E2"sv, "E3"sv, "E4A"sv, "E4B"sv, "E5"sv,  "E6"sv,  "E7"sv,
                             "E8"sv, "E9"sv, "E13"sv, "E14"sv, "E15"sv, "E16"sv, "E17"sv};
constexpr std::array kEthnic = {"WBRI"sv, "WIRI"sv, "WOTH"sv, "WIRT"sv, "WROM"sv,
                                "MWBC"sv, "MWBA"sv, "MWAS"sv, "MOTH"sv, "AIND"sv,
                                "APKN"sv, "ABAN"sv, "AOTH"sv, "BCRB"sv, "BAFR"sv,
                                "BOTH"sv, "CHNE"sv, "OOTH"sv, "REFU"sv, "NOBT"sv};
constexpr std::array kSexes = {"M"sv, "F"sv, "U"sv};
constexpr std::array kStrategy = {"s47_enquiry"sv, "no_further_action"sv, "other"sv};
constexpr std::array kAssessment = {"no_further_action"sv, "child_in_need"sv, "child_protection"sv,
                                    "looked_after"sv, "other"sv};
constexpr std::array kConfKind = {"initial"sv, "review"sv};
constexpr std::array kConfOutcome = {"plan"sv, "no_plan"sv};
constexpr std::array kCpCategory = {"neglect"sv, "physical_abuse"sv, "emotional_abuse"sv,
                                    "sexual_abuse"sv, "multiple"sv};
constexpr std::array kProceedings = {"care_order"sv,
                                     "supervision_order"sv,
                                     "special_guardianship_order"sv,
                                     "child_arrangements_order"sv,
                                     "placement_order"sv,
                                     "no_order"sv,
                                     "withdrawn"sv};
constexpr std::array kCareOrder = {"C1"sv, "C2"sv};
constexpr std::array kPlan = {"adoption"sv,
                              "special_guardianship"sv,
                              "child_arrangements"sv,
                              "return_home"sv,
                              "long_term_fostering"sv,
                              "supported_living"sv,
                              "long_term_residential"sv,
                              "other"sv};
constexpr std::array kRd = {"RD1"sv, "RD2"sv, "RD3"sv, "RD4"sv};
constexpr std::array kConsent = {"unopposed"sv, "dispensed_with"sv};
constexpr std::array kSgo = {"former_foster_carer_relative_or_friend"sv,
                             "former_foster_carer_other"sv, "other_relative_or_friend"sv,
                             "other"sv};
constexpr std::array kPn = {"PN0"sv, "PN1"sv, "PN2"sv, "PN3"sv, "PN4"sv, "PN5"sv, "PN6"sv, "PN7"sv};
constexpr std::array kMissing = {"M"sv, "A"sv};

}  // namespace

const CodeList kLegalStatus = kLs;
const CodeList kCategoryOfNeed = kCin;
const CodeList kPlacementType = kPlace;
const CodeList kPlacementProvider = kProvider;
const CodeList kReasonPlaceChange = kRpc;
const CodeList kPeriodEndReason = kRec;
const CodeList kEthnicity = kEthnic;
const CodeList kSex = kSexes;
const CodeList kStrategyOutcome = kStrategy;
const CodeList kAssessmentOutcome = kAssessment;
const CodeList kConferenceKind = kConfKind;
const CodeList kConferenceOutcome = kConfOutcome;
const CodeList kProtectionCategory = kCpCategory;
const CodeList kProceedingsOutcome = kProceedings;
const CodeList kCareOrderStatus = kCareOrder;
const CodeList kPermanencePlan = kPlan;
const CodeList kReversalReason = kRd;
const CodeList kAdoptionConsent = kConsent;
const CodeList kSgoCarer = kSgo;
const CodeList kParticipation = kPn;
const CodeList kMissingKind = kMissing;

bool Contains(CodeList list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

bool IsTemporaryPlacement(std::string_view p) {
  return p.size() == 2 && p[0] == 'T' && p[1] >= '0' && p[1] <= '4';
}
bool IsAdoptivePlacement(std::string_view p) {
  return p.size() == 2 && p[0] == 'A' && p[1] >= '3' && p[1] <= '6';
}
bool IsShortBreakStatus(std::string_view ls) { return ls == "V3" || ls == "V4"; }

}  // namespace cjl::events::codes
