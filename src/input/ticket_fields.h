// Tickets as JSON values to Drafts: Zendesk tickets, Jira issues and generic records
// whose fields are named by a FieldMapping. Shared by the JSON, JSONL and CSV readers.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "input/draft.h"
#include "input/read_input.h"

namespace escalint {

// Zendesk ticket: {"id", "subject", "description", "requester_id", "created_at",
// "comments": [...]?}. The body is the first public comment by the requester when the
// ticket has comments (plain_body, else body, else html_body as HTML), otherwise the
// description. Attachments come from that comment (file_name, content_type, size).
bool is_zendesk_ticket(const boost::json::object& o);
Draft zendesk_draft(const boost::json::object& ticket, const boost::json::array* comments);

// Jira issue: {"key", "fields": {"summary", "description", "created", "attachment"}}.
// The description is wiki markup (converted: {quote} and "bq." to "> " lines,
// [label|url] links to "label (url)", headings and list markers to lines) or an
// Atlassian Document Format document (converted with adf_to_text).
bool is_jira_issue(const boost::json::object& o);
Draft jira_draft(const boost::json::object& issue);

// Atlassian Document Format to text: paragraphs and headings as lines with blank lines
// between, list items as "- "/"1. " lines, blockquotes as "> " lines, code blocks kept,
// links as "label (url)", mentions, emoji, dates and status lozenges as their text.
std::string adf_to_text(const boost::json::value& doc);
std::string jira_wiki_to_text(std::string_view wiki);

// A generic record: fields found by dotted path ("fields.summary", "comments.0.body").
// Empty mapping fields use the defaults: id: id|key|ticket_id; subject:
// subject|title|summary; body: body|text|description|content|message; date:
// date|created_at|created. Returns false, with `*error`, when no body field is found.
bool record_draft(const boost::json::value& record, const FieldMapping& mapping, Draft* out,
                  std::string* error);

// The value at a dotted path, or nullptr.
const boost::json::value* find_path(const boost::json::value& v, std::string_view path);

// A value as text: strings as they are, numbers and booleans printed, ADF documents
// converted, other objects and arrays as JSON.
std::string value_text(const boost::json::value& v);

}  // namespace escalint
