// CSV (RFC 4180) tickets: a header row names the columns; every later row is one draft.
// Quoted fields may hold commas, doubled quotes and line breaks; a UTF-8 BOM is
// skipped; CRLF and LF both end rows; the delimiter is ',' unless the header row has
// more ';' or tabs outside quotes (as spreadsheets in many locales write it).
// Columns are found with the FieldMapping (column names, compared case-insensitively;
// defaults as in ticket_fields.h). Draft::record is the data row's number (1-based,
// the header not counted). A broken row (an unterminated quote, more fields than the
// header) is an InputError naming its record and line, and the other rows go on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "input/read_input.h"

namespace escalint {

// One parsed row: its fields, the line it starts on (1-based) and what was wrong, if
// anything.
struct CsvRow {
  std::vector<std::string> fields;
  std::size_t line = 0;
  std::string error;
};

// Splits CSV text into rows (exposed for tests).
std::vector<CsvRow> parse_csv(std::string_view text, char delimiter);

// The length of the complete records at the start of `text`: up to and with the last
// line end outside quotes (0 when there is none).
std::size_t csv_complete_prefix(std::string_view text);

// Reads CSV (UTF-8) fed as whole records, so that an export of any size streams with
// memory bounded by its longest record. The first record is the header row.
class CsvReader {
 public:
  // `sink` must outlive the reader; `mapping` is copied.
  CsvReader(std::string source, const FieldMapping& mapping, const InputSink& sink);
  // Whole records (csv_complete_prefix), or the rest of the input at its end; `notices`
  // (from decoding them) go with each of their drafts.
  void feed(std::string_view text, const std::vector<std::string>& notices);
  // Counts a record that was not read because it is longer than the input limit.
  void oversized_record(std::size_t limit);
  // Reports a file without a header row or without a single ticket.
  void finish();

 private:
  bool read_header(const CsvRow& row);
  void read_row(const CsvRow& row, const std::vector<std::string>& notices);

  std::string source_;
  FieldMapping mapping_;
  const InputSink& sink_;
  bool header_done_ = false, failed_ = false;
  char delimiter_ = ',';
  std::size_t columns_ = 0, records_ = 0, lines_ = 0;
  int body_ = -1, subject_ = -1, id_ = -1, date_ = -1;
};

// Reads a whole CSV input at once, in any charset.
void read_csv(const std::string& source, std::string_view bytes, const FieldMapping& mapping,
              const InputSink& sink);

}  // namespace escalint
