// Unit tests of src/audit/: summaries (counting, JSON round trip, exact merging), the
// streaming pipeline (input order whatever the jobs, bounded window, stopping), CSV
// quoting, and the report's charts.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "audit/csv_writer.h"
#include "audit/merge.h"
#include "audit/pipeline.h"
#include "audit/report_html.h"
#include "audit/summary.h"
#include "audit/svg_chart.h"

namespace escalint {
namespace {

namespace fs = std::filesystem;

AuditRecord draft_record(const std::string& source, std::size_t record, const std::string& language,
                         int score, std::vector<std::pair<std::string, bool>> rules,
                         const std::string& date = "", const std::string& group = "") {
  AuditedDraft d;
  d.result.source = source;
  d.result.record = record;
  d.result.id = source + "#" + std::to_string(record);
  d.result.language = language;
  d.result.score = score;
  for (const auto& [id, passed] : rules) {
    if (!passed)
      d.result.findings.push_back(
          Finding{id, Level::kWarning, "missing", "", "", "", std::nullopt});
  }
  d.failing = !d.result.findings.empty();
  d.rules = std::move(rules);
  d.date = date;
  d.group = group;
  return AuditRecord{0, std::move(d)};
}

AuditRecord error_record(const std::string& source, std::size_t record,
                         const std::string& message) {
  return AuditRecord{0, InputError{source, record, message}};
}

// A deterministic mix of drafts and errors.
std::vector<AuditRecord> sample_records(int n) {
  std::vector<AuditRecord> out;
  std::mt19937 rng(7);
  const char* langs[] = {"en", "sv", "de"};
  const char* teams[] = {"alpha", "beta", ""};
  for (int i = 0; i < n; ++i) {
    if (i % 17 == 5) {
      out.push_back(error_record("f" + std::to_string(i % 5) + ".jsonl", i, "malformed line"));
      continue;
    }
    std::vector<std::pair<std::string, bool>> rules{{"scope-reference", rng() % 3 != 0},
                                                    {"partner-contact", rng() % 2 == 0},
                                                    {"concrete-examples", rng() % 4 != 0}};
    const std::string date = i % 7 == 0 ? ""
                                        : "2025-" + std::string(i % 12 < 9 ? "0" : "") +
                                              std::to_string(i % 12 + 1) + "-03";
    out.push_back(draft_record("f" + std::to_string(i % 5) + ".jsonl", i, langs[i % 3],
                               static_cast<int>(rng() % 101), rules, date, teams[i % 3]));
  }
  return out;
}

Summary summarize(const std::vector<AuditRecord>& records, std::size_t begin, std::size_t end) {
  Summary s;
  s.group_field = "team";
  s.rules = {{"scope-reference", "scope", "warning", "Scope"},
             {"partner-contact", "partner", "warning", "Partner"},
             {"concrete-examples", "examples", "warning", "Examples"}};
  for (std::size_t i = begin; i < end; ++i) s.add(records[i]);
  s.finish();
  return s;
}

TEST(AuditSummary, TotalsReconcileAndCountPerRuleAndLanguage) {
  Summary s;
  s.add(draft_record("a.txt", 0, "en", 40, {{"scope-reference", false}, {"partner-contact", true}},
                     "2025-03-01"));
  s.add(
      draft_record("b.txt", 0, "sv", 100, {{"scope-reference", true}, {"partner-contact", true}}));
  s.add(error_record("c.txt", 0, "empty file"));
  s.finish();
  EXPECT_EQ(s.records_read, 3u);
  EXPECT_EQ(s.drafts, 2u);
  EXPECT_EQ(s.errors, 1u);
  EXPECT_EQ(s.records_read, s.drafts + s.errors);
  EXPECT_EQ(s.undated, 1u);
  EXPECT_EQ(s.by_month.at("2025-03").drafts, 1u);
  EXPECT_EQ(s.by_language.at("en").rules.at("scope-reference").drafts, 1u);
  EXPECT_EQ(s.by_language.at("sv").rules.at("scope-reference").drafts, 0u);
  EXPECT_EQ(s.all.rules.at("scope-reference").checked, 2u);
  EXPECT_EQ(s.all.rules.at("scope-reference").statuses.at("missing"), 1u);
  EXPECT_EQ(s.score_histogram[4], 1u);
  EXPECT_EQ(s.score_histogram[9], 1u);
  ASSERT_EQ(s.lowest.size(), 2u);
  EXPECT_EQ(s.lowest[0].score, 40);
  EXPECT_EQ(s.lowest[0].missing, std::vector<std::string>{"scope-reference"});
}

TEST(AuditSummary, MonthsAndBuckets) {
  EXPECT_EQ(month_of("2025-03-14T09:00:00Z"), "2025-03");
  EXPECT_EQ(month_of("2025-13-01"), "");
  EXPECT_EQ(month_of("Tue, 3 Mar 2025"), "");
  EXPECT_EQ(score_bucket(0), 0u);
  EXPECT_EQ(score_bucket(9), 0u);
  EXPECT_EQ(score_bucket(10), 1u);
  EXPECT_EQ(score_bucket(99), 9u);
  EXPECT_EQ(score_bucket(100), 9u);
}

TEST(AuditSummary, JsonRoundTripIsExact) {
  const std::vector<AuditRecord> records = sample_records(300);
  const Summary s = summarize(records, 0, records.size());
  const boost::json::object json = to_json(s);
  const Summary back = summary_from_json(json);
  EXPECT_EQ(boost::json::serialize(to_json(back)), boost::json::serialize(json));
}

TEST(AuditSummary, MergedShardsEqualTheSingleRunCountForCount) {
  const std::vector<AuditRecord> records = sample_records(1000);
  const Summary single = summarize(records, 0, records.size());
  // Uneven shards, merged out of order.
  Summary merged = summarize(records, 700, 1000);
  merge_summary(merged, summarize(records, 0, 13));
  merge_summary(merged, summarize(records, 300, 700));
  merge_summary(merged, summarize(records, 13, 300));
  EXPECT_EQ(merged.shards, 4u);
  merged.shards = 1;
  EXPECT_EQ(boost::json::serialize(to_json(merged)), boost::json::serialize(to_json(single)));
}

TEST(AuditSummary, MergeRefusesDifferentGroupFields) {
  Summary a, b;
  a.group_field = "team";
  b.group_field = "brand";
  EXPECT_THROW(merge_summary(a, b), std::runtime_error);
}

TEST(AuditSummary, RejectsSummariesThatDoNotReconcile) {
  const std::vector<AuditRecord> records = sample_records(50);
  boost::json::object json = to_json(summarize(records, 0, records.size()));
  json["totals"].as_object()["errors"] = 0;
  EXPECT_THROW(summary_from_json(json), std::runtime_error);
}

TEST(AuditCsv, QuotesPerRfc4180) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  std::ostringstream out;
  CsvWriter csv(out, {"scope-reference"});
  AuditRecord r = draft_record("x.csv", 2, "en", 50, {{"scope-reference", false}});
  std::get<AuditedDraft>(r.value).result.subject = "=HYPERLINK(\"x\")";
  r.number = 1;
  csv.write(csv.row(r));
  const std::string text = out.str();
  EXPECT_NE(text.find("\r\n1,x.csv,2,"), std::string::npos) << text;
  EXPECT_NE(text.find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << text;
  EXPECT_NE(text.find(",fail,scope-reference,\r\n"), std::string::npos) << text;
}

class AuditPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::path(::testing::TempDir()) / ("escalint-audit-pipeline-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (int i = 0; i < 60; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "d%03d.txt", i);
      std::ofstream(dir_ / name) << "draft " << i << "\n";
      files_.push_back((dir_ / name).string());
    }
    files_.insert(files_.begin() + 10, (dir_ / "missing.txt").string());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs the pipeline with fake jobs that take random time; returns the sources in
  // delivery order.
  std::vector<std::string> run(unsigned jobs, std::size_t window, std::size_t* max_in_flight,
                               std::function<bool()> stop = {}) {
    std::vector<std::string> delivered;
    std::atomic<std::size_t> read{0};
    std::size_t max = 0;
    PipelineOptions options;
    options.jobs = jobs;
    options.window = window;
    PipelineHooks hooks;
    hooks.should_stop = std::move(stop);
    hooks.on_draft = [&](Draft draft) -> AuditJob {
      ++read;
      return [draft = std::move(draft)] {
        thread_local std::mt19937 rng(std::hash<std::thread::id>()(std::this_thread::get_id()));
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % 2000));
        AuditedDraft d;
        d.result.source = draft.source;
        return AuditRecord{0, std::move(d)};
      };
    };
    hooks.on_record = [&](AuditRecord record) {
      EXPECT_EQ(record.number, delivered.size() + 1);
      delivered.push_back(record.source());
      max = std::max(max, read.load() - delivered.size() + 1);
    };
    run_pipeline(files_, options, hooks);
    if (max_in_flight) *max_in_flight = max;
    return delivered;
  }

  fs::path dir_;
  std::vector<std::string> files_;
};

