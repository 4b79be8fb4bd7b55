// End-to-end tests of the built `escalint` binary: the JSON contract, exit statuses,
// bad inputs, golden outputs for every format, SARIF structure and the other commands.
//
// Golden files live in tests/golden/. To regenerate them after an intended change of
// output, run the tests with ESCALINT_UPDATE_GOLDEN=1, e.g.
//   ESCALINT_UPDATE_GOLDEN=1 ctest --test-dir build -R Golden
// and review the diff.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "file_support.h"
#include "test_support.h"

namespace escalint {
namespace {

using testing_support::read_file;
using testing_support::shell_quote;
using testing_support::write_file;

namespace fs = std::filesystem;
namespace json = boost::json;

// A draft modelled on `escalint template` with its placeholders filled in: it passes
// every check.
constexpr const char* kGoodDraft =
    R"(Subject: Escalation: checkout drops orders on the Nordic webshop

Hi Maria,

I'd like to escalate a problem with our implementation partner, Brightlane.

Scope: Section 4.2 of the statement of work we signed on 2025-01-15 says the ERP order sync is part of the delivery. That part has not been delivered: orders still have to be entered by hand.
We added the B2B price lists in change request CR-7; we agreed this moves the go-live from 1 March to 15 April.

What we have done: I raised this with Brightlane's project manager by email on 3 February and again in our weekly call on 10 February. They replied that the sync is out of scope, and since then we have had no clear answer.

Examples:
1. Order #100045821 was charged but never reached the ERP (screenshot: order-100045821.png).
2. Since 12 February checkout shows "Payment could not be completed" for about 40 customers a day.

We run Adobe Commerce 2.4.7-p3 on cloud infrastructure.

Kind regards,
Jonas
)";

// Warnings and a suggestion, no errors.
constexpr const char* kVagueDraft = "Everything is broken and nothing works.\n";

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::path(::testing::TempDir()) /
           ("escalint-cli-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write_file(dir_ / "good.txt", kGoodDraft);
    write_file(dir_ / "vague.txt", kVagueDraft);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs `escalint <args>` in `cwd` (default: the temp dir) with NO_COLOR=1; `stdin_path`
  // feeds standard input (default: /dev/null).
  CliRun Escalint(const std::string& args, const fs::path& cwd = {},
                  const fs::path& stdin_path = {}) const {
    const fs::path out = dir_ / "stdout.capture", err = dir_ / "stderr.capture";
    const std::string command =
        "cd " + shell_quote((cwd.empty() ? dir_ : cwd).string()) + " && NO_COLOR=1 " +
        shell_quote(ESCALINT_BINARY) + " " + args + " > " + shell_quote(out.string()) + " 2> " +
        shell_quote(err.string()) + " < " +
        shell_quote(stdin_path.empty() ? std::string("/dev/null") : stdin_path.string());
    CliRun run;
    const int raw = std::system(command.c_str());
    run.status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    run.out = read_file(out);
    run.err = read_file(err);
    return run;
  }

  // Runs `check --format json <args>` and parses its output.
  json::object CheckJson(const std::string& args, int* status) const {
    const CliRun run = Escalint("check --no-config --format json " + args);
    *status = run.status;
    json::value v;
    try {
      v = json::parse(run.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not JSON (" << e.what() << "):\n" << run.out << "\nstderr:\n" << run.err;
      return {};
    }
    EXPECT_TRUE(v.is_object());
    return v.is_object() ? v.as_object() : json::object{};
  }

  fs::path dir_;
};

// The drafts[] entry for `source`, or null.
const json::object* draft_for(const json::object& doc, const std::string& source) {
  if (!doc.contains("drafts")) return nullptr;
  for (const json::value& d : doc.at("drafts").as_array()) {
    if (d.as_object().at("source").as_string() == source) return &d.as_object();
  }
  return nullptr;
}

// The errors[] entry for `source`, or null.
const json::object* error_for(const json::object& doc, const std::string& source) {
  if (!doc.contains("errors")) return nullptr;
  for (const json::value& e : doc.at("errors").as_array()) {
    if (e.as_object().at("source").as_string() == source) return &e.as_object();
  }
  return nullptr;
}

std::vector<std::string> rules_of(const json::object& draft) {
  std::vector<std::string> out;
  for (const json::value& f : draft.at("findings").as_array()) {
    out.push_back(std::string(f.as_object().at("rule").as_string()));
  }
  return out;
}

// ---- The JSON contract and exit statuses -----------------------------------------------------

TEST_F(CliTest, JsonContract) {
  int status = -1;
  const json::object doc = CheckJson("good.txt vague.txt", &status);
  EXPECT_EQ(status, 1);
  ASSERT_TRUE(doc.contains("drafts"));
  ASSERT_TRUE(doc.contains("errors"));
  ASSERT_TRUE(doc.at("errors").is_array());
  EXPECT_TRUE(doc.at("errors").as_array().empty());
  const json::array& drafts = doc.at("drafts").as_array();
  ASSERT_EQ(drafts.size(), 2u);
  EXPECT_EQ(drafts[0].as_object().at("source").as_string(), "good.txt");  // input order
  EXPECT_EQ(drafts[1].as_object().at("source").as_string(), "vague.txt");
  for (const json::value& d : drafts) {
    const json::object& o = d.as_object();
    EXPECT_EQ(o.at("language").as_string(), "en");
    ASSERT_TRUE(o.at("findings").is_array());
  }
  EXPECT_TRUE(drafts[0].as_object().at("findings").as_array().empty());

  const json::array& findings = drafts[1].as_object().at("findings").as_array();
  ASSERT_FALSE(findings.empty());
  bool located = false;
  for (const json::value& fv : findings) {
    const json::object& f = fv.as_object();
    EXPECT_TRUE(f.at("rule").is_string());
    const std::string level(f.at("level").as_string());
    EXPECT_TRUE(level == "error" || level == "warning" || level == "suggestion") << level;
    EXPECT_TRUE(f.at("status").is_string());
    EXPECT_FALSE(f.at("message").as_string().empty());
    if (f.contains("line")) {
      located = true;
      EXPECT_GE(f.at("line").as_int64(), 1);
      EXPECT_GE(f.at("column").as_int64(), 1);
    }
  }
  EXPECT_TRUE(located) << "the vague claims are findings at their place";
  const auto rules = rules_of(drafts[1].as_object());
  EXPECT_NE(std::find(rules.begin(), rules.end(), "vague-language"), rules.end());
  EXPECT_NE(std::find(rules.begin(), rules.end(), "partner-contact"), rules.end());
}

TEST_F(CliTest, DraftPassingEveryCheckExitsZero) {
  int status = -1;
  const json::object doc = CheckJson("good.txt", &status);
  EXPECT_EQ(status, 0);
  const json::object* d = draft_for(doc, "good.txt");
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->at("findings").as_array().empty()) << json::serialize(d->at("findings"));
  EXPECT_EQ(d->at("score").as_int64(), 100);
}

TEST_F(CliTest, VagueDraftExitsOne) {
  EXPECT_EQ(Escalint("check --no-config vague.txt").status, 1);
}

TEST_F(CliTest, FailLevelErrorOnWarningsOnlyExitsZero) {
  int status = -1;
  const json::object doc = CheckJson("--fail-level error vague.txt", &status);
  EXPECT_EQ(status, 0);
  const json::object* d = draft_for(doc, "vague.txt");
  ASSERT_NE(d, nullptr);
  bool warnings = false;
  for (const json::value& f : d->at("findings").as_array()) {
    EXPECT_NE(f.as_object().at("level").as_string(), "error");
    warnings = warnings || f.as_object().at("level").as_string() == "warning";
  }
  EXPECT_TRUE(warnings) << "the draft must have warnings for this test to mean anything";
}

TEST_F(CliTest, FailLevelSuggestion) {
  // Only a suggestion: passes at the default level, fails at --fail-level suggestion.
  std::string draft = kGoodDraft;
  draft.insert(draft.find("We run Adobe"), "Honestly, the agency is useless.\n\n");
  write_file(dir_ / "suggestion.txt", draft);
  int status = -1;
  const json::object doc = CheckJson("suggestion.txt", &status);
  EXPECT_EQ(status, 0);
  const json::object* d = draft_for(doc, "suggestion.txt");
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->at("findings").as_array().size(), 1u) << json::serialize(d->at("findings"));
  EXPECT_EQ(d->at("findings").as_array()[0].as_object().at("level").as_string(), "suggestion");
  EXPECT_EQ(Escalint("check --no-config --fail-level suggestion suggestion.txt").status, 1);
}

