#include "events/event_json.h"

#include <gtest/gtest.h>

#include "tests/support/assert_ok.h"
#include "tests/support/sample_events.h"

namespace cjl::events {
namespace {

using testing::D;

const Date kToday = D("2026-11-24");

std::vector<FieldError> ErrorsOf(const std::string& text) {
  auto r = ParseEventJson(text, kToday);
  if (r.ok()) return {};
  return r.error().details();
}

bool HasError(const std::vector<FieldError>& errors, const std::string& field,
              const std::string& fragment) {
  for (const auto& e : errors) {
    if (e.field == field && e.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

std::string Envelope(const std::string& type, const std::string& payload,
                     const std::string& extra = "") {
  return R"({"event_id":"e-1","type":")" + type +
         R"(","child_id":"C000123","occurred_on":"2022-05-01","source":"lcs",)" + extra +
         R"("schema_version":1,"payload":)" + payload + "}";
}

TEST(EventJsonTest, EveryEventTypeRoundTrips) {
  for (int t = 0; t < kEventTypeCount; ++t) {
    Event e = testing::SampleEvent(static_cast<EventType>(t));
    std::string text = EventToJson(e).dump();
    auto back = ParseEventJson(text, kToday);
    ASSERT_OK(back);
    EXPECT_EQ(*back, e) << text;
  }
}

TEST(EventJsonTest, ParsesTheContractExample) {
  auto e = ParseEventJson(
      Envelope("PlacementMoved",
               R"({"placement":{"placement_type":"U4","provider":"PR1","carer_id":"K9",)"
               R"("postcode_district":"TS1"},"reason_previous_ended":"CREQB"})"),
      kToday);
  ASSERT_OK(e);
  EXPECT_EQ(e->type, EventType::kPlacementMoved);
  EXPECT_EQ(e->occurred_on, D("2022-05-01"));
  EXPECT_EQ(e->payload.placement->carer_id, "K9");
  EXPECT_EQ(e->payload.reason_previous_ended, "CREQB");
}

TEST(EventJsonTest, SchemaVersionDefaultsToOne) {
  auto e = ParseEventJson(
      R"({"event_id":"e","type":"ReviewHeld","child_id":"C","occurred_on":"2022-05-01","source":"s","payload":{}})",
      kToday);
  ASSERT_OK(e);
  EXPECT_EQ(e->schema_version, 1);
}

TEST(EventJsonTest, RejectsUnknownCodeNamingTheField) {
  auto errors = ErrorsOf(
      Envelope("PlacementMoved", R"({"placement":{"placement_type":"U9","carer_id":"K9"}})"));
  EXPECT_TRUE(HasError(errors, "payload.placement.placement_type", "unknown code \"U9\""));
}

TEST(EventJsonTest, RejectsUnknownTypeMissingFieldsAndMalformedDate) {
  EXPECT_TRUE(HasError(ErrorsOf(Envelope("ChildAbducted", "{}")), "type", "unknown type"));
  EXPECT_TRUE(HasError(ErrorsOf(R"({"type":"ReviewHeld","payload":{}})"), "event_id", "required"));
  EXPECT_TRUE(HasError(ErrorsOf(R"({"type":"ReviewHeld","payload":{}})"), "child_id", "required"));
  EXPECT_TRUE(HasError(ErrorsOf(R"({"type":"ReviewHeld","payload":{}})"), "source", "required"));
  EXPECT_TRUE(
      HasError(ErrorsOf(R"({"type":"ReviewHeld","payload":{}})"), "occurred_on", "required"));
  EXPECT_TRUE(HasError(
      ErrorsOf(
          R"({"event_id":"e","type":"ReviewHeld","child_id":"C","source":"s","occurred_on":"2022-02-30","payload":{}})"),
      "occurred_on", "malformed date"));
  EXPECT_TRUE(HasError(
      ErrorsOf(
          R"({"event_id":"e","type":"ReviewHeld","child_id":"C","source":"s","occurred_on":"2022-05-01"})"),
      "payload", "required"));
}

TEST(EventJsonTest, RejectsFutureDates) {
  auto errors = ErrorsOf(
      R"({"event_id":"e","type":"ReviewHeld","child_id":"C","source":"s","occurred_on":"2026-11-25","payload":{}})");
  EXPECT_TRUE(HasError(errors, "occurred_on", "in the future"));
}

TEST(EventJsonTest, RejectsUnknownPayloadAndEnvelopeFields) {
  EXPECT_TRUE(HasError(ErrorsOf(Envelope("ReviewHeld", R"({"mood":"good"})")), "payload.mood",
                       "unknown field"));
  EXPECT_TRUE(HasError(ErrorsOf(Envelope("ReviewHeld", "{}", R"("colour":"red",)")), "colour",
                       "unknown field"));
  EXPECT_TRUE(HasError(ErrorsOf(Envelope("ReviewHeld", "{}", R"("position":3,)")), "position",
                       "set by the ledger"));
}

TEST(EventJsonTest, RejectsBadIdentifiers) {
  EXPECT_TRUE(HasError(
      ErrorsOf(
          R"({"event_id":"bad id","type":"ReviewHeld","child_id":"C/1","source":"s","occurred_on":"2022-05-01","payload":{}})"),
      "event_id", "A-Za-z0-9"));
  EXPECT_TRUE(HasError(
      ErrorsOf(
          R"({"event_id":"ok","type":"ReviewHeld","child_id":"C:1","source":"s","occurred_on":"2022-05-01","payload":{}})"),
      "child_id", "A-Za-z0-9"));
}

TEST(EventJsonTest, RejectsWrongJsonTypes) {
  EXPECT_TRUE(
      HasError(ErrorsOf(Envelope("CareProceedingsExtended", R"({"weeks":"two","reason":"x"})")),
               "payload.weeks", "integer"));
  EXPECT_TRUE(HasError(ErrorsOf(Envelope("CareProceedingsExtended", R"({"weeks":9,"reason":"x"})")),
                       "payload.weeks", "1 to 8"));
  EXPECT_TRUE(HasError(ErrorsOf("[1,2]"), "", "JSON object"));
  EXPECT_TRUE(HasError(ErrorsOf("{not json"), "", "not valid JSON"));
}

TEST(EventJsonTest, NewerSchemaVersionIsRejectedWhole) {
  auto r = ParseEventJson(
      R"({"event_id":"e","type":"ReviewHeld","child_id":"C","source":"s",)"
      R"("occurred_on":"2022-05-01","schema_version":2,"payload":{"future_field":1}})",
      kToday);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().details().size(), 1u) << r.error().ToString();
  EXPECT_EQ(r.error().details()[0].field, "schema_version");
}

TEST(EventJsonTest, RecordedEventCarriesTheLedgerFields) {
  RecordedEvent r{
      testing::SampleEvent(EventType::kReviewHeld), LedgerPosition(3), StreamVersion(2), 0, {}, {}};
  r.hash.fill(0xff);
  auto j = RecordedEventToJson(r);
  EXPECT_EQ(j["position"], 3);
  EXPECT_EQ(j["stream_version"], 2);
  EXPECT_EQ(j["recorded_at"], "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(j["prev_hash"], std::string(64, '0'));
  EXPECT_EQ(j["hash"], std::string(64, 'f'));
}

}  // namespace
}  // namespace cjl::events
