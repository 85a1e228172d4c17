// The pathways' scripts: a period's milestones and its end (see README.md "The model").
#include <algorithm>

#include "ops/generator/period_sim.h"

namespace cjl::generator::internal {

void PeriodSim::Script() {
  std::string ls = "V2";
  Placement first;
  switch (pathway_) {
    case Pathway::kAdoption:
      ls = "C1";
      first = NewPlacement(rng_.Chance(0.15) ? "U5" : "U6");  // U5: fostering for adoption
      break;
    case Pathway::kSpecialGuardianship:
    case Pathway::kChildArrangements:
      ls = rng_.Chance(0.6) ? "C1" : "V2";
      first = NewPlacement(
          rng_.Chance(pathway_ == Pathway::kSpecialGuardianship ? 0.5 : 0.3) ? "U3" : "U6");
      break;
    case Pathway::kReturnHome:
      ls = rng_.Chance(0.35) ? "C1" : rng_.Chance(0.08) ? "L1" : "V2";
      first = NewPlacement(age_ >= 12 && rng_.Chance(0.25) ? "K2"
                           : rng_.Chance(0.15)             ? "U3"
                                                           : "U6");
      break;
    case Pathway::kLongTerm:
      ls = rng_.Chance(0.6) ? "C1" : "V2";
      first = NewPlacement(age_ >= 12 && rng_.Chance(0.3) ? "K2" : rng_.Chance(0.82) ? "U6" : "U3");
      break;
    case Pathway::kLeavingCare:
      ls = rng_.Chance(0.05) ? "J1" : rng_.Chance(0.92) ? "V2" : "C1";
      first = NewPlacement(RandomPlacementType(start_));
      break;
  }
  Start(ls, CategoryOfNeed(), first);
  if (ls == "L1") {  // police protection, then accommodated
    const Date d = After(start_, rng_.Int(1, 3));
    At(d, [this, d] { ChangeLs(d, "V2"); });
  }
  const Date b18 = Birthday18();
  switch (pathway_) {
    case Pathway::kAdoption:
      ScriptAdoption();
      break;
    case Pathway::kSpecialGuardianship:
    case Pathway::kChildArrangements: {
      const bool sgo = pathway_ == Pathway::kSpecialGuardianship;
      plan_ = sgo ? "special_guardianship" : "child_arrangements";
      if (first.placement_type == "U6" && rng_.Chance(sgo ? 0.4 : 0.2)) {
        const Date d = After(start_, rng_.Int(30, 150));
        At(d, [this, d] { Move(d, NewPlacement("U3"), "CARPL"); });
      }
      end_ = ls == "C1"
                 ? Proceedings(sgo ? "special_guardianship_order" : "child_arrangements_order",
                               sgo ? 180 : 150, sgo ? 330 : 300)
                 : After(start_, sgo ? rng_.Int(200, 800) : rng_.Int(150, 500));
      At(end_, [this, sgo] {
        if (pending_conclusion_) Conclude();
        if (!sgo) {
          EndWith(EventType::kChildArrangementsOrderGranted, "");
          return;
        }
        std::string carer = Connected()         ? "former_foster_carer_relative_or_friend"
                            : rng_.Chance(0.25) ? "former_foster_carer_other"
                            : rng_.Chance(0.93) ? "other_relative_or_friend"
                                                : "other";
        EndWith(EventType::kSpecialGuardianshipOrderGranted, carer);
      });
      break;
    }
    case Pathway::kReturnHome: {
      plan_ = "return_home";
      const std::size_t band = rng_.Weighted(std::array<double, 3>{30, 45, 25});
      const int days = band == 0   ? rng_.Int(5, 60)
                       : band == 1 ? rng_.Int(60, 540)
                                   : rng_.Int(540, 1400);
      end_ = After(start_, days);
      if (ls == "C1" && days < 200) {
        pending_conclusion_ = {end_, std::array<std::string, 3>{"supervision_order", "no_order",
                                                                "withdrawn"}[rng_.Int(0, 2)]};
        Fact(EventType::kCareProceedingsIssued, std::max({start_, j_.dob(), j_.first()}),
             [&](events::Event& e) {
               e.payload.case_number =
                   "TS" + std::to_string(j_.NextCaseNumber()) + "-" + j_.child_id();
             });
      } else if (ls == "C1") {
        const Date concluded = Proceedings("care_order", 180, 300);
        if (concluded + std::chrono::days{30} > end_) end_ = After(concluded, rng_.Int(30, 200));
        At(concluded, [this, concluded] {
          Conclude();
          ChangeLs(concluded, "C2");
        });
        if (rng_.Chance(0.6)) {  // placed with parents before the care order is discharged
          const Date home = std::max(After(concluded, 7), After(end_, -rng_.Int(30, 200)));
          if (home + std::chrono::days{7} < end_)
            At(home, [this, home] { Move(home, NewPlacement("P1"), "CARPL"); });
        }
      }
      static const std::array<std::string, 4> kRec = {"E4A", "E4B", "E13", "E8"};
      const std::string rec = kRec[rng_.Weighted(std::array<double, 4>{70, 8, 14, 8})];
      At(end_, [this, rec] {
        if (pending_conclusion_) Conclude();
        EndWith(EventType::kPeriodOfCareEnded, rec);
      });
      break;
    }
    case Pathway::kLongTerm:
      plan_ = "long_term_fostering";
      ScriptLongTerm(start_);
      break;
    case Pathway::kLeavingCare: {
      plan_ = "supported_living";
      std::string rec;
      if (ls == "J1") {
        end_ = After(start_, rng_.Int(10, 120));
        rec = "E14";
      } else if (rng_.Chance(0.25)) {
        end_ =
            After(start_, rng_.Int(20, std::max(21, static_cast<int>(DaysBetween(start_, b18)))));
        rec = std::array<std::string, 4>{
            "E4A", "E13", "E5", "E6"}[rng_.Weighted(std::array<double, 4>{40, 20, 25, 15})];
      } else {
        end_ = b18;
        rec =
            std::array<std::string, 8>{
                "E5", "E6", "E17", "E8", "E9", "E15", "E16", "E3"}[rng_.Weighted(
                std::array<double, 8>{35, 10, 20, 15, 3, 5, 2, 2})];
      }
      end_ = std::max(std::min(end_, b18), After(start_, 2));
      At(end_, [this, rec] { EndWith(EventType::kPeriodOfCareEnded, rec); });
      break;
    }
  }
}

void PeriodSim::ScriptAdoption() {
  plan_ = "adoption";
  const Date concluded = Proceedings("placement_order", 230, 360);
  At(concluded, [this, concluded] {
    Conclude();
    ChangeLs(concluded, "E1");
  });
  Fact(EventType::kAgencyDecisionMade,
       std::min(After(start_, rng_.Int(120, 220)), After(concluded, -1)));
  if (rng_.Chance(kAdoptionReversal)) {
    const Date reversed = After(concluded, rng_.Int(150, 450));
    const std::string reason = std::array<std::string, 3>{
        "RD1", "RD3", "RD4"}[rng_.Weighted(std::array<double, 3>{30, 50, 20})];
    At(reversed, [this, reversed, reason] {
      Fact(EventType::kAdoptionDecisionReversed, reversed,
           [&](events::Event& e) { e.payload.reason = reason; });
      Fact(EventType::kPermanencePlanRecorded, reversed,
           [](events::Event& e) { e.payload.plan = "long_term_fostering"; });
    });
    ScriptLongTerm(reversed);
    return;
  }
  const Date matched = After(concluded, 80 + std::min(600L, static_cast<long>(rng_.Exp(170))));
  const Date placed = After(matched, rng_.Int(10, 45));
  Fact(EventType::kMatchedWithAdopters, matched);
  At(placed, [this, placed] {
    adoptive_ = true;
    if (current_.placement_type == "U5" || rng_.Chance(0.12)) {  // with the current foster carers
      by_foster_carers_ = true;
      SameCarer(placed, "A5", true);
    } else {
      Move(placed, NewPlacement("A6"), "CARPL", true);
    }
  });
  end_ = After(placed, 70 + std::min(450L, static_cast<long>(rng_.Exp(150))));
  const std::string rec = rng_.Chance(0.75) ? "E11" : "E12";
  At(end_, [this, rec] { EndWith(EventType::kAdoptionOrderGranted, rec); });
}

void PeriodSim::ScriptLongTerm(Date from) {
  if (ls_ == "C1" && !pending_conclusion_) {
    const Date concluded = Proceedings("care_order", 180, 330);
    At(concluded, [this, concluded] {
      Conclude();
      ChangeLs(concluded, "C2");
    });
  }
  const Date long_term = After(from, rng_.Int(300, 700));  // the foster placement becomes long-term
  At(long_term, [this, long_term] {
    if (current_.placement_type == "U6") SameCarer(long_term, "U4");
    if (current_.placement_type == "U3") SameCarer(long_term, "U1");
  });
  const Date b18 = Birthday18();
  if (rng_.Chance(0.3)) {  // moving on to supported accommodation at 16 or 17
    const Date d = AddMonths(j_.dob(), 16 * 12 + rng_.Int(6, 18));
    if (d > After(from, 30) && d < After(b18, -30))
      At(d, [this, d] { Move(d, NewPlacement("H5"), "CARPL"); });
  }
  std::string rec;
  const long to18 = DaysBetween(from, b18);
  if (to18 > 400 && rng_.Chance(0.2)) {
    end_ = After(from, rng_.Int(365, static_cast<int>(to18) - 1));
    rec = std::array<std::string, 4>{"E4A", "E13", "E4B",
                                     "E8"}[rng_.Weighted(std::array<double, 4>{60, 20, 10, 10})];
  } else {
    end_ = std::max(b18, After(from, 2));
    rec =
        std::array<std::string, 9>{
            "E17", "E5", "E6", "E8", "E4A", "E13", "E9", "E16", "E3"}[rng_.Weighted(
            std::array<double, 9>{25, 35, 8, 12, 10, 5, 2, 1, 2})];
  }
  At(end_, [this, rec] { EndWith(EventType::kPeriodOfCareEnded, rec); });
}

}  // namespace cjl::generator::internal
