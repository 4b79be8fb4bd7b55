#include "audit/progress.h"

#include <algorithm>

namespace escalint {

namespace {

std::string duration(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, (s / 60) % 60);
  } else if (s >= 60) {
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%llds", s);
  }
  return buf;
}

}  // namespace

Progress::Progress(bool enabled, std::uint64_t total_bytes, std::FILE* out)
    : enabled_(enabled),
      total_bytes_(total_bytes),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

std::string Progress::line(std::uint64_t records, std::uint64_t errors, double seconds,
                           std::uint64_t bytes_done, std::uint64_t total_bytes) {
  const double rate = seconds > 0 ? static_cast<double>(records) / seconds : 0;
  char buf[160];
  std::snprintf(buf, sizeof buf, "audit: %llu records, %.0f/s, %llu errors",
                static_cast<unsigned long long>(records), rate,
                static_cast<unsigned long long>(errors));
  std::string out = buf;
  if (total_bytes > 0 && bytes_done > 0 && seconds > 0) {
    const double fraction =
        std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_bytes));
    std::snprintf(buf, sizeof buf, ", %.0f%%", fraction * 100);
    out += buf;
    if (fraction > 0.001 && fraction < 1)
      out += ", ETA " + duration(seconds * (1 - fraction) / fraction);
  }
  return out;
}

void Progress::update(std::uint64_t records, std::uint64_t errors, std::uint64_t bytes_done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(out_, "\r\033[K%s",
               line(records, errors, seconds, bytes_done, total_bytes_).c_str());
  std::fflush(out_);
}

void Progress::finish() {
  if (!enabled_ || !drawn_) return;
  std::fprintf(out_, "\r\033[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace escalint
