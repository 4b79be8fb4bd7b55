// Bytes in a declared (or undeclared, or wrongly declared) charset to UTF-8, with ICU's
// converters (ucnv) and charset detector (ucsdet). Never fails: what cannot be decoded
// becomes U+FFFD, and every guess or repair is said in a notice.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace escalint {

struct DecodedText {
  std::string text;                  // well-formed UTF-8
  std::string charset;               // the charset actually used (ICU's canonical name)
  std::vector<std::string> notices;  // what was guessed or replaced, for Draft::notices
};

// Decodes `bytes` labelled `declared` (empty: no label). Order of trust:
//  1. a UTF-8/UTF-16 byte-order mark;
//  2. the label, when ICU knows it and the bytes are valid in it (labels are read as
//     the WHATWG Encoding Standard reads them: iso-8859-1 and us-ascii as windows-1252);
//  3. UTF-8, when the bytes are valid UTF-8 (a wrong "us-ascii" label is common);
//  4. ICU's detector's best guess; 5. windows-1252 with U+FFFD for the rest.
// `what` names the text in notices ("the body", "part 2").
DecodedText decode_to_utf8(std::string_view bytes, std::string_view declared,
                           std::string_view what);

// True when `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

}  // namespace escalint
