// escalint audit: streams every draft of the inputs through all cores and writes
// per-record results (JSONL, CSV), a summary (JSON) and a report (HTML); or merges
// the summaries of shards (--merge).
#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "audit/csv_writer.h"
#include "audit/json_pretty.h"
#include "audit/merge.h"
#include "audit/pipeline.h"
#include "audit/progress.h"
#include "audit/report_html.h"
#include "audit/results_jsonl.h"
#include "audit/stop_signal.h"
#include "audit/summary.h"
#include "audit/svg_chart.h"
#include "cli/commands.h"
#include "cli/linter_cache.h"
#include "cli/shared_options.h"
#include "input/read_input.h"
#include "text/ascii.h"

namespace escalint {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr const char* kExamples = R"(
Examples:
  escalint audit tickets.jsonl --summary summary.json --report report.html
  escalint audit -r archive/ --out results.jsonl --csv results.csv --jobs 8
  escalint audit export.csv --date-field opened --group-field team --report report.html
  escalint audit --merge shard-*.json --summary all.json --report all.html

Exit status: 2 when any input could not be read, else 1 when a draft has a finding at
or above --fail-level, else 0; 130/143 when stopped by SIGINT/SIGTERM (the outputs
are written and marked incomplete).
)";

// The --group-field value of a draft: a field the reader kept (exact name, else
// case-insensitively), else the built-in "source" and "folder".
std::string group_value(const Draft& draft, const std::string& field) {
  if (const auto it = draft.fields.find(field); it != draft.fields.end()) return it->second;
  const std::string want = ascii_lower(field);
  for (const auto& [k, v] : draft.fields) {
    if (ascii_lower(k) == want) return v;
  }
  if (want == "source") return draft.source;
  if (want == "folder") {
    const std::string parent = fs::path(draft.source).parent_path().string();
    return parent.empty() ? "." : parent;
  }
  return {};
}

// The inputs' total size, for the ETA (0 when unknown: standard input).
std::uint64_t total_bytes(const std::vector<std::string>& inputs, bool recursive) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const std::string& in : inputs) {
    if (in == "-") return 0;
    if (fs::is_directory(in, ec)) {
      if (!recursive) continue;
      for (fs::recursive_directory_iterator
               it(in, fs::directory_options::skip_permission_denied, ec),
           end;
           !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && known_extension(it->path().extension().string()))
          total += it->file_size(ec);
      }
    } else {
      const auto size = fs::file_size(in, ec);
      if (!ec) total += size;
    }
  }
  return total;
}

// An output file, or standard output for "-".
class Output {
 public:
  bool open(const std::string& path, const char* what) {
    path_ = path;
    if (path.empty()) return true;
    if (path == "-") {
      stream_ = &std::cout;
      return true;
    }
    file_ = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
    if (!*file_) {
      std::cerr << "escalint audit: cannot write " << what << " '" << path
                << "': " << std::strerror(errno) << '\n';
      return false;
    }
    stream_ = file_.get();
    return true;
  }
  std::ostream* stream() { return stream_; }
  bool close(const char* what) {
    if (!stream_) return true;
    stream_->flush();
    if (file_) file_->close();
    if (!*stream_ || (file_ && !*file_)) {
      std::cerr << "escalint audit: writing " << what << " '" << path_ << "' failed\n";
      return false;
    }
    return true;
  }

 private:
  std::string path_;
  std::unique_ptr<std::ofstream> file_;
  std::ostream* stream_ = nullptr;
};

bool write_file(const std::string& path, const std::string& text, const char* what) {
  if (path.empty()) return true;
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    return static_cast<bool>(std::cout);
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "escalint audit: cannot write " << what << " '" << path << "'\n";
    return false;
  }
  return true;
}

// A few lines for the terminal: totals and each rule's share.
void print_digest(std::ostream& out, const Summary& s) {
  out << "escalint audit: " << thousands(s.records_read) << " records: " << thousands(s.drafts)
      << " drafts checked, " << thousands(s.errors) << " input errors"
      << (s.complete ? "" : " (INCOMPLETE)") << '\n';
  std::size_t width = 0;
  for (const RuleInfo& r : s.rules) width = std::max(width, r.id.size());
  for (const RuleInfo& r : s.rules) {
    const auto it = s.all.rules.find(r.id);
    out << "  " << r.id << std::string(width - r.id.size() + 2, ' ');
    if (it == s.all.rules.end() || it->second.checked == 0) {
      out << "did not run\n";
      continue;
    }
    char buf[64];
    std::snprintf(
        buf, sizeof buf, "%5.1f%%",
        100.0 * static_cast<double>(it->second.drafts) / static_cast<double>(it->second.checked));
    out << buf << "  (" << thousands(it->second.drafts) << " of " << thousands(it->second.checked)
        << ")\n";
  }
  if (s.all.scored > 0) {
    out << "  mean score " << (s.all.score_sum + s.all.scored / 2) / s.all.scored << "; "
        << thousands(s.all.failing) << " drafts with findings at " << s.fail_level << " or above\n";
  }
}

