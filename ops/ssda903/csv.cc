#include "ops/ssda903/csv.h"

#include <cctype>
#include <sstream>

namespace cjl::ssda903 {
namespace {

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

int CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (EqualsNoCase(Trim(columns[i]), name)) return static_cast<int>(i);
  }
  return -1;
}

Result<CsvTable> ParseCsv(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvTable table;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted (do not trim it)
  bool any = false;         // the record has content
  std::size_t line = 1, record_line = 1;
  auto end_field = [&] {
    record.push_back(was_quoted ? field : Trim(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = !any;
    if (!blank) {
      if (table.columns.empty() && table.rows.empty() && table.lines.empty()) {
        table.columns = std::move(record);
      } else {
        table.rows.push_back(std::move(record));
        table.lines.push_back(record_line);
      }
    }
    record.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    switch (c) {
      case '"':
        quoted = true;
        was_quoted = true;
        any = true;
        break;
      case ',':
        end_field();
        any = true;
        break;
      case '\r':
        break;
      case '\n':
        end_record();
        ++line;
        record_line = line;
        break;
      default:
        if (c != ' ' && c != '\t') any = true;
        field.push_back(c);
    }
  }
  if (quoted) {
    return Error(ErrorCode::kInvalidInput,
                 "unterminated quoted field starting on line " + std::to_string(record_line));
  }
  if (any || !field.empty() || !record.empty()) end_record();
  return table;
}

Result<CsvTable> ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kNotFound, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error(ErrorCode::kUnavailable, "read failed: " + path);
  auto table = ParseCsv(text.str());
  if (!table.ok()) return Error(ErrorCode::kInvalidInput, path + ": " + table.error().message());
  return table;
}

std::string CsvField(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

Status CsvWriter::Open(const std::string& path, const std::vector<std::string>& columns) {
  path_ = path;
  out_.open(path, std::ios::binary | std::ios::trunc);
  if (!out_) return Error(ErrorCode::kUnavailable, "cannot write " + path);
  Row(columns);
  rows_ = 0;
  return Status::Ok();
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    line += CsvField(fields[i]);
  }
  line.push_back('\n');
  out_ << line;
  ++rows_;
}

Status CsvWriter::Close() {
  out_.flush();
  bool good = out_.good();
  out_.close();
  if (!good) return Error(ErrorCode::kUnavailable, "write failed: " + path_);
  return Status::Ok();
}

}  // namespace cjl::ssda903
