#include "rules/pattern_syntax.h"

#include <cctype>

namespace escalint {

namespace {
constexpr int kMaxMacroDepth = 4;

std::optional<std::string> expand(const std::string& pattern,
                                  const std::map<std::string, std::string>& macros, int depth,
                                  std::string* error) {
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

std::optional<std::string> expand_macros(const std::string& pattern,
                                         const std::map<std::string, std::string>& macros,
                                         std::string* error) {
  return expand(pattern, macros, 0, error);
}

// A word edge is the text's start or end, or a separator: ASCII white space and
// punctuation, Latin-1 punctuation and no-break space, General Punctuation (dashes,
// curly quotes, ellipsis) and CJK/full-width punctuation. Spelled as a few ranges rather
// than as the complement of \pL\pN: that class is hundreds of UTF-8 ranges, and with two
// of them in every pattern it made compiling a language's Set several times slower.
constexpr const char* kSeparator =
    "[\\x00-\\x2F\\x3A-\\x40\\x5B-\\x5E\\x60\\x7B-\\x7F\\x{A0}-\\x{BF}\\x{D7}\\x{F7}\\x{2000}-\\x{"
    "206F}"
    "\\x{3000}-\\x{303F}\\x{FF01}-\\x{FF0F}\\x{FF1A}-\\x{FF20}]";

std::string word_bounded(const std::string& expanded, bool spaced) {
  if (!spaced) return "(?i)(" + expanded + ")";
  std::string out = "(?i)(?:^|";
  out.append(kSeparator)
      .append(")(")
      .append(expanded)
      .append(")(?:$|")
      .append(kSeparator)
      .append(")");
  return out;
}

std::string loosened(const std::string& pattern) {
  std::string out;
  out.reserve(pattern.size());
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {  // an escape, e.g. \x{A0} or \{: copied as is
      out += c;
      if (i + 1 < pattern.size()) out += pattern[++i];
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];  // "[]...]"
      continue;
    }
    // A quantifier {m,n}: keep "{m," and drop n.
    std::size_t j = i + 1;
    while (c == '{' && j < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[j])))
      ++j;
    if (c == '{' && j > i + 1 && j < pattern.size() && pattern[j] == ',') {
      std::size_t k = j + 1;
      while (k < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[k]))) ++k;
      if (k > j + 1 && k < pattern.size() && pattern[k] == '}') {
        out.append(pattern, i, j + 1 - i);
        out += '}';
        i = k;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace escalint
