// HTML (a mail's text/html part, or an .html draft) to plain text with libxml2's HTML
// parser: what the writer sees, as lines, with the quoted history marked the way
// plain-text mail marks it, so the region detector treats it as context.
//
//  - block elements end lines; paragraphs, headings, lists and tables are set off by a
//    blank line; <br> ends a line; list items are lines ("- item", "1. item");
//  - a link keeps its URL after its label: "the order page (https://shop.example/o/1)"
//    (mailto: and tel: links keep only the label; a label that is the URL is not repeated);
//  - <blockquote>, Gmail's div.gmail_quote, Yahoo's div.yahoo_quoted and Thunderbird's
//    div.moz-cite-prefix become "> " lines (nested quotes "> > ");
//  - Outlook's reply header blocks (div#divRplyFwdMsg, div#appendonsend, hr#stopSpelling,
//    the "border-top" header div of Word HTML, #OLK_SRC_BODY_SECTION, new Outlook's
//    #mail-editor-reference-message-container) start the history: everything from
//    there to the end of the document becomes "> " lines;
//  - script, style, head and comments are dropped; whitespace is collapsed outside <pre>.
// Never fails: broken HTML is repaired by the parser; nesting depth is not limited by
// the C++ stack (the tree is walked iteratively).
#pragma once

#include <string>
#include <string_view>

namespace escalint {

// `html` must be UTF-8 (any <meta charset> inside is ignored). Returns UTF-8 text
// whose lines end in "\n".
std::string html_to_text(std::string_view html);

// The charset an HTML document declares in its first 4 KiB (<meta charset=...> or
// <meta http-equiv="Content-Type" content="...; charset=...">), or "".
std::string html_declared_charset(std::string_view html);

// True when the bytes look like an HTML document (<!DOCTYPE html>, <html>, <body>, ...).
bool looks_like_html(std::string_view bytes);

}  // namespace escalint
