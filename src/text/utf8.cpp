#include "text/utf8.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <stdexcept>

namespace escalint {

namespace {
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool all_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}
}  // namespace

std::string repair_utf8(std::string_view bytes, std::size_t* replaced) {
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  std::size_t bad = 0;
  std::string out;
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  int32_t copied_until = 0;  // bytes before this index are already in `out` (or need no copy)
  while (i < length) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0) continue;
    if (bad == 0) out.reserve(bytes.size() + 16);
    out.append(bytes.substr(copied_until, start - copied_until));
    out.append(kReplacement);
    copied_until = i;
    ++bad;
  }
  if (replaced) *replaced = bad;
  if (bad == 0) return std::string(bytes);
  out.append(bytes.substr(copied_until));
  return out;
}

std::string to_nfc(std::string text) {
  if (all_ascii(text)) return text;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normaliser unavailable");
  if (nfc->isNormalizedUTF8(text, status) && U_SUCCESS(status)) return text;
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  nfc->normalizeUTF8(0, text, sink, nullptr, status);
  if (U_FAILURE(status)) return text;  // ill-formed input cannot reach here: callers repair first
  return out;
}

bool looks_binary(std::string_view bytes) {
  return bytes.substr(0, 8192).find('\0') != std::string_view::npos;
}

}  // namespace escalint
