#include "input/csv_reader.h"

#include <algorithm>
#include <cctype>

#include "input/charset.h"
#include "text/ascii.h"

namespace escalint {

namespace {

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

char sniff_delimiter(std::string_view text) {
  std::size_t counts[3] = {0, 0, 0};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++counts[0];
    if (c == ';') ++counts[1];
    if (c == '\t') ++counts[2];
  }
  if (counts[1] > counts[0] && counts[1] >= counts[2]) return ';';
  if (counts[2] > counts[0] && counts[2] > counts[1]) return '\t';
  return ',';
}

}  // namespace

std::vector<CsvRow> parse_csv(std::string_view text, char delimiter) {
  std::vector<CsvRow> rows;
  std::size_t pos = 0, line = 1;
  const std::size_t n = text.size();
  while (pos < n) {
    CsvRow row;
    row.line = line;
    const std::size_t row_start = pos, row_line = line;
    std::string field;
    bool done = false;
    while (!done) {
      if (pos < n && text[pos] == '"') {
        // A quoted field: up to the closing quote; "" is a quote.
        ++pos;
        bool closed = false;
        while (pos < n) {
          const char c = text[pos];
          if (c == '"') {
            if (pos + 1 < n && text[pos + 1] == '"') {
              field += '"';
              pos += 2;
              continue;
            }
            ++pos;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field += c;
          ++pos;
        }
        if (!closed) {
          row.error = "a quoted field is not closed";
          // Resynchronise at the line after the row's first line.
          const std::size_t nl = text.find('\n', row_start);
          pos = nl == std::string_view::npos ? n : nl + 1;
          line = row_line + 1;
          break;
        }
        // Text after the closing quote up to the delimiter is kept (lenient).
        while (pos < n && text[pos] != delimiter && text[pos] != '\n' && text[pos] != '\r')
          field += text[pos++];
      } else {
        while (pos < n && text[pos] != delimiter && text[pos] != '\n' && text[pos] != '\r')
          field += text[pos++];
      }
      row.fields.push_back(std::move(field));
      field.clear();
      if (pos >= n) {
        done = true;
      } else if (text[pos] == delimiter) {
        ++pos;
        if (pos >= n) {
          row.fields.emplace_back();
          done = true;
        }
      } else {
        if (text[pos] == '\r') ++pos;
        if (pos < n && text[pos] == '\n') ++pos;
        ++line;
        done = true;
      }
    }
    const bool empty_line = row.error.empty() && row.fields.size() == 1 && row.fields[0].empty();
    if (!empty_line) rows.push_back(std::move(row));
  }
  return rows;
}

std::size_t csv_complete_prefix(std::string_view text) {
  std::size_t end = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == '\n' && !quoted) end = i + 1;
  }
  return end;
}

CsvReader::CsvReader(std::string source, const FieldMapping& mapping, const InputSink& sink)
    : source_(std::move(source)), mapping_(mapping), sink_(sink) {}

void CsvReader::feed(std::string_view text, const std::vector<std::string>& notices) {
  if (failed_ || text.empty()) return;
  const std::size_t line_offset = lines_;
  lines_ += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  if (!header_done_) delimiter_ = sniff_delimiter(text);
  std::vector<CsvRow> rows = parse_csv(text, delimiter_);
  std::size_t first = 0;
  if (!header_done_) {
    if (rows.empty()) return;  // blank lines before the header
    if (!read_header(rows[0])) return;
    first = 1;
  }
  for (std::size_t r = first; r < rows.size(); ++r) {
    rows[r].line += line_offset;
    read_row(rows[r], notices);
  }
}

void CsvReader::oversized_record(std::size_t limit) {
  if (failed_) return;
  if (!header_done_) {
    failed_ = true;
    sink_.error({source_, 0,
                 "the header row is longer than the " + std::to_string(limit >> 20) +
                     " MiB limit (see --max-size)"});
    return;
  }
  ++records_;
  sink_.error({source_, records_,
               "record " + std::to_string(records_) + ": longer than the " +
                   std::to_string(limit >> 20) +
                   " MiB limit, or a quoted field that is not closed (see --max-size)"});
}

void CsvReader::finish() {
  if (failed_) return;
  if (!header_done_) {
    sink_.error({source_, 0, "empty CSV file: no header row"});
  } else if (records_ == 0) {
    sink_.error({source_, 0, "the CSV file has a header row and no tickets"});
  }
}

bool CsvReader::read_header(const CsvRow& row) {
  header_done_ = true;
  if (!row.error.empty()) {
    failed_ = true;
    sink_.error({source_, 0, "the header row is broken: " + row.error});
    return false;
  }
  std::vector<std::string> header;
  for (const std::string& h : row.fields) header.push_back(ascii_lower(trim(h)));
  columns_ = header.size();
  auto column = [&](const std::string& given, std::initializer_list<const char*> defaults) -> int {
    if (!given.empty()) {
      auto it = std::find(header.begin(), header.end(), ascii_lower(trim(given)));
      return it == header.end() ? -2 : static_cast<int>(it - header.begin());
    }
    for (const char* d : defaults) {
      auto it = std::find(header.begin(), header.end(), d);
      if (it != header.end()) return static_cast<int>(it - header.begin());
    }
    return -1;
  };
  body_ = column(mapping_.body, {"body", "text", "description", "content", "message"});
  subject_ = column(mapping_.subject, {"subject", "title", "summary"});
  id_ = column(mapping_.id, {"id", "key", "ticket_id"});
  date_ = column(mapping_.date, {"date", "created_at", "created"});
  if (body_ < 0) {
    failed_ = true;
    sink_.error(
        {source_, 0,
         body_ == -2
             ? "no column '" + mapping_.body + "' (--body-field) in the header row"
             : "no body column in the header row (looked for body, text, description, content, "
               "message; see --body-field)"});
    return false;
  }
  for (int c : {subject_, id_, date_}) {
    if (c == -2) {
      failed_ = true;
      sink_.error({source_, 0,
                   "a column named by --id-field, --subject-field or --date-field is not in the "
                   "header row"});
      return false;
    }
  }
  return true;
}

void CsvReader::read_row(const CsvRow& row, const std::vector<std::string>& notices) {
  const std::size_t r = ++records_;
  const std::string where =
      "record " + std::to_string(r) + " (line " + std::to_string(row.line) + "): ";
  if (!row.error.empty()) {
    sink_.error({source_, r, where + row.error});
    return;
  }
  if (row.fields.size() > columns_) {
    sink_.error({source_, r,
                 where + std::to_string(row.fields.size()) + " fields, but the header has " +
                     std::to_string(columns_)});
    return;
  }
  auto get = [&](int c) {
    return c >= 0 && static_cast<std::size_t>(c) < row.fields.size() ? row.fields[c]
                                                                     : std::string();
  };
  Draft d;
  d.source = source_;
  d.record = r;
  d.body = get(body_);
  d.subject = trim(get(subject_));
  d.id = get(id_);
  d.date = get(date_);
  d.position_prefix = "body";
  d.notices = notices;
  if (d.body.find_first_not_of(" \t\r\n") == std::string::npos && d.subject.empty()) {
    sink_.error({source_, r, where + "empty ticket: no subject and no text"});
    return;
  }
  sink_.draft(std::move(d));
}

void read_csv(const std::string& source, std::string_view bytes, const FieldMapping& mapping,
              const InputSink& sink) {
  const DecodedText decoded = decode_to_utf8(bytes, "", "the CSV file");
  CsvReader reader(source, mapping, sink);
  reader.feed(decoded.text, decoded.notices);
  reader.finish();
}

}  // namespace escalint
