#include "input/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace escalint {

namespace {

std::string lower_trim(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\'' || std::isspace(static_cast<unsigned char>(c))) continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Mail labels as the WHATWG Encoding Standard reads them (what mail clients do).
std::string normalise_label(std::string_view declared) {
  std::string l = lower_trim(declared);
  // Labels that say nothing about 8-bit bytes: as if there were no label.
  if (l == "us-ascii" || l == "ascii" || l == "us_ascii" || l == "x-user-defined" ||
      l == "unknown-8bit" || l == "unknown" || l == "none" || l == "default" || l == "x-unknown") {
    return "";
  }
  if (l == "iso-8859-1" || l == "iso8859-1" || l == "latin1" || l == "latin-1" || l == "l1" ||
      l == "cp819" || l == "ibm819" || l == "iso_8859-1") {
    return "windows-1252";
  }
  if (l == "iso-8859-9" || l == "latin5") return "windows-1254";
  if (l == "iso-8859-11") return "windows-874";
  if (l == "gb2312" || l == "x-gbk" || l == "gb_2312-80" || l == "euc-cn") return "gbk";
  if (l == "ks_c_5601-1987" || l == "ks_c_5601" || l == "korean") return "euc-kr";
  if (l == "iso-8859-8-i") return "iso-8859-8";
  if (l == "utf8") return "utf-8";
  if (l == "unicode-1-1-utf-7") return "utf-7";
  return l;
}

bool is_utf8_label(const std::string& l) {
  return l == "utf-8";
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open_converter(const std::string& name) {
  if (name.empty()) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  Converter c(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status)) return nullptr;
  return c;
}

// Converts with `conv`; `strict`: fail on any illegal or unassigned byte sequence.
// Returns false (strict only) when the bytes are not valid in the charset.
bool convert(UConverter* conv, std::string_view bytes, bool strict, std::string* out,
             std::size_t* replaced) {
  UErrorCode status = U_ZERO_ERROR;
  ucnv_reset(conv);
  if (strict) {
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  } else {
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &status);
  }
  if (U_FAILURE(status)) return false;
  icu::UnicodeString u;
  const char* src = bytes.data();
  const char* limit = bytes.data() + bytes.size();
  UChar buf[8192];
  for (;;) {
    UChar* target = buf;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv, &target, buf + 8192, &src, limit, nullptr, true, &status);
    u.append(buf, static_cast<int32_t>(target - buf));
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) return false;
    break;
  }
  std::size_t subs = 0;
  for (int32_t i = 0; i < u.length(); ++i) {
    // ICU substitutes U+001A in some single-byte tables; a draft never means SUB.
    if (u[i] == 0x1A) u.setCharAt(i, 0xFFFD);
    if (u[i] == 0xFFFD) ++subs;
  }
  if (replaced) *replaced = subs;
  out->clear();
  u.toUTF8String(*out);
  if (!out->empty() && out->compare(0, 3, "\xEF\xBB\xBF") == 0) out->erase(0, 3);
  return true;
}

// ICU's best guess for the bytes' charset, or "" when it has none.
std::string detect(std::string_view bytes, int* confidence) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  if (U_FAILURE(status)) return "";
  const std::size_t n = std::min<std::size_t>(bytes.size(), 1 << 16);
  ucsdet_setText(det, bytes.data(), static_cast<int32_t>(n), &status);
  const UCharsetMatch* m = U_SUCCESS(status) ? ucsdet_detect(det, &status) : nullptr;
  std::string name;
  if (m && U_SUCCESS(status)) {
    const char* nm = ucsdet_getName(m, &status);
    if (nm && U_SUCCESS(status)) name = nm;
    *confidence = ucsdet_getConfidence(m, &status);
  }
  ucsdet_close(det);
  // ICU reports ISO-8859-1 for text that is most often windows-1252.
  if (name == "ISO-8859-1") name = "windows-1252";
  return name;
}

std::string quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, 60))
    out +=
        (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) ? '?' : c;
  return out + "'";
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t length = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), INT32_MAX));
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return bytes.size() <= static_cast<std::size_t>(INT32_MAX);
}

