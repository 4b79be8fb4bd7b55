// The progress line on standard error: records done, rate, errors so far, and the ETA
// when the inputs' total size is known. Redrawn at most 5 times a second, in place
// ("\r" + erase line); shown only when enabled (stderr is a terminal and not --quiet).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace escalint {

class Progress {
 public:
  // `total_bytes`: the inputs' size, 0 when unknown (standard input).
  Progress(bool enabled, std::uint64_t total_bytes, std::FILE* out = stderr);

  // After each record: `bytes_done` is an estimate of how far into the inputs it is.
  void update(std::uint64_t records, std::uint64_t errors, std::uint64_t bytes_done);
  // Erases the line.
  void finish();

  // The line itself (exposed for tests).
  static std::string line(std::uint64_t records, std::uint64_t errors, double seconds,
                          std::uint64_t bytes_done, std::uint64_t total_bytes);

 private:
  bool enabled_;
  std::uint64_t total_bytes_;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
};

}  // namespace escalint
