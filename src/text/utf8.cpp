#include "text/utf8.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
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

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t ascii_end = i;
    while (ascii_end < length && s[ascii_end] < 0x80) ++ascii_end;
    if (ascii_end > i) {  // a run of ASCII: copied, then lowered in place
      const std::size_t from = out.size();
      out.append(text.data() + i, static_cast<std::size_t>(ascii_end - i));
      for (std::size_t k = from; k < out.size(); ++k) {
        if (static_cast<unsigned char>(out[k] - 'A') < 26) out[k] = static_cast<char>(out[k] + 32);
      }
      i = ascii_end;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = 0xFFFD;
    char buffer[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buffer, n, u_foldCase(c, U_FOLD_CASE_DEFAULT));
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace escalint
