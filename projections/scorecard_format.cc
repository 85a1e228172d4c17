// The scorecard's output forms: JSON, table and CSV (see scorecard.h).
#include <cstdio>
#include <sstream>
#include <tuple>

#include "projections/scorecard.h"

namespace cjl::projections {
namespace {

using nlohmann::json;

json OrNull(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json ProportionJson(const Proportion& p) {
  return {
      {"numerator", p.numerator}, {"denominator", p.denominator}, {"percent", OrNull(p.percent())}};
}

json AdoptionJson(const AdoptionFigures& f) {
  json stages = json::object();
  for (const auto& [name, fig] : f.stages) {
    stages[name] = {{"children", fig.days.size()},
                    {"mean_days", OrNull(fig.mean())},
                    {"median_days", OrNull(fig.median())}};
  }
  return {{"window_start", FormatIsoDate(f.window_start)},
          {"window_end", FormatIsoDate(f.window_end)},
          {"children_adopted", f.adopted.size()},
          {"a1_children", f.a1.days.size()},
          {"a1_mean_days", OrNull(f.a1.mean())},
          {"a1_median_days", OrNull(f.a1.median())},
          {"a10_mean_days", OrNull(f.a10.mean())},
          {"a10_median_days", OrNull(f.a10.median())},
          {"a2_children", f.a2.days.size()},
          {"a2_mean_days", OrNull(f.a2.mean())},
          {"a2_median_days", OrNull(f.a2.median())},
          {"a2_within_121_days_percent", OrNull(f.a2_within_threshold.percent())},
          {"a3_numerator", f.a3.numerator},
          {"a3_percent", OrNull(f.a3.percent())},
          {"stages", stages}};
}

json AdoptionChildrenJson(const AdoptionFigures& f) {
  return {{"adopted", f.adopted},
          {"a1", f.a1.children},
          {"a2", f.a2.children},
          {"a3", f.a3.numerator_children}};
}

std::string FormatNumber(const json& v, bool percent) {
  if (v.is_null()) return "-";
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  char buf[64];
  std::snprintf(buf, sizeof buf, percent ? "%.1f%%" : "%.1f", v.get<double>());
  return buf;
}

// Flattens numbers and nulls to dotted names (the CSV rows), leaving out "children".
void Flatten(const json& j, const std::string& prefix,
             std::vector<std::pair<std::string, json>>& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (prefix.empty() && it.key() == "children") continue;
    const std::string name = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object()) {
      Flatten(*it, name, out);
    } else {
      out.emplace_back(name, *it);
    }
  }
}

}  // namespace

json ScorecardToJson(const Scorecard& s) {
  json j;
  j["as_at"] = FormatIsoDate(s.as_at);
  j["profile"] = ProfileName(s.profile);
  j["year_start"] = FormatIsoDate(s.year_start);
  j["year_end"] = FormatIsoDate(s.as_at);
  j["children_looked_after"] = s.looked_after.size();
  j["population_0_17"] = s.population_0_17 ? json(*s.population_0_17) : json(nullptr);
  j["cla_rate_per_10000"] = OrNull(s.cla_rate_per_10000());
  j["started_in_year"] = s.started.size();
  j["ceased_in_year"] = s.ceased.size();
  j["starters_to_ceasers_ratio"] = OrNull(s.starters_to_ceasers());
  json by_reason = json::object();
  json by_reason_pct = json::object();
  json by_reason_children = json::object();
  for (const auto& [name, ids] : s.ceased_by_reason) {
    by_reason[name] = ids.size();
    by_reason_pct[name] =
        s.ceased.empty()
            ? json(nullptr)
            : json(100.0 * static_cast<double>(ids.size()) / static_cast<double>(s.ceased.size()));
    by_reason_children[name] = ids;
  }
  j["ceased_by_reason"] = by_reason;
  j["ceased_by_reason_percent"] = by_reason_pct;
  j["ceased_independent_living"] = s.ceased_independent_living.size();
  j["weeks_in_care_mean"] = OrNull(s.weeks_in_care_mean());
  j["placed_with_parents"] = ProportionJson(s.placed_with_parents);
  j["in_house_fostering"] = ProportionJson(s.in_house_fostering);
  j["connected_carers"] = ProportionJson(s.connected_carers);
  json groups = json::object();
  json group_children = json::object();
  for (const auto& [name, p] : s.placement_type) {
    groups[name] = ProportionJson(p);
    group_children[name] = p.numerator_children;
  }
  j["placement_type"] = groups;
  j["three_plus_placements"] = ProportionJson(s.three_plus_placements);
  j["long_term_stability"] = ProportionJson(s.long_term_stability);
  j["reviews_in_time"] = ProportionJson(s.reviews_in_time);
  j["adoption"] = AdoptionJson(s.adoption);
  j["adoption_single_year"] = AdoptionJson(s.adoption_single_year);
  j["children"] = {
      {"looked_after", s.looked_after},
      {"started_in_year", s.started},
      {"ceased_in_year", s.ceased},
      {"ceased_by_reason", by_reason_children},
      {"ceased_independent_living", s.ceased_independent_living},
      {"placed_with_parents", s.placed_with_parents.numerator_children},
      {"in_house_fostering", s.in_house_fostering.numerator_children},
      {"connected_carers", s.connected_carers.numerator_children},
      {"placement_type", group_children},
      {"three_plus_placements", s.three_plus_placements.numerator_children},
      {"long_term_stability_cohort", s.long_term_stability.denominator_children},
      {"long_term_stability", s.long_term_stability.numerator_children},
      {"reviews_in_time_with_reviews", s.reviews_in_time.denominator_children},
      {"reviews_in_time_all_in_time", s.reviews_in_time.numerator_children},
      {"adoption", AdoptionChildrenJson(s.adoption)},
      {"adoption_single_year", AdoptionChildrenJson(s.adoption_single_year)},
  };
  return j;
}

