// Judges a prepared document against the compiled rules of its language: one Set pass
// per stretch of new text, then positions only where a rule needs them (negation
// checks, spans of present problems, counting up to the threshold).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/compiled_language.h"
#include "rules/rule_pack.h"
#include "text/prepare.h"

namespace escalint {

// Where a verdict points: a span of one field.
struct FieldSpan {
  int field = 0;  // index into Document::fields
  Span span;
  bool operator==(const FieldSpan&) const = default;
};

// One rule's verdict before it is put into words.
struct Verdict {
  int rule = 0;                    // index into RulePack::rules
  std::string status;              // missing, missing-<group>, denied, too-few, present
  std::optional<FieldSpan> where;  // for something present
  int count = 0;                   // count rules: distinct specifics found
};

struct EvaluationOptions {
  std::vector<bool> enabled;   // per rule
  std::vector<int> min_count;  // per rule, for count rules
  // When not empty, only these stretches of new text are read (the paragraphs of a
  // mixed draft written in the language judged); otherwise all of it.
  std::vector<FieldSpan> only;
};

// Evidence a rule relied on, where it was located (negation checks, counting).
struct EvidenceSpan {
  int rule = 0;
  FieldSpan where;
};

struct Evaluation {
  std::vector<Verdict> verdicts;
  std::vector<EvidenceSpan> evidence;
  std::vector<bool> affirmed;  // per rule: its evidence was found (a when-then: its consequence)
};

Evaluation evaluate(const Document& doc, const CompiledLanguage& compiled, const RulePack& pack,
                    const EvaluationOptions& options);

// One verdict set for a draft checked in several languages (`per_language[0]` the main
// one): the main language's verdicts, less those on rules another language affirmed
// (its evidence was found there), plus the forbid findings of every language.
Evaluation combine(const std::vector<Evaluation>& per_language, const RulePack& pack);

}  // namespace escalint
