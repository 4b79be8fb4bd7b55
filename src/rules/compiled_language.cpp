#include "rules/compiled_language.h"

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>

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
// Threads that build the up-front Sets (parsing and compiling them is most of a cold
// start); the calling thread is one of them.
constexpr unsigned kMaxBuildThreads = 4;

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

struct CompiledLanguage::PatternSet {
  int rule = 0;
  bool deferred = false;
  std::vector<int> index;  // Set-local pattern number -> index into origins_
  std::unique_ptr<re2::RE2::Set> set;
  std::once_flag once;  // builds a deferred Set
};

CompiledLanguage::CompiledLanguage(const RulePack& pack, const std::string& language,
                                   const std::vector<bool>& enabled,
                                   const std::map<std::string, std::string>& macros)
    : language_(language), has_deferred_(pack.rules.size(), false) {
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
      const bool later = rule.kind == RuleKind::kWhenThen && role != PatternRole::kTrigger;
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
          if (sets_.empty() || sets_.back()->rule != static_cast<int>(r) ||
              sets_.back()->deferred != later || sets_.back()->index.size() >= kPatternsPerSet) {
            sets_.push_back(std::make_unique<PatternSet>());
            sets_.back()->rule = static_cast<int>(r);
            sets_.back()->deferred = later;
          }
          sets_.back()->index.push_back(static_cast<int>(bounded_.size()));
          has_deferred_[r] = has_deferred_[r] || later;
          origins_.push_back({static_cast<int>(r), role, static_cast<int>(g)});
          bounded_.push_back(word_bounded(*expanded, data.spaced));
          where_.push_back(where);
        }
      }
    }
  }
  if (!problems.empty()) throw RuleError(problems);

  // The up-front Sets, built by a few threads taking the next unbuilt one.
  std::vector<PatternSet*> now;
  for (auto& s : sets_) {
    if (!s->deferred) now.push_back(s.get());
  }
  std::vector<std::vector<std::string>> found(now.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < now.size(); i = next++) build(*now[i], &found[i]);
  };
  const unsigned threads = std::clamp(
      std::thread::hardware_concurrency(), 1u,
      std::min(kMaxBuildThreads, static_cast<unsigned>(std::max<std::size_t>(now.size(), 1))));
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the calling thread builds the rest
    }
  }
  work();
  for (std::thread& t : helpers) t.join();
  for (const auto& f : found) problems.insert(problems.end(), f.begin(), f.end());
  if (!problems.empty()) throw RuleError(problems);

  singles_ = std::make_unique<Single[]>(bounded_.size());
  context_ = std::make_unique<ContextWindow>(data, macros);
  sentences_ =
      std::make_unique<SentenceSplitter>(language, data.abbreviations, data.icu_abbreviations);
}

CompiledLanguage::~CompiledLanguage() = default;

void CompiledLanguage::build(PatternSet& set, std::vector<std::string>* problems) const {
  auto built = std::make_unique<re2::RE2::Set>(match_options(kSetMemory), RE2::UNANCHORED);
  const std::size_t before = problems->size();
  for (int i : set.index) {
    std::string error;
    if (built->Add(loosened(case_folded(bounded_[i])), &error) < 0) {
      problems->push_back(where_[i] + error);
    }
  }
  if (problems->size() != before) return;
  if (!built->Compile()) {
    problems->push_back("rules (" + language_ + "): RE2 cannot compile the pattern set");
    return;
  }
  set.set = std::move(built);
}

void CompiledLanguage::build_once(PatternSet& set) const {
  std::call_once(set.once, [&] {
    std::vector<std::string> problems;
    build(set, &problems);
    if (!problems.empty()) throw RuleError(problems);
  });
}

void CompiledLanguage::build_deferred() const {
  std::vector<std::string> problems;
  for (const auto& s : sets_) {
    if (!s->deferred) continue;
    try {
      build_once(*s);
    } catch (const RuleError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw RuleError(problems);
}

bool CompiledLanguage::deferred(int rule, PatternRole role) const {
  return has_deferred_[rule] && role != PatternRole::kTrigger;
}

namespace {
void pass(const re2::RE2::Set& set, const std::vector<int>& index, std::string_view text,
          std::vector<int>* found, std::vector<int>* hits) {
  found->clear();
  set.Match(re2::StringPiece(text.data(), text.size()), found);
  for (int i : *found) hits->push_back(index[i]);
}
}  // namespace

void CompiledLanguage::match(std::string_view folded, std::vector<int>* hits) const {
  if (bounded_.empty() || folded.empty()) return;
  std::vector<int> found;
  for (const auto& s : sets_) {
    if (!s->deferred) pass(*s->set, s->index, folded, &found, hits);
  }
}

void CompiledLanguage::match_deferred(int rule, std::string_view folded,
                                      std::vector<int>* hits) const {
  if (!has_deferred_[rule] || folded.empty()) return;
  std::vector<int> found;
  for (const auto& s : sets_) {
    if (!s->deferred || s->rule != rule) continue;
    build_once(*s);
    pass(*s->set, s->index, folded, &found, hits);
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
