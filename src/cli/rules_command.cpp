#include <boost/program_options.hpp>

#include <iostream>

#include "cli/commands.h"
#include "lint/linter.h"
#include "rules/builtin_pack.h"
#include "rules/rule_loader.h"

namespace escalint {

namespace po = boost::program_options;

namespace {

constexpr const char* kExamples = R"(
Examples:
  escalint rules                              list the rules
  escalint rules explain scope-timeline --lang sv
  escalint rules test                         run every example in every rule file
  escalint rules test --rules ./my-rules      check a rule pack before using it
)";

int list_rules(const RulePack& pack, const std::string& lang) {
  for (const Rule& r : pack.rules) {
    auto words = r.languages.find(lang);
    if (words == r.languages.end()) words = r.languages.begin();
    std::string langs;
    for (const auto& [code, _] : r.languages) langs += (langs.empty() ? "" : ",") + code;
    std::cout << r.id << std::string(r.id.size() < 20 ? 20 - r.id.size() : 1, ' ')
              << level_name(r.level)
              << std::string(12 - std::string(level_name(r.level)).size(), ' ')
              << words->second.title << "  [" << langs << "]\n";
  }
  return 0;
}

int explain_rule(const RulePack& pack, const std::string& id, const std::string& lang) {
  const Rule* r = pack.find_rule(id);
  if (!r) {
    std::cerr << "escalint rules: no rule '" << id << "' (see `escalint rules`)\n";
    return 2;
  }
  auto words = r->languages.find(lang);
  if (words == r->languages.end()) {
    std::cerr << "escalint rules: rule '" << id << "' has no '" << lang << "' version\n";
    return 2;
  }
  const RuleLanguage& w = words->second;
  std::cout << r->id << " — " << w.title << "\n\n"
            << pack.ui(lang, "why") << ": " << w.why << "\n"
            << pack.ui(lang, "hint") << ": " << w.hint << "\n\n"
            << "kind: " << rule_kind_name(r->kind) << ", level: " << level_name(r->level)
            << ", file: " << r->source_file << "\n";
  for (const auto& [status, message] : w.messages)
    std::cout << "  " << status << ": " << message << "\n";
  if (!w.failing_examples.empty()) {
    std::cout << "\n" << pack.ui(lang, "examples_fail") << ":\n";
    for (const std::string& e : w.failing_examples) std::cout << "  ✗ " << e << "\n";
  }
  if (!w.passing_examples.empty()) {
    std::cout << "\n" << pack.ui(lang, "examples_pass") << ":\n";
    for (const std::string& e : w.passing_examples) std::cout << "  ✓ " << e << "\n";
  }
  return 0;
}

// Every example of every rule and language: failing ones must raise the rule, passing
// ones must not.
int test_rules(const RulePack& pack) {
  int failures = 0, run = 0;
  for (const auto& [code, _] : pack.languages) {
    LintOptions options;
    options.language = code;
    Linter linter(pack, options);
    linter.compile_all();
    for (const Rule& r : pack.rules) {
      auto words = r.languages.find(code);
      if (words == r.languages.end()) continue;
      for (bool should_fire : {true, false}) {
        const auto& examples =
            should_fire ? words->second.failing_examples : words->second.passing_examples;
        for (const std::string& text : examples) {
          Draft d;
          d.source = r.source_file;
          d.body = text;
          d.attachments_known = true;  // an example is a message known to carry no attachment
          const DraftResult result = linter.check(d);
          const bool fired = std::any_of(result.findings.begin(), result.findings.end(),
                                         [&](const Finding& f) { return f.rule == r.id; });
          ++run;
          if (fired != should_fire) {
            ++failures;
            std::cout << "FAIL " << r.id << " [" << code << "] should "
                      << (should_fire ? "fire" : "stay silent") << " on: " << text << "\n";
          }
        }
      }
    }
  }
  std::cout << "rules test: " << (run - failures) << " passed, " << failures << " failed\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace

int rules_command(const std::vector<std::string>& args) {
  std::string rules_dir, lang = "en";
  std::vector<std::string> words;
  po::options_description opts("escalint rules [list | explain ID | test] [options]");
  // clang-format off
  opts.add_options()
      ("help,h", "show this help")
      ("lang,l", po::value(&lang), "language of the explanation (default en)")
      ("rules", po::value(&rules_dir), "a rule pack folder instead of the built-in one")
      ("words", po::value(&words), "the action and its argument");
  // clang-format on
  po::positional_options_description positional;
  positional.add("words", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "escalint rules: " << e.what() << "\n\n" << opts << kExamples;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts << kExamples;
    return 0;
  }
  try {
    const RulePack pack =
        rules_dir.empty() ? builtin_rule_pack() : load_rule_pack(read_rule_directory(rules_dir));
    const std::string action = words.empty() ? "list" : words[0];
    if (action == "list" && words.size() <= 1) return list_rules(pack, lang);
    if (action == "explain" && words.size() == 2) return explain_rule(pack, words[1], lang);
    if (action == "test" && words.size() == 1) return test_rules(pack);
    std::cerr << "escalint rules: expected `list`, `explain ID` or `test`\n" << kExamples;
    return 2;
  } catch (const RuleError& e) {
    std::cerr << "escalint rules: the rule pack has errors:\n" << e.what() << '\n';
    return 2;
  }
}

}  // namespace escalint
