// The generator's driver: one child at a time, from its own seeded random source
// (see generator.h): the front door (referral, assessment, child protection), then the
// periods of care or short breaks, then the events in date order with their ids.
#include "ops/generator/generator.h"

#include <algorithm>
#include <cstdio>

#include "ops/generator/journey_sim.h"

namespace cjl::generator {
namespace {

using events::EventType;
using internal::Journal;
using internal::Pathway;
using internal::Rng;

// Calibration (README.md): the share of children who never come into care, and of those
// who come only for short breaks.
constexpr double kFrontDoorOnly = 0.12;
constexpr double kShortBreaksOnly = 0.03;
constexpr double kReentry = 0.18;  // after returning home

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

Date After(Date d, long n) { return d + std::chrono::days{n}; }

const std::array<std::string, 20> kEthnicities = {
    "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};
const std::array<double, 20> kEthnicityWeights = {70,  0.5, 5, 0.3, 0.7, 2.5, 1,   1, 2.5, 1,
                                                  1.5, 0.5, 1, 1,   4,   1.5, 0.2, 3, 0.5, 1};
const std::array<std::string, 6> kReferralSources = {
    "police", "school", "health services", "local authority services", "individual", "other"};

void Referral(Journal& j, Rng& rng, Date on) {
  if (auto* e = j.Add(EventType::kChildReferred, on, internal::kRankFrontDoor)) {
    e->payload.referral_source = rng.Pick(kReferralSources);
  }
}

void Assessment(Journal& j, Rng& rng, Date referred, const std::string& outcome) {
  // Mostly within 45 working days (about 63 calendar days).
  const Date d = After(referred, rng.Chance(0.88) ? rng.Int(5, 60) : rng.Int(66, 120));
  if (auto* e = j.Add(EventType::kAssessmentCompleted, d, internal::kRankFrontDoor)) {
    e->payload.outcome = outcome;
  }
}

// A section 47 enquiry, an initial conference and a plan; returns the plan's start (or
// nullopt when the conference made none).
std::optional<Date> ChildProtection(Journal& j, Rng& rng, Date from, double plan_chance) {
  const Date strategy = After(from, rng.Int(0, 5));
  if (auto* e = j.Add(EventType::kStrategyMeetingHeld, strategy, internal::kRankFrontDoor)) {
    e->payload.outcome = "s47_enquiry";
  }
  const Date icpc = After(strategy, rng.Chance(0.8) ? rng.Int(5, 20) : rng.Int(22, 40));
  const bool plan = rng.Chance(plan_chance);
  if (auto* e = j.Add(EventType::kChildProtectionConferenceHeld, icpc, internal::kRankFrontDoor)) {
    e->payload.kind = "initial";
    e->payload.outcome = plan ? "plan" : "no_plan";
  }
  if (!plan) return std::nullopt;
  static const std::array<std::string, 5> kCategories = {
      "neglect", "physical_abuse", "emotional_abuse", "sexual_abuse", "multiple"};
  if (auto* e = j.Add(EventType::kChildProtectionPlanStarted, icpc, internal::kRankFrontDoor)) {
    e->payload.category = kCategories[rng.Weighted(std::array<double, 5>{48, 7, 38, 4, 3})];
  }
  return icpc;
}

}  // namespace

namespace internal {

events::Event* Journal::Add(events::EventType type, Date on, Rank rank) {
  if (on > last_ || on < first_ || on < dob_) return nullptr;
  drafts_.push_back({events::Event{}, rank, drafts_.size()});
  events::Event& e = drafts_.back().event;
  e.type = type;
  e.child_id = child_id_;
  e.occurred_on = on;
  e.source = source_;
  return &e;
}

std::vector<events::Event> Journal::Finish() {
  std::stable_sort(drafts_.begin(), drafts_.end(), [](const Draft& a, const Draft& b) {
    if (a.event.occurred_on != b.event.occurred_on)
      return a.event.occurred_on < b.event.occurred_on;
    if (a.rank != b.rank) return a.rank < b.rank;
    return a.seq < b.seq;
  });
  std::vector<events::Event> out;
  out.reserve(drafts_.size());
  char seq[32];
  for (std::size_t i = 0; i < drafts_.size(); ++i) {
    std::snprintf(seq, sizeof seq, "-%04zu", i + 1);
    drafts_[i].event.event_id = child_id_ + seq;
    out.push_back(std::move(drafts_[i].event));
  }
  return out;
}

Pathway ChoosePathway(Rng& rng, int age) {
  using P = Pathway;
  static const std::array<P, 6> kPathways = {P::kAdoption,   P::kSpecialGuardianship,
                                             P::kReturnHome, P::kChildArrangements,
                                             P::kLongTerm,   P::kLeavingCare};
  if (age < 1) return kPathways[rng.Weighted(std::array<double, 6>{34, 22, 25, 5, 14, 0})];
  if (age < 5) return kPathways[rng.Weighted(std::array<double, 6>{19, 23, 33, 6, 19, 0})];
  if (age < 10) return kPathways[rng.Weighted(std::array<double, 6>{0, 17, 43, 5, 35, 0})];
  if (age < 16) return kPathways[rng.Weighted(std::array<double, 6>{0, 4, 45, 2, 49, 0})];
  return kPathways[rng.Weighted(std::array<double, 6>{0, 0, 30, 0, 0, 70})];
}

Date SimulateShortBreaks(Journal& j, Rng& rng, Date start) {
  events::Placement carer;
  carer.placement_type = rng.Chance(0.6) ? "U6" : "K1";
  carer.provider = "PR1";
  carer.carer_id = j.NewCarerId();
  const std::string ls = rng.Chance(0.8) ? "V3" : "V4";
  Date d = start;
  const int breaks = rng.Int(4, 16);
  for (int k = 0; k < breaks && d <= j.last(); ++k) {
    const Date end = After(d, rng.Int(1, 3));
    if (auto* e = j.Add(EventType::kPeriodOfCareStarted, d, kRankStart)) {
      e->payload.legal_status = ls;
      e->payload.category_of_need = "N2";
      e->payload.placement = carer;
    }
    if (auto* e = j.Add(EventType::kPeriodOfCareEnded, end, kRankEnd)) e->payload.reason = "E4A";
    d = After(end, rng.Int(20, 90));
  }
  return d;
}

}  // namespace internal

Date FirstDay(const GeneratorOptions& o) { return MakeDate(o.from_year, 1, 1); }
Date LastDay(const GeneratorOptions& o) {
  return std::min(MakeDate(o.to_year, 12, 31), o.last_date);
}

std::vector<events::Event> GenerateChild(const GeneratorOptions& options, std::uint64_t index) {
  Rng rng(SplitMix64(options.seed ^ SplitMix64(index)));
  char id[32];
  std::snprintf(id, sizeof id, "%07llu", static_cast<unsigned long long>(index));
  const Date first = FirstDay(options), last = LastDay(options);
  if (last < first) return {};
  const Date entry = After(first, rng.Int(0, static_cast<int>(DaysBetween(first, last))));
  // Age at entry, as England's starters: under 1, 1-4, 5-9, 10-15, 16-17.
  const std::size_t band = rng.Weighted(std::array<double, 5>{19, 15, 16, 34, 16});
  static const std::array<int, 6> kBandYears = {0, 1, 5, 10, 16, 18};
  const int age_days =
      rng.Int(kBandYears[band] * 365 + (band == 0 ? 0 : 1), kBandYears[band + 1] * 365 - 2);
  const Date dob = After(entry, -age_days);
  Journal j(options.child_prefix + id, options.source, dob, first, last);

  const double kind = rng.Uniform();
  const Date referred = std::max({After(entry, -rng.Int(0, 120)), dob, first});
  if (auto* e = j.Add(EventType::kChildRegistered, referred, internal::kRankRegistration)) {
    e->payload.date_of_birth = dob;
    e->payload.sex = rng.Chance(0.56) ? "M" : "F";
    e->payload.ethnicity = kEthnicities[rng.Weighted(kEthnicityWeights)];
  }
  Referral(j, rng, referred);
  // The team the case is allocated to, from the child's index: no random draw, so the
  // calibrated journeys are the same with or without it.
  static const std::array<std::string, 5> kTeams = {"North", "South", "East", "West",
                                                    "Children in Care"};
  if (auto* e = j.Add(EventType::kChildAllocated, referred, internal::kRankFrontDoor)) {
    e->payload.team = kTeams[index % kTeams.size()];
  }
  if (kind < kFrontDoorOnly) {
    const std::size_t outcome = rng.Weighted(std::array<double, 3>{35, 40, 25});
    Assessment(j, rng, referred,
               std::array<std::string, 3>{"no_further_action", "child_in_need",
                                          "child_protection"}[outcome]);
    if (outcome == 2) {
      if (auto plan = ChildProtection(j, rng, referred, 0.8)) {
        const Date review = After(*plan, rng.Int(80, 95));
        const Date ended = After(*plan, rng.Int(120, 600));
        if (review < ended) {
          if (auto* e = j.Add(EventType::kChildProtectionConferenceHeld, review,
                              internal::kRankFrontDoor)) {
            e->payload.kind = "review";
            e->payload.outcome = "plan";
          }
        }
        j.Add(EventType::kChildProtectionPlanEnded, ended, internal::kRankFrontDoor);
      }
    }
    return j.Finish();
  }
  if (kind < kFrontDoorOnly + kShortBreaksOnly) {
    Assessment(j, rng, referred, "child_in_need");
    internal::SimulateShortBreaks(j, rng,
                                  std::max(After(referred, rng.Int(20, 120)), After(dob, 365 * 4)));
    return j.Finish();
  }
  Assessment(j, rng, referred, "looked_after");
  if (DaysBetween(referred, entry) >= 30 && rng.Chance(0.35)) {
    if (ChildProtection(j, rng, referred, 1.0)) {
      j.Add(EventType::kChildProtectionPlanEnded, entry, internal::kRankFrontDoor);
    }
  }
  Date start = std::max(entry, referred);
  for (int n = 0; n < 3; ++n) {
    const Pathway pathway = internal::ChoosePathway(rng, internal::AgeOn(dob, start));
    const std::optional<Date> ended = internal::SimulatePeriod(j, rng, start, pathway);
    if (!ended || pathway != Pathway::kReturnHome || !rng.Chance(kReentry)) break;
    start = After(*ended, rng.Int(60, 700));
    if (start > last || internal::AgeOn(dob, start) >= 17) break;
    Referral(j, rng, std::max(After(start, -rng.Int(0, 30)), After(*ended, 1)));
  }
  return j.Finish();
}

void GenerateJourneys(const GeneratorOptions& options,
                      const std::function<void(const events::Event&)>& sink,
                      const std::function<void(std::uint64_t)>& child_done) {
  for (std::uint64_t i = 0; i < options.children; ++i) {
    for (const events::Event& e : GenerateChild(options, options.first_index + i)) sink(e);
    if (child_done) child_done(i + 1);
  }
}

}  // namespace cjl::generator
