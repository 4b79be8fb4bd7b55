#include "rules/rule_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "lint/linter.h"
#include "rules/builtin_pack.h"
#include "rules/pack_codec.h"

namespace escalint {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;

// A small but complete language file (OptionalSectionsMayBeLeftOut covers a bare one).
const char* kLanguage = R"(language: en
name: English
macros:
  thing: 'checkout|cart'
negation:
  before: ['not']
markers:
  closing: ['regards,?']
)";

const char* kRule = R"(id: demo
kind: require
level: warning
check: scope
languages:
  en:
    title: Say it
    messages:
      missing: Say hello.
    evidence:
      greeting:
        - 'hello {{thing}}'
    examples:
      fail: ["nothing here"]
      pass: ["hello checkout"]
)";

std::vector<RuleSource> minimal_pack() {
  return {{"rules/demo.yaml", kRule}, {"rules/lang/en.yaml", kLanguage}};
}

// The problems load_rule_pack reports for `sources` (fails the test when it loads).
std::vector<std::string> problems_of(const std::vector<RuleSource>& sources) {
  try {
    load_rule_pack(sources);
  } catch (const RuleError& e) {
    EXPECT_FALSE(e.problems().empty());
    return e.problems();
  }
  ADD_FAILURE() << "the pack loaded although it should not";
  return {};
}

std::string joined(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += p + "\n";
  return out;
}

// The rule files of the source tree, named as the build names them.
std::vector<RuleSource> source_rules() {
  const std::string root = ESCALINT_SOURCE_DIR "/rules";
  std::vector<RuleSource> sources = read_rule_directory(root);
  for (RuleSource& s : sources) s.path = "rules" + s.path.substr(root.size());
  return sources;
}

TEST(RuleLoader, BuiltInPackLoads) {
  const RulePack pack = load_rule_pack(source_rules());
  std::set<std::string> ids;
  for (const Rule& r : pack.rules) ids.insert(r.id);
  // The fixed contract's rule ids (DESIGN.md); more may be added.
  for (const char* id : {"scope-reference", "scope-timeline", "partner-contact", "partner-response",
                         "concrete-examples", "vague-language", "product-version"}) {
    EXPECT_TRUE(ids.count(id)) << "missing rule " << id;
    EXPECT_NE(pack.find_rule(id), nullptr);
  }
  EXPECT_EQ(pack.find_rule("no-such-rule"), nullptr);
  EXPECT_TRUE(pack.languages.count("en"));
  EXPECT_TRUE(pack.languages.count("sv"));
  EXPECT_TRUE(std::is_sorted(pack.rules.begin(), pack.rules.end(),
                             [](const Rule& a, const Rule& b) {
                               return std::tie(a.order, a.id) < std::tie(b.order, b.id);
                             }))
      << "rules are sorted by order, then id";
  const Rule* contact = pack.find_rule("partner-contact");
  ASSERT_NE(contact, nullptr);
  EXPECT_EQ(contact->kind, RuleKind::kRequire);
  EXPECT_TRUE(contact->negation);
  EXPECT_EQ(contact->source_file, "rules/partner-contact.yaml");
  EXPECT_EQ(pack.find_rule("partner-response")->when_rule, "partner-contact");
  // Every pattern of the built-in pack compiles.
  Linter linter(pack, {});
  EXPECT_NO_THROW(linter.compile_all());
}

