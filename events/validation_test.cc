#include "events/validation.h"

#include <gtest/gtest.h>

#include "tests/support/sample_events.h"

namespace cjl::events {
namespace {

using testing::D;
const Date kToday = D("2026-11-24");

bool Has(const std::vector<FieldError>& errors, const std::string& field,
         const std::string& fragment) {
  for (const auto& e : errors) {
    if (e.field == field && e.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

TEST(ValidationTest, EverySampleIsValid) {
  for (int t = 0; t < kEventTypeCount; ++t) {
    Event e = testing::SampleEvent(static_cast<EventType>(t));
    EXPECT_TRUE(ValidateEvent(e, kToday).empty()) << EventTypeName(e.type);
  }
}

TEST(ValidationTest, RequiredPayloadFieldsAreNamed) {
  Event e = testing::SampleEvent(EventType::kPeriodOfCareStarted);
  e.payload.legal_status.clear();
  e.payload.placement->carer_id.clear();
  auto errors = ValidateEvent(e, kToday);
  EXPECT_TRUE(Has(errors, "payload.legal_status", "required"));
  EXPECT_TRUE(Has(errors, "payload.placement.carer_id", "required"));
}

TEST(ValidationTest, PlacedForAdoptionNeedsAnAdoptivePlacement) {
  Event e = testing::SampleEvent(EventType::kPlacedForAdoption);
  e.payload.placement->placement_type = "U1";
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.placement.placement_type", "A3-A6"));
}

TEST(ValidationTest, PeriodOfCareEndedRejectsReasonsWithTheirOwnEvent) {
  Event e = testing::SampleEvent(EventType::kPeriodOfCareEnded);
  e.payload.reason = "E11";
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.reason",
                  "\"E11\" is not a PeriodOfCareEnded reason: an adoption is recorded with "
                  "AdoptionOrderGranted"));
  e.payload.reason = "E45";
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.reason", "SpecialGuardianshipOrderGranted"));
  e.payload.reason = "X1";
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.reason", "derived, never recorded"));
  e.payload.reason = "ZZ";
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.reason", "unknown code \"ZZ\""));
}

TEST(ValidationTest, FieldsOfAnotherTypeAreRejected) {
  Event e = testing::SampleEvent(EventType::kReviewHeld);
  e.payload.plan = "adoption";
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.plan", "not a field of ReviewHeld"));
}

TEST(ValidationTest, RegistrationBeforeBirthAndFutureBirthAreRejected) {
  Event e = testing::SampleEvent(EventType::kChildRegistered);
  e.payload.date_of_birth = D("2022-06-01");  // after occurred_on 2022-05-01
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "occurred_on", "before the child's date of birth"));
  e.payload.date_of_birth = D("2027-01-01");
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.date_of_birth", "future"));
}

TEST(ValidationTest, RetractionCannotTargetItself) {
  Event e = testing::SampleEvent(EventType::kEventRetracted);
  e.payload.target_event_id = e.event_id;
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.target_event_id", "itself"));
}

TEST(ValidationTest, MissingEpisodeCannotEndBeforeItStarts) {
  Event e = testing::SampleEvent(EventType::kMissingEpisodeRecorded);
  e.payload.ended_on = D("2022-04-30");
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.ended_on", "before occurred_on"));
}

TEST(ValidationTest, LongAndControlCharacterTextIsRejected) {
  Event e = testing::SampleEvent(EventType::kCareProceedingsIssued);
  e.payload.case_number = std::string(201, 'x');
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.case_number", "longer than"));
  e.payload.case_number = "a\x01";
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "payload.case_number", "control character"));
}

TEST(ValidationTest, UnknownSchemaVersionIsRejected) {
  Event e = testing::SampleEvent(EventType::kReviewHeld);
  e.schema_version = 2;
  EXPECT_TRUE(Has(ValidateEvent(e, kToday), "schema_version", "unsupported version 2"));
}

}  // namespace
}  // namespace cjl::events
