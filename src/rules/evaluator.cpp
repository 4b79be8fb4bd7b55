#include "rules/evaluator.h"

#include "text/utf8.h"

#include <algorithm>
#include <cctype>

namespace escalint {

namespace {

// Bounds on locating work per pattern, whatever the input: a draft that repeats a
// phrase ten thousand times costs no more than one that says it a few dozen times.
constexpr int kMaxLocatePerPattern = 64;
constexpr int kMaxForbidFindings = 50;

// A stretch of new text and the Set patterns that occur in it.
struct Stretch {
  int field;
  Span span;
  std::string folded;     // fold_case() of the stretch, what the Sets read
  std::vector<int> hits;  // sorted pattern indices, of the Sets built up front
  // Per rule, sorted pattern indices of its deferred Sets (see compiled_language.h),
  // filled when the rule first asks for them (empty until a draft needs any). One list per rule, so
  // filling one never moves the list another rule is walking.
  std::vector<std::vector<int>> deferred_hits;
};

class Judge {
 public:
  Judge(const Document& doc, const CompiledLanguage& compiled, const RulePack& pack,
        const EvaluationOptions& options)
      : doc_(doc), compiled_(compiled), pack_(pack), options_(options) {
    for (std::size_t f = 0; f < doc.fields.size(); ++f) {
      for (const Span& s : doc.fields[f].new_text()) {
        if (options.only.empty()) {
          add_stretch(static_cast<int>(f), s);
          continue;
        }
        for (const FieldSpan& o : options.only) {
          const Span cut{std::max(s.begin, o.span.begin), std::min(s.end, o.span.end)};
          if (o.field == static_cast<int>(f) && !cut.empty()) add_stretch(o.field, cut);
        }
      }
    }
    affirmed_.assign(pack.rules.size(), false);
    deferred_matched_.assign(pack.rules.size(), false);
    trigger_spans_.resize(pack.rules.size());
    for (const Rule& rule : pack.rules) {
      not_in_trigger_of_.push_back(
          rule.not_in_trigger_of.empty() ? -1 : index_of(rule.not_in_trigger_of));
    }
  }

  Evaluation run() {
    Evaluation result;
    std::vector<Verdict>& out = result.verdicts;
    // Rules that depend on another rule's outcome go after the rules they read
    // (`excused_by` reads only the other rule's patterns).
    for (bool dependent : {false, true}) {
      for (std::size_t r = 0; r < pack_.rules.size(); ++r) {
        const Rule& rule = pack_.rules[r];
        if (!options_.enabled[r] || !rule.languages.count(compiled_.language())) continue;
        if (rule.only_without_attachments && !doc_.known_without_attachments) continue;
        const bool reads_others = !rule.when_rule.empty() || !rule.not_in_trigger_of.empty();
        if (reads_others != dependent) continue;
        judge(static_cast<int>(r), &out);
      }
    }
    std::sort(out.begin(), out.end(),
              [](const Verdict& a, const Verdict& b) { return a.rule < b.rule; });
    result.evidence = std::move(evidence_);
    result.affirmed = affirmed_;
    return result;
  }

 private:
  void add_stretch(int field, Span span) {
    Stretch st{field, span, fold_case(doc_.fields[field].view(span)), {}, {}};
    compiled_.match(st.folded, &st.hits);
    std::sort(st.hits.begin(), st.hits.end());
    stretches_.push_back(std::move(st));
  }

  bool is(int pattern, int rule, PatternRole role, int group) const {
    const PatternOrigin& o = compiled_.origins()[pattern];
    return o.rule == rule && o.role == role && (group < 0 || o.group == group);
  }

  // The patterns of (rule, role) that occur in `st`, passing the rule's deferred Sets
  // over every stretch on first use.
  const std::vector<int>& hits_of(const Stretch& st, int rule, PatternRole role) const {
    if (!compiled_.deferred(rule, role)) return st.hits;
    if (!deferred_matched_[rule]) {
      deferred_matched_[rule] = true;
      for (Stretch& s : stretches_) {
        s.deferred_hits.resize(pack_.rules.size());  // sized on the first rule that asks
        std::vector<int>& hits = s.deferred_hits[rule];
        compiled_.match_deferred(rule, s.folded, &hits);
        std::sort(hits.begin(), hits.end());
      }
    }
    return st.deferred_hits[rule];
  }

