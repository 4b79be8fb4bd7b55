#include "input/text_reader.h"

#include <unicode/unistr.h>

namespace escalint {

namespace {
// UTF-16 text with a byte-order mark, as Windows tools write it, as UTF-8.
bool decode_utf16_bom(const std::string& bytes, std::string* out) {
  if (bytes.size() < 2) return false;
  const auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
  const bool le = b0 == 0xFF && b1 == 0xFE, be = b0 == 0xFE && b1 == 0xFF;
  if (!le && !be) return false;
  icu::UnicodeString u;
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    const auto lo = static_cast<unsigned char>(bytes[le ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[le ? i + 1 : i]);
    u.append(static_cast<char16_t>(hi << 8 | lo));
  }
  out->clear();
  u.toUTF8String(*out);
  return true;
}
}  // namespace

Draft read_text_draft(const std::string& source, std::string bytes) {
  Draft d;
  d.source = source;
  std::string decoded;
  if (decode_utf16_bom(bytes, &decoded)) {
    bytes = std::move(decoded);
  }
  d.body = std::move(bytes);
  return d;
}

}  // namespace escalint
