#include "input/ticket_fields.h"

#include <boost/json.hpp>

#include <cctype>

#include "input/html_to_text.h"

namespace escalint {

namespace json = boost::json;

namespace {

constexpr int kMaxAdfDepth = 200;

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

const json::value* field(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it == o.end() || it->value().is_null() ? nullptr : &it->value();
}

std::string text_of(const json::object& o, std::string_view key) {
  const json::value* v = field(o, key);
  return v ? value_text(*v) : "";
}

Attachment attachment_from(const json::object& a, const char* name, const char* type,
                           const char* size) {
  Attachment out;
  out.name = text_of(a, name);
  out.type = text_of(a, type);
  if (const json::value* s = field(a, size)) {
    if (s->is_int64())
      out.size = static_cast<std::size_t>(std::max<std::int64_t>(0, s->as_int64()));
    if (s->is_uint64()) out.size = static_cast<std::size_t>(s->as_uint64());
    if (s->is_double()) out.size = static_cast<std::size_t>(std::max(0.0, s->as_double()));
  }
  return out;
}

// Appends text to the ADF output with the current quote prefix on every new line.
struct AdfWriter {
  std::string out;
  int quote = 0;
  bool at_line_start = true;

  void put(std::string_view s) {
    for (char c : s) {
      if (at_line_start && quote > 0 && c != '\n') {
        for (int i = 0; i < quote; ++i) out += "> ";
      }
      at_line_start = c == '\n';
      out += c;
    }
  }
  void end_line() {
    if (!at_line_start) put("\n");
  }
  void blank() {
    end_line();
    if (out.size() >= 2 && out.compare(out.size() - 2, 2, "\n\n") == 0) return;
    if (!out.empty()) {
      if (quote > 0) {
        out += ">\n";
      } else {
        out += "\n";
      }
    }
  }
};

void adf(const json::value& node, AdfWriter& w, int depth, std::string* list_marker);

void adf_children(const json::object& o, AdfWriter& w, int depth) {
  const json::value* content = field(o, "content");
  if (!content || !content->is_array()) return;
  for (const json::value& c : content->as_array()) adf(c, w, depth + 1, nullptr);
}

std::string attr_text(const json::object& o, std::string_view key) {
  const json::value* attrs = field(o, "attrs");
  if (!attrs || !attrs->is_object()) return "";
  return text_of(attrs->as_object(), key);
}

void adf(const json::value& node, AdfWriter& w, int depth, std::string* list_marker) {
  if (depth > kMaxAdfDepth || !node.is_object()) return;
  const json::object& o = node.as_object();
  const std::string type = text_of(o, "type");
  if (type == "text") {
    std::string t = text_of(o, "text");
    std::string href;
    if (const json::value* marks = field(o, "marks"); marks && marks->is_array()) {
      for (const json::value& m : marks->as_array()) {
        if (m.is_object() && text_of(m.as_object(), "type") == "link")
          href = attr_text(m.as_object(), "href");
      }
    }
    w.put(t);
    if (!href.empty() && t.find(href) == std::string::npos) w.put(" (" + href + ")");
  } else if (type == "hardBreak") {
    w.put("\n");
  } else if (type == "mention" || type == "status" || type == "placeholder") {
    w.put(attr_text(o, "text"));
  } else if (type == "emoji") {
    std::string t = attr_text(o, "text");
    w.put(t.empty() ? attr_text(o, "shortName") : t);
  } else if (type == "inlineCard" || type == "blockCard" || type == "embedCard") {
    w.put(attr_text(o, "url"));
    if (type != "inlineCard") w.end_line();
  } else if (type == "date") {
    w.put(attr_text(o, "timestamp"));
  } else if (type == "paragraph" || type == "heading") {
    w.end_line();
    adf_children(o, w, depth);
    w.blank();
  } else if (type == "bulletList" || type == "orderedList") {
    w.end_line();
    const json::value* content = field(o, "content");
    int n = 0;
    if (content && content->is_array()) {
      for (const json::value& item : content->as_array()) {
        std::string marker = type == "orderedList" ? std::to_string(++n) + ". " : "- ";
        adf(item, w, depth + 1, &marker);
      }
    }
    w.blank();
  } else if (type == "listItem") {
    w.end_line();
    w.put(list_marker ? *list_marker : "- ");
    // A list item's paragraphs are lines, not blank-line separated blocks.
    const json::value* content = field(o, "content");
    bool first = true;
    if (content && content->is_array()) {
      for (const json::value& c : content->as_array()) {
        if (c.is_object() && text_of(c.as_object(), "type") == "paragraph") {
          if (!first) w.put("\n  ");
          adf_children(c.as_object(), w, depth + 1);
          first = false;
        } else {
          w.end_line();
          adf(c, w, depth + 1, nullptr);
        }
      }
    }
    w.end_line();
  } else if (type == "blockquote") {
    w.blank();
    ++w.quote;
    adf_children(o, w, depth);
    w.end_line();
    while (w.out.size() >= 2 && w.out.compare(w.out.size() - 2, 2, ">\n") == 0)
      w.out.resize(w.out.size() - 2);
    --w.quote;
    w.blank();
  } else if (type == "codeBlock") {
    w.end_line();
    adf_children(o, w, depth);
    w.blank();
  } else if (type == "rule") {
    w.blank();
  } else if (type == "tableRow") {
    w.end_line();
    const json::value* content = field(o, "content");
    bool first = true;
    if (content && content->is_array()) {
      for (const json::value& cell : content->as_array()) {
        if (!first) w.put(" | ");
        first = false;
        AdfWriter cw;
        adf(cell, cw, depth + 1, nullptr);
        std::string t = trim(cw.out);
        for (char& c : t) {
          if (c == '\n') c = ' ';
        }
        w.put(t);
      }
    }
    w.end_line();
  } else {
    // doc, panel, table, expand, layout, mediaGroup, unknown node types: their content.
    const bool block =
        type == "panel" || type == "table" || type == "expand" || type == "nestedExpand";
    if (block) w.end_line();
    adf_children(o, w, depth);
    if (block) w.blank();
  }
}

// "[label|https://x]" -> "label (https://x)"; "[https://x]" -> "https://x".
std::string wiki_links(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[') {
      const std::size_t close = s.find(']', i);
      if (close != std::string_view::npos &&
          s.substr(i, close - i).find('\n') == std::string_view::npos) {
        const std::string_view inner = s.substr(i + 1, close - i - 1);
        const std::size_t bar = inner.find('|');
        const std::string_view label = bar == std::string_view::npos ? inner : inner.substr(0, bar);
        const std::string_view url =
            bar == std::string_view::npos ? std::string_view() : inner.substr(bar + 1);
        if (url.find("://") != std::string_view::npos || url.rfind("mailto:", 0) == 0) {
          out.append(label);
          if (url.rfind("mailto:", 0) != 0) out.append(" (").append(url).append(")");
          i = close;
          continue;
        }
        if (bar == std::string_view::npos && inner.find("://") != std::string_view::npos) {
          out.append(inner);
          i = close;
          continue;
        }
      }
    }
    out += s[i];
  }
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
  }
  return true;
}

}  // namespace