TEST_F(CliTest, BadFailLevelIsUsageError) {
  const CliRun run = Escalint("check --no-config --fail-level fatal good.txt");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("fail-level"), std::string::npos) << run.err;
}

TEST_F(CliTest, UnknownFormatIsUsageError) {
  const CliRun run = Escalint("check --no-config --format xml good.txt");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("xml"), std::string::npos) << run.err;
}

TEST_F(CliTest, NoInputIsUsageError) {
  EXPECT_EQ(Escalint("check --no-config").status, 2);
}

TEST_F(CliTest, StandardInputIsNamedDash) {
  int status = -1;
  const CliRun run = Escalint("check --no-config --format json -", {}, dir_ / "vague.txt");
  status = run.status;
  EXPECT_EQ(status, 1);
  const json::object doc = json::parse(run.out).as_object();
  ASSERT_NE(draft_for(doc, "-"), nullptr) << run.out;
}

TEST_F(CliTest, ExportsOnStandardInputStreamPastTheSizeLimit) {
  // 1.5 MiB of tickets through a 1 MiB limit: each record is small, so every format of
  // many records streams and reads them all.
  const std::string text(1000, 'x');
  std::string json = "{\"tickets\": [", csv = "id,body\n", mbox;
  for (int i = 1; i <= 1500; ++i) {
    json += std::string(i > 1 ? "," : "") + "{\"id\": " + std::to_string(i) +
            ", \"description\": \"" + text + "\"}";
    csv += std::to_string(i) + "," + text + "\n";
    mbox += "From a@example.com Mon Mar  3 10:00:00 2025\nFrom: a@example.com\nSubject: S" +
            std::to_string(i) + "\n\n" + text + "\n\n";
  }
  json += "]}";
  write_file(dir_ / "export.json", json);
  write_file(dir_ / "export.csv", csv);
  write_file(dir_ / "export.mbox", mbox);
  for (const auto& [file, format] :
       {std::pair{"export.json", "json"}, std::pair{"export.csv", "csv"},
        std::pair{"export.mbox", "mbox"}}) {
    const CliRun run = Escalint(std::string("check --no-config --max-size 1 --format jsonl ") +
                                    "--input-format " + format + " -",
                                {}, dir_ / file);
    EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 1500) << format << ": " << run.err;
    EXPECT_EQ(run.out.find("\"error\""), std::string::npos) << format;
  }
}