TEST(RuleLoader, MinimalPackLoads) {
  const RulePack pack = load_rule_pack(minimal_pack());
  ASSERT_EQ(pack.rules.size(), 1u);
  const Rule& r = pack.rules[0];
  EXPECT_EQ(r.id, "demo");
  EXPECT_EQ(r.kind, RuleKind::kRequire);
  EXPECT_EQ(r.level, Level::kWarning);
  EXPECT_EQ(r.source_file, "rules/demo.yaml");
  ASSERT_TRUE(r.languages.count("en"));
  ASSERT_EQ(r.languages.at("en").evidence.size(), 1u);
  EXPECT_EQ(r.languages.at("en").evidence[0].name, "greeting");
  EXPECT_EQ(r.languages.at("en").evidence[0].patterns, std::vector<std::string>{"hello {{thing}}"});
  EXPECT_EQ(pack.languages.at("en").macros.at("thing"), "checkout|cart");
  EXPECT_EQ(pack.languages.at("en").source_file, "rules/lang/en.yaml");

  // And it works end to end, macros included.
  LintOptions options;
  options.language = "en";
  Linter linter(pack, options);
  Draft hello;
  hello.body = "Well, hello cart.";
  EXPECT_TRUE(linter.check(hello).findings.empty());
  Draft silent;
  silent.body = "Nothing to see.";
  const DraftResult result = linter.check(silent);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].rule, "demo");
  EXPECT_EQ(result.findings[0].status, "missing");
  EXPECT_EQ(result.findings[0].message, "Say hello.");
}

// `with` makes a group count only beside another; `unless` voids evidence in a sentence.
// (A require rule needs every group.)
TEST(RuleLoader, WithAndUnlessShapeWhatCounts) {
  // kRule up to its evidence, then groups of its own.
  const std::string head = kRule;
  const std::string rule = head.substr(0, head.find("    evidence:")) + R"(    evidence:
      greeting:
        with: [thing]
        patterns: ['hello']
      thing: ['{{thing}}']
    unless:
      quoted: ['they said']
)";
  LintOptions options;
  options.language = "en";
  Linter linter(load_rule_pack({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", kLanguage}}),
                options);
  const auto missing = [&](const std::string& body) {
    Draft d;
    d.body = body;
    return !linter.check(d).findings.empty();
  };
  EXPECT_TRUE(missing("Well, hello there.")) << "'greeting' alone does not count";
  EXPECT_FALSE(missing("Well, hello cart.")) << "'thing' counts alone; 'greeting' beside it";
  EXPECT_TRUE(missing("Well, they said hello cart.")) << "'unless' voids the sentence";
  EXPECT_FALSE(missing("Well, they said hello cart. Hello, a cart.")) << "only that sentence";
}

TEST(RuleLoader, WithNamingNoOtherGroupIsReported) {
  std::string rule = kRule;
  rule.replace(rule.find("      greeting:\n        - 'hello {{thing}}'"),
               std::string("      greeting:\n        - 'hello {{thing}}'").size(),
               "      greeting:\n        with: [greting]\n        patterns: ['hello']");
  const auto problems = problems_of({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", kLanguage}});
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("rules/demo.yaml"), HasSubstr("rule 'demo'"),
                                 HasSubstr("'greting'")));
}

TEST(RuleLoader, YamlSyntaxErrorNamesTheFile) {
  auto sources = minimal_pack();
  sources.push_back({"rules/broken.yaml", "id: broken\nkind: [require\nlevel: warning\n"});
  const auto problems = problems_of(sources);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("rules/broken.yaml:"), HasSubstr("YAML")));
}