std::string ScorecardToTable(const Scorecard& s) {
  const json j = ScorecardToJson(s);
  const json& a = j["adoption"];
  const json& r = j["ceased_by_reason_percent"];
  auto pct = [&](const char* key) { return j[key]["percent"]; };
  // label, value, shown as a percentage
  std::vector<std::tuple<std::string, json, bool>> rows = {
      {"Children looked after", j["children_looked_after"], false},
      {"CLA rate per 10,000 aged 0-17", j["cla_rate_per_10000"], false},
      {"Started in the year", j["started_in_year"], false},
      {"Ceased in the year", j["ceased_in_year"], false},
      {"Starters : ceasers", j["starters_to_ceasers_ratio"], false},
      {"Mean weeks in care (ceasers)", j["weeks_in_care_mean"], false},
      {"Ceased: adopted", r["adopted"], true},
      {"Ceased: special guardianship", r["special_guardianship"], true},
      {"Ceased: child arrangements", r["child_arrangements"], true},
      {"Ceased: returned home", r["returned_home"], true},
      {"Ceased: other", r["other"], true},
      {"Placed with parents", pct("placed_with_parents"), true},
      {"In-house fostering", pct("in_house_fostering"), true},
      {"Connected carers", pct("connected_carers"), true},
  };
  for (const auto& [name, p] : j["placement_type"].items()) {
    rows.emplace_back("Placement type: " + name, p["percent"], true);
  }
  const std::vector<std::tuple<std::string, json, bool>> tail = {
      {"3+ placements in 12 months", pct("three_plus_placements"), true},
      {"Long-term stability", pct("long_term_stability"), true},
      {"Reviews in time", pct("reviews_in_time"), true},
      {"Adopted (3-year window)", a["children_adopted"], false},
      {"A1 mean days", a["a1_mean_days"], false},
      {"A10 mean days", a["a10_mean_days"], false},
      {"A2 mean days", a["a2_mean_days"], false},
      {"A3 under 426 days", a["a3_percent"], true},
  };
  rows.insert(rows.end(), tail.begin(), tail.end());

  std::ostringstream out;
  out << "Scorecard as at " << FormatIsoDate(s.as_at) << " (year " << FormatIsoDate(s.year_start)
      << " to " << FormatIsoDate(s.as_at) << "; adoption window "
      << FormatIsoDate(s.adoption.window_start) << " to " << FormatIsoDate(s.adoption.window_end)
      << ")\n";
  out << "Counting profile: " << ProfileName(s.profile) << "\n";
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, std::get<0>(row).size());
  for (const auto& [label, value, percent] : rows) {
    out << label << std::string(width - label.size() + 2, ' ') << FormatNumber(value, percent)
        << "\n";
  }
  return out.str();
}

std::string ScorecardToCsv(const Scorecard& s) {
  std::vector<std::pair<std::string, json>> rows;
  Flatten(ScorecardToJson(s), "", rows);
  std::ostringstream out;
  out << "figure,value\n";
  for (const auto& [name, v] : rows) {
    out << name << ",";
    if (v.is_string()) {
      out << v.get<std::string>();
    } else if (!v.is_null()) {
      out << v.dump();
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace cjl::projections
