// The per-child reducer (see child_facts.h).
#include "projections/child_facts.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace cjl::projections {
namespace {

using events::EventType;
using events::RecordedEvent;

bool BusinessLess(const Fact& a, const Fact& b) {
  return std::pair(a.occurred_on(), a.position()) < std::pair(b.occurred_on(), b.position());
}
bool PositionLess(const Fact& a, const Fact& b) { return a.position() < b.position(); }

void InsertSorted(std::vector<Fact>& v, Fact&& f, bool (*less)(const Fact&, const Fact&)) {
  auto at = std::upper_bound(v.begin(), v.end(), f, less);
  v.insert(at, std::move(f));
}

// Finds a fact by event id in any of the three lists; returns the list and the index.
std::pair<std::vector<Fact>*, std::size_t> FindById(ChildFacts& f, std::string_view id) {
  for (auto* list : {&f.facts, &f.retractions, &f.withheld}) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i].event_id() == id) return {list, i};
    }
  }
  return {nullptr, 0};
}

// Recomputes retracted_ids from the retractions and moves facts between `facts` and
// `withheld` to match. Retractions are decided from the highest position down, so a
// retraction of a retraction wins over its target.
void Rebalance(ChildFacts& f) {
  std::set<std::string, std::less<>> ids;
  for (auto it = f.retractions.rbegin(); it != f.retractions.rend(); ++it) {
    if (ids.count(it->event_id()) == 0) ids.insert(it->target_event_id());
  }
  // Retracted retractions stay in `retractions`; only their status changes.
  std::vector<Fact> all;
  all.reserve(f.facts.size() + f.withheld.size());
  for (auto& e : f.facts) all.push_back(std::move(e));
  for (auto& e : f.withheld) all.push_back(std::move(e));
  f.facts.clear();
  f.withheld.clear();
  for (auto& e : all) {
    (ids.count(e.event_id()) ? f.withheld : f.facts).push_back(std::move(e));
  }
  std::sort(f.facts.begin(), f.facts.end(), BusinessLess);
  std::sort(f.withheld.begin(), f.withheld.end(), PositionLess);
  f.retracted_ids = std::move(ids);
}

}  // namespace

std::vector<RecordedEvent> ChildFacts::DecodedFacts(Date until) const {
  std::vector<RecordedEvent> out;
  out.reserve(facts.size());
  for (const Fact& f : facts) {
    if (f.occurred_on() > until) break;  // business order
    out.push_back(f.Decode());
  }
  return out;
}

void ApplyEvent(ChildFacts& facts, const RecordedEvent& e) {
  if (!facts.child_id.empty() && e.event.child_id != facts.child_id) return;
  ApplyFact(facts, Fact::FromRecorded(e));
}

void ApplyFact(ChildFacts& facts, Fact&& e) {
  if (facts.child_id.empty()) facts.child_id = e.child_id();
  if (e.child_id() != facts.child_id) return;

  auto [list, index] = FindById(facts, e.event_id());
  if (list != nullptr) {
    // A repeated id counts once; keep the lowest position so the result does not depend
    // on which copy arrived first.
    if (!((*list)[index].position() > e.position())) return;
    list->erase(list->begin() + static_cast<std::ptrdiff_t>(index));
  }
  if (e.type() == EventType::kEventRetracted) {
    InsertSorted(facts.retractions, std::move(e), PositionLess);
    Rebalance(facts);
    return;
  }
  if (facts.retracted_ids.count(e.event_id())) {
    InsertSorted(facts.withheld, std::move(e), PositionLess);
  } else {
    InsertSorted(facts.facts, std::move(e), BusinessLess);
  }
  if (list == &facts.retractions) Rebalance(facts);  // a retraction was replaced
}

void AuthorityState::Apply(const RecordedEvent& e) { Apply(Fact::FromRecorded(e)); }

void AuthorityState::Apply(Fact&& fact) {
  ChildFacts& child = Child(fact.child_id());
  ApplyFact(child, std::move(fact));
}

ChildFacts& AuthorityState::Child(std::string_view child_id) {
  auto it = children_.find(child_id);
  if (it == children_.end()) {
    it = children_.emplace(std::string(child_id), ChildFacts{}).first;
    it->second.child_id = it->first;
    // Room for a typical journey's facts (the generator's mean is ~10 per child), so a
    // fold does not regrow every child's vector several times.
    it->second.facts.reserve(8);
  }
  return it->second;
}

void AuthorityState::Put(ChildFacts facts) {
  std::string id = facts.child_id;
  children_.insert_or_assign(std::move(id), std::move(facts));
}

const ChildFacts* AuthorityState::Find(std::string_view child_id) const {
  auto it = children_.find(child_id);
  return it == children_.end() ? nullptr : &it->second;
}

}  // namespace cjl::projections
