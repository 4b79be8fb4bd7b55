#include "lint/linter.h"

#include <re2/re2.h>

#include <algorithm>

#include "rules/evaluator.h"
#include "rules/rule_loader.h"
#include "text/language_id.h"
#include "text/prepare.h"

namespace escalint {

namespace {

constexpr std::size_t kLanguageSample = 16 << 10;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size()))
    s.replace(i, from.size(), to);
  return s;
}

// The macro with the configured names added as literal alternatives.
void add_names(std::map<std::string, std::string>* macros, const std::string& macro,
               const std::vector<std::string>& names) {
  if (names.empty()) return;
  std::string alt;
  for (const std::string& n : names) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(n);
  std::string& m = (*macros)[macro];
  m = m.empty() ? alt : m + "|" + alt;
}

// The end of the paragraph that starts at `begin` in text[.., end): the next blank line
// ("\n", then only spaces, tabs or "\r", then "\n"), else `end`; `*next` is set past it.
std::size_t paragraph_end(std::string_view text, std::size_t begin, std::size_t end,
                          std::size_t* next) {
  for (std::size_t nl = text.find('\n', begin); nl != std::string_view::npos && nl < end;
       nl = text.find('\n', nl + 1)) {
    std::size_t k = nl + 1;
    while (k < end && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r')) ++k;
    if (k < end && text[k] == '\n') {
      *next = k + 1;
      return nl;
    }
  }
  *next = end;
  return end;
}

// The paragraphs of new text written in `language`: by CLD2's stretches of the whole
// text (`whole`, identified on doc.text_sample(kLanguageSample)) where it could tell,
// else by identifying the paragraph on its own.
std::vector<FieldSpan> paragraphs_in(const Document& doc, const LanguageGuess& whole,
                                     const std::string& language,
                                     const std::set<std::string>& supported) {
  std::vector<FieldSpan> out;
  for (std::size_t f = 0; f < doc.fields.size(); ++f) {
    const std::string_view text = doc.fields[f].text();
    const std::size_t base = doc.sample_offset(f);
    for (const Span& s : doc.fields[f].new_text()) {
      for (std::size_t begin = s.begin, next = s.begin; begin < s.end; begin = next) {
        const Span p{begin, paragraph_end(text, begin, s.end, &next)};
        if (p.empty()) continue;
        std::optional<LanguageGuess> guess =
            base + p.end <= kLanguageSample
                ? language_of_ranges(whole, {{base + p.begin, base + p.end}}, supported, "", "")
                : std::nullopt;
        if (!guess) guess = identify_language(text.substr(p.begin, p.size()), supported, "", "");
        if (guess->language == language) out.push_back({static_cast<int>(f), p});
      }
    }
  }
  return out;
}

}  // namespace

std::optional<Level> DraftResult::worst_level() const {
  std::optional<Level> worst;
  for (const Finding& f : findings) {
    if (!worst || f.level > *worst) worst = f.level;
  }
  return worst;
}

Linter::Linter(RulePack pack, LintOptions options)
    : pack_(std::move(pack)), options_(std::move(options)) {
  std::vector<std::string> problems;
  for (const auto* ids : {&options_.disable, &options_.enable}) {
    for (const std::string& id : *ids) {
      if (!pack_.find_rule(id))
        problems.push_back("unknown rule '" + id + "' (see `escalint rules`)");
    }
  }
  for (const auto& [id, _] : options_.levels) {
    if (!pack_.find_rule(id)) problems.push_back("unknown rule '" + id + "' in levels");
  }
  if (!problems.empty()) throw RuleError(problems);
  for (const Rule& r : pack_.rules) {
    enabled_.push_back(enabled(r));
    matched_.push_back(enabled(r));
    auto m = options_.min_counts.find(r.id);
    min_count_.push_back(m != options_.min_counts.end() ? m->second : r.min_count);
  }
  for (Rule& r : pack_.rules) {
    if (auto l = options_.levels.find(r.id); l != options_.levels.end()) r.level = l->second;
  }
  // A rule's `excused_by` reads the other rule's patterns, enabled or not.
  for (std::size_t r = 0; r < pack_.rules.size(); ++r) {
    const Rule& rule = pack_.rules[r];
    if (!enabled_[r] || rule.excused_by.empty()) continue;
    for (std::size_t o = 0; o < pack_.rules.size(); ++o) {
      if (pack_.rules[o].id == rule.excused_by) matched_[o] = true;
    }
  }
  regions_ = std::make_unique<RegionDetector>(pack_);
  for (const auto& [code, _] : pack_.languages) compiled_[code];
}

Linter::~Linter() = default;

bool Linter::enabled(const Rule& rule) const {
  return !options_.disable.count(rule.id) || options_.enable.count(rule.id);
}

std::set<std::string> Linter::languages() const {
  std::set<std::string> out;
  for (const auto& [code, _] : pack_.languages) out.insert(code);
  return out;
}

const CompiledLanguage& Linter::compiled(const std::string& language) const {
  Lazy& lazy = compiled_.at(language);
  std::call_once(lazy.once, [&] {
    std::map<std::string, std::string> macros = pack_.languages.at(language).macros;
    add_names(&macros, "partner_name", options_.partner_names);
    add_names(&macros, "product_name", options_.product_names);
    lazy.compiled = std::make_unique<CompiledLanguage>(pack_, language, matched_, macros);
  });
  return *lazy.compiled;
}

