// Mapping one child's 903 rows to ledger events (EVENTS.md v1): the episode chain becomes
// PeriodOfCareStarted, PlacementMoved / PlacedForAdoption, LegalStatusChanged /
// PlacementOrderMade and the period-ending events; the header, AD1, placed-for-adoption,
// review and missing rows their own facts. Owned by ops/ssda903. Pure; thread-safe.
//
// Event ids are derived from the content ("903:<child>:<kind>:<yyyymmdd>:<hash>"), so
// the same rows always give the same events and a second import appends nothing. Carer
// ids are derived from the chain: a new carer (RNE S, P, B) is "<child>.<yyyymmdd>" of the
// episode that introduced it; T and U keep it; a return from a temporary placement to the
// placement it interrupted (same PLACE, provider, postcode and URN) keeps that carer.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "events/event.h"
#include "ops/ssda903/return_files.h"
#include "projections/journey.h"

namespace cjl::ssda903 {

// One child's rows, in file order.
struct ChildRows {
  std::vector<const HeaderRow*> headers;
  std::vector<const EpisodeRow*> episodes;
  std::vector<const Ad1Row*> ad1;
  std::vector<const PlacedForAdoptionRow*> placed_for_adoption;
  std::vector<const ReviewRow*> reviews;
  std::vector<const MissingRow*> missing;
};

struct MappedEvent {
  events::Event event;
  Origin origin;
  std::string column;  // the column the event's date came from
};

struct ChildMapping {
  std::vector<MappedEvent> events;  // in the order to append: by date, chain order within a day
  std::vector<Reject> rejects;
  std::size_t repeated_rows = 0;  // rows identical to (or a less complete copy of) another
};

// The rows of `rows` grouped by child, children in child-id order; the pointers live as
// long as `rows`.
std::map<std::string, ChildRows, std::less<>> RowsByChild(const ReturnRows& rows);

// `known`: the child's journey from what the ledger already holds (nullptr when none or
// not needed). When the child's first episode in the files is not RNE S (a later year's
// return imported on its own), an episode the ledger already has (same DECOM, LS and
// placement details) continues the chain from the ledger's state instead of being rejected.
ChildMapping MapChild(const std::string& child, const ChildRows& rows, const std::string& source,
                      const projections::Journey* known = nullptr);

// True when the child's earliest episode row is not RNE S, so MapChild needs `known`.
bool NeedsKnownJourney(const ChildRows& rows);

// "903:<child>:<kind>:<yyyymmdd>:<12 hex of a content hash>", at most 64 characters.
std::string DerivedEventId(const events::Event& e, const std::string& kind);

}  // namespace cjl::ssda903
