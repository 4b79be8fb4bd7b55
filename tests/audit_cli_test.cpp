// End-to-end tests of `escalint audit` with the built binary: sharded runs merge to the
// single run's summary count for count; records read = drafts + errors with malformed
// inputs; the same results for --jobs 1 and --jobs 2; the HTML report's charts and
// totals; SIGINT stops cleanly with outputs marked incomplete.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "file_support.h"

namespace escalint {
namespace {

using testing_support::read_file;
using testing_support::shell_quote;
using testing_support::write_file;

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr int kCorpus = 80;  // drafts generated (debug and sanitizer builds stay fast)

int run_shell(const std::string& command) {
  const int raw = std::system(command.c_str());
  return raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

json::object read_json(const fs::path& path) {
  const std::string text = read_file(path);
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  EXPECT_FALSE(ec) << path << " is not JSON: " << text.substr(0, 200);
  return v.is_object() ? v.as_object() : json::object{};
}

std::size_t count_lines(const std::string& text, const std::string& end = "\n") {
  std::size_t n = 0;
  for (std::size_t at = text.find(end); at != std::string::npos;
       at = text.find(end, at + end.size()))
    ++n;
  return n;
}

std::uint64_t total(const json::object& summary, const char* key) {
  return summary.at("totals").at(key).to_number<std::uint64_t>();
}

// A corpus in four shard folders, from ../shared/tools/gen_corpus.py (else written here),
// plus a dated JSONL file and malformed inputs (an empty file, a binary file, a broken
// JSONL line).
class AuditCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("escalint-audit-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "generated");
    const fs::path generator =
        fs::path(ESCALINT_SOURCE_DIR) / ".." / "shared" / "tools" / "gen_corpus.py";
    const bool generated =
        fs::exists(generator) &&
        run_shell("python3 " + shell_quote(generator.string()) + " --n " + std::to_string(kCorpus) +
                  " --seed 11 --out-dir " + shell_quote((dir_ / "generated").string()) +
                  " > /dev/null 2>&1") == 0;
    if (!generated) write_own_corpus(dir_ / "generated");
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir_ / "generated")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (int s = 0; s < 4; ++s) fs::create_directories(dir_ / ("shard" + std::to_string(s)));
    for (std::size_t i = 0; i < files.size(); ++i) {
      fs::rename(files[i], dir_ / ("shard" + std::to_string(i % 4)) / files[i].filename());
    }
    // Dated tickets with one malformed line, so months and an error show up.
    std::string jsonl;
    const char* bodies[] = {
        "Our checkout on Adobe Commerce 2.4.6 fails since order 100045821. We emailed Brightlane "
        "on 3 March; they "
        "replied it is out of scope, but the statement of work lists it.",
        "Everything is broken and nothing works. Please fix asap.",
        "Hej, kassan är trasig igen. Vi har inte kontaktat byrån än."};
    for (int i = 0; i < 9; ++i) {
      json::object o{{"id", "T-" + std::to_string(i)},
                     {"subject", "Ticket " + std::to_string(i)},
                     {"body", bodies[i % 3]},
                     {"created_at", "2025-0" + std::to_string(1 + i % 3) + "-1" +
                                        std::to_string(i) + "T10:00:00Z"}};
      jsonl += json::serialize(o) + "\n";
      if (i == 4) jsonl += "{\"id\": \"T-broken\", \"body\": \n";
    }
    write_file(dir_ / "shard1" / "tickets.jsonl", jsonl);
    write_file(dir_ / "shard2" / "empty.txt", "");
    std::string binary(512, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>((i * 37) % 256);
    write_file(dir_ / "shard3" / "binary.txt", binary);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Without the generator: kCorpus drafts from a few patterns, in both languages.
  static void write_own_corpus(const fs::path& dir) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    const char* patterns[] = {
        "Subject: Checkout fails again\n\nOrder #10004{} failed on Adobe Commerce 2.4.{}. We "
        "emailed "
        "Brightlane on 3 March; they replied it is out of scope.\n",
        "Subject: Problem\n\nEverything is broken and nothing works. Ticket {} still open after {} "
        "days.\n",
        "Subject: Kassan\n\nHej, kassan är trasig igen sedan order 55{}. Vi har inte kontaktat "
        "byrån "
        "än, version {}.\n",
        "Subject: Scope\n\nSection 4.{} of the statement of work lists the ERP sync. We raised it "
        "with the partner on {} May and they said it is late.\n"};
    for (int i = 0; i < kCorpus; ++i) {
      std::string text = patterns[(i / 4) % 4];  // every shard gets every pattern
      for (int k = 0; k < 2; ++k) text.replace(text.find("{}"), 2, std::to_string(i + k));
      char name[32];
      std::snprintf(name, sizeof name, "draft-%06d.txt", i);
      write_file(dir / name, text);
    }
  }

  // Runs `escalint audit --no-config <args>` in the corpus folder; returns the status.
  static int Audit(const std::string& args, std::string* err = nullptr) {
    const fs::path err_path = dir_ / ("stderr-" + std::to_string(++runs_));
    const int status =
        run_shell("cd " + shell_quote(dir_.string()) + " && " + shell_quote(ESCALINT_BINARY) +
                  " audit --no-config " + args + " > /dev/null 2> " +
                  shell_quote(err_path.string()) + " < /dev/null");
    if (err) *err = read_file(err_path);
    return status;
  }

  static inline fs::path dir_;
  static inline int runs_ = 0;
};

TEST_F(AuditCliTest, MergedShardSummariesEqualTheSingleRunCountForCount) {
  std::string err;
  const int single = Audit(
      "-r shard0 shard1 shard2 shard3 --group-field folder --jobs 2 --summary single.json", &err);
  EXPECT_EQ(single, 2) << err;  // the malformed inputs
  // The four shards in parallel, as GNU parallel would run them.
  const int shards = run_shell("cd " + shell_quote(dir_.string()) + " && for s in 0 1 2 3; do " +
                               shell_quote(ESCALINT_BINARY) +
                               " audit --no-config -q -r shard$s --group-field folder --jobs 1 "
                               "--summary part-$s.json 2>/dev/null & done; wait");
  EXPECT_EQ(shards, 0);
  EXPECT_EQ(Audit("--merge part-0.json part-1.json part-2.json part-3.json --summary merged.json "
                  "--report merged.html",
                  &err),
            2)
      << err;
  json::object one = read_json(dir_ / "single.json");
  json::object merged = read_json(dir_ / "merged.json");
  EXPECT_EQ(merged.at("shards").to_number<int>(), 4);
  one.erase("shards");
  merged.erase("shards");
  EXPECT_EQ(json::serialize(merged), json::serialize(one));
  EXPECT_EQ(total(one, "drafts") + total(one, "errors"), total(one, "records_read"));
  EXPECT_GE(total(one, "drafts"), static_cast<std::uint64_t>(kCorpus));
  EXPECT_EQ(one.at("by_group").as_object().size(), 4u);  // one per shard folder
  EXPECT_EQ(one.at("by_month").as_object().size(), 3u);  // the dated tickets
  EXPECT_TRUE(fs::exists(dir_ / "merged.html"));
}

TEST_F(AuditCliTest, RecordsReadAreDraftsPlusErrorsWithMalformedInputs) {
  std::string err;
  const int status = Audit(
      "-r shard1 shard2 shard3 no-such-file.txt --out results.jsonl --csv results.csv "
      "--summary totals.json",
      &err);
  EXPECT_EQ(status, 2) << err;
  const json::object s = read_json(dir_ / "totals.json");
  const std::uint64_t records = total(s, "records_read"), drafts = total(s, "drafts"),
                      errors = total(s, "errors");
  EXPECT_EQ(records, drafts + errors);
  // The missing file, the empty file, the binary file and the broken JSONL line.
  EXPECT_EQ(errors, 4u) << json::serialize(s.at("error_samples"));
  const std::size_t generated = 3 * kCorpus / 4;  // shards 1-3 of the generated drafts
  EXPECT_EQ(drafts, generated + 9);
  // Every record has its line and its row.
  const std::string results = read_file(dir_ / "results.jsonl");
  EXPECT_EQ(count_lines(results), records);
  std::size_t error_lines = 0;
  std::istringstream lines(results);
  std::uint64_t n = 0;
  for (std::string line; std::getline(lines, line);) {
    const json::object o = json::parse(line).as_object();
    EXPECT_EQ(o.at("n").to_number<std::uint64_t>(), ++n);
    if (o.contains("error")) ++error_lines;
  }
  EXPECT_EQ(error_lines, errors);
  EXPECT_EQ(count_lines(read_file(dir_ / "results.csv"), "\r\n"), records + 1);
}

TEST_F(AuditCliTest, SameResultsForOneAndTwoJobs) {
  std::string err;
  const std::string args = "-r shard0 shard1 shard2 shard3 --group-field folder --window 8";
  Audit(args + " --jobs 1 --out j1.jsonl --csv j1.csv --summary j1.json", &err);
  Audit(args + " --jobs 2 --out j2.jsonl --csv j2.csv --summary j2.json", &err);
  const std::string one = read_file(dir_ / "j1.jsonl");
  EXPECT_GT(count_lines(one), static_cast<std::size_t>(kCorpus));
  EXPECT_EQ(one, read_file(dir_ / "j2.jsonl"));
  EXPECT_EQ(read_file(dir_ / "j1.csv"), read_file(dir_ / "j2.csv"));
  EXPECT_EQ(read_file(dir_ / "j1.json"), read_file(dir_ / "j2.json"));
}

TEST_F(AuditCliTest, ReportHasOneBarPerRuleAndTheTotals) {
  std::string err;
  Audit("-r shard0 shard1 shard2 shard3 --summary report.json --report report.html", &err);
  const json::object s = read_json(dir_ / "report.json");
  const std::string html = read_file(dir_ / "report.html");
  const std::size_t begin = html.find("<svg id=\"chart-missing\"");
  ASSERT_NE(begin, std::string::npos) << err;
  const std::string chart = html.substr(begin, html.find("</svg>", begin) - begin);
  std::size_t bars = 0;
  for (std::size_t at = chart.find("class=\"bar\""); at != std::string::npos;
       at = chart.find("class=\"bar\"", at + 1))
    ++bars;
  EXPECT_EQ(bars, s.at("rules").as_array().size());
  EXPECT_GE(bars, 7u);  // the rule ids of DESIGN.md
  auto shown = [&](const char* key) {
    const std::uint64_t n = total(s, key);
    std::string text = std::to_string(n);
    if (n >= 1000) text.insert(text.size() - 3, ",");
    return html.find("data-total=\"" + std::string(key) + "\">" + text + "<") != std::string::npos;
  };
  EXPECT_TRUE(shown("records_read"));
  EXPECT_TRUE(shown("drafts"));
  EXPECT_TRUE(shown("errors"));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("id=\"chart-trend\""), std::string::npos);
  EXPECT_NE(html.find("id=\"chart-scores\""), std::string::npos);
}

TEST_F(AuditCliTest, FailLevelDecidesTheExitStatusWithoutInputErrors) {
  EXPECT_EQ(Audit("-r shard0 --summary s0.json"), 1);  // generated drafts have warnings
  EXPECT_EQ(Audit("-r shard0 --fail-level error"), 0);
  EXPECT_EQ(Audit("--merge no-such-summary.json --summary x.json"), 2);
  EXPECT_EQ(Audit("--jobs 2"), 2);  // no inputs
}

TEST_F(AuditCliTest, DateFieldAndGroupFieldFromACsvExport) {
  write_file(
      dir_ / "export.csv",
      "id,subject,body,opened\r\n"
      "C-1,Checkout,\"Checkout fails since order 100045821, see the statement of "
      "work.\",2025-01-05\r\n"
      "C-2,Kassan,\"Hej, kassan är trasig igen. Vi har inte kontaktat byrån än.\",2025-02-07\r\n"
      "C-3,\"Broken, \"\"again\"\"\",Everything is broken.,2025-02-09\r\n"
      "C-4,Extra,too,many,fields,here\r\n");
  std::string err;
  EXPECT_EQ(Audit("export.csv --date-field opened --group-field language --summary csv.json --csv "
                  "csv.csv",
                  &err),
            2)
      << err;  // the broken row
  const json::object s = read_json(dir_ / "csv.json");
  EXPECT_EQ(total(s, "drafts"), 3u);
  EXPECT_EQ(total(s, "errors"), 1u);
  const json::object& months = s.at("by_month").as_object();
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months.at("2025-02").at("drafts").to_number<int>(), 2);
  std::uint64_t grouped = 0;
  for (const auto& [lang, bucket] : s.at("by_group").as_object()) {
    EXPECT_NE(lang, "(none)");
    grouped += bucket.at("drafts").to_number<std::uint64_t>();
  }
  EXPECT_EQ(grouped, 3u);
  const std::string csv = read_file(dir_ / "csv.csv");
  EXPECT_NE(csv.find("\"Broken, \"\"again\"\"\""), std::string::npos) << csv;
}

