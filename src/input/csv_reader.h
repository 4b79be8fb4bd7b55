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

void read_csv(const std::string& source, std::string_view bytes, const FieldMapping& mapping,
              const InputSink& sink);

}  // namespace escalint