TEST_F(AuditPipelineTest, DeliversInInputOrderWhateverTheJobs) {
  std::size_t in_flight = 0;
  const std::vector<std::string> one = run(1, 4, &in_flight);
  EXPECT_EQ(one, files_);
  const std::vector<std::string> four = run(4, 8, &in_flight);
  EXPECT_EQ(four, files_);
  EXPECT_LE(in_flight, 8u + 1);  // the window, plus the one the reader holds
}

TEST_F(AuditPipelineTest, StopsReadingAndDeliversWhatWasRead) {
  std::atomic<int> polls{0};
  const std::vector<std::string> some = run(2, 4, nullptr, [&] { return ++polls > 12; });
  EXPECT_LT(some.size(), files_.size());
  EXPECT_GT(some.size(), 0u);
  EXPECT_TRUE(std::equal(some.begin(), some.end(), files_.begin()));
}

TEST(AuditReport, OneBarPerRuleAndTheTotals) {
  const std::vector<AuditRecord> records = sample_records(200);
  Summary s = summarize(records, 0, records.size());
  s.complete = false;
  s.stops.push_back({"SIGINT", 200, "f4.jsonl", 199});
  const std::string html = render_report(s, {"Audit <test>", ""});
  const std::size_t begin = html.find("<svg id=\"chart-missing\"");
  ASSERT_NE(begin, std::string::npos);
  const std::string chart = html.substr(begin, html.find("</svg>", begin) - begin);
  std::size_t bars = 0;
  for (std::size_t at = chart.find("class=\"bar\""); at != std::string::npos;
       at = chart.find("class=\"bar\"", at + 1))
    ++bars;
  EXPECT_EQ(bars, s.rules.size());
  EXPECT_NE(html.find("data-total=\"records_read\">200<"), std::string::npos);
  EXPECT_NE(html.find("data-total=\"errors\">" + std::to_string(s.errors) + "<"),
            std::string::npos);
  EXPECT_NE(html.find("id=\"incomplete\""), std::string::npos);
  EXPECT_NE(html.find("Audit &lt;test&gt;"), std::string::npos);
  EXPECT_NE(html.find("id=\"chart-trend\""), std::string::npos);
  EXPECT_NE(html.find("id=\"chart-group\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST(AuditReport, NumbersAndEscaping) {
  EXPECT_EQ(thousands(0), "0");
  EXPECT_EQ(thousands(1234567), "1,234,567");
  EXPECT_EQ(html_escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

}  // namespace
}  // namespace escalint
