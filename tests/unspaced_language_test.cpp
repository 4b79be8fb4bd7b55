// Languages written without spaces between words (`spaced: false`, rules/rule_pack.h):
// patterns match inside runs of letters, and the negation window counts the words of
// ICU's dictionary-based word breaker. A small pack keeps the test independent of the
// shipped Japanese rules.
#include <gtest/gtest.h>

#include <string>

#include "lint/linter.h"
#include "rules/rule_loader.h"
#include "test_support.h"

namespace escalint {
namespace {

using testing_support::findings_of;

const char* kJapanese = R"(language: ja
name: 日本語
spaced: false
macros:
  partner: 'パートナー|開発会社'
negation:
  window_words: 3
  window_words_after: 4
  before: ['まだ']
  after: ['ていません|ていない']
  clause_punctuation: ['[、。]']
  clause_boundaries: ['(?:ません|ない)が']
)";

const char* kRule = R"(id: partner-contact
kind: require
level: warning
check: partner
negation: true
languages:
  ja:
    title: パートナーへの連絡
    messages:
      missing: 連絡が書かれていません。
      denied: まだ連絡していません。
    evidence:
      contact:
        - '{{partner}}に連絡し'
)";

DraftResult check(const std::string& body) {
  static const Linter linter = [] {
    LintOptions options;
    options.language = "ja";
    return Linter(
        load_rule_pack({{"rules/partner-contact.yaml", kRule}, {"rules/lang/ja.yaml", kJapanese}}),
        options);
  }();
  Draft draft;
  draft.source = "test.txt";
  draft.body = body;
  return linter.check(draft);
}

std::string status(const std::string& body) {
  const auto found = findings_of(check(body), "partner-contact");
  return found.empty() ? "ok" : found.front().status;
}

TEST(UnspacedLanguage, EvidenceMatchesInsideARunOfLetters) {
  // No space or punctuation around the evidence: a spaced language would need edges.
  EXPECT_EQ(status("先週開発会社に連絡しました。"), "ok");
  EXPECT_EQ(status("チェックアウトが壊れています。"), "missing");
}

TEST(UnspacedLanguage, NegationByVerbEndingAfterTheEvidence) {
  EXPECT_EQ(status("開発会社に連絡していません。"), "denied");
  EXPECT_EQ(status("まだ開発会社に連絡していません。"), "denied");
  // A clause boundary that carries the negation ("ませんが") still negates what is
  // before it; the clause after it does not.
  EXPECT_EQ(status("開発会社に連絡していませんが、先に伺います。"), "denied");
  EXPECT_EQ(status("開発会社に連絡しましたが、返事はまだです。"), "ok");
}

TEST(UnspacedLanguage, BeforeWindowCountsDictionaryWords) {
  // "まだ" right before the evidence negates it (the after-trigger is absent here).
  EXPECT_EQ(status("まだパートナーに連絡しました。"), "denied");
  // Separated from the evidence by more than three dictionary words (昨日 / 東京 / の /
  // 会議 / で ...), it is outside the window, although the sentence has no spaces and
  // no clause punctuation.
  EXPECT_EQ(status("まだ昨日東京の会議室で開発会社に連絡しました。"), "ok");
}

TEST(UnspacedLanguage, ClausePunctuationEndsTheWindow) {
  EXPECT_EQ(status("まだ直っていない、開発会社に連絡しました。"), "ok");
}

}  // namespace
}  // namespace escalint
