#include "audit/csv_writer.h"

namespace escalint {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {

// Text from tickets that a spreadsheet would run as a formula (=, +, -, @ first) is
// prefixed with an apostrophe (OWASP "CSV injection").
std::string text_cell(const std::string& value) {
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    return "'" + value;
  }
  return value;
}

}  // namespace

CsvWriter::CsvWriter(std::ostream& out, std::vector<std::string> rule_ids)
    : out_(out), rule_ids_(std::move(rule_ids)) {
  std::vector<std::string> header{"n",    "source", "record", "id",      "subject", "language",
                                  "date", "group",  "score",  "failing", "findings"};
  header.insert(header.end(), rule_ids_.begin(), rule_ids_.end());
  header.push_back("missing");
  header.push_back("error");
  out_ << join(header);
}

std::string CsvWriter::row(const AuditRecord& record) const {
  std::vector<std::string> f;
  f.reserve(rule_ids_.size() + 13);
  f.push_back(std::to_string(record.number));
  if (record.is_error()) {
    const InputError& e = record.error();
    f.insert(f.end(), {text_cell(e.source), std::to_string(e.record)});
    f.resize(f.size() + 8 + rule_ids_.size() + 1);
    f.push_back(text_cell(e.message));
    return join(f);
  }
  const AuditedDraft& d = record.draft();
  const DraftResult& r = d.result;
  f.insert(f.end(), {text_cell(r.source), std::to_string(r.record), text_cell(r.id),
                     text_cell(r.subject), r.language, d.date, text_cell(d.group),
                     r.language_supported ? std::to_string(r.score) : std::string(),
                     d.failing ? "yes" : "no", std::to_string(r.findings.size())});
  std::string missing;
  for (const std::string& id : rule_ids_) {
    std::string cell;
    for (const auto& [rid, passed] : d.rules) {
      if (rid == id) cell = passed ? "pass" : "fail";
    }
    if (cell == "fail") missing += (missing.empty() ? "" : "; ") + id;
    f.push_back(std::move(cell));
  }
  f.push_back(std::move(missing));
  f.emplace_back();
  return join(f);
}

std::string CsvWriter::join(const std::vector<std::string>& fields) const {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\r\n";
}

}  // namespace escalint
