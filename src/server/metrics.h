// Counters for GET /metrics, in the Prometheus text exposition format (version 0.0.4).
// Thread-safe: any worker records, any worker renders. Holds no draft text: only
// statuses, latencies, rule ids and language codes.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace escalint {

class Metrics {
 public:
  // Upper bounds (seconds) of the latency histogram's buckets; +Inf is implied.
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  // One answered request (or a connection closed for a timeout: status 408).
  void record_request(int status, double seconds);
  // One checked draft: its language and the rule id of each finding.
  void record_draft(const std::string& language, const std::vector<std::string>& finding_rules);
  void connection_opened() { ++connections_active_; }
  void connection_closed() { --connections_active_; }
  void connection_rejected() { ++connections_rejected_; }

  std::string render() const;

 private:
  mutable std::mutex mu_;
  std::map<int, std::uint64_t> requests_by_status_;
  std::array<std::uint64_t, kLatencyBuckets.size()> latency_buckets_{};  // non-cumulative
  std::uint64_t latency_count_ = 0;
  double latency_sum_ = 0;
  std::map<std::string, std::uint64_t> findings_by_rule_;
  std::map<std::string, std::uint64_t> drafts_by_language_;
  std::atomic<std::int64_t> connections_active_{0};
  std::atomic<std::uint64_t> connections_rejected_{0};
};

}  // namespace escalint