  // Calls fn(stretch, pattern) for every pattern of (rule, role, group) that occurs in a
  // stretch; stops when fn returns false.
  template <typename Fn>
  void each_hit(int rule, PatternRole role, int group, Fn fn) const {
    for (const Stretch& st : stretches_) {
      for (int p : hits_of(st, rule, role)) {
        if (is(p, rule, role, group) && !fn(st, p)) return;
      }
    }
  }

  // True when some evidence pattern of (rule, group) is confirmed in the new text
  // where it counts.
  bool any_match(int rule, int group) const {
    bool found = false;
    each_hit(rule, PatternRole::kEvidence, group, [&](const Stretch& st, int p) {
      each_match(st, p, [&](Span m) { return !(found = counts(st, p, m)); });
      return !found;
    });
    return found;
  }

  // Whether evidence pattern `p` matched at `m` counts: not in a sentence that matches
  // one of the rule's `unless` patterns, and, for a group `with` others, in a sentence
  // that also holds one of theirs.
  bool counts(const Stretch& st, int p, Span m) const {
    const PatternOrigin& o = compiled_.origins()[p];
    // A when-then rule's own trigger words ("we extended") are no consequence.
    if (overlaps(trigger_spans_[o.rule], st.field, m)) return false;
    const int other = not_in_trigger_of_[o.rule];
    if (other >= 0 && overlaps(trigger_spans_[other], st.field, m)) return false;
    const RuleLanguage& lang = pack_.rules[o.rule].languages.at(compiled_.language());
    const std::vector<std::string>& with = lang.evidence[o.group].with;
    if (lang.unless.empty() && with.empty()) return true;
    const Span sentence = sentence_of(st, m);
    if (sentence_has(st, sentence, o.rule, PatternRole::kUnless, -1)) return false;
    if (with.empty()) return true;
    for (std::size_t g = 0; g < lang.evidence.size(); ++g) {
      if (std::find(with.begin(), with.end(), lang.evidence[g].name) != with.end() &&
          sentence_has(st, sentence, o.rule, PatternRole::kEvidence, static_cast<int>(g))) {
        return true;
      }
    }
    return false;
  }

  // Calls fn(span) for each match of `pattern` in the stretch (field offsets), at most
  // kMaxLocatePerPattern; stops when fn returns false.
  template <typename Fn>
  void each_match(const Stretch& st, int pattern, Fn fn) const {
    const std::string_view text = doc_.fields[st.field].view(st.span);
    Span m;
    std::size_t from = 0;
    for (int n = 0; n < kMaxLocatePerPattern && compiled_.find(pattern, text, from, &m); ++n) {
      if (!fn(Span{st.span.begin + m.begin, st.span.begin + m.end})) return;
      from = m.end > from ? m.end : from + 1;
    }
  }

  Span sentence_of(const Stretch& st, Span span) const {
    return compiled_.sentences().sentence_at(doc_.fields[st.field].text(), st.span, span.begin);
  }

  void judge(int r, std::vector<Verdict>* out) {
    const Rule& rule = pack_.rules[r];
    const RuleLanguage& lang = rule.languages.at(compiled_.language());
    switch (rule.kind) {
      case RuleKind::kRequire:
        return require(r, rule, lang, out);
      case RuleKind::kForbid:
        return forbid(r, rule, out);
      case RuleKind::kCount:
        return count(r, lang, out);
      case RuleKind::kWhenThen:
        return when_then(r, rule, lang, out);
    }
  }

