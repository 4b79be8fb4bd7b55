// The audit's totals: plain counts that add. A Summary is built record by record
// (add), written and read as summary.json (to_json / summary_from_json), and merged
// with other shards' summaries (merge.h): merging the summaries of any split of the
// input gives the single run's summary, count for count.
//
// Invariants: records_read == drafts + errors; every Bucket counts drafts (never
// errors); a draft whose language has no rules counts in `drafts` but in no rule's
// `checked`. Lists that could grow with the input (lowest-scoring drafts, error
// samples) keep the first K under a total order, so they merge exactly too.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "audit/audit_record.h"
#include "rules/rule_pack.h"

namespace escalint {

// One rule within a bucket.
struct RuleCount {
  std::uint64_t checked = 0;   // drafts the rule ran on
  std::uint64_t drafts = 0;    // of those, drafts with at least one finding of the rule
  std::uint64_t findings = 0;  // findings of the rule
  std::map<std::string, std::uint64_t> statuses;  // findings by status (missing, denied, ...)
};

// Counts over a set of drafts (all, one language, one month, one group).
struct Bucket {
  std::uint64_t drafts = 0;   // drafts checked
  std::uint64_t scored = 0;   // drafts whose language has rules (they have a score)
  std::uint64_t failing = 0;  // drafts with a finding at or above the fail level
  std::uint64_t score_sum = 0;
  std::map<std::string, RuleCount> rules;  // by rule id
  void add(const AuditedDraft& draft);
  void merge(const Bucket& other);
};

// Rule metadata, so a report can be drawn from summaries alone.
struct RuleInfo {
  std::string id;
  std::string check;  // checklist item: scope, partner, examples, product
  std::string level;
  std::string title;  // English title from the rule pack
};

// A low-scoring draft, for the report's table.
struct DraftRef {
  std::string source;
  std::uint64_t record = 0;
  std::string id;
  std::string subject;
  std::string language;
  int score = 0;
  std::vector<std::string> missing;  // rule ids with findings, in the pack's order
};

// Where an interrupted run stopped.
struct StopInfo {
  std::string reason;  // "SIGINT", "SIGTERM", or what went wrong
  std::uint64_t records_read = 0;
  std::string last_source;  // the last record written (empty: none)
  std::uint64_t last_record = 0;
};

struct Summary {
  static constexpr int kVersion = 1;
  static constexpr std::size_t kLowest = 25;         // lowest-scoring drafts kept
  static constexpr std::size_t kErrorSamples = 100;  // input errors kept verbatim

  bool complete = true;
  std::vector<StopInfo> stops;  // one per interrupted run
  std::uint64_t shards = 1;     // how many runs were merged into this
  std::string fail_level = "warning";
  std::string group_field;      // --group-field, empty when not grouping
  std::vector<RuleInfo> rules;  // in the pack's order

  std::uint64_t records_read = 0;  // drafts + errors
  std::uint64_t drafts = 0;
  std::uint64_t errors = 0;
  std::uint64_t undated = 0;  // drafts without a usable date
  Bucket all;
  std::map<std::string, Bucket> by_language;
  std::map<std::string, Bucket> by_month;  // "YYYY-MM"
  std::map<std::string, Bucket> by_group;  // the --group-field value ("(none)" when absent)
  std::array<std::uint64_t, 10> score_histogram{};  // [0,10) ... [80,90), [90,100]
  std::vector<DraftRef> lowest;  // sorted by (score, source, record, id), at most kLowest
  std::vector<InputError>
      error_samples;  // sorted by (source, record, message), at most kErrorSamples

  void set_rules(const RulePack& pack);
  void add(const AuditRecord& record);
  // Sorts and trims the bounded lists (add keeps them within 2K; call before reading them).
  void finish();
};

// The total orders of the bounded lists.
bool lowest_before(const DraftRef& a, const DraftRef& b);
bool error_before(const InputError& a, const InputError& b);

// "YYYY-MM" from an ISO 8601 date ("2025-03-14T09:00:00Z"), or empty.
std::string month_of(const std::string& date);
// The histogram bucket of a 0..100 score.
std::size_t score_bucket(int score);

boost::json::object to_json(const Summary& summary);
// Throws std::runtime_error naming what is wrong.
Summary summary_from_json(const boost::json::value& json);

}  // namespace escalint
