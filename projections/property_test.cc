// Property: random journeys, with back-dated and retracted facts, fed to the reducers in
// random arrival order (with re-deliveries) give the same state, and the same scorecard,
// trackers and child reports, as the same facts applied in date order.
// Seeded; the seed is printed. Set CJL_PROPERTY_SEED to replay one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <random>

#include "projections/child_report.h"
#include "projections/scorecard.h"
#include "projections/test_events.h"
#include "projections/tracker.h"

namespace cjl::projections {
namespace {

using testing::Child;
using testing::D;
using testing::EventLog;

class JourneyGenerator {
 public:
  explicit JourneyGenerator(std::uint64_t seed) : rng_(seed) {}

  // Appends a random journey for each of `children` children to the log.
  void Generate(EventLog& log, int children) {
    for (int i = 0; i < children; ++i) GenerateChild(log, "C" + std::to_string(100 + i));
  }

 private:
  using Step = std::pair<Date, std::function<void(Child&)>>;

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(Uniform(0, int(v.size()) - 1))];
  }
  static std::string Iso(Date d) { return FormatIsoDate(d); }

  void GenerateChild(EventLog& log, const std::string& id) {
    std::vector<Step> steps;
    Date d = D("2014-01-01") + std::chrono::days{Uniform(0, 2500)};
    const Date born = d - std::chrono::days{Uniform(0, 5500)};
    steps.push_back({born, [born](Child& c) { c.Born(Iso(born)); }});
    if (Chance(0.5)) {
      const Date r = d - std::chrono::days{Uniform(0, 60)};
      steps.push_back({r, [r](Child& c) { c.Referred(Iso(r)); }});
      if (Chance(0.5)) {
        const Date a = r + std::chrono::days{Uniform(0, 90)};
        steps.push_back({a, [a](Child& c) { c.Assessed(Iso(a)); }});
      }
      if (Chance(0.4)) {
        const Date s = r + std::chrono::days{Uniform(0, 10)};
        steps.push_back({s, [s](Child& c) { c.StrategyMeeting(Iso(s)); }});
        const Date k = s + std::chrono::days{Uniform(0, 30)};
        if (Chance(0.6)) steps.push_back({k, [k](Child& c) { c.Conference(Iso(k)); }});
      }
    }
    if (Chance(0.3)) {
      const Date p = d + std::chrono::days{Uniform(0, 40)};
      steps.push_back({p, [p](Child& c) { c.ProceedingsIssued(Iso(p)); }});
      const Date x = p + std::chrono::days{Uniform(100, 180)};
      if (Chance(0.5))
        steps.push_back(
            {x, [x, w = Uniform(1, 8)](Child& c) { c.ProceedingsExtended(Iso(x), w); }});
      const Date y = p + std::chrono::days{Uniform(150, 300)};
      if (Chance(0.6)) steps.push_back({y, [y](Child& c) { c.ProceedingsConcluded(Iso(y)); }});
    }
    const int periods = Uniform(1, 2);
    int carer = 0;
    for (int p = 0; p < periods; ++p) GeneratePeriod(steps, d, carer);

    // Recording order: business order, except that some facts are recorded late (back-dated).
    std::stable_sort(steps.begin(), steps.end(),
                     [](const Step& a, const Step& b) { return a.first < b.first; });
    std::vector<Step> late;
    std::vector<Step> recorded;
    for (auto& s : steps) (Chance(0.15) ? late : recorded).push_back(std::move(s));
    for (auto& s : late) {
      const auto at = static_cast<std::ptrdiff_t>(Uniform(0, int(recorded.size())));
      recorded.insert(recorded.begin() + at, std::move(s));
    }
    Child c(log, id);
    std::vector<std::string> ids;
    for (auto& s : recorded) {
      s.second(c);
      ids.push_back(c.last_id());
    }
    // Retractions (some of retractions), recorded after their targets.
    const int retractions = Chance(0.5) ? Uniform(1, 3) : 0;
    for (int i = 0; i < retractions && !ids.empty(); ++i) {
      c.Retracts("2024-01-01", Pick(ids));
      ids.push_back(c.last_id());
    }
  }