  void require(int r, const Rule& rule, const RuleLanguage& lang, std::vector<Verdict>* out) {
    if (!rule.negation) {
      std::vector<std::string> missing;
      for (std::size_t g = 0; g < lang.evidence.size(); ++g) {
        if (!any_match(r, static_cast<int>(g))) missing.push_back(lang.evidence[g].name);
      }
      affirmed_[r] = missing.empty();
      if (missing.empty()) return;
      const bool all = missing.size() == lang.evidence.size();
      out->push_back(
          {r, all || lang.evidence.size() == 1 ? "missing" : "missing-" + missing.front(), {}, 0});
      return;
    }
    // With negation: the first affirmed match satisfies the rule unless a firm denial
    // outweighs it (see rule_pack.h); negated or hypothetical matches alone make it
    // "denied", pointing at the first of them.
    const ContextWindow& context = compiled_.context();
    std::optional<FieldSpan> negated, affirmed;
    each_hit(r, PatternRole::kEvidence, -1, [&](const Stretch& st, int p) {
      each_match(st, p, [&](Span m) {
        if (!counts(st, p, m)) return true;
        const FieldSpan sentence{st.field, sentence_of(st, m)};
        Span trigger;
        if (!context.negated(doc_.fields[st.field].text(), sentence.span, m, &trigger)) {
          affirmed = FieldSpan{st.field, m};
          return false;
        }
        if (!negated || before(sentence, *negated)) negated = sentence;
        return true;
      });
      return !affirmed;
    });
    if (affirmed) {
      if (auto denial = firm_denial(r, rule)) {
        out->push_back({r, "denied", denial, 0});
        return;
      }
      affirmed_[r] = true;
      evidence_.push_back({r, *affirmed});
      return;
    }
    if (negated) {
      out->push_back({r, "denied", negated, 0});
    } else {
      out->push_back({r, "missing", {}, 0});
    }
  }

  // The first sentence of new text with a `not_yet` marker whose evidence of rule `r` is
  // all negated, and which holds no evidence of the rule's `excused_by`.
  std::optional<FieldSpan> firm_denial(int r, const Rule& rule) const {
    const ContextWindow& context = compiled_.context();
    const int excuse = rule.excused_by.empty() ? -1 : index_of(rule.excused_by);
    for (const Stretch& st : stretches_) {
      const std::string& text = doc_.fields[st.field].text();
      Span marker;
      for (std::size_t from = st.span.begin;
           from < st.span.end && context.find_not_yet(text, {from, st.span.end}, &marker);) {
        const Span sentence = sentence_of(st, marker);
        from = std::max(sentence.end, marker.end);
        if (only_negated(st, sentence, r) &&
            (excuse < 0 || !sentence_has(st, sentence, excuse, PatternRole::kEvidence, -1))) {
          return FieldSpan{st.field, sentence};
        }
      }
    }
    return std::nullopt;
  }

  // True when text[sentence] holds evidence of rule `r` that counts, all of it negated.
  bool only_negated(const Stretch& st, Span sentence, int r) const {
    const std::string& full = doc_.fields[st.field].text();
    bool any = false, affirmed = false;
    each_match_in(st, sentence, r, PatternRole::kEvidence, -1, [&](int p, Span m) {
      Span trigger;
      if (!counts(st, p, m)) return true;
      any = true;
      affirmed = !compiled_.context().negated(full, sentence, m, &trigger);
      return !affirmed;
    });
    return any && !affirmed;
  }

  // Calls fn(pattern, match) for every match of a pattern of (rule, role, group) inside
  // text[sentence] (group -1: any), at most kMaxLocatePerPattern per pattern; stops when
  // fn returns false.
  template <typename Fn>
  void each_match_in(const Stretch& st, Span sentence, int rule, PatternRole role, int group,
                     Fn fn) const {
    const auto text = std::string_view(doc_.fields[st.field].text()).substr(0, sentence.end);
    for (int p : hits_of(st, rule, role)) {
      if (!is(p, rule, role, group)) continue;
      Span m;
      std::size_t from = sentence.begin;
      for (int n = 0; n < kMaxLocatePerPattern && compiled_.find(p, text, from, &m); ++n) {
        if (!fn(p, m)) return;
        from = m.end > from ? m.end : from + 1;
      }
    }
  }

  static bool before(const FieldSpan& a, const FieldSpan& b) {
    return std::make_pair(a.field, a.span.begin) < std::make_pair(b.field, b.span.begin);
  }