TEST_F(CliTest, LangFlagForcesLanguage) {
  int status = -1;
  const json::object doc = CheckJson("--lang sv vague.txt", &status);
  const json::object* d = draft_for(doc, "vague.txt");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->at("language").as_string(), "sv");
}

// ---- Bad inputs: every one is an errors[] record, good files are still checked -------------

class CliBadInput : public CliTest {
 protected:
  // Checks `bad` (a path relative to the temp dir) together with good.txt and expects an
  // errors[] record naming it whose message holds `message_part`, and exit status 2.
  void ExpectErrorRecord(const std::string& bad, const std::string& message_part,
                         const std::string& flags = "") {
    int status = -1;
    const json::object doc = CheckJson(flags + " good.txt " + bad, &status);
    EXPECT_EQ(status, 2);
    const json::object* e = error_for(doc, bad);
    ASSERT_NE(e, nullptr) << "no error record for " << bad << ": " << json::serialize(doc);
    EXPECT_NE(std::string(e->at("message").as_string()).find(message_part), std::string::npos)
        << e->at("message").as_string();
    EXPECT_EQ(draft_for(doc, bad), nullptr) << bad << " must not be reported as a draft";
    EXPECT_NE(draft_for(doc, "good.txt"), nullptr) << "the good file is still checked";
  }
};

TEST_F(CliBadInput, InvalidUtf8IsLintedWithNotice) {
  write_file(dir_ / "latin1.txt", "We have not contacted the agency. Caf\xE9 and na\xEFve text.\n");
  int status = -1;
  const json::object doc = CheckJson("good.txt latin1.txt", &status);
  EXPECT_EQ(error_for(doc, "latin1.txt"), nullptr);
  const json::object* d = draft_for(doc, "latin1.txt");
  ASSERT_NE(d, nullptr) << json::serialize(doc);
  bool utf8_notice = false;
  for (const json::value& n : d->at("notices").as_array()) {
    if (std::string(n.as_string()).find("UTF-8") != std::string::npos) utf8_notice = true;
  }
  EXPECT_TRUE(utf8_notice) << json::serialize(d->at("notices"));
  const auto rules = rules_of(*d);
  EXPECT_NE(std::find(rules.begin(), rules.end(), "partner-contact"), rules.end())
      << "the draft is still linted";
  EXPECT_EQ(status, 1);  // findings, but no input error
}

