// Loading the 903 files into rows (see return_files.h).
#include "ops/ssda903/return_files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "events/codes.h"
#include "events/validation.h"
#include "ops/ssda903/csv.h"

namespace cjl::ssda903 {
namespace {

namespace fs = std::filesystem;
namespace codes = events::codes;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool IsRne(const std::string& v) {
  return v == "S" || v == "L" || v == "P" || v == "T" || v == "B" || v == "U";
}

bool IsRec(const std::string& v) {
  static const char* kOwn[] = {"X1", "E11", "E12", "E41", "E43", "E44", "E45", "E46", "E47", "E48"};
  for (const char* c : kOwn) {
    if (v == c) return true;
  }
  return codes::Contains(codes::kPeriodEndReason, v);
}

// Reads the named fields of one row, collecting the first problem as a Reject.
class RowReader {
 public:
  RowReader(const CsvTable& t, std::size_t row, const std::string& file)
      : t_(t), row_(t.rows[row]) {
    reject_.origin = {file, t.lines[row]};
  }
  bool failed() const { return failed_; }
  Reject reject() const { return reject_; }
  Origin origin() const { return reject_.origin; }

  std::string Text(const char* column) {
    int i = t_.Column(column);
    if (i < 0 || static_cast<std::size_t>(i) >= row_.size()) return "";
    return row_[i];
  }
  std::string Child() {
    std::string v = Text("CHILD");
    reject_.child = v;
    if (v.empty()) {
      Fail("CHILD", "required");
    } else if (!events::IsValidChildId(v)) {
      Fail("CHILD", "\"" + v + "\" is not a valid child id (1-64 of A-Za-z0-9._-)");
    }
    return v;
  }
  std::optional<Date> DateOf(const char* column, bool required) {
    std::string v = Text(column);
    if (v.empty()) {
      if (required) Fail(column, "required");
      return std::nullopt;
    }
    auto d = Parse903Date(v);
    if (!d) Fail(column, "bad date \"" + v + "\" (want DD/MM/YYYY or YYYY-MM-DD)");
    return d;
  }
  std::string Code(const char* column, bool required, bool (*known)(const std::string&)) {
    std::string v = Upper(Text(column));
    if (v.empty()) {
      if (required) Fail(column, "required");
      return v;
    }
    if (!known(v)) Fail(column, "unknown code \"" + v + "\"");
    return v;
  }
  void Fail(const std::string& column, const std::string& reason) {
    if (failed_) return;
    failed_ = true;
    reject_.column = column;
    reject_.reason = column + ": " + reason;
  }

