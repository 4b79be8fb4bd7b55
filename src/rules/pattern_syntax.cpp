#include "rules/pattern_syntax.h"

#include <cctype>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

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

namespace {
// The index just past the escape that starts at pattern[i] (a backslash): \x{...},
// \p{...} and \P{...} run to their brace, \Q to \E, \xHH and \pL are fixed-length, and
// any other escape is one character (of any UTF-8 length).
std::size_t escape_end(const std::string& p, std::size_t i) {
  const std::size_t n = p.size();
  if (i + 1 >= n) return n;
  const char e = p[i + 1];
  if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < n && p[i + 2] == '{') {
    const std::size_t close = p.find('}', i + 3);
    return close == std::string::npos ? n : close + 1;
  }
  if (e == 'x') return std::min(n, i + 4);
  if (e == 'p' || e == 'P') return std::min(n, i + 3);
  if (e == 'Q') {
    const std::size_t end = p.find("\\E", i + 2);
    return end == std::string::npos ? n : end + 2;
  }
  std::size_t j = i + 2;
  while (j < n && (static_cast<unsigned char>(p[j]) & 0xC0) == 0x80) ++j;
  return j;
}

// The index just past the character class that starts at pattern[i] ('[').
std::size_t class_end(const std::string& p, std::size_t i) {
  std::size_t j = i + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;  // "[]...]": a leading ']' is a member
  while (j < p.size() && p[j] != ']') {
    if (p[j] == '\\') {
      j = escape_end(p, j);
    } else if (p.compare(j, 2, "[:") == 0) {
      const std::size_t close = p.find(":]", j + 2);
      j = close == std::string::npos ? p.size() : close + 2;
    } else {
      ++j;
    }
  }
  return std::min(p.size(), j + 1);
}
}  // namespace

std::string case_folded(const std::string& p) {
  std::string out;
  out.reserve(p.size() + 16);
  const auto* bytes = reinterpret_cast<const uint8_t*>(p.data());
  const int32_t length = static_cast<int32_t>(p.size());
  std::size_t i = 0;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '\\') {
      const std::size_t end = escape_end(p, i);
      const char e = i + 1 < p.size() ? p[i + 1] : '\0';
      const bool may_be_letter =
          e == 'x' || e == 'p' || e == 'P' || e == 'Q' || (static_cast<unsigned char>(e) >= 0x80);
      const std::string escape = p.substr(i, end - i);
      out += may_be_letter ? "(?i:" + escape + ")" : escape;
      i = end;
      continue;
    }
    if (c == '[') {
      const std::size_t end = class_end(p, i);
      out.append("(?i:").append(p, i, end - i).append(")");
      i = end;
      continue;
    }
    if (c == '(' && i + 1 < p.size() && p[i + 1] == '?') {
      // A flag group "(?flags)" or "(?flags:": keep every flag but i.
      std::size_t j = i + 2;
      std::string kept;
      while (j < p.size() && (std::isalpha(static_cast<unsigned char>(p[j])) || p[j] == '-')) {
        if (p[j] != 'i') kept += p[j];
        ++j;
      }
      if (j > i + 2 && j < p.size() && (p[j] == ')' || p[j] == ':')) {
        if (!kept.empty() && kept.back() == '-') kept.pop_back();
        if (p[j] == ':') {
          out += "(?" + kept + ":";
        } else if (!kept.empty()) {
          out += "(?" + kept + ")";
        }
        i = j + 1;
        continue;
      }
      // Any other group: a name ("(?P<name>") is copied as written.
      const std::size_t name = j < p.size() && p[j] == '<' ? p.find('>', j) : std::string::npos;
      const std::size_t end = name == std::string::npos ? i + 2 : name + 1;
      out.append(p, i, end - i);
      i = end;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x80) {
      out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      ++i;
      continue;
    }
    int32_t k = static_cast<int32_t>(i);
    UChar32 cp;
    U8_NEXT(bytes, k, length, cp);
    if (cp < 0) {  // not UTF-8: copied as is, RE2 reports it
      out.append(p, i, static_cast<std::size_t>(k) - i);
    } else {
      char buffer[U8_MAX_LENGTH];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buffer, n, u_foldCase(cp, U_FOLD_CASE_DEFAULT));
      out.append(buffer, n);
    }
    i = static_cast<std::size_t>(k);
  }
  return out;
}

}  // namespace escalint
