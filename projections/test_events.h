// Test helpers: build recorded events for children's journeys so tests read as the story
// they tell. Owned by projections/ (tests only). Not thread-safe (one per test).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "events/event.h"
#include "projections/child_facts.h"

namespace cjl::projections::testing {

inline Date D(std::string_view iso) {
  auto d = ParseIsoDate(iso);
  CJL_CHECK(d.has_value(), std::string("bad test date ") + std::string(iso));
  return *d;
}

// The ledger of a test: hands out positions (from 1) and event ids in append order.
class EventLog {
 public:
  events::RecordedEvent& Add(const std::string& child, events::EventType type,
                             std::string_view date, events::Payload payload = {}) {
    events::RecordedEvent r;
    r.position = LedgerPosition(next_++);
    r.event.event_id = child + "-" + std::to_string(r.position.value());
    r.event.type = type;
    r.event.child_id = child;
    r.event.occurred_on = D(date);
    r.event.source = "test";
    r.event.payload = std::move(payload);
    events_.push_back(std::move(r));
    return events_.back();
  }
  const std::vector<events::RecordedEvent>& events() const { return events_; }
  AuthorityState State() const {
    AuthorityState s;
    for (const auto& e : events_) s.Apply(e);
    return s;
  }
  ChildFacts Facts(const std::string& child) const {
    ChildFacts f;
    f.child_id = child;
    for (const auto& e : events_) {
      if (e.event.child_id == child) ApplyEvent(f, e);
    }
    return f;
  }

 private:
  std::uint64_t next_ = 1;
  std::vector<events::RecordedEvent> events_;
};

inline events::Placement Place(std::string type, std::string carer, std::string provider = "PR1") {
  events::Placement p;
  p.placement_type = std::move(type);
  p.carer_id = std::move(carer);
  p.provider = std::move(provider);
  return p;
}

// One child's story, told fact by fact.
class Child {
 public:
  using T = events::EventType;
  Child(EventLog& log, std::string id) : log_(log), id_(std::move(id)) {}
  const std::string& id() const { return id_; }
  // The event_id of the last fact added.
  const std::string& last_id() const { return last_id_; }

  Child& Born(std::string_view date) {
    events::Payload p;
    p.date_of_birth = D(date);
    p.sex = "F";
    p.ethnicity = "WBRI";
    return Add(T::kChildRegistered, date, p);
  }
  Child& Starts(std::string_view date, std::string ls, std::string place, std::string carer,
                std::string provider = "PR1") {
    events::Payload p;
    p.legal_status = std::move(ls);
    p.category_of_need = "N1";
    p.placement = Place(std::move(place), std::move(carer), std::move(provider));
    return Add(T::kPeriodOfCareStarted, date, p);
  }
  Child& Moves(std::string_view date, std::string place, std::string carer,
               std::string reason = "CHILD", std::string provider = "PR1") {
    events::Payload p;
    p.placement = Place(std::move(place), std::move(carer), std::move(provider));
    p.reason_previous_ended = std::move(reason);
    return Add(T::kPlacementMoved, date, p);
  }
  // A temporary move (T0-T4) or the return from one: no reason (EVENTS.md).
  Child& MovesTemporarily(std::string_view date, std::string place, std::string carer,
                          std::string provider = "PR1") {
    return Moves(date, std::move(place), std::move(carer), "", std::move(provider));
  }
  Child& PlacedForAdoption(std::string_view date, std::string place, std::string carer,
                           std::string reason = "") {
    events::Payload p;
    p.placement = Place(std::move(place), std::move(carer), "PR1");
    p.reason_previous_ended = std::move(reason);
    return Add(T::kPlacedForAdoption, date, p);
  }
  Child& LegalStatus(std::string_view date, std::string ls) {
    events::Payload p;
    p.legal_status = std::move(ls);
    return Add(T::kLegalStatusChanged, date, p);
  }
  Child& CareOrder(std::string_view date, std::string ls) {
    events::Payload p;
    p.legal_status = std::move(ls);
    return Add(T::kCareOrderMade, date, p);
  }
  Child& PlacementOrder(std::string_view date) { return Add(T::kPlacementOrderMade, date, {}); }
  Child& Ends(std::string_view date, std::string rec) {
    events::Payload p;
    p.reason = std::move(rec);
    return Add(T::kPeriodOfCareEnded, date, p);
  }
  Child& Adopted(std::string_view date, std::optional<bool> by_foster_carers = std::nullopt) {
    events::Payload p;
    p.consent = "unopposed";
    p.by_foster_carers = by_foster_carers;
    return Add(T::kAdoptionOrderGranted, date, p);
  }
  Child& SpecialGuardianship(std::string_view date) {
    events::Payload p;
    p.carer = "other_relative_or_friend";
    return Add(T::kSpecialGuardianshipOrderGranted, date, p);
  }
  Child& ChildArrangements(std::string_view date) {
    return Add(T::kChildArrangementsOrderGranted, date, {});
  }
  Child& Review(std::string_view date) { return Add(T::kReviewHeld, date, {}); }
  Child& Plan(std::string_view date, std::string plan) {
    events::Payload p;
    p.plan = std::move(plan);
    return Add(T::kPermanencePlanRecorded, date, p);
  }
  Child& AgencyDecision(std::string_view date) { return Add(T::kAgencyDecisionMade, date, {}); }
  Child& DecisionReversed(std::string_view date) {
    events::Payload p;
    p.reason = "RD1";
    return Add(T::kAdoptionDecisionReversed, date, p);
  }
  Child& Matched(std::string_view date) { return Add(T::kMatchedWithAdopters, date, {}); }
  Child& Referred(std::string_view date) { return Add(T::kChildReferred, date, {}); }
  Child& Assessed(std::string_view date) {
    events::Payload p;
    p.outcome = "child_in_need";
    return Add(T::kAssessmentCompleted, date, p);
  }
  Child& StrategyMeeting(std::string_view date, std::string outcome = "s47_enquiry") {
    events::Payload p;
    p.outcome = std::move(outcome);
    return Add(T::kStrategyMeetingHeld, date, p);
  }
  Child& Conference(std::string_view date, std::string kind = "initial") {
    events::Payload p;
    p.kind = std::move(kind);
    p.outcome = "plan";
    return Add(T::kChildProtectionConferenceHeld, date, p);
  }
  Child& ProceedingsIssued(std::string_view date) {
    events::Payload p;
    p.case_number = "CASE1";
    return Add(T::kCareProceedingsIssued, date, p);
  }
  Child& ProceedingsExtended(std::string_view date, int weeks) {
    events::Payload p;
    p.weeks = weeks;
    p.reason = "expert report";
    return Add(T::kCareProceedingsExtended, date, p);
  }
  Child& ProceedingsConcluded(std::string_view date) {
    events::Payload p;
    p.outcome = "care_order";
    return Add(T::kCareProceedingsConcluded, date, p);
  }
  Child& Retracts(std::string_view date, std::string target) {
    events::Payload p;
    p.target_event_id = std::move(target);
    p.reason = "entered in error";
    return Add(T::kEventRetracted, date, p);
  }

 private:
  Child& Add(T type, std::string_view date, events::Payload p) {
    last_id_ = log_.Add(id_, type, date, std::move(p)).event.event_id;
    return *this;
  }

  EventLog& log_;
  std::string id_;
  std::string last_id_;
};

}  // namespace cjl::projections::testing
