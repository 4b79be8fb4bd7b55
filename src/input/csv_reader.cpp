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

void read_csv(const std::string& source, std::string_view bytes, const FieldMapping& mapping,
              const InputSink& sink) {
  DecodedText decoded = decode_to_utf8(bytes, "", "the CSV file");
  const std::string& text = decoded.text;
  const std::vector<CsvRow> rows = parse_csv(text, sniff_delimiter(text));
  if (rows.empty() || !rows[0].error.empty()) {
    sink.error({source, 0,
                rows.empty() ? "empty CSV file: no header row"
                             : "the header row is broken: " + rows[0].error});
    return;
  }
  std::vector<std::string> header;
  for (const std::string& h : rows[0].fields) header.push_back(ascii_lower(trim(h)));
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
  const int body = column(mapping.body, {"body", "text", "description", "content", "message"});
  const int subject = column(mapping.subject, {"subject", "title", "summary"});
  const int id = column(mapping.id, {"id", "key", "ticket_id"});
  const int date = column(mapping.date, {"date", "created_at", "created"});
  if (body < 0) {
    sink.error(
        {source, 0,
         body == -2
             ? "no column '" + mapping.body + "' (--body-field) in the header row"
             : "no body column in the header row (looked for body, text, description, content, "
               "message; see --body-field)"});
    return;
  }
  for (int c : {subject, id, date}) {
    if (c == -2) {
      sink.error({source, 0,
                  "a column named by --id-field, --subject-field or --date-field is not in the "
                  "header row"});
      return;
    }
  }
  if (rows.size() == 1) {
    sink.error({source, 0, "the CSV file has a header row and no tickets"});
    return;
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    const std::string where =
        "record " + std::to_string(r) + " (line " + std::to_string(row.line) + "): ";
    if (!row.error.empty()) {
      sink.error({source, r, where + row.error});
      continue;
    }
    if (row.fields.size() > header.size()) {
      sink.error({source, r,
                  where + std::to_string(row.fields.size()) + " fields, but the header has " +
                      std::to_string(header.size())});
      continue;
    }
    auto get = [&](int c) {
      return c >= 0 && static_cast<std::size_t>(c) < row.fields.size() ? row.fields[c]
                                                                       : std::string();
    };
    Draft d;
    d.source = source;
    d.record = r;
    d.body = get(body);
    d.subject = trim(get(subject));
    d.id = get(id);
    d.date = get(date);
    d.position_prefix = "body";
    d.notices = decoded.notices;
    if (d.body.find_first_not_of(" \t\r\n") == std::string::npos && d.subject.empty()) {
      sink.error({source, r, where + "empty ticket: no subject and no text"});
      continue;
    }
    sink.draft(std::move(d));
  }
}

}  // namespace escalint
