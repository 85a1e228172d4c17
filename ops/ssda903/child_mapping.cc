// One child's 903 rows to events (see child_mapping.h and the README's mapping tables).
#include "ops/ssda903/child_mapping.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <set>

#include "events/codes.h"

namespace cjl::ssda903 {
namespace {

using events::Event;
using events::EventType;
using events::Placement;
namespace codes = events::codes;

// Within one day: the registration, then the chain (starts and changes), then the other
// facts, then the end of the period (unless another period starts that day, rank 1).
constexpr int kRankRegistration = 0;
constexpr int kRankChain = 1;
constexpr int kRankFact = 2;
constexpr int kRankEnding = 3;

std::uint64_t Fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string Hex(std::uint64_t v, int digits) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return std::string(buf + 16 - digits);
}

std::string Compact(Date d) {
  std::string iso = FormatIsoDate(d);
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

// Every field that makes the event what it is (not its id or source).
std::string ContentKey(const Event& e) {
  const auto& p = e.payload;
  std::string k = std::string(events::EventTypeName(e.type)) + '|' + e.child_id + '|' +
                  FormatIsoDate(e.occurred_on);
  auto add = [&](const std::string& v) {
    k.push_back('|');
    k += v;
  };
  add(p.date_of_birth ? FormatIsoDate(*p.date_of_birth) : "");
  add(p.sex);
  add(p.ethnicity);
  add(p.reason);
  add(p.legal_status);
  add(p.category_of_need);
  if (p.placement) {
    add(p.placement->placement_type);
    add(p.placement->provider);
    add(p.placement->carer_id);
    add(p.placement->postcode_district);
    add(p.placement->urn);
  } else {
    add("-");
  }
  add(p.reason_previous_ended);
  add(p.consent);
  add(p.by_foster_carers ? (*p.by_foster_carers ? "1" : "0") : "");
  add(p.carer);
  add(p.participation);
  add(p.kind);
  add(p.ended_on ? FormatIsoDate(*p.ended_on) : "");
  return k;
}

std::string Where(const Origin& o) { return "line " + std::to_string(o.line) + " of " + o.file; }

class ChildMapper {
 public:
  ChildMapper(const std::string& child, const ChildRows& rows, const std::string& source,
              const projections::Journey* known)
      : child_(child), rows_(rows), source_(source), known_(known) {}

  ChildMapping Run() {
    pending_.reserve(rows_.headers.size() + 2 * rows_.episodes.size() + 2 * rows_.ad1.size() +
                     2 * rows_.placed_for_adoption.size() + rows_.reviews.size() +
                     rows_.missing.size());
    MapHeaders();
    MapAdoptionRows();  // first: AD1's FOSTER_CARE belongs on the adoption order
    MapEpisodes();
    MapOtherFacts();
    return Finish();
  }

 private:
  struct Pending {
    MappedEvent m;
    std::string kind;
    int rank;
    std::size_t seq;
  };

  Event Make(EventType type, Date on) const {
    Event e;
    e.type = type;
    e.child_id = child_;
    e.occurred_on = on;
    e.source = source_;
    return e;
  }
  void Emit(Event e, const char* kind, const Origin& origin, const char* column, int rank) {
    Pending& p = pending_.emplace_back();
    p.m.event = std::move(e);
    p.m.origin = origin;
    p.m.column = column;
    p.kind = kind;
    p.rank = rank;
    p.seq = pending_.size() - 1;
  }
  void RejectRow(const Origin& o, const std::string& column, const std::string& reason) {
    out_.rejects.push_back({o, column, child_, column + ": " + reason});
    ++rejected_;
  }

  void MapHeaders() {
    std::vector<const HeaderRow*> seen;
    for (const HeaderRow* h : rows_.headers) {
      bool repeat = std::any_of(seen.begin(), seen.end(), [&](const HeaderRow* o) {
        return o->dob == h->dob && o->sex == h->sex && o->ethnic == h->ethnic;
      });
      if (repeat) {
        ++out_.repeated_rows;
        continue;
      }
      seen.push_back(h);
      Event e = Make(EventType::kChildRegistered, h->dob);
      e.payload.date_of_birth = h->dob;
      e.payload.sex = h->sex;
      e.payload.ethnicity = h->ethnic;
      Emit(std::move(e), "reg", h->origin, "DOB", kRankRegistration);
    }
  }

  void MapAdoptionRows() {
    for (const Ad1Row* a : rows_.ad1) {
      if (a->foster_care) foster_care_ = a->foster_care;
      if (a->date_int) {
        Emit(Make(EventType::kAgencyDecisionMade, *a->date_int), "adm", a->origin, "DATE_INT",
             kRankFact);
      }
      if (a->date_match) {
        Emit(Make(EventType::kMatchedWithAdopters, *a->date_match), "mat", a->origin, "DATE_MATCH",
             kRankFact);
      }
    }
    for (const PlacedForAdoptionRow* p : rows_.placed_for_adoption) {
      Emit(Make(EventType::kAgencyDecisionMade, p->date_placed), "adm", p->origin, "DATE_PLACED",
           kRankFact);
      if (p->date_placed_ceased && !p->reason_placed_ceased.empty()) {
        Event e = Make(EventType::kAdoptionDecisionReversed, *p->date_placed_ceased);
        e.payload.reason = p->reason_placed_ceased;
        Emit(std::move(e), "adr", p->origin, "DATE_PLACED_CEASED", kRankFact);
      }
    }
  }

  void MapOtherFacts() {
    for (const ReviewRow* r : rows_.reviews) {
      Event e = Make(EventType::kReviewHeld, r->review);
      e.payload.participation = r->code;
      Emit(std::move(e), "rvw", r->origin, "REVIEW", kRankFact);
    }
    for (const MissingRow* m : rows_.missing) {
      Event e = Make(EventType::kMissingEpisodeRecorded, m->start);
      e.payload.kind = m->kind;
      e.payload.ended_on = m->end;
      Emit(std::move(e), "mis", m->origin, "MIS_START", kRankFact);
    }
  }

  // Identical rows (and an open copy of a closed episode) are one fact.
  std::vector<const EpisodeRow*> DistinctEpisodes() {
    std::vector<const EpisodeRow*> eps;
    for (const EpisodeRow* r : rows_.episodes) {
      auto it = std::find_if(eps.begin(), eps.end(),
                             [&](const EpisodeRow* k) { return k->SameEpisode(*r); });
      if (it == eps.end()) {
        eps.push_back(r);
        continue;
      }
      const EpisodeRow* k = *it;
      if (k->SameAll(*r) || (k->dec && !r->dec)) {
        ++out_.repeated_rows;
      } else if (!k->dec && r->dec) {
        *it = r;
        ++out_.repeated_rows;
      } else {
        const char* column = k->dec != r->dec   ? "DEC"
                             : k->rec != r->rec ? "REC"
                                                : "REASON_PLACE_CHANGE";
        RejectRow(r->origin, column,
                  "conflicts with the same episode (DECOM " + FormatIsoDate(r->decom) + ") at " +
                      Where(k->origin));
      }
    }
    std::stable_sort(eps.begin(), eps.end(), [](const EpisodeRow* a, const EpisodeRow* b) {
      if (a->decom != b->decom) return a->decom < b->decom;
      return a->dec.value_or(Date::max()) < b->dec.value_or(Date::max());
    });
    return eps;
  }

  std::string NewCarer(Date on) {
    std::string base = child_ + "." + Compact(on);
    if (base.size() > 56) base = "c" + Hex(Fnv1a(base), 16);
    std::string id = base;
    for (int n = 2; carers_.contains(id); ++n) id = base + "." + std::to_string(n);
    carers_.insert(id);
    return id;
  }

  static Placement PlacementOf(const EpisodeRow& e, std::string carer) {
    Placement p;
    p.placement_type = e.place;
    p.provider = e.provider;
    p.carer_id = std::move(carer);
    p.postcode_district = e.pl_post;
    p.urn = e.urn;
    return p;
  }
  static bool SameDetails(const Placement& p, const EpisodeRow& e) {
    return p.placement_type == e.place && p.provider == e.provider &&
           p.postcode_district == e.pl_post && p.urn == e.urn;
  }

  // The reason a change is not consistent with its RNE, or "" (DfE's RNE rules).
  static std::pair<std::string, std::string> RneProblem(const EpisodeRow& p, const EpisodeRow& e) {
    const bool ls = e.ls != p.ls;
    const bool details =
        e.place != p.place || e.provider != p.provider || e.pl_post != p.pl_post || e.urn != p.urn;
    const std::string change = " (" + p.ls + " to " + e.ls + ")";
    const std::string& r = e.rne;
    if ((r == "L" || r == "B" || r == "U") && !ls) {
      return {"LS", "RNE " + r + " but the legal status is unchanged (" + e.ls + ")"};
    }
    if ((r == "P" || r == "T") && ls) {
      return {"LS", "RNE " + r + " but the legal status changed" + change + "; use " +
                        (r == "P" ? "B" : "U")};
    }
    if (r == "L" && details) {
      return {"PLACE",
              "RNE L but the placement changed (" + p.place + " to " + e.place + "); use B or U"};
    }
    if ((r == "T" || r == "U") && !details) {
      return {"PLACE", "RNE " + r + " but the placement details are unchanged"};
    }
    return {"", ""};
  }

  // The ledger's copy of episode `e` (imported earlier), and the placement the chain was
  // in before it if it is temporary; nullptr when the ledger does not have it.
  const projections::Episode* KnownEpisode(const EpisodeRow& e, Placement& before_temp) const {
    if (known_ == nullptr) return nullptr;
    for (const auto& period : known_->periods) {
      const Placement* last_normal = nullptr;
      for (const auto& k : period.episodes) {
        if (k.start == e.decom && k.legal_status == e.ls && SameDetails(k.placement, e)) {
          if (last_normal != nullptr) before_temp = *last_normal;
          return &k;
        }
        if (!codes::IsTemporaryPlacement(k.placement.placement_type)) last_normal = &k.placement;
      }
    }
    return nullptr;
  }

  void MapEpisodes() {
    const EpisodeRow* prev = nullptr;
    std::size_t rejected_before_prev = rejected_;
    Placement current, before_temp;
    for (const EpisodeRow* e : DistinctEpisodes()) {
      const char* chain = "DECOM";
      if (prev && !prev->dec) {
        RejectRow(e->origin, chain,
                  "overlaps the episode at " + Where(prev->origin) + " (DECOM " +
                      FormatIsoDate(prev->decom) + "), which has no DEC");
        continue;
      }
      if (prev && e->decom < *prev->dec) {
        RejectRow(e->origin, chain,
                  "starts " + FormatIsoDate(e->decom) + ", before the episode at " +
                      Where(prev->origin) + " ends (DEC " + FormatIsoDate(*prev->dec) + ")");
        continue;
      }
      const bool continuing = prev && prev->rec == "X1";
      if (continuing) {
        if (e->decom != *prev->dec) {
          RejectRow(e->origin, chain,
                    "episode chain broken: the episode at " + Where(prev->origin) +
                        " ended X1 on " + FormatIsoDate(*prev->dec) +
                        ", so the next episode must start that day, not " +
                        FormatIsoDate(e->decom));
          continue;
        }
        if (e->rne == "S") {
          RejectRow(e->origin, "RNE",
                    "RNE S but the period of care continues (the episode at " +
                        Where(prev->origin) + " ended X1)");
          continue;
        }
        if (auto [column, reason] = RneProblem(*prev, *e); !column.empty()) {
          RejectRow(e->origin, column, reason);
          continue;
        }
        MapChange(*prev, *e, current, before_temp);
      } else if (const projections::Episode* k = prev ? nullptr : KnownEpisode(*e, before_temp);
                 k != nullptr && e->rne != "S") {
        current = k->placement;  // already in the ledger: continue from its state
      } else {
        if (e->rne != "S") {
          RejectRow(e->origin, "RNE",
                    "RNE " + e->rne + " but child " + child_ + " has no open period of care " +
                        (prev ? "(the episode at " + Where(prev->origin) + " ended " + prev->rec +
                                    " on " + FormatIsoDate(*prev->dec) + ")"
                              : "(the period's first episode, RNE S, is not in the files)"));
          continue;
        }
        current = PlacementOf(*e, NewCarer(e->decom));
        Event start = Make(EventType::kPeriodOfCareStarted, e->decom);
        start.payload.legal_status = e->ls;
        start.payload.category_of_need = e->cin;
        start.payload.placement = current;
        Emit(std::move(start), "poc", e->origin, "DECOM", kRankChain);
      }
      prev = e;
      rejected_before_prev = rejected_;
      if (e->dec && e->rec != "X1") MapEnding(*e);
    }
    // (When a later episode was rejected, that reject already tells why the chain stops.)
    if (prev && prev->rec == "X1" && rejected_ == rejected_before_prev) {
      RejectRow(prev->origin, "REC",
                "REC X1 but no episode follows on " + FormatIsoDate(*prev->dec) +
                    "; the period of care is left open");
    }
  }

  void MapChange(const EpisodeRow& p, const EpisodeRow& e, Placement& current,
                 Placement& before_temp) {
    const bool ls_changes = e.rne == "L" || e.rne == "B" || e.rne == "U";
    const bool moves = e.rne != "L";
    if (ls_changes) {
      if (e.ls == "E1") {
        Emit(Make(EventType::kPlacementOrderMade, e.decom), "po", e.origin, "DECOM", kRankChain);
      } else {
        Event ls = Make(EventType::kLegalStatusChanged, e.decom);
        ls.payload.legal_status = e.ls;
        Emit(std::move(ls), "ls", e.origin, "DECOM", kRankChain);
      }
    }
    if (!moves) return;
    const bool from_temp = codes::IsTemporaryPlacement(p.place);
    const bool to_temp = codes::IsTemporaryPlacement(e.place);
    if (to_temp && !from_temp) before_temp = current;
    std::string carer;
    if (e.rne == "T" || e.rne == "U") {
      carer = current.carer_id;
    } else if (from_temp && !to_temp && SameDetails(before_temp, e)) {
      carer = before_temp.carer_id;  // the return to the placement the temporary one interrupted
    } else {
      carer = NewCarer(e.decom);
    }
    current = PlacementOf(e, carer);
    const bool adoptive =
        codes::IsAdoptivePlacement(e.place) && !codes::IsAdoptivePlacement(p.place);
    Event move =
        Make(adoptive ? EventType::kPlacedForAdoption : EventType::kPlacementMoved, e.decom);
    move.payload.placement = current;
    if (!from_temp && !to_temp) move.payload.reason_previous_ended = p.reason_place_change;
    Emit(std::move(move), adoptive ? "pfa" : "mov", e.origin, "DECOM", kRankChain);
  }

  void MapEnding(const EpisodeRow& e) {
    const std::string& rec = e.rec;
    Event end;
    const char* kind = "end";
    if (rec == "E11" || rec == "E12") {
      end = Make(EventType::kAdoptionOrderGranted, *e.dec);
      end.payload.consent = rec == "E11" ? "unopposed" : "dispensed_with";
      end.payload.by_foster_carers = foster_care_;
      kind = "aog";
    } else if (rec == "E41") {
      end = Make(EventType::kChildArrangementsOrderGranted, *e.dec);
      kind = "cao";
    } else if (rec.size() == 3 && rec[0] == 'E' && rec[1] == '4' && rec[2] >= '3' &&
               rec[2] <= '8') {
      end = Make(EventType::kSpecialGuardianshipOrderGranted, *e.dec);
      static const char* kCarers[] = {"former_foster_carer_other",  // E43 (pre-2016 code)
                                      "other",                      // E44 (pre-2016 code)
                                      "former_foster_carer_relative_or_friend",  // E45
                                      "former_foster_carer_other",               // E46
                                      "other_relative_or_friend",                // E47
                                      "other"};                                  // E48
      end.payload.carer = kCarers[rec[2] - '3'];
      kind = "sgo";
    } else {
      end = Make(EventType::kPeriodOfCareEnded, *e.dec);
      end.payload.reason = rec;
    }
    Emit(std::move(end), kind, e.origin, "DEC", kRankEnding);
  }

  ChildMapping Finish() {
    // An end followed the same day by a new period's start stays in chain order.
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      if (pending_[i].rank != kRankEnding) continue;
      for (std::size_t j = i + 1; j < pending_.size(); ++j) {
        if (pending_[j].m.event.type == EventType::kPeriodOfCareStarted &&
            pending_[j].m.event.occurred_on == pending_[i].m.event.occurred_on) {
          pending_[i].rank = kRankChain;
        }
      }
    }
    // Sort positions, not events (an event is large to move).
    std::vector<std::size_t> order(pending_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      const Pending& a = pending_[x];
      const Pending& b = pending_[y];
      if (a.m.event.occurred_on != b.m.event.occurred_on) {
        return a.m.event.occurred_on < b.m.event.occurred_on;
      }
      if (a.rank != b.rank) return a.rank < b.rank;
      return a.seq < b.seq;
    });
    std::set<std::string> ids;
    out_.events.reserve(pending_.size());
    for (std::size_t i : order) {
      Pending& p = pending_[i];
      p.m.event.event_id = DerivedEventId(p.m.event, p.kind);
      if (!ids.insert(p.m.event.event_id).second) continue;  // the same fact from two rows
      out_.events.push_back(std::move(p.m));
    }
    return std::move(out_);
  }

