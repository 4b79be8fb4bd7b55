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

// A word edge is the text's start or end, or a separator: ASCII white space and
// punctuation, Latin-1 punctuation and no-break space, General Punctuation (dashes,
// curly quotes, ellipsis) and CJK/full-width punctuation. Spelled as a few ranges rather
// than as the complement of \pL\pN: that class is hundreds of UTF-8 ranges, and with two
// of them in every pattern it made compiling a language's Set several times slower.
constexpr const char* kSeparator =
    "[\\x00-\\x2F\\x3A-\\x40\\x5B-\\x5E\\x60\\x7B-\\x7F\\x{A0}-\\x{BF}\\x{D7}\\x{F7}\\x{2000}-\\x{206F}"
    "\\x{3000}-\\x{303F}\\x{FF01}-\\x{FF0F}\\x{FF1A}-\\x{FF20}]";

std::string word_bounded(const std::string& expanded) {
  std::string out = "(?i)(?:^|";
  out.append(kSeparator).append(")(").append(expanded).append(")(?:$|").append(kSeparator).append(")");
  return out;
}

}  // namespace escalint
