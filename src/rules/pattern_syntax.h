// How a rule file's pattern becomes an RE2 pattern.
//
// - `{{name}}` expands to `(?:<macro name>)` from the language file (macros may use
//   other macros, up to a small depth);
// - the whole pattern is matched case-insensitively (use `(?-i:...)` to opt out);
// - in languages written with spaces between words it must start and end at a word
//   edge. RE2's \b is ASCII-only ("äger" would never match after a space), so the edge
//   is spelled with Unicode classes. In languages written without spaces (Japanese,
//   Chinese) a word may sit anywhere in a run of letters, so there are no edges.
//   Either way the match itself is capture group 1.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace escalint {

// Returns the pattern with every macro expanded, or nullopt with `*error` set.
std::optional<std::string> expand_macros(const std::string& pattern,
                                         const std::map<std::string, std::string>& macros,
                                         std::string* error);

// `(?i)` + word edges (when `spaced`) + group 1 around an expanded pattern.
std::string word_bounded(const std::string& expanded, bool spaced = true);

// A superset of `pattern` for the prefilter Set: every bounded repetition {m,n} becomes
// {m,} (likewise with a lazy `?`). Counted gaps such as (?:\w+\s+){0,4} make a DFA
// track every count at once, so a Set of them explodes into states; the unbounded form
// needs a handful. Whatever the Set reports is then confirmed with the exact pattern.
std::string loosened(const std::string& pattern);

// A superset of case-insensitive `pattern` for matching text that went through
// fold_case() (text/utf8.h): literal characters are case-folded and matched as they are,
// which RE2 parses and compiles far faster than case-insensitive literals; classes and
// escapes that may stand for letters stay case-insensitive inside (?i:...); (?i) and
// (?-i) flags are dropped, so a case-sensitive section matches either case.
std::string case_folded(const std::string& pattern);

}  // namespace escalint
