#include "ops/progress.h"

#include <unistd.h>

#include <cstdio>

namespace cjl::ops {

Progress::Progress(std::string what, std::uint64_t total, bool force)
    : what_(std::move(what)),
      total_(total),
      enabled_(force || isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() {
  if (drawn_) std::fputc('\n', stderr);
}

void Progress::Update(std::uint64_t done, const std::string& detail) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  Draw(done, detail);
}

void Progress::Finish(const std::string& detail) {
  if (!enabled_ || !drawn_) return;
  std::fprintf(stderr, "\r\033[K%s: done %s\n", what_.c_str(), detail.c_str());
  drawn_ = false;
}

void Progress::Draw(std::uint64_t done, const std::string& detail) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? done / secs : 0;
  if (total_ > 0) {
    int width = 30;
    int filled = static_cast<int>(width * std::min(1.0, double(done) / double(total_)));
    std::string bar(filled, '#');
    bar.append(width - filled, '.');
    std::fprintf(stderr, "\r\033[K%s [%s] %llu/%llu %.0f/s %s", what_.c_str(), bar.c_str(),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
                 rate, detail.c_str());
  } else {
    std::fprintf(stderr, "\r\033[K%s: %llu %.0f/s %s", what_.c_str(),
                 static_cast<unsigned long long>(done), rate, detail.c_str());
  }
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace cjl::ops