  // True when text[sentence] holds a match of a pattern of (rule, role, group), affirmed
  // or not (group -1: any); an evidence match inside the rule's own trigger does not count.
  bool sentence_has(const Stretch& st, Span sentence, int rule, PatternRole role, int group) const {
    bool found = false;
    each_match_in(st, sentence, rule, role, group, [&](int, Span m) {
      found = role != PatternRole::kEvidence || !overlaps(trigger_spans_[rule], st.field, m);
      return !found;
    });
    return found;
  }

  static bool overlaps(const std::vector<FieldSpan>& spans, int field, Span m) {
    return std::any_of(spans.begin(), spans.end(), [&](const FieldSpan& t) {
      return t.field == field && t.span.begin < m.end && m.begin < t.span.end;
    });
  }

  void forbid(int r, const Rule& rule, std::vector<Verdict>* out) {
    const int excuse = rule.excused_by.empty() ? -1 : index_of(rule.excused_by);
    std::vector<FieldSpan> spans;
    each_hit(r, PatternRole::kEvidence, -1, [&](const Stretch& st, int p) {
      each_match(st, p, [&](Span m) {
        const bool overlaps = std::any_of(spans.begin(), spans.end(), [&](const FieldSpan& s) {
          return s.field == st.field && s.span.begin < m.end && m.begin < s.span.end;
        });
        if (!overlaps && (excuse < 0 || !sentence_has(st, sentence_of(st, m), excuse,
                                                      PatternRole::kEvidence, -1))) {
          spans.push_back({st.field, m});
        }
        return spans.size() < static_cast<std::size_t>(kMaxForbidFindings);
      });
      return spans.size() < static_cast<std::size_t>(kMaxForbidFindings);
    });
    std::sort(spans.begin(), spans.end(), before);
    for (const FieldSpan& s : spans) out->push_back({r, "present", s, 0});
  }

  void count(int r, const RuleLanguage& lang, std::vector<Verdict>* out) {
    const int need = options_.min_count[r];
    std::vector<FieldSpan> seen;
    std::vector<int> per_group(lang.evidence.size(), 0);
    int total = 0;
    each_hit(r, PatternRole::kEvidence, -1, [&](const Stretch& st, int p) {
      const int g = compiled_.origins()[p].group;
      const int cap = lang.evidence[g].max;
      each_match(st, p, [&](Span m) {
        if (cap > 0 && per_group[g] >= cap) return false;
        if (!counts(st, p, m)) return true;
        const bool overlaps = std::any_of(seen.begin(), seen.end(), [&](const FieldSpan& s) {
          return s.field == st.field && s.span.begin < m.end && m.begin < s.span.end;
        });
        if (!overlaps) {
          seen.push_back({st.field, m});
          evidence_.push_back({r, {st.field, m}});
          ++per_group[g];
          ++total;
        }
        return total < need;
      });
      return total < need;
    });
    affirmed_[r] = total >= need;
    if (total < need) out->push_back({r, "too-few", {}, total});
  }

  void when_then(int r, const Rule& rule, const RuleLanguage& lang, std::vector<Verdict>* out) {
    // Affirmed triggers, each with the stretch of text its consequence may lie in.
    std::vector<FieldSpan> triggers, scopes;
    bool triggered = false;
    if (!rule.when_rule.empty()) {
      triggered = affirmed_[index_of(rule.when_rule)];
    } else {
      for (std::size_t g = 0; g < lang.trigger.size(); ++g) {
        each_hit(r, PatternRole::kTrigger, static_cast<int>(g), [&](const Stretch& st, int p) {
          each_match(st, p, [&](Span m) {
            // With negation, a hypothetical or denied trigger ("could be added") is no trigger.
            Span cue;
            if (rule.negation && compiled_.context().negated(doc_.fields[st.field].text(),
                                                             sentence_of(st, m), m, &cue)) {
              return true;
            }
            triggers.push_back({st.field, m});
            scopes.push_back({st.field, consequence_scope(st, m, rule.then_within)});
            return true;
          });
          return true;
        });
      }
      triggered = !triggers.empty();
    }
    if (!triggered) return;
    const auto first = std::min_element(triggers.begin(), triggers.end(), before);
    if (first != triggers.end()) evidence_.push_back({r, *first});
    bool consequence = false;
    trigger_spans_[r] = triggers;
    each_hit(r, PatternRole::kEvidence, -1, [&](const Stretch& st, int p) {
      each_match(st, p, [&](Span m) {
        const bool in_scope =
            scopes.empty() || std::any_of(scopes.begin(), scopes.end(), [&](const FieldSpan& s) {
              return s.field == st.field && s.span.begin <= m.begin && m.end <= s.span.end;
            });
        if (!in_scope || !counts(st, p, m)) return true;
        evidence_.push_back({r, {st.field, m}});
        consequence = true;
        return false;
      });
      return !consequence;
    });
    if (consequence) {
      affirmed_[r] = true;
      return;
    }
    out->push_back({r, "missing",
                    first != triggers.end() ? std::optional<FieldSpan>(*first) : std::nullopt, 0});
  }

