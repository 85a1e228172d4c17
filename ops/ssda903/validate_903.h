// A subset of the DfE SSDA903 validation rules, checked on a return's rows: episode
// chaining, RNE / legal status / placement consistency, temporary placements, reasons
// for placement change and the adoption chain. Used by tests to show that an export of
// valid journeys is a valid return. Owned by ops/ssda903. Pure; thread-safe.
#pragma once

#include <vector>

#include "ops/ssda903/return_files.h"

namespace cjl::ssda903 {

// Every broken rule, each naming the row (its origin, or "episodes.csv" and the row's
// 1-based data line + 1 when the rows have no origin), the column and the rule. Episodes
// starting before `window_first` may have any RNE (their period began before the window).
std::vector<Reject> Validate903(const ReturnRows& rows, Date window_first);

}  // namespace cjl::ssda903
