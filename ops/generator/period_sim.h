// The simulation of one period of care (internal to ops/generator): the state of the
// period (legal status, current placement), the events that change it, and the pathway's
// script of dated actions. The pathways are in care_pathways.cc, the random moves,
// temporary placements, reviews and missing episodes in care_period.cc.
// Owned by ops/generator. Not thread-safe: one instance per period being simulated.
#pragma once

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "events/codes.h"
#include "ops/generator/journey_sim.h"

namespace cjl::generator::internal {

using events::EventType;
using events::Placement;

// Calibration (README.md "Calibration"). Placement moves per year by time in care, and
// the factor for children aged 12 or more and for connected carers.
inline constexpr double kMoveRateFirst6Months = 1.4;
inline constexpr double kMoveRateTo2Years = 0.62;
inline constexpr double kMoveRateLater = 0.13;
inline constexpr double kTeenMoveFactor = 1.6;
inline constexpr double kConnectedCarerMoveFactor = 0.5;
inline constexpr double kTemporaryPlacementRate = 0.08;  // per year
inline constexpr double kMissingRate = 0.35;             // per year, aged 11 or more
inline constexpr double kAdoptionReversal = 0.12;        // of children with a placement order

inline Date After(Date d, long n) { return d + std::chrono::days{n}; }

inline const std::array<std::string, 12> kReasons = {"CARPL", "CREQB", "CREQO",  "CHILD",
                                                     "LAREQ", "PLACE", "APPRR",  "ALLEG",
                                                     "STAND", "CLOSE", "CUSTOD", "OTHER"};
inline const std::array<double, 12> kReasonWeights = {40, 12, 10, 8, 8, 5, 3, 3, 2, 2, 1, 6};

// Invariants: actions_ run in date order and stop at the period's end (open_ false);
// every event goes through the journal, which drops what falls after the data's end.
class PeriodSim {
 public:
  PeriodSim(Journal& j, Rng& rng, Date start, Pathway pathway)
      : j_(j), rng_(rng), start_(start), pathway_(pathway), age_(AgeOn(j.dob(), start)) {}

  std::optional<Date> Run() {
    Script();
    Randomize();
    std::stable_sort(actions_.begin(), actions_.end(),
                     [](const Action& a, const Action& b) { return a.date < b.date; });
    for (Action& a : actions_) {
      if (!open_) break;
      a.apply();
    }
    Facts();
    if (end_ > j_.last()) return std::nullopt;
    return end_;
  }

 private:
  struct Action {
    Date date;
    std::function<void()> apply;
  };

  // --- the state and the events that change it ---
  Placement NewPlacement(const std::string& type) {
    Placement p;
    p.placement_type = type;
    p.carer_id = j_.NewCarerId();
    if (type == "P1") {
      p.provider = "PR0";
    } else if (type[0] == 'U' && type <= "U3") {
      p.provider = "PR1";
    } else if (type[0] == 'U' || type[0] == 'A') {
      p.provider = rng_.Chance(0.62) ? "PR1" : (type[0] == 'A' ? "PR3" : "PR4");
    } else {
      p.provider = rng_.Chance(0.25) ? "PR1" : "PR4";
    }
    p.postcode_district = "TS" + std::to_string(rng_.Int(1, 29));
    if (type == "K1" || type == "K2" || type == "S1") {
      p.urn = "SC" + std::to_string(rng_.Int(100000, 999999));
    }
    return p;
  }
  void Start(const std::string& ls, const std::string& cin, const Placement& p) {
    ls_ = ls;
    current_ = p;
    if (auto* e = j_.Add(EventType::kPeriodOfCareStarted, start_, kRankStart)) {
      e->payload.legal_status = ls;
      e->payload.category_of_need = cin;
      e->payload.placement = p;
    }
  }
  void Move(Date d, const Placement& p, const std::string& reason, bool adoptive = false) {
    const EventType type = adoptive ? EventType::kPlacedForAdoption : EventType::kPlacementMoved;
    if (auto* e = j_.Add(type, d, kRankChange)) {
      e->payload.placement = p;
      e->payload.reason_previous_ended = reason;
    }
    current_ = p;
  }
  void SameCarer(Date d, const std::string& type, bool adoptive = false) {
    Placement p = current_;
    p.placement_type = type;
    Move(d, p, "CARPL", adoptive);
  }
  void ChangeLs(Date d, const std::string& ls) {
    if (ls == ls_) return;
    if (ls == "E1") {
      j_.Add(EventType::kPlacementOrderMade, d, kRankChange);
    } else if (ls == "C2") {
      if (auto* e = j_.Add(EventType::kCareOrderMade, d, kRankChange)) e->payload.legal_status = ls;
    } else if (auto* e = j_.Add(EventType::kLegalStatusChanged, d, kRankChange)) {
      e->payload.legal_status = ls;
    }
    ls_ = ls;
  }
  void EndWith(EventType type, const std::string& code) {
    open_ = false;
    events::Event* e = j_.Add(type, end_, kRankEnd);
    if (e == nullptr) return;
    switch (type) {
      case EventType::kAdoptionOrderGranted:
        e->payload.consent = code == "E12" ? "dispensed_with" : "unopposed";
        e->payload.by_foster_carers = by_foster_carers_;
        break;
      case EventType::kSpecialGuardianshipOrderGranted:
        e->payload.carer = code;
        break;
      case EventType::kPeriodOfCareEnded:
        e->payload.reason = code;
        break;
      default:
        break;
    }
  }
  void Fact(EventType type, Date d, const std::function<void(events::Event&)>& fill = {}) {
    if (auto* e = j_.Add(type, d, kRankFact); e != nullptr && fill) fill(*e);
  }
  void At(Date d, std::function<void()> apply) { actions_.push_back({d, std::move(apply)}); }
  bool Connected() const {
    const std::string& t = current_.placement_type;
    return t == "U1" || t == "U2" || t == "U3";
  }