  const std::string& child_;
  const ChildRows& rows_;
  const std::string& source_;
  const projections::Journey* known_;
  std::optional<bool> foster_care_;
  std::set<std::string> carers_;
  std::vector<Pending> pending_;
  std::size_t rejected_ = 0;
  ChildMapping out_;
};

}  // namespace

std::string DerivedEventId(const Event& e, const std::string& kind) {
  const std::string hash = Hex(Fnv1a(ContentKey(e)), 12);
  std::string id = "903:" + e.child_id + ":" + kind + ":" + Compact(e.occurred_on) + ":" + hash;
  if (id.size() > 64) {
    id = "903:" + kind + ":" + Compact(e.occurred_on) + ":" + Hex(Fnv1a(e.child_id), 16) + ":" +
         hash;
  }
  return id;
}

std::map<std::string, ChildRows, std::less<>> RowsByChild(const ReturnRows& rows) {
  std::map<std::string, ChildRows, std::less<>> children;
  for (const auto& r : rows.headers) children[r.child].headers.push_back(&r);
  for (const auto& r : rows.episodes) children[r.child].episodes.push_back(&r);
  for (const auto& r : rows.ad1) children[r.child].ad1.push_back(&r);
  for (const auto& r : rows.placed_for_adoption)
    children[r.child].placed_for_adoption.push_back(&r);
  for (const auto& r : rows.reviews) children[r.child].reviews.push_back(&r);
  for (const auto& r : rows.missing) children[r.child].missing.push_back(&r);
  return children;
}

ChildMapping MapChild(const std::string& child, const ChildRows& rows, const std::string& source,
                      const projections::Journey* known) {
  return ChildMapper(child, rows, source, known).Run();
}

bool NeedsKnownJourney(const ChildRows& rows) {
  const EpisodeRow* first = nullptr;
  for (const EpisodeRow* e : rows.episodes) {
    if (first == nullptr || e->decom < first->decom) first = e;
  }
  return first != nullptr && first->rne != "S";
}

}  // namespace cjl::ssda903