void Linter::compile_all() const {
  std::vector<std::string> problems;
  for (const auto& [code, _] : pack_.languages) {
    try {
      compiled(code).build_deferred();
    } catch (const RuleError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw RuleError(problems);
}

DraftResult Linter::check(const Draft& draft) const {
  DraftResult result;
  result.source = draft.source;
  result.id = draft.id;
  result.record = draft.record;
  result.subject = draft.subject;
  result.attachments = draft.attachments;

  Document doc = normalise(draft);
  result.notices = doc.notices;

  // Quotes and signatures are found with the markers of the languages the whole text
  // likely holds, English (mail clients' own headers) and the configured ones; then the
  // language of the new text alone.
  const std::set<std::string> supported = languages();
  const std::string whole = doc.text_sample(kLanguageSample);
  const LanguageGuess whole_guess =
      identify_language(whole, supported, draft.language_hint, options_.default_language);
  std::vector<std::string> marker_languages = whole_guess.candidates;
  for (const std::string& l :
       {std::string("en"), options_.default_language, options_.language, draft.language_hint}) {
    marker_languages.push_back(l);
  }
  mark_regions(&doc, *regions_, regions_->markers(marker_languages));

  if (!options_.language.empty()) {
    result.language = options_.language;
    result.language_confidence = 1;
  } else {
    // From CLD2's stretches of the whole text where it could tell; else on its own.
    std::optional<LanguageGuess> of_new =
        language_of_ranges(whole_guess, doc.new_text_in_sample(kLanguageSample), supported,
                           draft.language_hint, options_.default_language);
    const LanguageGuess guess =
        of_new ? std::move(*of_new)
               : identify_language(doc.new_text_sample(kLanguageSample), supported,
                                   draft.language_hint, options_.default_language);
    result.language = guess.language;
    result.language_confidence = guess.confidence;
    result.detected_language = guess.detected;
    result.languages = guess.also;
  }
  result.languages.insert(result.languages.begin(), result.language);
  result.language_supported = supported.count(result.language) > 0;
  result.message_language =
      !options_.message_language.empty() && supported.count(options_.message_language)
          ? options_.message_language
          : (result.language_supported ? result.language : options_.default_language);
  const std::string& ml = result.message_language;
  if (!result.language_supported) {
    std::string list;
    for (const std::string& s : supported) list += (list.empty() ? "" : ", ") + s;
    result.notices.push_back(replace_all(
        replace_all(pack_.ui(ml, "language_unsupported"), "{language}", result.language),
        "{supported}", list));
    return result;
  }

  // A mixed draft: the other languages' rules read only the paragraphs written in them.
  std::vector<Evaluation> per_language;
  for (std::size_t i = 0; i < result.languages.size();) {
    EvaluationOptions eval{enabled_, min_count_, {}};
    if (i > 0) {
      eval.only = paragraphs_in(doc, whole_guess, result.languages[i], supported);
      if (eval.only.empty()) {
        result.languages.erase(result.languages.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
    }
    per_language.push_back(evaluate(doc, compiled(result.languages[i]), pack_, eval));
    ++i;
  }
  const Evaluation evaluation =
      per_language.size() == 1 ? std::move(per_language.front()) : combine(per_language, pack_);
  const std::vector<Verdict>& verdicts = evaluation.verdicts;
  auto locate = [&](const FieldSpan& where) {
    const TextField& field = doc.fields[where.field];
    Location loc;
    loc.field = field.name();
    loc.position_prefix = field.name() == "subject" ? "subject" : draft.position_prefix;
    loc.position = field.position_of(where.span);
    loc.line_text = std::string(field.view(field.line_span(loc.position.line)));
    return loc;
  };
  if (options_.explain) {
    for (const EvidenceSpan& e : evaluation.evidence) {
      result.evidence.push_back({pack_.rules[e.rule].id, locate(e.where),
                                 std::string(doc.fields[e.where.field].view(e.where.span))});
    }
  }

  // Verdicts into words, in the message language (falling back to the draft's).
  std::vector<bool> failed(pack_.rules.size(), false);
  for (const Verdict& v : verdicts) {
    const Rule& rule = pack_.rules[v.rule];
    failed[v.rule] = true;
    auto words = rule.languages.find(ml);
    if (words == rule.languages.end()) words = rule.languages.find(result.language);
    const RuleLanguage& rl = words->second;
    Finding f;
    f.rule = rule.id;
    f.level = rule.level;
    f.status = v.status;
    auto msg = rl.messages.find(v.status);
    if (msg == rl.messages.end()) msg = rl.messages.find("missing");
    f.message = msg != rl.messages.end() ? msg->second : rule.id;
    f.message = replace_all(replace_all(f.message, "{count}", std::to_string(v.count)), "{min}",
                            std::to_string(min_count_[v.rule]));
    f.why = rl.why;
    f.hint = rl.hint;
    if (v.where) f.location = locate(*v.where);
    result.findings.push_back(std::move(f));
  }

  // Checklist and score: an item is ticked when none of its rules failed.
  int total = 0, earned = 0;
  for (std::size_t r = 0; r < pack_.rules.size(); ++r) {
    const Rule& rule = pack_.rules[r];
    if (!enabled_[r] || !rule.languages.count(result.language)) continue;
    total += rule.weight;
    if (!failed[r]) earned += rule.weight;
    if (rule.check.empty()) continue;
    auto item = std::find_if(result.checklist.begin(), result.checklist.end(),
                             [&](const CheckItem& c) { return c.id == rule.check; });
    if (item == result.checklist.end()) {
      result.checklist.push_back({rule.check, pack_.ui(ml, "check." + rule.check), true});
      item = result.checklist.end() - 1;
    }
    item->ok = item->ok && !failed[r];
  }
  result.score = total > 0 ? (100 * earned + total / 2) / total : 100;
  return result;
}

}  // namespace escalint