std::string adf_to_text(const json::value& doc) {
  AdfWriter w;
  adf(doc, w, 0, nullptr);
  return trim(w.out) + "\n";
}

std::string jira_wiki_to_text(std::string_view wiki) {
  std::string out;
  bool quote = false, code = false;
  std::size_t pos = 0;
  while (pos <= wiki.size()) {
    std::size_t nl = wiki.find('\n', pos);
    if (nl == std::string_view::npos) nl = wiki.size();
    std::string line(wiki.substr(pos, nl - pos));
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // {quote} and {code}/{noformat} toggles, possibly with text on the same line.
    std::string rest;
    bool had_toggle = false;
    for (;;) {
      const std::size_t q = line.find("{quote}");
      const std::size_t c1 = line.find("{code");
      const std::size_t c2 = line.find("{noformat");
      const std::size_t c = std::min(c1, c2);
      if (q == std::string::npos && c == std::string::npos) break;
      if (q != std::string::npos && (c == std::string::npos || q < c) && !code) {
        rest += line.substr(0, q);
        if (!rest.empty()) out += (quote ? "> " : "") + wiki_links(rest) + "\n";
        rest.clear();
        quote = !quote;
        had_toggle = true;
        line = line.substr(q + 7);
        continue;
      }
      if (c != std::string::npos) {
        const std::size_t close = line.find('}', c);
        if (close == std::string::npos) break;
        rest += line.substr(0, c);
        if (!rest.empty()) out += (quote ? "> " : "") + rest + "\n";
        rest.clear();
        code = !code;
        had_toggle = true;
        line = line.substr(close + 1);
        continue;
      }
      break;
    }
    line = rest + line;
    if (line.empty() && had_toggle) {  // a line that only opened or closed a block
      if (nl == wiki.size()) break;
      continue;
    }
    if (!code) {
      std::size_t i = 0;
      while (i < line.size() && line[i] == ' ') ++i;
      std::string_view l = std::string_view(line).substr(i);
      if (l.size() >= 4 && l[0] == 'h' && l[1] >= '1' && l[1] <= '6' && l[2] == '.' &&
          l[3] == ' ') {
        line = std::string(l.substr(4));
      } else if (starts_with_ci(l, "bq. ")) {
        line = "> " + std::string(l.substr(4));
      } else {
        std::size_t m = 0;
        while (m < l.size() && (l[m] == '*' || l[m] == '#' || l[m] == '-')) ++m;
        if (m > 0 && m < l.size() && l[m] == ' ' && !(m >= 2 && l[0] == '-')) {
          line = std::string(2 * (m - 1), ' ') + (l[0] == '#' ? "1. " : "- ") +
                 std::string(l.substr(m + 1));
        }
      }
      line = wiki_links(line);
    }
    if (quote && !(line.empty() && false)) {
      out += line.empty() ? ">\n" : "> " + line + "\n";
    } else {
      out += line + "\n";
    }
    if (nl == wiki.size()) break;
  }
  return out;
}

