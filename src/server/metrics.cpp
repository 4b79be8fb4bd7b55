#include "server/metrics.h"

#include <cstdio>
#include <sstream>

namespace escalint {

namespace {

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// Label values are rule ids and language codes; escape anyway.
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::record_request(int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_by_status_[status];
  ++latency_count_;
  latency_sum_ += seconds;
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) {
      ++latency_buckets_[i];
      break;
    }
  }
}

void Metrics::record_draft(const std::string& language,
                           const std::vector<std::string>& finding_rules) {
  std::lock_guard lock(mu_);
  ++drafts_by_language_[language.empty() ? "und" : language];
  for (const std::string& r : finding_rules) ++findings_by_rule_[r];
}

std::string Metrics::render() const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP escalint_http_requests_total HTTP requests answered, by status code.\n"
         "# TYPE escalint_http_requests_total counter\n";
  for (const auto& [status, n] : requests_by_status_) {
    out << "escalint_http_requests_total{status=\"" << status << "\"} " << n << '\n';
  }
  out << "# HELP escalint_http_request_duration_seconds Time from a request's complete header to "
         "its response.\n"
         "# TYPE escalint_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    cumulative += latency_buckets_[i];
    out << "escalint_http_request_duration_seconds_bucket{le=\"" << number(kLatencyBuckets[i])
        << "\"} " << cumulative << '\n';
  }
  out << "escalint_http_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << '\n'
      << "escalint_http_request_duration_seconds_sum " << number(latency_sum_) << '\n'
      << "escalint_http_request_duration_seconds_count " << latency_count_ << '\n';
  out << "# HELP escalint_findings_total Findings reported, by rule.\n"
         "# TYPE escalint_findings_total counter\n";
  for (const auto& [rule, n] : findings_by_rule_) {
    out << "escalint_findings_total{rule=\"" << label(rule) << "\"} " << n << '\n';
  }
  out << "# HELP escalint_drafts_total Drafts checked, by the language whose rules ran.\n"
         "# TYPE escalint_drafts_total counter\n";
  for (const auto& [lang, n] : drafts_by_language_) {
    out << "escalint_drafts_total{language=\"" << label(lang) << "\"} " << n << '\n';
  }
  out << "# HELP escalint_connections_active Open client connections.\n"
         "# TYPE escalint_connections_active gauge\n"
      << "escalint_connections_active " << connections_active_.load() << '\n'
      << "# HELP escalint_connections_rejected_total Connections refused with 503 at the "
         "--max-connections cap.\n"
         "# TYPE escalint_connections_rejected_total counter\n"
      << "escalint_connections_rejected_total " << connections_rejected_.load() << '\n';
  return out.str();
}

}  // namespace escalint
