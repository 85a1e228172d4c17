// DfE 903 rules on a return's rows (see validate_903.h).
#include "ops/ssda903/validate_903.h"

#include <algorithm>
#include <map>

#include "events/codes.h"

namespace cjl::ssda903 {
namespace {

namespace codes = events::codes;

bool SameDetails(const EpisodeRow& a, const EpisodeRow& b) {
  return a.place == b.place && a.provider == b.provider && a.pl_post == b.pl_post && a.urn == b.urn;
}

class Validator {
 public:
  explicit Validator(std::vector<Reject>& out) : out_(out) {}

  void Add(const EpisodeRow& e, std::size_t index, const char* column, const std::string& rule) {
    Origin o = e.origin.file.empty() ? Origin{"episodes.csv", index + 2} : e.origin;
    out_.push_back({o, column, e.child, std::string(column) + ": " + rule});
  }

  // One child's episodes, by DECOM, with their indexes in the file.
  void Child(const std::vector<std::pair<const EpisodeRow*, std::size_t>>& eps, Date first,
             const std::map<std::string, const Ad1Row*>& ad1) {
    const EpisodeRow* before_temp = nullptr;
    for (std::size_t k = 0; k < eps.size(); ++k) {
      const auto& [e, i] = eps[k];
      const EpisodeRow* p = k > 0 ? eps[k - 1].first : nullptr;
      const bool temp = codes::IsTemporaryPlacement(e->place);
      if (e->dec.has_value() != !e->rec.empty()) Add(*e, i, "REC", "DEC and REC go together");
      if (e->dec && *e->dec < e->decom) Add(*e, i, "DEC", "DEC before DECOM");
      // Chaining.
      if (p == nullptr) {
        if (e->rne != "S" && e->decom >= first) {
          Add(*e, i, "RNE", "the first episode of a period of care must have RNE S");
        }
      } else if (!p->dec) {
        Add(*e, i, "DECOM", "follows an episode with no DEC (overlap)");
      } else if (p->rec == "X1") {
        if (e->decom != *p->dec) Add(*e, i, "DECOM", "an X1 episode must be followed the same day");
        if (e->rne == "S") Add(*e, i, "RNE", "RNE S after an episode that ended X1");
      } else {
        if (e->rne != "S") Add(*e, i, "RNE", "a new period of care must start with RNE S");
        if (e->decom < *p->dec) Add(*e, i, "DECOM", "starts before the previous period ended");
      }
      if (k + 1 == eps.size() && e->rec == "X1") {
        Add(*e, i, "REC", "X1 but no episode follows");
      }
      // RNE against legal status and placement.
      if (p != nullptr && p->rec == "X1") {
        const bool ls = e->ls != p->ls;
        const bool details = !SameDetails(*e, *p);
        if ((e->rne == "L" || e->rne == "B" || e->rne == "U") && !ls) {
          Add(*e, i, "RNE", "RNE " + e->rne + " needs a legal status change");
        }
        if ((e->rne == "P" || e->rne == "T") && ls) {
          Add(*e, i, "RNE", "RNE " + e->rne + " with a legal status change");
        }
        if (e->rne == "L" && details) Add(*e, i, "RNE", "RNE L with a placement change");
        if ((e->rne == "T" || e->rne == "U") && !details) {
          Add(*e, i, "RNE", "RNE " + e->rne + " with unchanged placement details");
        }
        // Reason for placement change: on the episode that ends with a move (not into or
        // out of a temporary placement), and only there.
        const bool move = e->rne == "P" || e->rne == "B" || e->rne == "T" || e->rne == "U";
        const bool temp_involved = temp || codes::IsTemporaryPlacement(p->place);
        const std::size_t pi = eps[k - 1].second;
        if (move && !temp_involved && p->reason_place_change.empty()) {
          Add(*p, pi, "REASON_PLACE_CHANGE", "required when the next episode is a move");
        }
        if ((!move || temp_involved) && !p->reason_place_change.empty()) {
          Add(*p, pi, "REASON_PLACE_CHANGE", "given but the next episode is not a move");
        }
      }
      // Temporary placements (rules 380-383): not at the start or end of a period, and
      // followed by a return to the placement they interrupted.
      if (temp) {
        if (e->rne == "S")
          Add(*e, i, "PLACE", "a period of care cannot start in a temporary placement");
        if (e->dec && e->rec != "X1") {
          Add(*e, i, "PLACE", "a period of care cannot end in a temporary placement");
        }
        if (p != nullptr && !codes::IsTemporaryPlacement(p->place)) before_temp = p;
      } else if (p != nullptr && codes::IsTemporaryPlacement(p->place) && p->rec == "X1") {
        if (before_temp != nullptr && !SameDetails(*before_temp, *e) && e->rne != "B" &&
            e->rne != "P") {
          Add(*e, i, "PLACE",
              "the return from a temporary placement is not to the placement before it");
        }
      }
      // Adoption chain.
      if ((e->place == "A5" || e->place == "A6") && e->ls != "E1" && e->ls != "D1") {
        Add(*e, i, "LS", "placed for adoption under a placement order (A5/A6) needs LS E1 or D1");
      }
      if (e->rec == "E11" || e->rec == "E12") {
        if (!codes::IsAdoptivePlacement(e->place)) {
          Add(*e, i, "REC", "adopted (E11/E12) from a placement that is not A3-A6");
        }
        auto it = ad1.find(e->child);
        if (it == ad1.end()) {
          Add(*e, i, "REC", "adopted (E11/E12) but no AD1 row");
        } else {
          const Ad1Row& a = *it->second;
          const bool with_foster_carers = e->place == "A3" || e->place == "A5";
          if (a.foster_care && *a.foster_care != with_foster_carers) {
            Add(*e, i, "PLACE", "AD1 FOSTER_CARE disagrees with the last placement (rule 335)");
          }
          if (a.date_match && e->dec && *a.date_match > *e->dec) {
            Add(*e, i, "DEC", "AD1 DATE_MATCH after the adoption");
          }
          if (a.date_int && a.date_match && *a.date_int > *a.date_match) {
            Add(*e, i, "DEC", "AD1 DATE_INT after DATE_MATCH");
          }
        }
      }
    }
  }

 private:
  std::vector<Reject>& out_;
};

}  // namespace

std::vector<Reject> Validate903(const ReturnRows& rows, Date window_first) {
  std::vector<Reject> out;
  std::map<std::string, std::vector<std::pair<const EpisodeRow*, std::size_t>>> by_child;
  for (std::size_t i = 0; i < rows.episodes.size(); ++i) {
    by_child[rows.episodes[i].child].push_back({&rows.episodes[i], i});
  }
  std::map<std::string, const Ad1Row*> ad1;
  for (const Ad1Row& a : rows.ad1) ad1[a.child] = &a;
  Validator v(out);
  for (auto& [child, eps] : by_child) {
    std::stable_sort(eps.begin(), eps.end(), [](const auto& a, const auto& b) {
      if (a.first->decom != b.first->decom) return a.first->decom < b.first->decom;
      return a.first->dec.value_or(Date::max()) < b.first->dec.value_or(Date::max());
    });
    v.Child(eps, window_first, ad1);
  }
  return out;
}

}  // namespace cjl::ssda903