TEST_F(CliBadInput, Utf16WithByteOrderMarkIsDecodedNotBinary) {
  // "Everything is broken and nothing works.\n" as UTF-16LE with a BOM: full of NUL bytes.
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string(kVagueDraft)) {
    utf16 += c;
    utf16 += '\0';
  }
  write_file(dir_ / "windows.txt", utf16);
  int status = -1;
  const json::object doc = CheckJson("windows.txt", &status);
  EXPECT_EQ(status, 1);
  EXPECT_TRUE(doc.at("errors").as_array().empty()) << json::serialize(doc);
  const json::object* d = draft_for(doc, "windows.txt");
  ASSERT_NE(d, nullptr) << json::serialize(doc);
  const auto rules = rules_of(*d);
  EXPECT_NE(std::find(rules.begin(), rules.end(), "vague-language"), rules.end())
      << json::serialize(*d);
}

TEST_F(CliBadInput, BinaryFile) {
  write_file(dir_ / "image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  ExpectErrorRecord("image.png", "binary");
}

TEST_F(CliBadInput, EmptyFile) {
  write_file(dir_ / "empty.txt", "");
  ExpectErrorRecord("empty.txt", "empty");
}

TEST_F(CliBadInput, WhitespaceOnlyFile) {
  write_file(dir_ / "blank.txt", " \n\t\r\n");
  ExpectErrorRecord("blank.txt", "empty");
}

TEST_F(CliBadInput, FolderWithoutRecursive) {
  fs::create_directories(dir_ / "folder");
  write_file(dir_ / "folder" / "inner.txt", kVagueDraft);
  ExpectErrorRecord("folder", "recursive");
}

TEST_F(CliBadInput, FolderWithRecursiveIsWalked) {
  fs::create_directories(dir_ / "folder" / "sub");
  write_file(dir_ / "folder" / "b.txt", kVagueDraft);
  write_file(dir_ / "folder" / "sub" / "a.md", kGoodDraft);
  write_file(dir_ / "folder" / "ignored.bin", "not a draft");
  int status = -1;
  const json::object doc = CheckJson("-r folder", &status);
  EXPECT_EQ(status, 1);
  ASSERT_EQ(doc.at("drafts").as_array().size(), 2u) << json::serialize(doc);
  EXPECT_NE(draft_for(doc, (fs::path("folder") / "b.txt").string()), nullptr)
      << json::serialize(doc);
  EXPECT_NE(draft_for(doc, (fs::path("folder") / "sub" / "a.md").string()), nullptr)
      << json::serialize(doc);
  EXPECT_TRUE(doc.at("errors").as_array().empty());
}

TEST_F(CliBadInput, MissingFile) {
  ExpectErrorRecord("no-such-draft.txt", "no such file");
}

TEST_F(CliBadInput, FileOverMaxSize) {
  write_file(dir_ / "large.txt", std::string(kGoodDraft) + std::string(1200 * 1024, 'x') + "\n");
  ExpectErrorRecord("large.txt", "limit", "--max-size 1");
}

TEST_F(CliBadInput, SeveralBadInputsAreAllReported) {
  write_file(dir_ / "empty.txt", "");
  int status = -1;
  const json::object doc = CheckJson("missing.txt good.txt empty.txt vague.txt", &status);
  EXPECT_EQ(status, 2);
  EXPECT_EQ(doc.at("errors").as_array().size(), 2u);
  EXPECT_NE(error_for(doc, "missing.txt"), nullptr);
  EXPECT_NE(error_for(doc, "empty.txt"), nullptr);
  EXPECT_EQ(doc.at("drafts").as_array().size(), 2u);
}

TEST_F(CliBadInput, BadInputInTextFormatGoesToStdoutAndStderrSummary) {
  const CliRun run = Escalint("check --no-config no-such-draft.txt good.txt");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.out.find("no-such-draft.txt: error: no such file"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("good.txt"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("could not be read"), std::string::npos) << run.err;
}

TEST_F(CliBadInput, FiftyMegabyteFileIsChecked) {
  // 50 MB is under the default 64 MiB limit: it must be checked, not refused. (How fast
  // is for bench/, not for a timed test.)
  {
    std::ofstream out(dir_ / "big.txt", std::ios::binary);
    const std::string para = std::string(kGoodDraft) + "\n";
    for (std::size_t n = 0; n < 50'000'000; n += para.size()) out << para;
  }
  ASSERT_GE(fs::file_size(dir_ / "big.txt"), 50'000'000u);
  int status = -1;
  const json::object doc = CheckJson("good.txt big.txt", &status);
  fs::remove(dir_ / "big.txt");
  EXPECT_EQ(status, 0);
  EXPECT_TRUE(doc.at("errors").as_array().empty()) << json::serialize(doc.at("errors"));
  const json::object* d = draft_for(doc, "big.txt");
  ASSERT_NE(d, nullptr) << json::serialize(doc);
  EXPECT_EQ(d->at("language").as_string(), "en");
  EXPECT_TRUE(d->at("findings").as_array().empty());
}

// ---- Golden outputs -----------------------------------------------------------------------

struct GoldenFormat {
  const char* format;
  const char* expected;  // file name under tests/golden/
};

void PrintTo(const GoldenFormat& f, std::ostream* os) {
  *os << "--format " << f.format;
}

class CliGolden : public CliTest, public ::testing::WithParamInterface<GoldenFormat> {};

TEST_P(CliGolden, MatchesExpectedOutput) {
  const fs::path golden = fs::path(ESCALINT_SOURCE_DIR) / "tests" / "golden";
  ASSERT_TRUE(fs::exists(golden / "draft.txt"));
  const CliRun run = Escalint(
      std::string("check --no-config --format ") + GetParam().format + " draft.txt", golden);
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_EQ(run.err, "");
  const fs::path expected_path = golden / GetParam().expected;
  const char* update = std::getenv("ESCALINT_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(expected_path, run.out);
    std::cout << "updated " << expected_path << "\n";
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << expected_path << " is missing; run with ESCALINT_UPDATE_GOLDEN=1";
  EXPECT_EQ(run.out, read_file(expected_path))
      << "output of --format " << GetParam().format << " differs from " << expected_path
      << " (if the change is intended, rerun with ESCALINT_UPDATE_GOLDEN=1 and review the diff)";
}

INSTANTIATE_TEST_SUITE_P(Formats, CliGolden,
                         ::testing::Values(GoldenFormat{"text", "draft.text.expected"},
                                           GoldenFormat{"json", "draft.json.expected"},
                                           GoldenFormat{"jsonl", "draft.jsonl.expected"},
                                           GoldenFormat{"sarif", "draft.sarif.expected"},
                                           GoldenFormat{"github", "draft.github.expected"}),
                         [](const ::testing::TestParamInfo<GoldenFormat>& info) {
                           return std::string(info.param.format);
                         });

// ---- SARIF structure --------------------------------------------------------------------------

TEST_F(CliTest, SarifStructure) {
  write_file(dir_ / "empty.txt", "");
  const CliRun run = Escalint("check --no-config --format sarif vague.txt empty.txt");
  EXPECT_EQ(run.status, 2);
  const json::object log = json::parse(run.out).as_object();
  EXPECT_EQ(log.at("version").as_string(), "2.1.0");
  const json::array& runs = log.at("runs").as_array();
  ASSERT_EQ(runs.size(), 1u);
  const json::object& r = runs[0].as_object();
  const json::object& driver = r.at("tool").as_object().at("driver").as_object();
  EXPECT_EQ(driver.at("name").as_string(), "escalint");
  const json::array& rules = driver.at("rules").as_array();
  ASSERT_GE(rules.size(), 7u);
  std::vector<std::string> ids;
  for (const json::value& rv : rules) {
    const json::object& rule = rv.as_object();
    ids.push_back(std::string(rule.at("id").as_string()));
    EXPECT_FALSE(rule.at("shortDescription").as_object().at("text").as_string().empty())
        << ids.back();
    EXPECT_FALSE(rule.at("help").as_object().at("text").as_string().empty()) << ids.back();
    const std::string level(rule.at("defaultConfiguration").as_object().at("level").as_string());
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
  }
  const json::array& results = r.at("results").as_array();
  ASSERT_FALSE(results.empty());
  bool region = false;
  for (const json::value& v : results) {
    const json::object& res = v.as_object();
    const std::string id(res.at("ruleId").as_string());
    const auto at = std::find(ids.begin(), ids.end(), id);
    ASSERT_NE(at, ids.end()) << id << " is not among the driver's rules";
    EXPECT_EQ(res.at("ruleIndex").as_int64(), at - ids.begin());
    const std::string level(res.at("level").as_string());
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note") << level;
    EXPECT_FALSE(res.at("message").as_object().at("text").as_string().empty());
    const json::array& locations = res.at("locations").as_array();
    ASSERT_EQ(locations.size(), 1u);
    const json::object& physical = locations[0].as_object().at("physicalLocation").as_object();
    EXPECT_EQ(physical.at("artifactLocation").as_object().at("uri").as_string(), "vague.txt");
    if (physical.contains("region")) {
      region = true;
      EXPECT_GE(physical.at("region").as_object().at("startLine").as_int64(), 1);
      EXPECT_GE(physical.at("region").as_object().at("startColumn").as_int64(), 1);
    }
  }
  EXPECT_TRUE(region) << "located findings carry a region";
  // The unreadable input is reported as a tool notification.
  ASSERT_TRUE(r.contains("invocations")) << run.out;
  const json::object& invocation = r.at("invocations").as_array().at(0).as_object();
  EXPECT_FALSE(invocation.at("executionSuccessful").as_bool());
  EXPECT_NE(json::serialize(invocation.at("toolExecutionNotifications")).find("empty.txt"),
            std::string::npos);
}

// ---- Other commands ---------------------------------------------------------------------------

TEST_F(CliTest, RulesTestPasses) {
  const CliRun run = Escalint("rules test");
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_NE(run.out.find(" 0 failed"), std::string::npos) << run.out;
}

TEST_F(CliTest, RulesTestFailsOnABrokenExample) {
  // A copy of a rule pack whose example contradicts its rule: `rules test` must say so.
  const fs::path rules = dir_ / "rules";
  fs::create_directories(rules / "lang");
  write_file(rules / "lang" / "en.yaml",
             "language: en\nname: English\nnegation: {before: [not]}\nmarkers: {}\n");
  write_file(rules / "greet.yaml", R"(id: greet
kind: require
level: warning
languages:
  en:
    messages: {missing: Say hello.}
    evidence: {greeting: ['hello']}
    examples:
      fail: ["hello there"]
      pass: ["hello again"]
)");
  const CliRun run = Escalint("rules test --rules rules");
  EXPECT_EQ(run.status, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("FAIL greet [en] should fire on: hello there"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("1 passed, 1 failed"), std::string::npos) << run.out;
}

TEST_F(CliTest, SwedishTemplatePassesSwedishCheck) {
  const CliRun tmpl = Escalint("template --lang sv");
  ASSERT_EQ(tmpl.status, 0) << tmpl.err;
  ASSERT_NE(tmpl.out.find("Ämne:"), std::string::npos) << "not the Swedish template:\n" << tmpl.out;
  write_file(dir_ / "mall.txt", tmpl.out);
  int status = -1;
  const json::object doc = CheckJson("--lang sv mall.txt", &status);
  EXPECT_EQ(status, 0);
  const json::object* d = draft_for(doc, "mall.txt");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->at("language").as_string(), "sv");
  for (const json::value& f : d->at("findings").as_array()) {
    EXPECT_NE(f.as_object().at("level").as_string(), "warning") << json::serialize(f);
    EXPECT_NE(f.as_object().at("level").as_string(), "error") << json::serialize(f);
  }
}

TEST_F(CliTest, EnglishTemplatePassesEnglishCheck) {
  const CliRun tmpl = Escalint("template");
  ASSERT_EQ(tmpl.status, 0) << tmpl.err;
  write_file(dir_ / "template.txt", tmpl.out);
  EXPECT_EQ(Escalint("check --no-config --lang en template.txt").status, 0);
}

TEST_F(CliTest, EveryLanguagesTemplateIsIdentifiedAndPassesItsChecks) {
  for (const auto& [code, language] : testing_support::builtin_pack().languages) {
    const CliRun tmpl = Escalint("template --lang " + code);
    ASSERT_EQ(tmpl.status, 0) << code << ": " << tmpl.err;
    const std::string file = "template-" + code + ".txt";
    write_file(dir_ / file, tmpl.out);
    int status = -1;
    const json::object doc = CheckJson(file, &status);  // the language is identified
    EXPECT_EQ(status, 0) << code;
    const json::object* d = draft_for(doc, file);
    ASSERT_NE(d, nullptr) << code;
    EXPECT_EQ(d->at("language").as_string(), code);
    EXPECT_EQ(d->at("score").as_int64(), 100) << code;
  }
}

TEST_F(CliTest, TemplateForUnknownLanguageFails) {
  EXPECT_EQ(Escalint("template --lang xx").status, 2);
}

TEST_F(CliTest, CheckHelpMentionsExamples) {
  const CliRun run = Escalint("check --help");
  EXPECT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("Examples"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("--format"), std::string::npos) << run.out;
}

TEST_F(CliTest, UnknownCommandIsUsageError) {
  const CliRun run = Escalint("frobnicate");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("unknown command"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace escalint
