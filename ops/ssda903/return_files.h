// The SSDA903 return as rows: loading header.csv, episodes.csv, ad1.csv,
// placed_for_adoption.csv, reviews.csv and missing.csv from a directory (and its immediate
// subdirectories, e.g. one per collection year), checking every field's format and code
// list. A row that fails a check becomes a Reject naming file, line, column and reason;
// the rest load. Owned by ops/ssda903. Pure apart from reading files; thread-compatible.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace cjl::ssda903 {

// Where a row came from: the file (relative to the imported directory) and its line.
struct Origin {
  std::string file;
  std::size_t line = 0;
};

// A row that could not be mapped, and why. Written to the rejects file as JSON.
struct Reject {
  Origin origin;
  std::string column;  // the DfE column name; empty for a whole-row reason
  std::string child;
  std::string reason;
};
std::string RejectToJson(const Reject& r);

struct HeaderRow {
  Origin origin;
  std::string child;
  std::string sex;  // contract code M, F, U (903 1 = M, 2 = F)
  Date dob{};
  std::string ethnic;
};

struct EpisodeRow {
  Origin origin;
  std::string child;
  Date decom{};
  std::string rne, ls, cin, place, provider;
  std::optional<Date> dec;
  std::string rec, reason_place_change, home_post, pl_post, urn;
  // The fields that identify the episode (all but DEC, REC, REASON_PLACE_CHANGE, which a
  // later year's file fills in for an episode that was open at the earlier year's end).
  bool SameEpisode(const EpisodeRow& o) const {
    return decom == o.decom && rne == o.rne && ls == o.ls && cin == o.cin && place == o.place &&
           provider == o.provider && pl_post == o.pl_post && urn == o.urn;
  }
  bool SameAll(const EpisodeRow& o) const {
    return SameEpisode(o) && dec == o.dec && rec == o.rec &&
           reason_place_change == o.reason_place_change;
  }
};

struct Ad1Row {
  Origin origin;
  std::string child;
  std::optional<Date> date_int, date_match;
  std::optional<bool> foster_care;
};

struct PlacedForAdoptionRow {
  Origin origin;
  std::string child;
  Date date_placed{};
  std::optional<Date> date_placed_ceased;
  std::string reason_placed_ceased;  // RD1-RD4 or empty
};

struct ReviewRow {
  Origin origin;
  std::string child;
  Date review{};
  std::string code;  // PN0-PN7 or empty
};

struct MissingRow {
  Origin origin;
  std::string child;
  std::string kind;  // M or A
  Date start{};
  std::optional<Date> end;
};

struct ReturnRows {
  std::vector<HeaderRow> headers;
  std::vector<EpisodeRow> episodes;
  std::vector<Ad1Row> ad1;
  std::vector<PlacedForAdoptionRow> placed_for_adoption;
  std::vector<ReviewRow> reviews;
  std::vector<MissingRow> missing;
  std::vector<Reject> rejects;
  std::size_t rows_read = 0;
  std::size_t files_read = 0;
};

// Loads every 903 file found in `dir` and its immediate subdirectories (names matched
// case-insensitively, subdirectories in name order). Errors: kNotFound when `dir` is not a
// directory or holds no episodes.csv or header.csv anywhere; kUnavailable when a file
// cannot be read. A file missing a required column is rejected whole (one Reject on line
// 1 naming the column).
Status LoadReturnDirectory(const std::string& dir, ReturnRows& out);

// "DD/MM/YYYY" or "YYYY-MM-DD".
std::optional<Date> Parse903Date(std::string_view text);
std::string Format903Date(Date d);  // DD/MM/YYYY

}  // namespace cjl::ssda903
