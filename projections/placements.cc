// Placement counting (see placements.h).
#include "projections/placements.h"

#include <algorithm>

namespace cjl::projections {
namespace {

bool SameDetails(const events::Placement& a, const events::Placement& b) {
  return a.placement_type == b.placement_type && a.provider == b.provider &&
         a.postcode_district == b.postcode_district && a.urn == b.urn;
}

bool IsWithCurrentFosterCarers(std::string_view place) { return place == "A3" || place == "A5"; }

// Rule D: drops every placement of a carer spell (consecutive placements with one carer)
// that starts and ends on the same day.
void DropSameDayCarerSpells(std::vector<PlacementSpell>& spells) {
  std::vector<PlacementSpell> kept;
  std::size_t i = 0;
  while (i < spells.size()) {
    std::size_t j = i + 1;
    while (j < spells.size() && spells[j].carer_id == spells[i].carer_id && spells[j - 1].end &&
           *spells[j - 1].end == spells[j].start) {
      ++j;
    }
    const auto& last = spells[j - 1];
    const bool same_day = last.end && *last.end == spells[i].start;
    if (!same_day)
      kept.insert(kept.end(), spells.begin() + static_cast<std::ptrdiff_t>(i),
                  spells.begin() + static_cast<std::ptrdiff_t>(j));
    i = j;
  }
  spells = std::move(kept);
}

}  // namespace

std::optional<CountingProfile> ProfileFromName(std::string_view name) {
  if (name == "dfe") return CountingProfile::kDfe;
  if (name == "count-same-carer") return CountingProfile::kCountSameCarer;
  return std::nullopt;
}

const char* ProfileName(CountingProfile profile) {
  switch (profile) {
    case CountingProfile::kDfe:
      return "dfe";
    case CountingProfile::kCountSameCarer:
      return "count-same-carer";
  }
  return "dfe";
}

std::vector<PlacementSpell> PeriodPlacements(const PeriodOfCare& period, std::size_t period_index,
                                             CountingProfile profile) {
  std::vector<PlacementSpell> spells;
  bool open = false;                                // spells.back() is the current placement
  bool interrupted = false;                         // a temporary placement interrupts it
  const events::Placement* last_details = nullptr;  // the current placement's latest episode
  auto close = [&](Date d, const std::string& reason) {
    if (!open) return;
    spells.back().end = d;
    spells.back().reason_ended = reason;
    open = false;
  };
  auto start = [&](std::size_t i, const Episode& ep) {
    PlacementSpell s;
    s.start = ep.start;
    s.period_index = period_index;
    s.first_episode = s.last_episode = i;
    s.carer_id = ep.placement.carer_id;
    s.placement_type = ep.placement.placement_type;
    spells.push_back(std::move(s));
    open = true;
  };
  for (std::size_t i = 0; i < period.episodes.size(); ++i) {
    const Episode& ep = period.episodes[i];
    // The reason a placement ended is recorded on the episode before the move.
    const std::string& reason =
        i > 0 ? period.episodes[i - 1].reason_place_change : ep.reason_place_change;
    if (ep.short_break()) {
      close(ep.start, reason);
      interrupted = false;
      continue;
    }
    if (ep.temporary()) {
      if (open) interrupted = true;
      continue;
    }
    if (!open) {
      start(i, ep);
    } else if (ep.placement.carer_id != spells.back().carer_id) {
      close(ep.start, reason);
      start(i, ep);
    } else if (!interrupted && profile == CountingProfile::kCountSameCarer &&
               last_details != nullptr && !SameDetails(*last_details, ep.placement) &&
               !IsWithCurrentFosterCarers(ep.placement.placement_type)) {
      close(ep.start, reason);
      start(i, ep);
    }
    spells.back().last_episode = i;
    last_details = &ep.placement;
    interrupted = false;
  }
  if (open) spells.back().end = period.end;
  DropSameDayCarerSpells(spells);
  return spells;
}

std::vector<PlacementSpell> ChildPlacements(const Journey& journey, CountingProfile profile) {
  std::vector<PlacementSpell> all;
  for (std::size_t i = 0; i < journey.periods.size(); ++i) {
    auto p = PeriodPlacements(journey.periods[i], i, profile);
    all.insert(all.end(), p.begin(), p.end());
  }
  return all;
}

int CountPlacementsBetween(const std::vector<PlacementSpell>& placements, Date first, Date last) {
  return static_cast<int>(std::count_if(
      placements.begin(), placements.end(),
      [&](const PlacementSpell& s) { return s.start <= last && (!s.end || *s.end > first); }));
}

const PlacementSpell* PlacementCovering(const std::vector<PlacementSpell>& placements, Date d) {
  for (auto it = placements.rbegin(); it != placements.rend(); ++it) {
    if (it->Covers(d)) return &*it;
  }
  return nullptr;
}

}  // namespace cjl::projections