TEST(RuleLoader, UnknownKeyNamesFileLineAndRule) {
  std::string rule = kRule;
  rule.insert(rule.find("languages:"), "colour: blue\n");
  const auto problems = problems_of({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", kLanguage}});
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  // "colour" is on line 5.
  EXPECT_THAT(problems[0], AllOf(HasSubstr("rules/demo.yaml:5:"), HasSubstr("rule 'demo'"),
                                 HasSubstr("colour")));
}

TEST(RuleLoader, UnknownKeyInLanguageBlockAndLanguageFile) {
  std::string rule = kRule;
  rule.insert(rule.find("    messages:"), "    tittle: typo\n");
  std::string lang = kLanguage;
  lang += "abbreviation: [\"e.g.\"]\n";
  const auto problems = problems_of({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", lang}});
  EXPECT_THAT(problems, Contains(AllOf(HasSubstr("rules/demo.yaml"), HasSubstr("rule 'demo'"),
                                       HasSubstr("tittle"))))
      << joined(problems);
  EXPECT_THAT(problems, Contains(AllOf(HasSubstr("rules/lang/en.yaml"), HasSubstr("abbreviation"))))
      << joined(problems);
}

TEST(RuleLoader, UnknownKindNamesFileAndRule) {
  std::string rule = kRule;
  rule.replace(rule.find("kind: require"), std::string("kind: require").size(), "kind: sometimes");
  const auto problems = problems_of({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", kLanguage}});
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("rules/demo.yaml:2:"), HasSubstr("rule 'demo'"),
                                 HasSubstr("sometimes")));
}

TEST(RuleLoader, UnknownLevelIsReported) {
  std::string rule = kRule;
  rule.replace(rule.find("level: warning"), std::string("level: warning").size(), "level: fatal");
  const auto problems = problems_of({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", kLanguage}});
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_THAT(problems[0],
              AllOf(HasSubstr("rules/demo.yaml:3:"), HasSubstr("rule 'demo'"), HasSubstr("fatal")));
}

TEST(RuleLoader, MissingIdNamesTheFile) {
  std::string rule = kRule;
  rule.erase(0, rule.find('\n') + 1);  // drop "id: demo"
  const auto problems =
      problems_of({{"rules/anonymous.yaml", rule}, {"rules/lang/en.yaml", kLanguage}});
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("rules/anonymous.yaml"), HasSubstr("'id'")));
}

TEST(RuleLoader, WhenRuleNamingUnknownRule) {
  const std::string rule = R"(id: follow-up
kind: when-then
level: warning
when_rule: no-such-rule
languages:
  en:
    messages:
      missing: Then say more.
    evidence:
      more: ['more']
    examples:
      fail: ["less"]
)";
  auto sources = minimal_pack();
  sources.push_back({"rules/follow-up.yaml", rule});
  const auto problems = problems_of(sources);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("rules/follow-up.yaml"), HasSubstr("rule 'follow-up'"),
                                 HasSubstr("no-such-rule")));
}

TEST(RuleLoader, ExcusedByNamingUnknownRule) {
  std::string rule = kRule;
  rule.insert(rule.find("languages:"), "excused_by: ghost\n");
  const auto problems = problems_of({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", kLanguage}});
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_THAT(problems[0],
              AllOf(HasSubstr("rules/demo.yaml"), HasSubstr("rule 'demo'"), HasSubstr("ghost")));
}

TEST(RuleLoader, LanguageWithoutLanguageFile) {
  std::string rule = kRule;
  rule += R"(  de:
    messages:
      missing: Sag hallo.
    evidence:
      greeting: ['hallo']
    examples:
      fail: ["tschüss"]
)";
  const auto problems = problems_of({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", kLanguage}});
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("rules/demo.yaml"), HasSubstr("rule 'demo'"),
                                 HasSubstr("'de'"), HasSubstr("lang/de.yaml")));
}

TEST(RuleLoader, DuplicateIdIsReported) {
  auto sources = minimal_pack();
  sources.push_back({"rules/demo-copy.yaml", kRule});
  const auto problems = problems_of(sources);
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_THAT(problems[0], AllOf(HasSubstr("rule 'demo'"), HasSubstr("twice")));
}

TEST(RuleLoader, EveryProblemIsReportedTogether) {
  std::string unknown_kind = kRule;
  unknown_kind.replace(unknown_kind.find("id: demo"), 8, "id: other");
  unknown_kind.replace(unknown_kind.find("kind: require"), 13, "kind: maybe");
  const auto problems = problems_of({{"rules/demo.yaml", std::string(kRule) + "bogus: 1\n"},
                                     {"rules/other.yaml", unknown_kind},
                                     {"rules/broken.yaml", "id: [\n"},
                                     {"rules/lang/en.yaml", kLanguage}});
  EXPECT_EQ(problems.size(), 3u) << joined(problems);
  EXPECT_THAT(problems, Contains(HasSubstr("rules/demo.yaml")));
  EXPECT_THAT(problems, Contains(HasSubstr("rules/other.yaml")));
  EXPECT_THAT(problems, Contains(HasSubstr("rules/broken.yaml")));
}

TEST(RuleLoader, EmptyPackIsAnError) {
  const auto problems = problems_of({{"rules/lang/en.yaml", kLanguage}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("no rules"));
}

// A language file without `negation` or `markers`, and a rule language without
// `examples`, should load with empty lists (the loader's defaults, e.g. window_words
// 6, show that the sections are optional).
// (Regression: indexing into a missing section made yaml-cpp throw InvalidNode, and the
// pack was refused with "<file>:0: invalid node; first invalid key: "negation"".)
TEST(RuleLoader, OptionalSectionsMayBeLeftOut) {
  const std::string rule = R"(id: bare
kind: require
level: warning
languages:
  en:
    messages: {missing: Say hello.}
    evidence: {greeting: ['hello']}
)";
  const RulePack pack =
      load_rule_pack({{"rules/bare.yaml", rule}, {"rules/lang/en.yaml", "language: en\n"}});
  ASSERT_EQ(pack.rules.size(), 1u);
  EXPECT_TRUE(pack.rules[0].languages.at("en").failing_examples.empty());
  const LanguageData& en = pack.languages.at("en");
  EXPECT_TRUE(en.negation.before.empty());
  EXPECT_EQ(en.negation.window_words, 6);
  EXPECT_TRUE(en.markers.closing.empty());
}

TEST(RuleLoader, ErrorMessageHoldsEveryProblem) {
  const RuleError e({"a.yaml:1: first", "b.yaml:2: second"});
  EXPECT_EQ(std::string(e.what()), "a.yaml:1: first\nb.yaml:2: second");
  EXPECT_EQ(e.problems().size(), 2u);
}

TEST(RuleLoader, BrokenPatternFailsCompileAllWithFileRuleAndRe2Error) {
  std::string rule = kRule;
  rule.replace(rule.find("'hello {{thing}}'"), std::string("'hello {{thing}}'").size(),
               "'(unclosed'");
  // Loading only checks the structure; the pattern is compiled later.
  const RulePack pack =
      load_rule_pack({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", kLanguage}});
  Linter linter(pack, {});
  try {
    linter.compile_all();
    FAIL() << "compile_all() accepted a broken pattern";
  } catch (const RuleError& e) {
    const std::string what = e.what();
    EXPECT_THAT(what, HasSubstr("rules/demo.yaml"));
    EXPECT_THAT(what, HasSubstr("rule 'demo'"));
    EXPECT_THAT(what, HasSubstr("(unclosed"));
    EXPECT_THAT(what, HasSubstr("missing )"));  // RE2's own words
  }
}

TEST(RuleLoader, BrokenPatternInBuiltInPackNamesTheRule) {
  auto sources = source_rules();
  sources.push_back({"rules/zz-broken.yaml", R"(id: zz-broken
kind: forbid
level: suggestion
languages:
  sv:
    messages:
      present: Trasig.
    evidence:
      bad: ['fel[a-']
    examples:
      fail: ["fela"]
)"});
  const RulePack pack = load_rule_pack(sources);
  Linter linter(pack, {});
  try {
    linter.compile_all();
    FAIL() << "compile_all() accepted a broken pattern";
  } catch (const RuleError& e) {
    ASSERT_EQ(e.problems().size(), 1u) << e.what();
    EXPECT_THAT(e.problems()[0], AllOf(HasSubstr("rules/zz-broken.yaml"),
                                       HasSubstr("rule 'zz-broken'"), HasSubstr("fel[a-")));
  }
}

TEST(RuleLoader, UnknownMacroIsReportedByCompileAll) {
  std::string rule = kRule;
  rule.replace(rule.find("{{thing}}"), 9, "{{nothing}}");
  const RulePack pack =
      load_rule_pack({{"rules/demo.yaml", rule}, {"rules/lang/en.yaml", kLanguage}});
  Linter linter(pack, {});
  try {
    linter.compile_all();
    FAIL() << "compile_all() accepted an unknown macro";
  } catch (const RuleError& e) {
    EXPECT_THAT(std::string(e.what()), AllOf(HasSubstr("rules/demo.yaml"), HasSubstr("rule 'demo'"),
                                             HasSubstr("{{nothing}}")));
  }
}

TEST(RuleLoader, BrokenMarkerPatternNamesFileLineAndKind) {
  std::string lang = kLanguage;
  lang.replace(lang.find("'regards,?'"), std::string("'regards,?'").size(), "'regards('");
  const std::string what =
      joined(problems_of({{"rules/demo.yaml", kRule}, {"rules/lang/en.yaml", lang}}));
  EXPECT_THAT(what, AllOf(HasSubstr("rules/lang/en.yaml:"), HasSubstr("markers.closing"),
                          HasSubstr("regards("), HasSubstr("missing )")));
}

TEST(RuleLoader, UnknownRuleInOptionsFailsLinterConstruction) {
  LintOptions options;
  options.disable = {"no-such-rule"};
  try {
    Linter linter(load_rule_pack(minimal_pack()), options);
    FAIL() << "an unknown rule id in the options was accepted";
  } catch (const RuleError& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("no-such-rule"));
  }
}

TEST(RuleLoader, ReadRuleDirectory) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::path(::testing::TempDir()) / ("escalint-rules-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "lang");
  std::ofstream(dir / "demo.yaml") << kRule;
  std::ofstream(dir / "lang" / "en.yaml") << kLanguage;
  std::ofstream(dir / "README.md") << "not a rule";
  const auto sources = read_rule_directory(dir.string());
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].path, (dir / "demo.yaml").string());
  EXPECT_EQ(sources[1].path, (dir / "lang" / "en.yaml").string());
  EXPECT_EQ(load_rule_pack(sources).rules.at(0).id, "demo");
  fs::remove_all(dir);

  EXPECT_THROW(read_rule_directory((dir / "missing").string()), RuleError);
}

// ---- The encoded built-in pack (rules/pack_codec.h) ----------------------------------

TEST(PackCodec, TheEmbeddedPackIsTheSourceTreesPack) {
  const RulePack from_yaml = load_rule_pack(source_rules());
  EXPECT_EQ(encode_rule_pack(builtin_rule_pack()), encode_rule_pack(from_yaml));
}

TEST(PackCodec, DecodingGivesBackEveryField) {
  const RulePack pack = load_rule_pack(minimal_pack());
  const RulePack back = decode_rule_pack(encode_rule_pack(pack));
  ASSERT_EQ(back.rules.size(), 1u);
  EXPECT_EQ(back.rules[0].id, "demo");
  EXPECT_EQ(back.rules[0].check, "scope");
  const RuleLanguage& en = back.rules[0].languages.at("en");
  EXPECT_EQ(en.evidence.at(0).patterns, std::vector<std::string>{"hello {{thing}}"});
  EXPECT_EQ(en.passing_examples, std::vector<std::string>{"hello checkout"});
  EXPECT_EQ(back.languages.at("en").macros.at("thing"), "checkout|cart");
  EXPECT_EQ(back.languages.at("en").markers.closing, std::vector<std::string>{"regards,?"});
  EXPECT_EQ(encode_rule_pack(back), encode_rule_pack(pack));
}

TEST(PackCodec, DamagedBytesAreAnError) {
  const std::string bytes = encode_rule_pack(load_rule_pack(minimal_pack()));
  EXPECT_THROW(decode_rule_pack(""), std::runtime_error);
  EXPECT_THROW(decode_rule_pack("not a pack"), std::runtime_error);
  EXPECT_THROW(decode_rule_pack(std::string_view(bytes).substr(0, bytes.size() / 2)),
               std::runtime_error);
  EXPECT_THROW(decode_rule_pack(bytes + "x"), std::runtime_error);
}

}  // namespace
}  // namespace escalint
