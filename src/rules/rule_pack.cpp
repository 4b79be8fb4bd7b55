#include "rules/rule_pack.h"

namespace escalint {

const char* level_name(Level level) {
  switch (level) {
    case Level::kSuggestion:
      return "suggestion";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "warning";
}

std::optional<Level> parse_level(const std::string& name) {
  if (name == "suggestion" || name == "info") return Level::kSuggestion;
  if (name == "warning") return Level::kWarning;
  if (name == "error") return Level::kError;
  return std::nullopt;
}

const char* rule_kind_name(RuleKind kind) {
  switch (kind) {
    case RuleKind::kRequire:
      return "require";
    case RuleKind::kForbid:
      return "forbid";
    case RuleKind::kCount:
      return "count";
    case RuleKind::kWhenThen:
      return "when-then";
  }
  return "require";
}

const Rule* RulePack::find_rule(const std::string& id) const {
  for (const Rule& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string RulePack::ui(const std::string& language, const std::string& key) const {
  for (const std::string& lang : {language, std::string("en")}) {
    auto l = languages.find(lang);
    if (l == languages.end()) continue;
    auto s = l->second.ui.find(key);
    if (s != l->second.ui.end()) return s->second;
  }
  return key;
}

}  // namespace escalint
