#include "input/input_format.h"

#include <boost/json/parse.hpp>

#include <cctype>
#include <string>

#include "input/html_to_text.h"
#include "input/mbox_reader.h"
#include "input/mime_reader.h"
#include "text/ascii.h"

namespace escalint {

namespace {

std::string_view extension_of(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return name.substr(dot);
}

// An mbox: a "From " first line with a header field after it, and a second separator.
bool looks_like_mbox(std::string_view bytes, bool* several) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.substr(0, 5) != "From ") return false;
  std::size_t messages = 0;
  for_each_mbox_message(bytes, [&](std::size_t, std::size_t, std::string) { ++messages; });
  *several = messages > 1;
  const std::size_t nl = bytes.find('\n');
  if (nl == std::string_view::npos) return false;
  std::string_view second = bytes.substr(nl + 1);
  second = second.substr(0, second.find('\n'));
  return is_mbox_separator(bytes.substr(0, nl), second) || looks_like_mime(bytes);
}

}  // namespace

std::optional<InputFormat> parse_input_format(std::string_view name) {
  const std::string n = ascii_lower(name);
  if (n == "auto") return InputFormat::kAuto;
  if (n == "text" || n == "txt" || n == "plain") return InputFormat::kText;
  if (n == "md" || n == "markdown") return InputFormat::kMarkdown;
  if (n == "eml" || n == "mime" || n == "email" || n == "mail") return InputFormat::kEml;
  if (n == "mbox") return InputFormat::kMbox;
  if (n == "html" || n == "htm") return InputFormat::kHtml;
  if (n == "json" || n == "zendesk" || n == "jira" || n == "ticket") return InputFormat::kJson;
  if (n == "jsonl" || n == "ndjson") return InputFormat::kJsonl;
  if (n == "csv") return InputFormat::kCsv;
  return std::nullopt;
}

const char* input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto:
      return "auto";
    case InputFormat::kText:
      return "text";
    case InputFormat::kMarkdown:
      return "md";
    case InputFormat::kEml:
      return "eml";
    case InputFormat::kMbox:
      return "mbox";
    case InputFormat::kHtml:
      return "html";
    case InputFormat::kJson:
      return "json";
    case InputFormat::kJsonl:
      return "jsonl";
    case InputFormat::kCsv:
      return "csv";
  }
  return "auto";
}

InputFormat format_for_extension(std::string_view extension) {
  const std::string e = ascii_lower(extension);
  if (e == ".eml" || e == ".msg") return InputFormat::kEml;
  if (e == ".mbox" || e == ".mbx") return InputFormat::kMbox;
  if (e == ".json") return InputFormat::kJson;
  if (e == ".jsonl" || e == ".ndjson") return InputFormat::kJsonl;
  if (e == ".csv" || e == ".tsv") return InputFormat::kCsv;
  if (e == ".html" || e == ".htm") return InputFormat::kHtml;
  return InputFormat::kAuto;
}

bool known_extension(std::string_view extension) {
  const std::string e = ascii_lower(extension);
  return e == ".txt" || e == ".md" || e == ".markdown" || e == ".text" || e == ".eml" ||
         e == ".mbox" || e == ".json" || e == ".jsonl" || e == ".ndjson" || e == ".csv" ||
         e == ".html" || e == ".htm";
}

InputFormat detect_format(std::string_view path, std::string_view bytes) {
  const std::string_view ext = extension_of(path);
  const InputFormat by_ext = format_for_extension(ext);
  if (by_ext == InputFormat::kEml) {
    // An .eml that is really an archive of several messages.
    bool several = false;
    if (looks_like_mbox(bytes, &several) && several) return InputFormat::kMbox;
    return by_ext;
  }
  if (by_ext != InputFormat::kAuto) return by_ext;
  const std::string e = ascii_lower(ext);
  const bool markdown = e == ".md" || e == ".markdown";
  const bool text_ext = markdown || e == ".txt" || e == ".text";

  // UTF-16 with a BOM is text (the text reader decodes it).
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return markdown ? InputFormat::kMarkdown : InputFormat::kText;
  }
  bool several = false;
  if (looks_like_mbox(bytes, &several)) return several ? InputFormat::kMbox : InputFormat::kEml;
  if (looks_like_mime(bytes)) return InputFormat::kEml;
  if (!text_ext) {
    std::size_t i = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
    if (i < bytes.size() && (bytes[i] == '{' || bytes[i] == '[')) {
      // JSONL: a first line that closes its object, and another record after it.
      const std::size_t nl = bytes.find('\n', i);
      if (bytes[i] == '{' && nl != std::string_view::npos) {
        std::string_view first = bytes.substr(i, nl - i);
        while (!first.empty() && (first.back() == '\r' || first.back() == ' '))
          first.remove_suffix(1);
        const std::size_t next = bytes.find_first_not_of(" \t\r\n", nl);
        if (!first.empty() && first.back() == '}' && next != std::string_view::npos &&
            bytes[next] == '{') {
          return InputFormat::kJsonl;
        }
      }
      // Only valid JSON is taken for JSON: "[URGENT] checkout is down" is a draft.
      boost::system::error_code ec;
      boost::json::parse(bytes.substr(i), ec);
      if (!ec) return InputFormat::kJson;
    }
    if (looks_like_html(bytes)) return InputFormat::kHtml;
  }
  return markdown ? InputFormat::kMarkdown : InputFormat::kText;
}

}  // namespace escalint
