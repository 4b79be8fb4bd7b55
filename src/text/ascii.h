// ASCII-only helpers for protocol and format tokens (header names, charset labels,
// file extensions, HTML tag names). Natural-language text goes through ICU instead.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace escalint {

// `s` with A-Z lowered; other bytes, UTF-8 included, unchanged.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace escalint
