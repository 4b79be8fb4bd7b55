// The rule pack as data: rules (one YAML file each under rules/) and per-language
// vocabulary (rules/lang/<code>.yaml). Plain values, no compiled patterns: see
// compiled_language.h for those.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace escalint {

enum class Level { kSuggestion = 0, kWarning = 1, kError = 2 };
const char* level_name(Level level);
std::optional<Level> parse_level(const std::string& name);

// require:   every evidence group must match in the new text (status missing /
//            missing-<group>; with `negation`, evidence found only negated or
//            hypothetical gives status `denied`, pointing at it, and so does a firm
//            denial whatever else the draft says: negated evidence in a sentence
//            with a `not_yet` marker and no affirmed evidence ("we have not
//            contacted them yet"), unless it also holds `excused_by`'s evidence).
// forbid:    each match is a finding at its span (status `present`), unless the
//            sentence also holds evidence of the rule named by `excused_by`.
// count:     at least `min_count` distinct matches over all groups (a group counts at
//            most its `max`), else status `too-few`.
// when-then: if the trigger (groups, or another rule's affirmed evidence) matches,
//            some evidence must too, else status `missing` at the trigger's span.
//            With `negation`, negated or hypothetical triggers are ignored. With
//            `then_within` N, evidence counts only in a trigger's sentence or the N
//            sentences after it (a deadline mentioned elsewhere is not about the
//            trigger). The trigger's own words are never its consequence.
enum class RuleKind { kRequire, kForbid, kCount, kWhenThen };
const char* rule_kind_name(RuleKind kind);

// A named list of RE2 patterns. `max` caps how many of its matches a count rule
// credits (0: no cap). An evidence group with `with` counts only where its sentence
// also holds a match of one of those evidence groups (a launch counts with a date or a
// shift, not alone).
struct PatternGroup {
  std::string name;
  std::vector<std::string> patterns;
  int max = 0;
  std::vector<std::string> with;
};

// A rule's words in one language. `messages` is keyed by finding status.
struct RuleLanguage {
  std::vector<PatternGroup> evidence;
  std::vector<PatternGroup> trigger;
  // Evidence in a sentence that also matches one of these does not count (a date in a
  // sentence about a bug fix's schedule is not the project's timeline).
  std::vector<PatternGroup> unless;
  std::map<std::string, std::string> messages;
  std::string title;
  std::string why;
  std::string hint;
  std::vector<std::string> passing_examples;  // drafts on which the rule must stay silent
  std::vector<std::string> failing_examples;  // drafts on which the rule must fire
};

struct Rule {
  std::string id;
  RuleKind kind = RuleKind::kRequire;
  Level level = Level::kWarning;
  std::string check;  // checklist item this rule belongs to: scope, partner, examples, product
  int weight = 0;     // share of the readiness score
  int order = 0;      // position in listings and reports (then by id)
  bool negation = false;
  int min_count = 1;
  std::string when_rule;  // when-then: the rule whose affirmed evidence is the trigger
  int then_within = -1;   // when-then with trigger patterns: sentences after; -1 anywhere
  // forbid: a rule whose evidence in the same sentence excuses a match; require with
  // negation: one whose evidence in a firm denial's sentence excuses the denial.
  std::string excused_by;
  // Evidence inside an affirmed trigger of this when-then rule does not count: asking the
  // partner to add a deliverable is not raising a problem with them.
  std::string not_in_trigger_of;
  bool only_without_attachments = false;  // applies only to drafts known to carry none
  std::string source_file;
  std::map<std::string, RuleLanguage> languages;
};

// Line patterns that mark where the writer's new text ends (see text/regions.h).
struct RegionMarkers {
  std::vector<std::string> reply_header;        // "On ... wrote:" (may span two lines)
  std::vector<std::string> forward_header;      // "---------- Forwarded message ---------"
  std::vector<std::string> header_block_start;  // "From: ..." of an Outlook-style reply block
  std::vector<std::string> header_block_field;  // "Sent: ...", "Date: ..." right after it
  std::vector<std::string> signature_start;     // "-- ", "Sent from my iPhone"
  std::vector<std::string> closing;             // "Best regards," before name/title lines
  std::vector<std::string> disclaimer;          // first words of a legal disclaimer paragraph
  std::vector<std::string> inherited_subject;   // "Re:", "SV:", "Fwd:" subject prefixes
  std::vector<std::string> subject_label;       // "Subject" of a plain-text draft's first line
};

// The ConText-style vocabulary for telling affirmed evidence from negated or
// hypothetical evidence.
struct NegationVocabulary {
  std::vector<std::string> before;             // triggers before the evidence ("have not", "will")
  std::vector<std::string> after;              // triggers after it ("... dem inte")
  std::vector<std::string> pseudo;             // look like triggers but do not negate ("not only")
  std::vector<std::string> not_yet;            // make a denial firm: not done yet ("yet", "まだ")
  std::vector<std::string> clause_boundaries;  // words that end a trigger's scope ("but")
  std::vector<std::string> clause_punctuation;  // punctuation that does (",", ";"), edge-free
  int window_words = 6;                         // before the evidence
  int window_words_after = 2;                   // after it ("vi kontaktade dem inte")
};

struct LanguageData {
  std::string code;  // BCP 47
  std::string name;  // in the language itself
  std::string source_file;
  // False for languages written without spaces between words (Japanese, Chinese):
  // patterns match inside runs of letters, and the negation window counts the words
  // ICU's dictionary-based word breaker finds.
  bool spaced = true;
  // Also ICU's own abbreviation list for the locale ("ss=standard"). ICU matches its
  // entries at the end of any word, which its German list turns into missed breaks
  // after "war." or "Jahr."; so only where that list is safe (English).
  bool icu_abbreviations = false;
  std::map<std::string, std::string> macros;  // {{name}} in patterns expands to (?:value)
  NegationVocabulary negation;
  std::vector<std::string> abbreviations;  // no sentence break after these
  RegionMarkers markers;
  std::map<std::string, std::string> ui;  // strings of the user interface in this language
  std::string template_text;              // `escalint template`
};

struct RulePack {
  std::vector<Rule> rules;                        // by `order`, then id
  std::map<std::string, LanguageData> languages;  // by code

  const Rule* find_rule(const std::string& id) const;
  // The UI string `key` in `language`, falling back to English, then to the key.
  std::string ui(const std::string& language, const std::string& key) const;
};

}  // namespace escalint
