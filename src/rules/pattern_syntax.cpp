#include "rules/pattern_syntax.h"

namespace escalint {

namespace {
constexpr int kMaxMacroDepth = 4;

std::optional<std::string> expand(const std::string& pattern, const std::map<std::string, std::string>& macros,
                                  int depth, std::string* error) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    const std::size_t open = pattern.find("{{", i);
    if (open == std::string::npos) {
      out.append(pattern, i, std::string::npos);
      break;
    }
    const std::size_t close = pattern.find("}}", open + 2);
    if (close == std::string::npos) {
      *error = "'{{' without '}}'";
      return std::nullopt;
    }
    const std::string name = pattern.substr(open + 2, close - open - 2);
    auto m = macros.find(name);
    if (m == macros.end()) {
      *error = "unknown macro {{" + name + "}}";
      return std::nullopt;
    }
    if (depth >= kMaxMacroDepth) {
      *error = "macro {{" + name + "}} nests too deeply";
      return std::nullopt;
    }
    auto inner = expand(m->second, macros, depth + 1, error);
    if (!inner) return std::nullopt;
    out.append(pattern, i, open - i);
    out += "(?:" + *inner + ")";
    i = close + 2;
  }
  return out;
}
}  // namespace

std::optional<std::string> expand_macros(const std::string& pattern, const std::map<std::string, std::string>& macros,
                                         std::string* error) {
  return expand(pattern, macros, 0, error);
}

std::string word_bounded(const std::string& expanded) {
  return "(?i)(?:^|[^\\pL\\pN_])(" + expanded + ")(?:$|[^\\pL\\pN_])";
}

}  // namespace escalint