  // Where a trigger's consequence may lie: its sentence and the `after` sentences that
  // follow it in the stretch, or the whole field when `after` is negative.
  Span consequence_scope(const Stretch& st, Span trigger, int after) const {
    if (after < 0) return {0, doc_.fields[st.field].text().size()};
    Span scope = sentence_of(st, trigger);
    const std::string& text = doc_.fields[st.field].text();
    for (int i = 0; i < after; ++i) {
      std::size_t next = scope.end;  // the next sentence starts after white space
      while (next < st.span.end && std::isspace(static_cast<unsigned char>(text[next]))) ++next;
      if (next >= st.span.end) break;
      scope.end = std::max(scope.end, sentence_of(st, {next, next}).end);
    }
    return scope;
  }

  int index_of(const std::string& id) const {
    for (std::size_t i = 0; i < pack_.rules.size(); ++i) {
      if (pack_.rules[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }

  const Document& doc_;
  const CompiledLanguage& compiled_;
  const RulePack& pack_;
  const EvaluationOptions& options_;
  std::vector<bool> affirmed_;  // per rule: its evidence was found (affirmed)
  // Stretches get their deferred hits on demand (hits_of), from const lookups too.
  mutable std::vector<Stretch> stretches_;
  mutable std::vector<bool> deferred_matched_;  // per rule
  std::vector<EvidenceSpan> evidence_;
  std::vector<std::vector<FieldSpan>> trigger_spans_;  // per when-then rule: affirmed triggers
  std::vector<int> not_in_trigger_of_;                 // per rule: that rule's index, or -1
};

}  // namespace

Evaluation evaluate(const Document& doc, const CompiledLanguage& compiled, const RulePack& pack,
                    const EvaluationOptions& options) {
  return Judge(doc, compiled, pack, options).run();
}

Evaluation combine(const std::vector<Evaluation>& per_language, const RulePack& pack) {
  Evaluation out;
  if (per_language.empty()) return out;
  out.affirmed = per_language[0].affirmed;
  std::vector<bool> passed_elsewhere(pack.rules.size(), false);
  for (std::size_t i = 1; i < per_language.size(); ++i) {
    for (std::size_t r = 0; r < pack.rules.size() && r < per_language[i].affirmed.size(); ++r) {
      if (per_language[i].affirmed[r]) passed_elsewhere[r] = out.affirmed[r] = true;
    }
  }
  for (const Verdict& v : per_language[0].verdicts) {
    if (pack.rules[v.rule].kind == RuleKind::kForbid || !passed_elsewhere[v.rule]) {
      out.verdicts.push_back(v);
    }
  }
  for (std::size_t i = 1; i < per_language.size(); ++i) {
    for (const Verdict& v : per_language[i].verdicts) {
      if (pack.rules[v.rule].kind == RuleKind::kForbid) out.verdicts.push_back(v);
    }
  }
  std::stable_sort(out.verdicts.begin(), out.verdicts.end(),
                   [](const Verdict& a, const Verdict& b) { return a.rule < b.rule; });
  for (const Evaluation& e : per_language) {
    out.evidence.insert(out.evidence.end(), e.evidence.begin(), e.evidence.end());
  }
  return out;
}

}  // namespace escalint
