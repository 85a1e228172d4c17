// A small CSV reader and writer for the SSDA903 files (RFC 4180: commas, double quotes,
// CRLF or LF, an optional UTF-8 byte order mark). Owned by ops/ssda903. Value types and
// functions; thread-compatible (one writer per file).
#pragma once

#include <cstddef>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cjl::ssda903 {

// A parsed CSV file: the header row and the data rows, each with the 1-based line of the
// file on which it starts (the header is line 1).
struct CsvTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> lines;  // parallel to rows
  // The index of a column by name, case-insensitive and trimmed; -1 when absent.
  int Column(std::string_view name) const;
};

// Parses CSV text. Unquoted fields are trimmed of spaces; blank lines are skipped.
// kInvalidInput for an unterminated quote (naming the line).
Result<CsvTable> ParseCsv(std::string_view text);
// Reads and parses a file. kNotFound / kUnavailable when it cannot be read.
Result<CsvTable> ReadCsvFile(const std::string& path);

// Writes one CSV file, quoting a field only when it needs it. Lines end with "\n".
class CsvWriter {
 public:
  // Creates (truncates) `path` and writes the header row.
  Status Open(const std::string& path, const std::vector<std::string>& columns);
  void Row(const std::vector<std::string>& fields);
  std::size_t rows() const { return rows_; }
  // Flushes and closes; kUnavailable if any write failed.
  Status Close();

 private:
  std::ofstream out_;
  std::string path_;
  std::size_t rows_ = 0;
};

std::string CsvField(std::string_view value);

}  // namespace cjl::ssda903