DecodedText decode_to_utf8(std::string_view bytes, std::string_view declared,
                           std::string_view what) {
  DecodedText out;
  const std::string w(what);
  std::string label = normalise_label(declared);

  // 1. A byte-order mark wins over any label.
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    label = bytes[0] == '\xFF' ? "utf-16le" : "utf-16be";
    bytes.remove_prefix(2);
  } else if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    label = "utf-8";
    bytes.remove_prefix(3);
  }
  const bool ascii = std::all_of(bytes.begin(), bytes.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  const bool utf16_label =
      label.rfind("utf-16", 0) == 0 || label.rfind("utf-32", 0) == 0 || label == "ucs-2";
  // Pure ASCII needs no converter unless the label is a wide or stateful encoding.
  if (ascii && !utf16_label && label != "utf-7" && label.rfind("iso-2022", 0) != 0 &&
      label.rfind("hz", 0) != 0) {
    out.text.assign(bytes);
    out.charset = label.empty() ? "us-ascii" : label;
    return out;
  }

  // A non-UTF-8 label on bytes that are valid UTF-8 (and not ASCII) is a lie: text in
  // any single- or multi-byte legacy charset is almost never valid UTF-8 by chance.
  if (!ascii && !label.empty() && !is_utf8_label(label) && !utf16_label && is_valid_utf8(bytes)) {
    out.notices.push_back(w + " is labelled " + quoted(declared) +
                          " but is valid UTF-8; read as UTF-8");
    out.text.assign(bytes);
    out.charset = "UTF-8";
    return out;
  }

  // 2. The label, when known and the bytes are valid in it.
  if (!label.empty()) {
    if (is_utf8_label(label)) {
      if (is_valid_utf8(bytes)) {
        out.text.assign(bytes);
        out.charset = "UTF-8";
        return out;
      }
    } else if (Converter conv = open_converter(label)) {
      std::size_t replaced = 0;
      if (convert(conv.get(), bytes, true, &out.text, &replaced)) {
        UErrorCode status = U_ZERO_ERROR;
        const char* name = ucnv_getName(conv.get(), &status);
        out.charset = U_SUCCESS(status) && name ? name : label;
        return out;
      }
    } else {
      out.notices.push_back("unknown charset " + quoted(declared) + " in " + w);
    }
  }

  // 3. UTF-8 when the bytes are valid UTF-8.
  if (is_valid_utf8(bytes)) {
    if (!label.empty() && !is_utf8_label(label) && out.notices.empty()) {
      out.notices.push_back(w + " is labelled " + quoted(declared) +
                            " but is valid UTF-8; read as UTF-8");
    } else if (!out.notices.empty()) {
      out.notices.back() += "; read as UTF-8";
    }
    out.text.assign(bytes);
    out.charset = "UTF-8";
    return out;
  }

  // 4. The detector's guess; 5. windows-1252 (every byte maps) with U+FFFD for the rest.
  int confidence = 0;
  std::string guess = detect(bytes, &confidence);
  if (guess == "UTF-8") guess.clear();  // not valid UTF-8 (checked above)
  // Weak guesses, and the rare EBCDIC and visual-order charsets the detector proposes
  // for short Latin text, are not trusted.
  if (confidence < 20 || (guess.rfind("IBM", 0) == 0 && confidence < 60)) guess.clear();
  const std::string why = label.empty() && !lower_trim(declared).empty()
                              ? w + " is labelled " + quoted(declared) + " but has 8-bit bytes"
                          : label.empty()        ? w + " has no charset label"
                          : !out.notices.empty() ? out.notices.back()
                                                 : w + " is not valid " + quoted(declared);
  if (!out.notices.empty()) out.notices.pop_back();
  // A known label whose bytes were slightly off: keep the label, substitute the bad bytes.
  std::string chosen;
  if (!label.empty() && !is_utf8_label(label) && open_converter(label)) {
    chosen = label;
    if (!guess.empty() && confidence >= 50 && !open_converter(guess)) guess.clear();
    if (!guess.empty() && confidence >= 50) chosen = guess;
  } else if (!guess.empty() && open_converter(guess)) {
    chosen = guess;
  } else if (is_utf8_label(label)) {
    chosen = "utf-8";
  } else {
    chosen = "windows-1252";
  }
  Converter conv = open_converter(chosen);
  std::size_t replaced = 0;
  if (!conv || !convert(conv.get(), bytes, false, &out.text, &replaced)) {
    conv = open_converter("windows-1252");
    chosen = "windows-1252";
    convert(conv.get(), bytes, false, &out.text, &replaced);
  }
  out.charset = chosen;
  std::string note = why + "; read as " + chosen;
  if (chosen == guess) note += " (detected, confidence " + std::to_string(confidence) + "%)";
  if (replaced > 0)
    note += ", " + std::to_string(replaced) + " undecodable sequence" + (replaced == 1 ? "" : "s") +
            " replaced with U+FFFD";
  out.notices.push_back(note);
  return out;
}

}  // namespace escalint
