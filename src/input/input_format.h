// The input formats escalint reads, and how one is chosen for an input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace escalint {

enum class InputFormat { kAuto, kText, kMarkdown, kEml, kMbox, kHtml, kJson, kJsonl, kCsv };

// "auto", "text"/"txt", "md"/"markdown", "eml"/"mime"/"email", "mbox", "html",
// "json"/"zendesk"/"jira", "jsonl"/"ndjson", "csv"; nullopt for anything else.
std::optional<InputFormat> parse_input_format(std::string_view name);
const char* input_format_name(InputFormat format);

// The format a file extension names (".eml" -> kEml), or kAuto when it names none
// (including .txt/.md, whose content is still sniffed for mail: see detect_format).
InputFormat format_for_extension(std::string_view extension);

// True when a folder walk takes files with this extension.
bool known_extension(std::string_view extension);

// The format for `path` (its extension) and `bytes` (its content):
//  - .eml .msg .mbox .json .jsonl .ndjson .csv .tsv .html .htm: that format;
//  - .txt .md and others: mail when the content is unmistakably mail (an mbox "From "
//    line with headers after it; or two or more header fields, one only mail has), else
//    text or Markdown;
//  - no or an unknown extension (and standard input): also JSON ('{' or '['; JSONL when
//    the first line is a complete object and more lines follow) and HTML (<html>, ...).
InputFormat detect_format(std::string_view path, std::string_view bytes);

}  // namespace escalint