int merge_mode(const std::vector<std::string>& files, const std::string& summary_path,
               const std::string& report_path, const std::string& title, bool quiet) {
  Summary merged;
  try {
    merged = merge_summary_files(files);
  } catch (const std::exception& e) {
    std::cerr << "escalint audit --merge: " << e.what() << '\n';
    return 2;
  }
  bool ok = write_file(summary_path, pretty_json(to_json(merged)), "the summary");
  ok = write_file(report_path, render_report(merged, {title, ""}), "the report") && ok;
  if (!quiet)
    print_digest(summary_path == "-" || report_path == "-" ? std::cerr : std::cout, merged);
  if (!ok || merged.errors > 0) return 2;
  return merged.all.failing > 0 ? 1 : 0;
}

}  // namespace

int audit_command(const std::vector<std::string>& args) {
  std::string fail_level, out_path, summary_path, report_path, csv_path, group_field,
      title = "Escalation audit";
  std::vector<std::string> inputs;
  RuleOptions rules;
  InputOptions input;
  unsigned jobs = 0;
  std::size_t window = 0;
  po::options_description opts("escalint audit [options] INPUT... | --merge SUMMARY...");
  opts.add_options()("help,h", "show this help")(
      "out,o", po::value(&out_path),
      "write one JSON line per draft or input error to this file (- for standard output)")(
      "summary,s", po::value(&summary_path), "write the totals (JSON) to this file")(
      "report", po::value(&report_path), "write the HTML report to this file")(
      "csv", po::value(&csv_path), "write one CSV row per draft or input error to this file")(
      "jobs,j", po::value(&jobs), "worker threads (default: the hardware threads)")(
      "window", po::value(&window), "records in flight at most (default 64 per job, at least 256)")(
      "group-field", po::value(&group_field),
      "count per value of this record field (a CSV column or JSON field the reader keeps; or "
      "source, folder, language)")(
      "date-field", po::value(&input.fields().date),
      "JSON/JSONL/CSV: the date field for the monthly trend (default date, created_at, created)")(
      "merge",
      "the inputs are summary.json files of shards: merge them into --summary and --report")(
      "title", po::value(&title), "the report's title (default \"Escalation audit\")")(
      "quiet,q", "no progress line and no digest")("recursive,r",
                                                   "audit every draft in the folders given")(
      "fail-level", po::value(&fail_level),
      "exit 1 when a finding is at or above: error, warning, suggestion (default warning)");
  rules.add_to(opts);
  input.add_to(opts);
  opts.add_options()("input", po::value(&inputs), "drafts to audit; - is standard input");
  po::variables_map vm;
  if (auto exit = parse_command_line("audit", args, opts, kExamples, true, &vm)) return *exit;
  const bool quiet = vm.count("quiet") > 0;
  if (inputs.empty()) {
    std::cerr << "escalint audit: no inputs given (files, folders with -r, - for standard input; "
                 "or --merge SUMMARY...)\n";
    return 2;
  }
  if (vm.count("merge")) {
    if (!out_path.empty() || !csv_path.empty()) {
      std::cerr << "escalint audit --merge: --out and --csv need the drafts; merge writes "
                   "--summary and --report\n";
      return 2;
    }
    if (summary_path.empty() && report_path.empty()) {
      std::cerr << "escalint audit --merge: name --summary and/or --report to write\n";
      return 2;
    }
    return merge_mode(inputs, summary_path, report_path, title, quiet);
  }
  if (!parse_fail_level("audit", fail_level, &rules.base())) return 2;
  const std::optional<ReadOptions> read = input.read_options("audit", vm.count("recursive") > 0);
  if (!read) return 2;
  const int stdout_users =
      (out_path == "-") + (summary_path == "-") + (report_path == "-") + (csv_path == "-");
  if (stdout_users > 1) {
    std::cerr << "escalint audit: only one output can go to standard output\n";
    return 2;
  }
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min(jobs, 256u);

  LinterCache linters(rules.flags());
  Summary summary;
  summary.group_field = group_field;
  std::vector<std::string> rule_ids;
  try {
    const LinterFor first = linters.for_source(inputs.front());
    summary.set_rules(first.linter->pack());
    summary.fail_level = level_name(first.fail_level);
    for (const Rule& r : first.linter->pack().rules) rule_ids.push_back(r.id);
  } catch (const std::exception& e) {
    std::cerr << "escalint audit: " << e.what() << '\n';
    return 2;
  }

  Output results, csv_out;
  if (!results.open(out_path, "the results") || !csv_out.open(csv_path, "the CSV")) return 2;
  std::optional<CsvWriter> csv;
  if (csv_out.stream()) csv.emplace(*csv_out.stream(), rule_ids);

  PipelineOptions options;
  options.jobs = jobs;
  options.window = window ? window : std::max<std::size_t>(256, std::size_t{64} * jobs);
  options.read = *read;

  const bool show_progress = !quiet && isatty(STDERR_FILENO);
  Progress progress(show_progress, show_progress ? total_bytes(inputs, options.read.recursive) : 0);
  // How far into the inputs the writer is, for the ETA: the sizes of the sources
  // finished, plus the text of the current source's drafts so far.
  std::string current_source, last_source;
  std::uint64_t done_bytes = 0, source_bytes = 0, source_size = 0, last_record = 0;
  bool failing = false;

  PipelineHooks hooks;
  hooks.should_stop = [] { return stop_signal() != 0; };
  hooks.on_draft = [&](Draft draft) -> AuditJob {
    LinterFor lf{};
    try {
      lf = linters.for_source(draft.source);
    } catch (const std::exception& e) {
      return [error = InputError{draft.source, draft.record, e.what()}] {
        return AuditRecord{0, error};
      };
    }
    std::string group = group_field.empty() ? std::string() : group_value(draft, group_field);
    return [draft = std::move(draft), lf, group = std::move(group),
            by_language = ascii_lower(group_field) == "language"]() {
      AuditedDraft d;
      try {
        d.result = lf.linter->check(draft);
      } catch (const std::exception& e) {
        return AuditRecord{0, InputError{draft.source, draft.record,
                                         std::string("could not be checked: ") + e.what()}};
      }
      d.date = draft.date;
      d.group = group;
      if (by_language && d.group.empty()) d.group = d.result.language;
      d.bytes = draft.body.size() + draft.subject.size();
      const auto worst = d.result.worst_level();
      d.failing = worst && *worst >= lf.fail_level;
      if (d.result.language_supported) {
        for (const Rule& r : lf.linter->pack().rules) {
          if (!lf.linter->enabled(r) || !r.languages.count(d.result.language)) continue;
          bool passed = true;
          for (const Finding& f : d.result.findings) passed = passed && f.rule != r.id;
          d.rules.emplace_back(r.id, passed);
        }
      }
      return AuditRecord{0, std::move(d)};
    };
  };
  hooks.on_checked = [&](AuditRecord& record) {
    if (results.stream()) record.jsonl_line = boost::json::serialize(record_to_json(record));
    if (csv) record.csv_row = csv->row(record);
  };
  hooks.on_record = [&](AuditRecord record) {
    summary.add(record);
    if (!record.is_error() && record.draft().failing) failing = true;
    if (results.stream()) *results.stream() << record.jsonl_line << '\n';
    if (csv) csv->write(record.csv_row);
    last_source = record.source();
    last_record = record.record();
    if (show_progress) {
      if (record.source() != current_source) {
        done_bytes += source_size;
        current_source = record.source();
        std::error_code ec;
        source_size = current_source == "-" ? 0 : fs::file_size(current_source, ec);
        if (ec) source_size = 0;
        source_bytes = 0;
      }
      if (!record.is_error()) source_bytes += record.draft().bytes;
      progress.update(summary.records_read, summary.errors,
                      done_bytes + std::min(source_bytes, source_size));
    }
  };

  install_stop_handlers();
  PipelineResult run;
  try {
    run = run_pipeline(inputs, options, hooks);
  } catch (const std::exception& e) {
    progress.finish();
    std::cerr << "escalint audit: " << e.what() << '\n';
    summary.complete = false;
    summary.stops.push_back(
        {std::string("failed: ") + e.what(), summary.records_read, last_source, last_record});
    run.stopped = true;
  }
  progress.finish();
  const int signal = stop_signal();
  if (run.stopped && signal != 0) {
    summary.complete = false;
    summary.stops.push_back(
        {stop_signal_name(signal), summary.records_read, last_source, last_record});
    std::cerr << "escalint audit: stopped by " << stop_signal_name(signal) << " after "
              << summary.records_read << " records; the outputs are marked incomplete\n";
  }
  summary.finish();

  bool ok = results.close("the results");
  ok = csv_out.close("the CSV") && ok;
  ok = write_file(summary_path, pretty_json(to_json(summary)), "the summary") && ok;
  ok = write_file(report_path, render_report(summary, {title, ""}), "the report") && ok;
  if (!quiet) print_digest(stdout_users ? std::cerr : std::cout, summary);
  if (!group_field.empty() && summary.drafts > 0 && summary.by_group.size() == 1 &&
      summary.by_group.begin()->first == "(none)") {
    std::cerr << "escalint audit: no draft had the field '" << group_field
              << "' (--group-field: a field the reader keeps, or source, folder, language)\n";
  }
  if (summary.errors > 0 && !quiet) {
    std::cerr << "escalint audit: " << thousands(summary.errors)
              << (summary.errors == 1 ? " record" : " records")
              << " could not be read (see the results or the summary's error_samples)\n";
  }

  if (run.stopped && signal != 0) return 128 + signal;
  if (!ok || summary.errors > 0 || !summary.complete) return 2;
  return failing ? 1 : 0;
}

}  // namespace escalint
