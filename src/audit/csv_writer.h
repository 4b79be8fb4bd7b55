// results.csv for spreadsheets: RFC 4180 (comma-separated, CRLF line ends, fields
// quoted when they hold a comma, a quote, CR or LF, quotes doubled), a header row,
// one row per record in input order.
//
// Columns: n, source, record, id, subject, language, date, group, score, failing,
// findings, one column per rule ("pass", "fail", or empty when it did not run),
// missing (the failing rule ids, separated by "; "), error (the message of an error
// record, empty for drafts). Text cells that a spreadsheet would run as a formula
// (starting with =, +, -, @, tab or CR) get a leading apostrophe.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_record.h"

namespace escalint {

// One field, quoted when RFC 4180 requires it.
std::string csv_field(std::string_view value);

class CsvWriter {
 public:
  // `rule_ids`: the rule columns, in order. Writes the header row.
  CsvWriter(std::ostream& out, std::vector<std::string> rule_ids);
  // The record's row, CRLF included. Thread-safe.
  std::string row(const AuditRecord& record) const;
  // Writes a row that row() made.
  void write(const std::string& row) { out_ << row; }

 private:
  std::string join(const std::vector<std::string>& fields) const;

  std::ostream& out_;
  std::vector<std::string> rule_ids_;
};

}  // namespace escalint
