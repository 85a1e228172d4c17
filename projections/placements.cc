// Placement counting (see placements.h).
#include "projections/placements.h"

#include <algorithm>
#include <optional>

namespace cjl::projections {
namespace {

bool SameDetails(const events::Placement& a, const events::Placement& b) {
  return a.placement_type == b.placement_type && a.provider == b.provider &&
         a.postcode_district == b.postcode_district && a.urn == b.urn;
}

bool IsWithCurrentFosterCarers(std::string_view place) { return place == "A3" || place == "A5"; }

// Rule D: drops every placement of a carer spell (consecutive placements with one carer)
// that starts and ends on the same day. Where one was dropped, the child never left the
// carer before it overnight: the spells on either side with that carer (and, under
// count-same-carer, the same PLACE) become one placement.
void DropSameDayCarerSpells(std::vector<PlacementSpell>& spells, CountingProfile profile) {
  std::vector<PlacementSpell> kept;
  bool dropped_before = false;  // a same-day spell was dropped just before spells[i]
  std::size_t i = 0;
  while (i < spells.size()) {
    std::size_t j = i + 1;
    while (j < spells.size() && spells[j].carer_id == spells[i].carer_id && spells[j - 1].end &&
           *spells[j - 1].end == spells[j].start) {
      ++j;
    }
    const auto& last = spells[j - 1];
    const bool same_day = last.end && *last.end == spells[i].start;
    if (same_day) {
      dropped_before = true;
      i = j;
      continue;
    }
    for (std::size_t k = i; k < j; ++k) {
      PlacementSpell& s = spells[k];
      if (dropped_before && k == i && !kept.empty()) {
        PlacementSpell& prev = kept.back();
        const bool same =
            prev.carer_id == s.carer_id && prev.period_index == s.period_index && prev.end &&
            *prev.end == s.start &&
            (profile == CountingProfile::kDfe || prev.placement_type == s.placement_type);
        if (same) {
          prev.end = s.end;
          prev.reason_ended = s.reason_ended;
          prev.last_episode = s.last_episode;
          continue;
        }
      }
      kept.push_back(std::move(s));
    }
    dropped_before = false;
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
  // A short break (V3/V4) in progress: the day it began and the reason recorded on the
  // episode before it. The placement around it goes on if the child comes back to the same
  // carer (RNE L both ways: the placement never changed); otherwise it ended on that day.
  std::optional<Date> break_start;
  std::string break_reason;
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
      // V3/V4 days are never placement days, but a break lasting no day (changed again
      // the same day) is no break at all (rule D judges whole spells).
      if (ep.end && *ep.end == ep.start) continue;
      if (open && !break_start) {
        if (spells.back().start == ep.start) {
          // The placement began the day the break did and held no day before it: it ends
          // there (rule D drops it), and whatever follows the break is a placement of its
          // own from its own day, as when the day's changes are taken together.
          close(ep.start, reason);
        } else {
          break_start = ep.start;
          break_reason = reason;
        }
      }
      interrupted = false;
      continue;
    }
    if (ep.temporary()) {
      if (open) interrupted = true;
      continue;
    }
    // A new carer, or under count-same-carer new details with the same carer (never on
    // the return from a temporary placement, never into A3/A5 with the current carers).
    const bool new_placement =
        open && (ep.placement.carer_id != spells.back().carer_id ||
                 (!interrupted && profile == CountingProfile::kCountSameCarer &&
                  last_details != nullptr && !SameDetails(*last_details, ep.placement) &&
                  !IsWithCurrentFosterCarers(ep.placement.placement_type)));
    if (break_start) {
      if (new_placement) close(*break_start, break_reason);
      break_start.reset();
    }
    if (!open) {
      start(i, ep);
    } else if (new_placement) {
      close(ep.start, reason);
      start(i, ep);
    }
    spells.back().last_episode = i;
    last_details = &ep.placement;
    interrupted = false;
  }
  if (open && break_start) {
    close(*break_start, break_reason);  // the period ended during the break
  } else if (open) {
    spells.back().end = period.end;
  }
  DropSameDayCarerSpells(spells, profile);
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
