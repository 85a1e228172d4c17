// The scorecard's figures (see scorecard.h and METRICS.md sections 3-5).
#include "projections/scorecard.h"

#include <algorithm>
#include <map>
#include <set>

#include "projections/adoption.h"
#include "projections/journey.h"
#include "projections/reviews.h"
#include "projections/stability.h"

namespace cjl::projections {
namespace {

bool OneOf(std::string_view s, std::initializer_list<std::string_view> codes) {
  return std::find(codes.begin(), codes.end(), s) != codes.end();
}
bool IsFoster(std::string_view place) { return OneOf(place, {"U1", "U2", "U3", "U4", "U5", "U6"}); }

// Adds a child to a proportion's denominator, and to its numerator when `in`.
void Count(Proportion& p, const std::string& child, bool in) {
  ++p.denominator;
  p.denominator_children.push_back(child);
  if (in) {
    ++p.numerator;
    p.numerator_children.push_back(child);
  }
}

void AddDays(DaysFigure& f, const std::string& child, long days) {
  f.children.push_back(child);
  f.days.push_back(days);
}

constexpr const char* kGroups[] = {"foster",
                                   "placed_for_adoption",
                                   "with_parents",
                                   "homes_and_secure",
                                   "supported_independent",
                                   "residential_other",
                                   "other"};
constexpr const char* kReasons[] = {"adopted", "special_guardianship", "child_arrangements",
                                    "returned_home", "other"};
constexpr const char* kStages[] = {"entry_to_decision", "decision_to_match", "match_to_placed",
                                   "placed_to_order", "entry_to_order"};

void AddAdoption(AdoptionFigures& f, const std::string& child, const AdoptionTimeline& t) {
  f.adopted.push_back(child);
  if (t.a1_days) {
    AddDays(f.a1, child, *t.a1_days);
    AddDays(f.a10, child, *t.a10_days);
    Count(f.a3, child, *t.a1_days < kA1ThresholdDays);
  }
  if (t.a2_days) {
    AddDays(f.a2, child, *t.a2_days);
    Count(f.a2_within_threshold, child, *t.a2_days <= kA2ThresholdDays);
  }
  auto stage = [&](std::size_t i, const std::optional<Date>& from, const std::optional<Date>& to) {
    if (from && to) AddDays(f.stages[i].second, child, DaysBetween(*from, *to));
  };
  const std::optional<Date> entered = t.entered_care;
  const std::optional<Date> adopted = t.adopted;
  stage(0, entered, t.agency_decision);
  stage(1, t.agency_decision, t.matched);
  stage(2, t.matched, t.placed);
  stage(3, t.placed, adopted);
  stage(4, entered, adopted);
}

AdoptionFigures EmptyAdoption(Date first, Date last) {
  AdoptionFigures f;
  f.window_start = first;
  f.window_end = last;
  for (const char* s : kStages) f.stages.emplace_back(s, DaysFigure{});
  return f;
}

}  // namespace

std::optional<double> Proportion::percent() const {
  if (denominator == 0) return std::nullopt;
  return 100.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
}

std::optional<double> DaysFigure::mean() const {
  if (days.empty()) return std::nullopt;
  double sum = 0;
  for (long d : days) sum += static_cast<double>(d);
  return sum / static_cast<double>(days.size());
}

std::optional<double> DaysFigure::median() const {
  if (days.empty()) return std::nullopt;
  std::vector<long> v = days;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  if (n % 2 == 1) return static_cast<double>(v[n / 2]);
  return (static_cast<double>(v[n / 2 - 1]) + static_cast<double>(v[n / 2])) / 2.0;
}

std::optional<double> Scorecard::cla_rate_per_10000() const {
  if (!population_0_17 || *population_0_17 <= 0) return std::nullopt;
  return 10000.0 * static_cast<double>(looked_after.size()) / static_cast<double>(*population_0_17);
}

std::optional<double> Scorecard::starters_to_ceasers() const {
  if (ceased.empty()) return std::nullopt;
  return static_cast<double>(started.size()) / static_cast<double>(ceased.size());
}

std::optional<double> Scorecard::weeks_in_care_mean() const {
  auto days = period_length.mean();
  if (!days) return std::nullopt;
  return *days / 7.0;
}

const char* PlacementGroup(std::string_view place) {
  if (IsFoster(place)) return "foster";
  if (OneOf(place, {"A3", "A4", "A5", "A6"})) return "placed_for_adoption";
  if (place == "P1") return "with_parents";
  if (OneOf(place, {"K1", "K2"})) return "homes_and_secure";
  if (OneOf(place, {"K3", "H5", "P2"})) return "supported_independent";
  if (OneOf(place, {"R1", "R2", "R3", "R4", "R5", "S1"})) return "residential_other";
  return "other";  // P3, Z*, and any code outside the groups
}

const char* CeasedReasonGroup(std::string_view rec) {
  if (rec == "E11" || rec == "E12") return "adopted";
  if (OneOf(rec, {"E43", "E44", "E45", "E46", "E47", "E48"})) return "special_guardianship";
  if (rec == "E41") return "child_arrangements";
  if (rec == "E4A" || rec == "E4B") return "returned_home";
  return "other";
}

Scorecard ComputeScorecard(const AuthorityState& state, Date as_at, CountingProfile profile,
                           const ScorecardSettings& settings) {
  Scorecard s;
  s.as_at = as_at;
  s.profile = profile;
  s.year_start = YearStart(as_at);
  s.population_0_17 = settings.population_0_17;
  for (const char* r : kReasons) s.ceased_by_reason.emplace_back(r, std::vector<std::string>{});
  for (const char* g : kGroups) s.placement_type.emplace_back(g, Proportion{});
  s.adoption = EmptyAdoption(YearStart(as_at, 3), as_at);
  s.adoption_single_year = EmptyAdoption(s.year_start, as_at);

  for (const auto& [child, facts] : state) {
    const Journey j = BuildJourney(facts, as_at);
    const std::vector<PlacementSpell> placements = ChildPlacements(j, profile);

    if (j.LookedAfterOn(as_at)) {
      s.looked_after.push_back(child);
      const PeriodOfCare* period = j.PeriodOpenOn(as_at);
      const Episode* episode = period->EpisodeOn(as_at);
      const Episode* effective = period->EffectivePlacementOn(as_at);
      const std::string place =
          effective->temporary() ? std::string() : effective->placement.placement_type;
      const std::string& ls = episode->legal_status;
      Count(s.placed_with_parents, child, place == "P1" && (ls == "C1" || ls == "C2"));
      Count(s.in_house_fostering, child, IsFoster(place) && effective->placement.provider == "PR1");
      Count(s.connected_carers, child, OneOf(place, {"U1", "U2", "U3"}));
      const std::string group = PlacementGroup(place);
      for (auto& [name, p] : s.placement_type) Count(p, child, name == group);
      Count(s.three_plus_placements, child, PlacementsInYearTo(placements, as_at) >= 3);
      if (InLongTermCohort(j, as_at)) {
        Count(s.long_term_stability, child, InLongTermNumerator(j, placements, as_at));
      }
    }

    // Starters and ceasers: periods whose first / last episode is not a short break.
    const PeriodOfCare* last_ceased = nullptr;
    bool started = false;
    for (const PeriodOfCare& p : j.periods) {
      if (p.start >= s.year_start && p.start <= as_at && !p.episodes.front().short_break())
        started = true;
      if (p.end && *p.end >= s.year_start && *p.end <= as_at && !p.episodes.back().short_break()) {
        last_ceased = &p;
      }
    }
    if (started) s.started.push_back(child);
    if (last_ceased != nullptr) {
      s.ceased.push_back(child);
      const std::string group = CeasedReasonGroup(last_ceased->end_reason);
      for (auto& [name, ids] : s.ceased_by_reason) {
        if (name == group) ids.push_back(child);
      }
      if (last_ceased->end_reason == "E5" || last_ceased->end_reason == "E6") {
        s.ceased_independent_living.push_back(child);
      }
      AddDays(s.period_length, child, DaysBetween(last_ceased->start, *last_ceased->end));
    }

    // Reviews held in the year, each against its own timescale; reviews held while on a
    // short break are left out.
    bool any_review = false;
    bool all_in_time = true;
    for (const PeriodOfCare& p : j.periods) {
      for (std::size_t k = 0; k < p.reviews.size(); ++k) {
        const Date held = p.reviews[k].date;
        if (held < s.year_start || held > as_at) continue;
        const Episode* e = p.EpisodeOn(held);
        if (e != nullptr && e->short_break()) continue;
        const bool in_time = held <= ReviewDue(p, k);
        ++s.reviews_in_time.denominator;
        if (in_time) ++s.reviews_in_time.numerator;
        any_review = true;
        all_in_time = all_in_time && in_time;
      }
    }
    if (any_review) {
      s.reviews_in_time.denominator_children.push_back(child);
      if (all_in_time) s.reviews_in_time.numerator_children.push_back(child);
    }

    if (auto t = LastAdoptionBetween(j, s.adoption.window_start, as_at))
      AddAdoption(s.adoption, child, *t);
    if (auto t = LastAdoptionBetween(j, s.year_start, as_at))
      AddAdoption(s.adoption_single_year, child, *t);
  }
  return s;
}

}  // namespace cjl::projections