  // --- the pathway's script: its milestones and its end ---
  std::string RandomPlacementType(Date d) {
    const int age = AgeOn(j_.dob(), d);
    if (age >= 16)
      return std::array<std::string, 4>{"H5", "U6", "K2",
                                        "P2"}[rng_.Weighted(std::array<double, 4>{40, 30, 25, 5})];
    if (age >= 12)
      return std::array<std::string, 4>{"U6", "K2", "U4",
                                        "U3"}[rng_.Weighted(std::array<double, 4>{55, 33, 5, 7})];
    return std::array<std::string, 3>{"U6", "U3",
                                      "U4"}[rng_.Weighted(std::array<double, 3>{75, 12, 13})];
  }
  std::string Reason() { return kReasons[rng_.Weighted(kReasonWeights)]; }
  std::string CategoryOfNeed() {
    if (pathway_ == Pathway::kLeavingCare && rng_.Chance(0.4)) return "N8";
    static const std::array<std::string, 8> cin = {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"};
    return cin[rng_.Weighted(std::array<double, 8>{62, 3, 3, 8, 15, 3, 0.3, 6})];
  }
  Date Birthday18() const { return AddYears(j_.dob(), 18); }

  // Care proceedings from the start; returns the day they conclude.
  Date Proceedings(const std::string& outcome, int min_days, int max_days) {
    const Date issued = std::max({After(start_, -rng_.Int(0, 5)), j_.dob(), j_.first()});
    int weeks = 0;
    Fact(EventType::kCareProceedingsIssued, issued, [&](events::Event& e) {
      e.payload.case_number = "TS" + std::to_string(j_.NextCaseNumber()) + "-" + j_.child_id();
    });
    for (int k = 0; k < 2 && rng_.Chance(k == 0 ? 0.35 : 0.3); ++k) {
      const int w = rng_.Int(4, 8);
      Fact(EventType::kCareProceedingsExtended, After(issued, 150 + 7 * weeks),
           [&](events::Event& e) {
             e.payload.weeks = w;
             e.payload.reason = "expert assessment";
           });
      weeks += w;
    }
    const Date concluded = After(start_, rng_.Int(min_days, max_days) + 7 * weeks);
    pending_conclusion_ = {concluded, outcome};
    return concluded;
  }
  void Conclude() {
    const auto& [d, outcome] = *pending_conclusion_;
    Fact(EventType::kCareProceedingsConcluded, d,
         [&](events::Event& e) { e.payload.outcome = outcome; });
  }

  void Script();
  void ScriptAdoption();
  void ScriptLongTerm(Date from);
  void Randomize();
  void Facts();

  Journal& j_;
  Rng& rng_;
  Date start_;
  Pathway pathway_;
  int age_;
  Date end_{};
  std::string ls_;
  Placement current_;
  bool open_ = true;
  bool adoptive_ = false;  // placed for adoption: no more random moves
  bool by_foster_carers_ = false;
  std::string plan_;
  std::optional<std::pair<Date, std::string>> pending_conclusion_;
  std::vector<Action> actions_;
};

}  // namespace cjl::generator::internal