std::string value_text(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  if (v.is_int64()) return std::to_string(v.as_int64());
  if (v.is_uint64()) return std::to_string(v.as_uint64());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  if (v.is_object()) {
    const json::object& o = v.as_object();
    if (const json::value* t = field(o, "type"); t && t->is_string() && t->as_string() == "doc")
      return adf_to_text(v);
  }
  return json::serialize(v);
}

const json::value* find_path(const json::value& v, std::string_view path) {
  const json::value* cur = &v;
  // An exact key with dots wins ("fields.summary" as one key).
  if (v.is_object()) {
    if (auto it = v.as_object().find(path); it != v.as_object().end()) return &it->value();
  }
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    const std::string_view key = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (cur->is_object()) {
      auto it = cur->as_object().find(key);
      if (it == cur->as_object().end()) return nullptr;
      cur = &it->value();
    } else if (cur->is_array()) {
      std::size_t index = 0;
      if (key.empty()) return nullptr;
      for (char c : key) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return nullptr;
        index = index * 10 + static_cast<std::size_t>(c - '0');
        if (index > (1u << 30)) return nullptr;
      }
      if (index >= cur->as_array().size()) return nullptr;
      cur = &cur->as_array()[index];
    } else {
      return nullptr;
    }
  }
  return cur;
}

bool is_zendesk_ticket(const json::object& o) {
  return o.contains("subject") &&
         (o.contains("description") || o.contains("requester_id") || o.contains("comments")) &&
         (o.contains("requester_id") || o.contains("via") || o.contains("status") ||
          o.contains("comments") || o.contains("url"));
}

