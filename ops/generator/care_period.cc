// One period of care: the random placement moves, temporary placements, reviews, plans
// and missing episodes around the pathway's script (see period_sim.h and README.md).
#include <algorithm>

#include "ops/generator/period_sim.h"

namespace cjl::generator::internal {

void PeriodSim::Randomize() {
  std::vector<Date> fixed;
  for (const Action& a : actions_) fixed.push_back(a.date);
  auto clear = [&](Date from, Date to) {
    if (from <= After(start_, 3) || to >= After(end_, -3)) return false;
    return std::none_of(fixed.begin(), fixed.end(),
                        [&](Date f) { return f >= After(from, -5) && f <= After(to, 5); });
  };
  const double max_rate = kMoveRateFirst6Months * kTeenMoveFactor;
  const Date stop = std::min(end_, j_.last());
  for (double t = rng_.Exp(365.0 / max_rate); After(start_, static_cast<long>(t)) < stop;
       t += rng_.Exp(365.0 / max_rate)) {
    const Date d = After(start_, static_cast<long>(t));
    if (!clear(d, d)) continue;
    fixed.push_back(d);
    At(d, [this, d, max_rate] {
      if (adoptive_) return;
      const long in_care = DaysBetween(start_, d);
      double rate = in_care < 183   ? kMoveRateFirst6Months
                    : in_care < 730 ? kMoveRateTo2Years
                                    : kMoveRateLater;
      if (AgeOn(j_.dob(), d) >= 12) rate *= kTeenMoveFactor;
      if (Connected()) rate *= kConnectedCarerMoveFactor;
      if (rng_.Chance(rate / max_rate)) Move(d, NewPlacement(RandomPlacementType(d)), Reason());
    });
  }
  for (double t = rng_.Exp(365.0 / kTemporaryPlacementRate);
       After(start_, static_cast<long>(t)) < stop; t += rng_.Exp(365.0 / kTemporaryPlacementRate)) {
    const Date d = After(start_, static_cast<long>(t));
    const int days = rng_.Int(1, 14);
    if (!clear(d, After(d, days))) continue;
    fixed.push_back(d);
    fixed.push_back(After(d, days));
    const bool teen = AgeOn(j_.dob(), d) >= 12;
    const std::string type = std::array<std::string, 4>{
        "T1", "T2", "T4", "T3"}[rng_.Weighted(std::array<double, 4>{35, 35, 25, teen ? 5.0 : 0.0})];
    At(d, [this, d, days, type] {
      if (adoptive_) return;
      const Placement back = current_;
      Placement temporary = NewPlacement(type);
      temporary.provider.clear();
      Move(d, temporary, "");
      Move(After(d, days), back, "");  // the return to the placement it interrupted
    });
  }
}

void PeriodSim::Facts() {
  const Date stop = std::min(end_, After(j_.last(), 1));  // reviews fall before the end
  if (DaysBetween(start_, end_) >= 14) {
    Date r = After(start_, rng_.Chance(0.9) ? rng_.Int(14, 27) : rng_.Int(29, 50));
    std::optional<Date> second;
    for (int n = 1; r < stop; ++n) {
      const bool young = AgeOn(j_.dob(), r) < 4;
      const std::string code =
          young ? "PN0"
                : "PN" + std::to_string(
                             1 + rng_.Weighted(std::array<double, 7>{40, 10, 15, 10, 5, 5, 15}));
      Fact(EventType::kReviewHeld, r, [&](events::Event& e) { e.payload.participation = code; });
      if (n == 2) second = r;
      const bool on_time = rng_.Chance(0.9);
      r = n == 1 ? After(r, on_time ? rng_.Int(70, 90) : rng_.Int(93, 130))
                 : After(r, on_time ? rng_.Int(160, 181) : rng_.Int(184, 240));
    }
    const Date plan_on = second.value_or(After(start_, 120));
    if (!plan_.empty() && plan_on < stop) {
      Fact(EventType::kPermanencePlanRecorded, plan_on,
           [&](events::Event& e) { e.payload.plan = plan_; });
    }
  }
  for (double t = rng_.Exp(365.0 / kMissingRate); After(start_, static_cast<long>(t)) < stop;
       t += rng_.Exp(365.0 / kMissingRate)) {
    const Date d = After(start_, static_cast<long>(t));
    if (AgeOn(j_.dob(), d) < 11) continue;
    const Date back = std::min(After(d, rng_.Int(0, 4)), j_.last());
    Fact(EventType::kMissingEpisodeRecorded, d, [&](events::Event& e) {
      e.payload.kind = rng_.Chance(0.8) ? "M" : "A";
      e.payload.ended_on = back;
    });
  }
}

std::optional<Date> SimulatePeriod(Journal& journal, Rng& rng, Date start, Pathway pathway) {
  return PeriodSim(journal, rng, start, pathway).Run();
}

}  // namespace cjl::generator::internal
