// A progress line on stderr for long work, redrawn at most a few times a second. Shown
// only when stderr is a terminal (or when forced), so piped output stays machine-readable.
// Not thread-safe: one owner thread calls Update.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace cjl::ops {

class Progress {
 public:
  // total = 0 when unknown.
  Progress(std::string what, std::uint64_t total, bool force = false);
  ~Progress();
  void Update(std::uint64_t done, const std::string& detail = "");
  void Finish(const std::string& detail = "");

 private:
  void Draw(std::uint64_t done, const std::string& detail);
  std::string what_;
  std::uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace cjl::ops