Draft zendesk_draft(const json::object& ticket, const json::array* comments) {
  Draft d;
  d.id = text_of(ticket, "id");
  d.subject = trim(text_of(ticket, "subject"));
  d.date = text_of(ticket, "created_at");
  d.position_prefix = "body";
  if (!comments) {
    if (const json::value* c = field(ticket, "comments"); c && c->is_array())
      comments = &c->as_array();
  }
  const std::string requester = text_of(ticket, "requester_id");
  const json::object* chosen = nullptr;
  if (comments) {
    for (const json::value& c : *comments) {
      if (!c.is_object()) continue;
      const json::object& co = c.as_object();
      const json::value* pub = field(co, "public");
      if (pub && pub->is_bool() && !pub->as_bool()) continue;
      if (!requester.empty() && text_of(co, "author_id") != requester) continue;
      chosen = &co;
      break;
    }
  }
  if (chosen) {
    std::string body = text_of(*chosen, "plain_body");
    if (body.empty()) body = text_of(*chosen, "body");
    if (body.empty()) body = html_to_text(text_of(*chosen, "html_body"));
    d.body = std::move(body);
    d.attachments_known = true;
    if (const json::value* atts = field(*chosen, "attachments"); atts && atts->is_array()) {
      for (const json::value& a : atts->as_array()) {
        if (a.is_object())
          d.attachments.push_back(
              attachment_from(a.as_object(), "file_name", "content_type", "size"));
      }
    }
    if (!text_of(*chosen, "created_at").empty()) d.date = text_of(*chosen, "created_at");
  } else {
    d.body = text_of(ticket, "description");
    if (comments)
      d.notices.push_back(
          "no public comment by the requester; the ticket's description is checked");
  }
  return d;
}

bool is_jira_issue(const json::object& o) {
  const json::value* f = field(o, "fields");
  return f && f->is_object() &&
         (f->as_object().contains("summary") || f->as_object().contains("description"));
}

Draft jira_draft(const json::object& issue) {
  Draft d;
  d.id = text_of(issue, "key");
  if (d.id.empty()) d.id = text_of(issue, "id");
  d.position_prefix = "body";
  const json::object& f = issue.at("fields").as_object();
  d.subject = trim(text_of(f, "summary"));
  d.date = text_of(f, "created");
  if (const json::value* desc = field(f, "description")) {
    d.body = desc->is_string() ? jira_wiki_to_text(desc->as_string()) : value_text(*desc);
  }
  if (const json::value* atts = field(f, "attachment"); atts && atts->is_array()) {
    d.attachments_known = true;
    for (const json::value& a : atts->as_array()) {
      if (a.is_object())
        d.attachments.push_back(attachment_from(a.as_object(), "filename", "mimeType", "size"));
    }
  }
  return d;
}

bool record_draft(const json::value& record, const FieldMapping& mapping, Draft* out,
                  std::string* error) {
  auto pick = [&](const std::string& given, std::initializer_list<const char*> defaults,
                  std::string* used) -> const json::value* {
    if (!given.empty()) {
      *used = given;
      return find_path(record, given);
    }
    for (const char* d : defaults) {
      if (const json::value* v = find_path(record, d); v && !v->is_null()) {
        *used = d;
        return v;
      }
    }
    return nullptr;
  };
  if (!record.is_object()) {
    *error = "the record is not a JSON object";
    return false;
  }
  std::string used;
  const json::value* body =
      pick(mapping.body, {"body", "text", "description", "content", "message"}, &used);
  if (!body) {
    *error = mapping.body.empty() ? "no body field (looked for body, text, description, content, "
                                    "message; see --body-field)"
                                  : "no field '" + mapping.body + "' (--body-field)";
    return false;
  }
  out->body = value_text(*body);
  out->position_prefix = "body";
  if (const json::value* s = pick(mapping.subject, {"subject", "title", "summary"}, &used))
    out->subject = trim(value_text(*s));
  if (const json::value* i = pick(mapping.id, {"id", "key", "ticket_id"}, &used))
    out->id = value_text(*i);
  if (const json::value* t = pick(mapping.date, {"date", "created_at", "created"}, &used))
    out->date = value_text(*t);
  if (const json::value* l = find_path(record, "language"); l && l->is_string())
    out->language_hint = std::string(l->as_string());
  return true;
}

}  // namespace escalint
