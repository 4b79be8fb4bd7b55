// Robustness: every message under ../shared/fixtures/mail (real test mail from public
// MIME libraries) is read without a crash and yields a draft or an error naming the file;
// mbox archives give one draft or error per message; known texts decode exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "file_support.h"
#include "input/read_input.h"

namespace escalint {
namespace {

using testing_support::read_file;

namespace fs = std::filesystem;

const fs::path kRoot = fs::path(ESCALINT_SOURCE_DIR) / ".." / "shared" / "fixtures" / "mail";

struct Collected {
  std::vector<Draft> drafts;
  std::vector<InputError> errors;
};

Collected read_path(const fs::path& p) {
  Collected c;
  read_inputs({p.string()}, ReadOptions{},
              {[&](Draft d) { c.drafts.push_back(std::move(d)); },
               [&](InputError e) { c.errors.push_back(std::move(e)); }});
  return c;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

std::string all_text(const Collected& c) {
  std::string out;
  for (const Draft& d : c.drafts) out += d.subject + "\n" + d.body + "\n";
  return out;
}

TEST(InputFixtures, EveryFileYieldsADraftOrAnErrorNamingIt) {
  if (!fs::is_directory(kRoot)) GTEST_SKIP() << "no fixtures at " << kRoot;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(kRoot)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name != "INDEX.tsv" && name != "PROVENANCE.md" &&
        name != ".gitattributes") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 200u);
  std::size_t drafts = 0, errors = 0;
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.string());
    const Collected c = read_path(f);
    EXPECT_GE(c.drafts.size() + c.errors.size(), 1u);
    for (const InputError& e : c.errors) {
      EXPECT_EQ(e.source, f.string());
      EXPECT_FALSE(e.message.empty());
    }
    for (const Draft& d : c.drafts) {
      EXPECT_EQ(d.source, f.string());
      EXPECT_FALSE(d.subject.empty() && d.body.find_first_not_of(" \t\r\n") == std::string::npos);
    }
    drafts += c.drafts.size();
    errors += c.errors.size();
  }
  // Most fixtures are readable mail; the errors are messages with no text at all.
  EXPECT_GT(drafts, 10 * errors) << drafts << " drafts, " << errors << " errors";
}

TEST(InputFixtures, MboxMessageCountsMatchTheSeparatorLines) {
  if (!fs::is_directory(kRoot)) GTEST_SKIP() << "no fixtures at " << kRoot;
  // Separator lines per archive, counted by hand. unmunged.mbox.txt has two more
  // "From " lines ("From Russia with love") in its bodies: not separators.
  const std::map<std::string, std::size_t> expected = {
      {"mimekit/mbox/issue1189.mbox.txt", 4},
      {"mimekit/mbox/simple.mbox.txt", 3},
      {"mimekit/mbox/unmunged.mbox.txt", 2},
      {"zetacomponents-mail/transports/one-mail.mbox", 2},
      {"zetacomponents-mail/transports/test-mbox", 3},
      {"zetacomponents-mail/transports/testlimit-mbox", 9},
      {"zetacomponents-mail/transports/unknown-charsets.mbox", 2},
      {"zetacomponents-mail/parser/drafts/postponed-msgs-pine.mbox", 2}};
  for (const auto& [rel, n] : expected) {
    SCOPED_TRACE(rel);
    const fs::path p = kRoot / rel;
    ASSERT_TRUE(fs::exists(p));
    const std::string bytes = read_file(p);
    std::size_t from_lines =
        (bytes.compare(bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0, 5, "From ") == 0) +
        count(bytes, "\nFrom ");
    if (rel == "mimekit/mbox/unmunged.mbox.txt") from_lines -= count(bytes, "\nFrom Russia");
    EXPECT_EQ(from_lines, n);
    const Collected c = read_path(p);
    EXPECT_EQ(c.drafts.size() + c.errors.size(), n);
    std::size_t record = 0;
    for (const Draft& d : c.drafts) {
      EXPECT_GT(d.record, record);
      record = d.record;
      EXPECT_FALSE(d.id.empty());
      EXPECT_EQ(d.position_prefix, "body");
    }
  }
}

TEST(InputFixtures, KnownTextsDecode) {
  if (!fs::is_directory(kRoot)) GTEST_SKIP() << "no fixtures at " << kRoot;
  struct Case {
    const char* file;
    const char* charset;
    std::vector<std::string> texts;
  };
  const std::vector<Case> cases = {
      {"mimekit/messages/japanese.txt",
       "iso-2022-jp",
       {"日本語メールテスト (testing Japanese emails)", "日本語が\n正常に\n送れているか"}},
      {"mikel-mail/multi_charset/japanese_iso_2022.eml",
       "iso-2022-jp",
       {"まみむめも", "すみません。"}},
      {"mikel-mail/multi_charset/japanese_shift_jis.eml",
       "shift_jis",
       {"このメールはテスト用のメールです。"}},
      {"zetacomponents-mail/parser/various/test-mbox-russian",
       "koi8-r",
       {"Re: Мне надо уйти на час с 12.00 по", "Возле Тираспольской площади"}},
      {"stalwart-mail-parser/malformed/018.eml",
       "windows-1252",
       {"Enviado desde mi BlackBerry® de Vodafone"}},
      {"stalwart-mail-parser/thirdparty/019.eml", "windows-1252", {"Search for hähä"}},
      {"stalwart-mail-parser/thirdparty/005.eml", "utf-16le/utf-16be/euc-jp", {"『世界人権宣言』"}},
      {"mikel-mail/plain_emails/raw_email.eml",
       "euc-kr",
       {"NOTE: 한국말로 하는 것", "제 이름은 Jamis입니다."}},
      {"enmime/parts/chardet-success-big-5.raw",
       "big5 labelled us-ascii (detected)",
       {"顏是家訓  北齊  顏之推"}},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(std::string(k.file) + " (" + k.charset + ")");
    const Collected c = read_path(kRoot / k.file);
    ASSERT_FALSE(c.drafts.empty());
    const std::string text = all_text(c);
    for (const std::string& t : k.texts)
      EXPECT_NE(text.find(t), std::string::npos) << "missing: " << t << "\n" << text;
  }
  // The three UTF-16 parts (one binary little-endian, two base64) all say "Test message".
  const Collected utf16 = read_path(kRoot / "stalwart-mail-parser/thirdparty/005.eml");
  ASSERT_EQ(utf16.drafts.size(), 1u);
  EXPECT_EQ(count(utf16.drafts[0].body, "Test message"), 3u) << utf16.drafts[0].body;
  // The big5 text labelled us-ascii is detected, and the guess is said.
  const Collected big5 = read_path(kRoot / "enmime/parts/chardet-success-big-5.raw");
  ASSERT_EQ(big5.drafts.size(), 1u);
  ASSERT_FALSE(big5.drafts[0].notices.empty());
  EXPECT_NE(big5.drafts[0].notices[0].find("Big5"), std::string::npos) << big5.drafts[0].notices[0];
}

TEST(InputFixtures, AttachmentsAreListed) {
  if (!fs::is_directory(kRoot)) GTEST_SKIP() << "no fixtures at " << kRoot;
  const Collected c = read_path(kRoot / "nodemailer-mailparser/nodemailer.eml");
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_TRUE(c.drafts[0].attachments_known);
  EXPECT_GE(c.drafts[0].attachments.size(), 3u);
  for (const Attachment& a : c.drafts[0].attachments) {
    EXPECT_FALSE(a.type.empty());
    EXPECT_GT(a.size, 0u);
  }
}

}  // namespace
}  // namespace escalint