 private:
  const CsvTable& t_;
  const std::vector<std::string>& row_;
  Reject reject_;
  bool failed_ = false;
};

template <const codes::CodeList* kList>
bool InList(const std::string& v) {
  return codes::Contains(*kList, v);
}
bool IsSex(const std::string& v) {
  return v == "1" || v == "2" || v == "M" || v == "F" || v == "U";
}
bool IsBool01(const std::string& v) { return v == "0" || v == "1"; }
bool IsMissingKind(const std::string& v) {
  return v == "M" || v == "A" || v == "MISSING" || v == "AWAY";
}
bool IsRd(const std::string& v) { return codes::Contains(codes::kReversalReason, v); }
bool IsPn(const std::string& v) { return codes::Contains(codes::kParticipation, v); }

struct FileKind {
  const char* name;  // lower-case file name
  std::vector<const char*> required;
};

const std::vector<FileKind>& FileKinds() {
  static const std::vector<FileKind> kinds = {
      {"header.csv", {"CHILD", "SEX", "DOB", "ETHNIC"}},
      {"episodes.csv", {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "DEC", "REC"}},
      {"ad1.csv", {"CHILD", "DATE_INT", "DATE_MATCH", "FOSTER_CARE"}},
      {"placed_for_adoption.csv", {"CHILD", "DATE_PLACED"}},
      {"reviews.csv", {"CHILD", "REVIEW"}},
      {"missing.csv", {"CHILD", "MISSING", "MIS_START"}},
  };
  return kinds;
}

void LoadRows(const FileKind& kind, const CsvTable& t, const std::string& file, ReturnRows& out) {
  const std::string name = kind.name;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    ++out.rows_read;
    RowReader r(t, i, file);
    if (name == "header.csv") {
      HeaderRow h;
      h.origin = r.origin();
      h.child = r.Child();
      std::string sex = r.Code("SEX", true, IsSex);
      h.sex = sex == "1" ? "M" : sex == "2" ? "F" : sex;
      if (auto d = r.DateOf("DOB", true)) h.dob = *d;
      h.ethnic = r.Code("ETHNIC", true, InList<&codes::kEthnicity>);
      if (!r.failed()) out.headers.push_back(std::move(h));
    } else if (name == "episodes.csv") {
      EpisodeRow e;
      e.origin = r.origin();
      e.child = r.Child();
      if (auto d = r.DateOf("DECOM", true)) e.decom = *d;
      e.rne = r.Code("RNE", true, IsRne);
      e.ls = r.Code("LS", true, InList<&codes::kLegalStatus>);
      e.cin = r.Code("CIN", true, InList<&codes::kCategoryOfNeed>);
      e.place = r.Code("PLACE", true, InList<&codes::kPlacementType>);
      e.provider = r.Code("PLACE_PROVIDER", false, InList<&codes::kPlacementProvider>);
      e.dec = r.DateOf("DEC", false);
      e.rec = r.Code("REC", false, IsRec);
      e.reason_place_change =
          r.Code("REASON_PLACE_CHANGE", false, InList<&codes::kReasonPlaceChange>);
      e.home_post = r.Text("HOME_POST");
      e.pl_post = r.Text("PL_POST");
      e.urn = r.Text("URN");
      if (e.pl_post.size() > 8) r.Fail("PL_POST", "longer than 8 characters");
      if (e.urn.size() > 16) r.Fail("URN", "longer than 16 characters");
      if (!r.failed() && e.dec && *e.dec < e.decom) {
        r.Fail("DEC", FormatIsoDate(*e.dec) + " is before DECOM " + FormatIsoDate(e.decom));
      }
      if (!r.failed() && e.dec.has_value() != !e.rec.empty()) {
        r.Fail(e.dec ? "REC" : "DEC", "DEC and REC must be both given or both blank");
      }
      if (!r.failed()) out.episodes.push_back(std::move(e));
    } else if (name == "ad1.csv") {
      Ad1Row a;
      a.origin = r.origin();
      a.child = r.Child();
      a.date_int = r.DateOf("DATE_INT", false);
      a.date_match = r.DateOf("DATE_MATCH", false);
      std::string fc = r.Code("FOSTER_CARE", false, IsBool01);
      if (!fc.empty()) a.foster_care = fc == "1";
      if (!r.failed()) out.ad1.push_back(std::move(a));
    } else if (name == "placed_for_adoption.csv") {
      PlacedForAdoptionRow p;
      p.origin = r.origin();
      p.child = r.Child();
      if (auto d = r.DateOf("DATE_PLACED", true)) p.date_placed = *d;
      p.date_placed_ceased = r.DateOf("DATE_PLACED_CEASED", false);
      p.reason_placed_ceased = r.Code("REASON_PLACED_CEASED", false, IsRd);
      if (!r.failed() && p.date_placed_ceased && *p.date_placed_ceased < p.date_placed) {
        r.Fail("DATE_PLACED_CEASED", "before DATE_PLACED");
      }
      if (!r.failed() && !p.reason_placed_ceased.empty() && !p.date_placed_ceased) {
        r.Fail("DATE_PLACED_CEASED", "required when REASON_PLACED_CEASED is given");
      }
      if (!r.failed()) out.placed_for_adoption.push_back(std::move(p));
    } else if (name == "reviews.csv") {
      ReviewRow v;
      v.origin = r.origin();
      v.child = r.Child();
      if (auto d = r.DateOf("REVIEW", true)) v.review = *d;
      v.code = r.Code("REVIEW_CODE", false, IsPn);
      if (!r.failed()) out.reviews.push_back(std::move(v));
    } else if (name == "missing.csv") {
      MissingRow m;
      m.origin = r.origin();
      m.child = r.Child();
      std::string kind = r.Code("MISSING", true, IsMissingKind);
      m.kind = kind.empty() ? "" : kind.substr(0, 1);
      if (auto d = r.DateOf("MIS_START", true)) m.start = *d;
      m.end = r.DateOf("MIS_END", false);
      if (!r.failed() && m.end && *m.end < m.start) r.Fail("MIS_END", "before MIS_START");
      if (!r.failed()) out.missing.push_back(std::move(m));
    }
    if (r.failed()) out.rejects.push_back(r.reject());
  }
}

Status LoadOneDirectory(const fs::path& dir, const fs::path& root, ReturnRows& out, bool& found) {
  std::map<std::string, fs::path> files;  // lower-case name -> path
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) files[Lower(entry.path().filename().string())] = entry.path();
  }
  if (ec)
    return Error(ErrorCode::kUnavailable, "cannot list " + dir.string() + ": " + ec.message());
  for (const FileKind& kind : FileKinds()) {
    auto it = files.find(kind.name);
    if (it == files.end()) continue;
    const std::string rel = fs::relative(it->second, root).string();
    auto table = ReadCsvFile(it->second.string());
    if (!table.ok()) {
      if (table.error().code() != ErrorCode::kInvalidInput) return table.error();
      out.rejects.push_back({{rel, 1}, "", "", table.error().message()});
      continue;
    }
    ++out.files_read;
    if (std::string(kind.name) == "header.csv" || std::string(kind.name) == "episodes.csv") {
      found = true;
    }
    bool complete = true;
    for (const char* column : kind.required) {
      if (table->Column(column) < 0) {
        out.rows_read += table->rows.size();
        out.rejects.push_back({{rel, 1},
                               column,
                               "",
                               std::string(column) + ": required column missing; the file's " +
                                   std::to_string(table->rows.size()) + " rows were not read"});
        complete = false;
        break;
      }
    }
    if (complete) LoadRows(kind, *table, rel, out);
  }
  return Status::Ok();
}

}  // namespace

std::string RejectToJson(const Reject& r) {
  nlohmann::ordered_json j;
  j["file"] = r.origin.file;
  j["line"] = r.origin.line;
  j["column"] = r.column;
  j["child"] = r.child;
  j["reason"] = r.reason;
  return j.dump();
}

std::optional<Date> Parse903Date(std::string_view text) {
  if (auto d = ParseUkDate(text)) return d;
  return ParseIsoDate(text);
}

std::string Format903Date(Date d) {
  std::string iso = FormatIsoDate(d);  // YYYY-MM-DD
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

Status LoadReturnDirectory(const std::string& dir, ReturnRows& out) {
  const fs::path root(dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return Error(ErrorCode::kNotFound, dir + " is not a directory");
  bool found = false;
  if (Status s = LoadOneDirectory(root, root, out, found); !s.ok()) return s;
  std::vector<fs::path> subdirs;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.is_directory()) subdirs.push_back(entry.path());
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const auto& sub : subdirs) {
    if (Status s = LoadOneDirectory(sub, root, out, found); !s.ok()) return s;
  }
  if (!found) return Error(ErrorCode::kNotFound, "no header.csv or episodes.csv in " + dir);
  return Status::Ok();
}

}  // namespace cjl::ssda903
