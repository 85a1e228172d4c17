// The per-child reducer (see child_facts.h).
#include "projections/child_facts.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace cjl::projections {
namespace {

using events::EventType;
using events::RecordedEvent;

bool BusinessLess(const RecordedEvent& a, const RecordedEvent& b) {
  return std::tie(a.event.occurred_on, a.position) < std::tie(b.event.occurred_on, b.position);
}
bool PositionLess(const RecordedEvent& a, const RecordedEvent& b) {
  return a.position < b.position;
}

void InsertSorted(std::vector<RecordedEvent>& v, RecordedEvent&& e,
                  bool (*less)(const RecordedEvent&, const RecordedEvent&)) {
  auto at = std::upper_bound(v.begin(), v.end(), e, less);
  v.insert(at, std::move(e));
}

// Finds an event by id in any of the three lists; returns the list and the index.
std::pair<std::vector<RecordedEvent>*, std::size_t> FindById(ChildFacts& f, const std::string& id) {
  for (auto* list : {&f.facts, &f.retractions, &f.withheld}) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i].event.event_id == id) return {list, i};
    }
  }
  return {nullptr, 0};
}

// Recomputes retracted_ids from the retractions and moves facts between `facts` and
// `withheld` to match. Retractions are decided from the highest position down, so a
// retraction of a retraction wins over its target.
void Rebalance(ChildFacts& f) {
  std::set<std::string> ids;
  for (auto it = f.retractions.rbegin(); it != f.retractions.rend(); ++it) {
    if (ids.count(it->event.event_id) == 0) ids.insert(it->event.payload.target_event_id);
  }
  // Retracted retractions stay in `retractions`; only their status changes.
  std::vector<RecordedEvent> all;
  all.reserve(f.facts.size() + f.withheld.size());
  for (auto& e : f.facts) all.push_back(std::move(e));
  for (auto& e : f.withheld) all.push_back(std::move(e));
  f.facts.clear();
  f.withheld.clear();
  for (auto& e : all) {
    (ids.count(e.event.event_id) ? f.withheld : f.facts).push_back(std::move(e));
  }
  std::sort(f.facts.begin(), f.facts.end(), BusinessLess);
  std::sort(f.withheld.begin(), f.withheld.end(), PositionLess);
  f.retracted_ids = std::move(ids);
}

}  // namespace

void ApplyEvent(ChildFacts& facts, const RecordedEvent& e) { ApplyEvent(facts, RecordedEvent(e)); }

void ApplyEvent(ChildFacts& facts, RecordedEvent&& e) {
  if (facts.child_id.empty()) facts.child_id = e.event.child_id;
  if (e.event.child_id != facts.child_id) return;

  auto [list, index] = FindById(facts, e.event.event_id);
  if (list != nullptr) {
    // A repeated id counts once; keep the lowest position so the result does not depend
    // on which copy arrived first.
    if (!((*list)[index].position > e.position)) return;
    list->erase(list->begin() + static_cast<std::ptrdiff_t>(index));
  }
  if (e.event.type == EventType::kEventRetracted) {
    InsertSorted(facts.retractions, std::move(e), PositionLess);
    Rebalance(facts);
    return;
  }
  if (facts.retracted_ids.count(e.event.event_id)) {
    InsertSorted(facts.withheld, std::move(e), PositionLess);
  } else {
    InsertSorted(facts.facts, std::move(e), BusinessLess);
  }
  if (list == &facts.retractions) Rebalance(facts);  // a retraction was replaced
}

void AuthorityState::Apply(const RecordedEvent& e) { Apply(RecordedEvent(e)); }

void AuthorityState::Apply(RecordedEvent&& e) {
  auto it = children_.find(e.event.child_id);
  if (it == children_.end()) {
    it = children_.emplace(e.event.child_id, ChildFacts{}).first;
    it->second.child_id = e.event.child_id;
  }
  ApplyEvent(it->second, std::move(e));
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
