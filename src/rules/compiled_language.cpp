#include "rules/compiled_language.h"

#include "rules/pattern_syntax.h"
#include "rules/rule_loader.h"

namespace escalint {

namespace {
// Each Set may use more than RE2's 8 MiB default for its DFA (allocated as needed): past
// the budget RE2 falls back to a much slower engine without saying so.
constexpr int64_t kSetMemory = 64 << 20;
constexpr int64_t kSingleMemory = 8 << 20;
// Patterns per Set (a Set never mixes rules). Measured with callgrind over 500 generated
// drafts: one Set for everything 3.1 G instructions, one per rule 1.8 G, four patterns
// per Set 1.6 G, eight 1.6 G, sixteen 1.8 G.
constexpr std::size_t kPatternsPerSet = 4;

RE2::Options match_options(int64_t max_mem) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(max_mem);
  return o;
}
}  // namespace

struct CompiledLanguage::Single {
  std::once_flag once;
  std::unique_ptr<re2::RE2> re;
};

CompiledLanguage::CompiledLanguage(const RulePack& pack, const std::string& language,
                                   const std::vector<bool>& enabled,
                                   const std::map<std::string, std::string>& macros)
    : language_(language) {
  const LanguageData& data = pack.languages.at(language);
  std::vector<std::string> problems;
  for (std::size_t r = 0; r < pack.rules.size(); ++r) {
    const Rule& rule = pack.rules[r];
    auto lang = rule.languages.find(language);
    if (!enabled[r] || lang == rule.languages.end()) continue;
    for (PatternRole role : {PatternRole::kEvidence, PatternRole::kTrigger, PatternRole::kUnless}) {
      const RuleLanguage& rl = lang->second;
      const auto& groups = role == PatternRole::kTrigger  ? rl.trigger
                           : role == PatternRole::kUnless ? rl.unless
                                                          : rl.evidence;
      const char* section = role == PatternRole::kTrigger  ? "trigger"
                            : role == PatternRole::kUnless ? "unless"
                                                           : "evidence";
      for (std::size_t g = 0; g < groups.size(); ++g) {
        for (const std::string& p : groups[g].patterns) {
          const std::string where = rule.source_file + ": rule '" + rule.id + "' (" + language +
                                    ", " + section + " " + groups[g].name + ") '" + p + "': ";
          std::string error;
          auto expanded = expand_macros(p, macros, &error);
          if (!expanded) {
            problems.push_back(where + error);
            continue;
          }
          const std::string bounded = word_bounded(*expanded, data.spaced);
          if (sets_.empty() || sets_.back().rule != static_cast<int>(r) ||
              sets_.back().index.size() >= kPatternsPerSet) {
            sets_.push_back(
                {static_cast<int>(r),
                 std::make_unique<re2::RE2::Set>(match_options(kSetMemory), RE2::UNANCHORED),
                 {}});
          }
          PatternSet& set = sets_.back();
          if (set.set->Add(loosened(bounded), &error) < 0) {
            problems.push_back(where + error);
            continue;
          }
          set.index.push_back(static_cast<int>(bounded_.size()));
          origins_.push_back({static_cast<int>(r), role, static_cast<int>(g)});
          bounded_.push_back(bounded);
        }
      }
    }
  }
  if (!problems.empty()) throw RuleError(problems);
  for (PatternSet& set : sets_) {
    if (!set.index.empty() && !set.set->Compile()) {
      throw RuleError({"rules (" + language + "): RE2 cannot compile the pattern set"});
    }
  }
  singles_ = std::make_unique<Single[]>(bounded_.size());
  context_ = std::make_unique<ContextWindow>(data, macros);
  sentences_ =
      std::make_unique<SentenceSplitter>(language, data.abbreviations, data.icu_abbreviations);
}

CompiledLanguage::~CompiledLanguage() = default;

void CompiledLanguage::match(std::string_view text, std::vector<int>* hits) const {
  if (bounded_.empty() || text.empty()) return;
  std::vector<int> found;
  for (const PatternSet& set : sets_) {
    if (set.index.empty()) continue;
    found.clear();
    set.set->Match(re2::StringPiece(text.data(), text.size()), &found);
    for (int i : found) hits->push_back(set.index[i]);
  }
}

const re2::RE2& CompiledLanguage::single(int index) const {
  Single& s = singles_[index];
  std::call_once(s.once, [&] {
    s.re = std::make_unique<re2::RE2>(bounded_[index], match_options(kSingleMemory));
  });
  return *s.re;
}

bool CompiledLanguage::find(int index, std::string_view text, std::size_t from, Span* found) const {
  const re2::RE2& re = single(index);
  re2::StringPiece hit[2];
  if (from > text.size()) return false;
  // Start one byte early so the word edge before a match at `from` can be consumed;
  // group 1 still cannot begin before `from`.
  const std::size_t start = from > 0 ? from - 1 : 0;
  if (!re.Match(re2::StringPiece(text.data(), text.size()), start, text.size(), RE2::UNANCHORED,
                hit, 2))
    return false;
  const std::size_t b = hit[1].data() - text.data();
  *found = {b, b + hit[1].size()};
  return true;
}

}  // namespace escalint
