// UTF-8 hygiene for incoming text: validation with repair, NFC, binary sniffing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace escalint {

// Returns `bytes` as well-formed UTF-8: every ill-formed sequence becomes U+FFFD.
// `*replaced` (if given) receives the number of replacements. A leading BOM is dropped.
std::string repair_utf8(std::string_view bytes, std::size_t* replaced = nullptr);

// Returns `text` (well-formed UTF-8) in Unicode Normalization Form C. Text that is
// already NFC, the common case, is returned unchanged without copying into UTF-16.
std::string to_nfc(std::string text);

// `text` (well-formed UTF-8) with every code point replaced by its simple case folding,
// the equivalence RE2's case-insensitive matching uses ("K", "k" and the Kelvin sign
// all become "k"). Byte offsets may change (the Kelvin sign takes three bytes).
std::string fold_case(std::string_view text);

// True when the bytes look like a binary file rather than text: a NUL byte within the
// first 8 KiB, as git and grep decide. UTF-16 text must be decoded before this check.
bool looks_binary(std::string_view bytes);

}  // namespace escalint