  void GeneratePeriod(std::vector<Step>& steps, Date& d, int& carer) {
    static const std::vector<std::string> kStatuses = {"C1", "C2", "C2", "V2", "V3", "E1"};
    static const std::vector<std::string> kPlaces = {"U1", "U3", "U4", "U4", "U5",
                                                     "U6", "K1", "P1", "H5", "R1"};
    static const std::vector<std::string> kReasons = {"CHILD", "CARPL", "CREQB", "CREQO",
                                                      "ALLEG", "STAND", "LAPLN"};
    auto cid = [&carer] { return "F" + std::to_string(++carer); };
    std::string current = cid();
    const Date start = d;
    steps.push_back({start, [start, ls = Pick(kStatuses), pl = Pick(kPlaces), current](Child& c) {
                       c.Starts(Iso(start), ls, pl, current);
                     }});
    const int n = Uniform(0, 10);
    for (int i = 0; i < n; ++i) {
      d += std::chrono::days{Chance(0.15) ? 0 : Uniform(1, 250)};
      const Date t = d;
      switch (Uniform(0, 11)) {
        case 0: {
          current = cid();
          steps.push_back({t, [t, pl = Pick(kPlaces), current, r = Pick(kReasons)](Child& c) {
                             c.Moves(Iso(t), pl, current, r);
                           }});
          break;
        }
        case 1:
          steps.push_back({t, [t, pl = Pick(kPlaces), current](Child& c) {
                             c.Moves(Iso(t), pl, current, "");
                           }});
          break;
        case 2: {
          const Date back = t + std::chrono::days{Uniform(0, 20)};
          if (Chance(0.5)) current = cid();
          steps.push_back({t, [t](Child& c) { c.MovesTemporarily(Iso(t), "T1", "TEMP"); }});
          steps.push_back(
              {back, [back, current](Child& c) { c.MovesTemporarily(Iso(back), "U4", current); }});
          d = back;
          break;
        }
        case 3:
          steps.push_back({t, [t, ls = Pick(kStatuses)](Child& c) { c.LegalStatus(Iso(t), ls); }});
          break;
        case 4:
          steps.push_back({t, [t](Child& c) { c.PlacementOrder(Iso(t)); }});
          break;
        case 5:
          steps.push_back({t, [t](Child& c) { c.Review(Iso(t)); }});
          break;
        case 6:
          steps.push_back({t, [t](Child& c) { c.Plan(Iso(t), "adoption"); }});
          break;
        case 7:
          steps.push_back({t, [t](Child& c) { c.AgencyDecision(Iso(t)); }});
          break;
        case 8:
          steps.push_back({t, [t](Child& c) { c.DecisionReversed(Iso(t)); }});
          break;
        case 9:
          steps.push_back({t, [t](Child& c) { c.Matched(Iso(t)); }});
          break;
        case 10: {
          if (Chance(0.5)) current = cid();
          steps.push_back(
              {t, [t, pl = Pick(std::vector<std::string>{"A3", "A4", "A5", "A6"}),
                   current](Child& c) { c.PlacedForAdoption(Iso(t), pl, current, "CHILD"); }});
          break;
        }
        default:
          steps.push_back({t, [t](Child& c) { c.CareOrder(Iso(t), "C2"); }});
          break;
      }
    }
    if (Chance(0.7)) {
      d += std::chrono::days{Uniform(0, 400)};
      const Date e = d;
      switch (Uniform(0, 3)) {
        case 0:
          steps.push_back({e, [e](Child& c) { c.Adopted(Iso(e)); }});
          break;
        case 1:
          steps.push_back({e, [e](Child& c) { c.SpecialGuardianship(Iso(e)); }});
          break;
        case 2:
          steps.push_back({e, [e](Child& c) { c.ChildArrangements(Iso(e)); }});
          break;
        default:
          steps.push_back({e, [e](Child& c) { c.Ends(Iso(e), "E4A"); }});
          break;
      }
      d += std::chrono::days{Uniform(1, 300)};
    }
  }

  std::mt19937_64 rng_;
};

std::string Outputs(const AuthorityState& s) {
  std::string out;
  for (const char* as_at : {"2016-03-31", "2019-03-31", "2021-02-28", "2022-03-31", "2023-09-30"}) {
    for (CountingProfile p : {CountingProfile::kDfe, CountingProfile::kCountSameCarer}) {
      out += ScorecardToJson(ComputeScorecard(s, D(as_at), p)).dump();
      out += TrackersToJson(D(as_at), ComputeTrackers(s, D(as_at), TrackerSettings{}, p)).dump();
    }
    for (const auto& [id, facts] : s) {
      if (id.back() == '3')
        out += ChildReportJson(facts, D(as_at), TrackerSettings{}, CountingProfile::kDfe).dump();
    }
  }
  return out;
}

TEST(ReducerProperty, ArrivalOrderDoesNotChangeStateOrFigures) {
  std::vector<std::uint64_t> seeds = {1, 2, 3, 20240331};
  if (const char* env = std::getenv("CJL_PROPERTY_SEED")) seeds = {std::strtoull(env, nullptr, 10)};
  for (std::uint64_t seed : seeds) {
    std::cout << "[ property ] seed " << seed << " (CJL_PROPERTY_SEED=" << seed << " to replay)\n";
    SCOPED_TRACE("seed " + std::to_string(seed));
    EventLog log;
    JourneyGenerator(seed).Generate(log, 40);

    // Date order: business date, then ledger position.
    std::vector<events::RecordedEvent> by_date = log.events();
    std::stable_sort(by_date.begin(), by_date.end(), [](const auto& a, const auto& b) {
      return std::tie(a.event.occurred_on, a.position) < std::tie(b.event.occurred_on, b.position);
    });
    AuthorityState expected;
    for (const auto& e : by_date) expected.Apply(e);

    std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ULL);
    std::vector<events::RecordedEvent> arrival = log.events();
    for (int i = 0; i < 20; ++i)
      arrival.push_back(arrival[rng() % arrival.size()]);  // re-deliveries
    std::shuffle(arrival.begin(), arrival.end(), rng);
    AuthorityState shuffled;
    for (const auto& e : arrival) shuffled.Apply(e);

    ASSERT_EQ(expected, shuffled);
    EXPECT_EQ(Outputs(expected), Outputs(shuffled));
  }
}

}  // namespace
}  // namespace cjl::projections
