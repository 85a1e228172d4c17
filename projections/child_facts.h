// The reducer state of the projections: each child's facts, and all children of one
// authority. Owned by projections/. Value types; thread-compatible (no shared state: a
// caller that shares one instance between threads must lock around it).
//
// ApplyEvent is a pure reducer (state, event) -> state with no I/O and no clock. Every
// figure (scorecard, trackers, child report) is derived from these facts on demand, as at
// a date given as an argument, so a late, back-dated fact or a retraction recomputes them.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "events/event.h"
#include "projections/fact.h"

namespace cjl::projections {

// One child's facts.
//
// Invariants (hold after every ApplyEvent, whatever the arrival order):
//  - `facts` holds the child's non-retracted facts other than EventRetracted, in business
//    order: occurred_on, then ledger position. No two share an event_id.
//  - `retractions` holds every EventRetracted of the child, retracted or not, by position.
//  - `withheld` holds the facts a retraction took out, by position; they are kept so that
//    a retraction of the retraction (rare, but "as if never recorded") restores them.
//  - `retracted_ids` is the set of event ids taken out by an effective retraction. A
//    retraction is effective unless a later (higher position) effective one targets it.
//    The set may name events not yet seen: a retraction that arrives before its target
//    still removes the target when it arrives.
//  - A repeated event_id counts once (the copy with the lowest position is kept).
// Hence the state from any arrival order of the same events equals the state from
// ledger order (operator== compares every member).
struct ChildFacts {
  std::string child_id;
  std::vector<Fact> facts;
  std::vector<Fact> retractions;
  std::vector<Fact> withheld;
  std::set<std::string, std::less<>> retracted_ids;

  // Number of distinct events applied (facts, withheld facts and retractions).
  std::size_t event_count() const { return facts.size() + retractions.size() + withheld.size(); }
  // The records of `facts` dated on or before `until`, decoded, in business order.
  std::vector<events::RecordedEvent> DecodedFacts(Date until = Date::max()) const;
  bool operator==(const ChildFacts&) const = default;
};

// Applies one recorded event of this child. An event of another child (child_id set and
// different) is ignored; an empty ChildFacts takes the event's child_id.
void ApplyEvent(ChildFacts& facts, const events::RecordedEvent& e);
// The same for a fact (the ledger's bytes of the record).
void ApplyFact(ChildFacts& facts, Fact&& fact);

// All children of one authority, by child_id.
// Invariants: each ChildFacts is stored under its own child_id.
class AuthorityState {
 public:
  using Map = std::map<std::string, ChildFacts, std::less<>>;

  // Routes the event to its child (creating the child on first sight).
  void Apply(const events::RecordedEvent& e);
  void Apply(Fact&& fact);
  // The child's facts, created empty (with its child_id) on first sight. The reference
  // stays valid while the child is in the state (map nodes do not move), so a fold may
  // keep it across the consecutive facts of one child.
  ChildFacts& Child(std::string_view child_id);
  // Replaces one child's facts (e.g. loaded from the projection store).
  void Put(ChildFacts facts);
  // nullptr when the child has no facts. The pointer lives until the next Apply/Put.
  const ChildFacts* Find(std::string_view child_id) const;

  // Iteration in child_id order.
  Map::const_iterator begin() const { return children_.begin(); }
  Map::const_iterator end() const { return children_.end(); }
  std::size_t size() const { return children_.size(); }
  bool empty() const { return children_.empty(); }

  bool operator==(const AuthorityState&) const = default;

 private:
  Map children_;
};

}  // namespace cjl::projections
