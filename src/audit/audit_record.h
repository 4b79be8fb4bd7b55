// What the audit pipeline carries from a worker to the writer: one checked draft, or
// one input error, tagged with its place in the input order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "input/draft.h"
#include "lint/result.h"

namespace escalint {

// A checked draft and what the audit needs beyond the DraftResult (the Draft itself is
// gone by then: only its date, group and size travel on).
struct AuditedDraft {
  DraftResult result;
  std::string date;      // Draft::date (ISO 8601), or empty
  std::string group;     // the --group-field value, or empty when not grouping
  bool failing = false;  // a finding at or above the fail level
  // Every rule that ran on this draft, in the pack's order: (rule id, passed).
  std::vector<std::pair<std::string, bool>> rules;
  std::size_t bytes = 0;  // subject + body bytes, for the progress estimate
};

// One record of the audit: either a checked draft or an input error.
struct AuditRecord {
  AuditRecord() = default;
  AuditRecord(std::uint64_t n, std::variant<AuditedDraft, InputError> v)
      : number(n), value(std::move(v)) {}

  std::uint64_t number = 0;  // 1-based position in the input order (set by the pipeline)
  std::variant<AuditedDraft, InputError> value;
  // Its lines in the outputs that have one per record (results.jsonl, results.csv), made
  // on the worker thread so that the writer only writes them.
  std::string jsonl_line, csv_row;

  bool is_error() const { return std::holds_alternative<InputError>(value); }
  const AuditedDraft& draft() const { return std::get<AuditedDraft>(value); }
  const InputError& error() const { return std::get<InputError>(value); }
  const std::string& source() const { return is_error() ? error().source : draft().result.source; }
  std::size_t record() const { return is_error() ? error().record : draft().result.record; }
};

}  // namespace escalint