TEST_F(AuditCliTest, SigintStopsCleanlyAndMarksTheOutputsIncomplete) {
  // Standard input is a pipe that stays open (a stalled producer): the reader is
  // blocked in a read when SIGINT arrives, and the audit must still end promptly.
  const fs::path out = dir_ / "stopped.jsonl", summary = dir_ / "stopped.json",
                 report = dir_ / "stopped.html";
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(fds[0], STDIN_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    const int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, STDOUT_FILENO);
    ::dup2(devnull, STDERR_FILENO);
    const std::string o = out.string(), s = summary.string(), r = report.string();
    execl(ESCALINT_BINARY, ESCALINT_BINARY, "audit", "--no-config", "--input-format", "jsonl", "-",
          "--out", o.c_str(), "--summary", s.c_str(), "--report", r.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  ::close(fds[0]);
  const std::string jsonl = read_file(dir_ / "shard1" / "tickets.jsonl");
  ASSERT_EQ(::write(fds[1], jsonl.data(), jsonl.size()), static_cast<ssize_t>(jsonl.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ::kill(pid, SIGINT);
  int raw = 0;
  const auto start = std::chrono::steady_clock::now();
  pid_t done = 0;
  while ((done = ::waitpid(pid, &raw, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(15)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::close(fds[1]);
  if (done == 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &raw, 0);
    FAIL() << "escalint audit did not stop within 15 s of SIGINT";
  }
  ASSERT_TRUE(WIFEXITED(raw));
  EXPECT_EQ(WEXITSTATUS(raw), 128 + SIGINT);
  const json::object s = read_json(summary);
  EXPECT_FALSE(s.at("complete").as_bool());
  ASSERT_EQ(s.at("stopped").as_array().size(), 1u);
  EXPECT_EQ(s.at("stopped").at(0).at("reason").as_string(), "SIGINT");
  EXPECT_EQ(total(s, "records_read"), total(s, "drafts") + total(s, "errors"));
  EXPECT_EQ(count_lines(read_file(out)), total(s, "records_read"));
  EXPECT_NE(read_file(report).find("id=\"incomplete\""), std::string::npos);
}

}  // namespace
}  // namespace escalint
