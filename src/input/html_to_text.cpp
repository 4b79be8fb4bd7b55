#include "input/html_to_text.h"
#include "text/ascii.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <mutex>
#include <vector>

namespace escalint {

namespace {

std::string attr(xmlNode* node, const char* name) {
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

bool has_class(const std::string& classes, std::string_view name) {
  std::size_t i = 0;
  while (i < classes.size()) {
    while (i < classes.size() && std::isspace(static_cast<unsigned char>(classes[i]))) ++i;
    std::size_t j = i;
    while (j < classes.size() && !std::isspace(static_cast<unsigned char>(classes[j]))) ++j;
    if (std::string_view(classes).substr(i, j - i) == name) return true;
    i = j;
  }
  return false;
}

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Collapses whitespace (and no-break spaces) to single spaces; trims both ends.
std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
    if (is_space(c) || nbsp) {
      space = true;
      if (nbsp) ++i;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string node_text(xmlNode* node) {
  xmlChar* c = xmlNodeGetContent(node);
  if (!c) return "";
  std::string out(reinterpret_cast<const char*>(c));
  xmlFree(c);
  return out;
}

// "https://x.example/a/" and "x.example/a" name the same place for a reader.
std::string bare_url(std::string_view u) {
  std::string s = ascii_lower(u);
  for (const char* scheme : {"https://", "http://", "ftp://"}) {
    if (s.rfind(scheme, 0) == 0) {
      s.erase(0, std::strlen(scheme));
      break;
    }
  }
  if (s.rfind("www.", 0) == 0) s.erase(0, 4);
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

// Builds the text line by line; each line remembers the quote depth it started at.
class Writer {
 public:
  void text(std::string_view s, bool pre) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (pre) {
        if (c == '\r') continue;
        if (c == '\n') {
          flush();
          end_line(true);
          continue;
        }
        put(static_cast<char>(c));
        continue;
      }
      const bool nbsp =
          c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
      if (is_space(c) || nbsp) {
        if (nbsp) ++i;
        space_ = true;
        continue;
      }
      if (space_ && !line_.empty()) line_ += ' ';
      space_ = false;
      put(static_cast<char>(c));
    }
  }
  // Ensures the next text starts a new line (`blank`: after a blank line).
  void block(bool blank) {
    pending_ = std::max(pending_, blank ? 2 : 1);
    space_ = false;
  }
  // <br>: ends the current line, or adds an empty one.
  void br() {
    flush();
    end_line(true);
    space_ = false;
  }
  void blank_line() {
    flush();
    if (!line_.empty()) end_line(true);
    end_line(true);
  }
  void set_depth(int depth) { depth_ = depth; }
  int depth() const { return depth_; }

  std::string finish() {
    if (!line_.empty()) end_line(true);
    // Drop leading and trailing blank lines; at most one blank line in a row.
    std::string out;
    bool last_blank = true;
    std::size_t end = lines_.size();
    while (end > 0 && is_blank(lines_[end - 1])) --end;
    for (std::size_t i = 0; i < end; ++i) {
      const bool blank = is_blank(lines_[i]);
      if (blank && last_blank) continue;
      last_blank = blank;
      const Line& l = lines_[i];
      std::string line;
      for (int d = 0; d < l.depth; ++d) line += "> ";
      line += l.text;
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
      out += line + "\n";
    }
    return out;
  }

 private:
  struct Line {
    int depth;
    std::string text;
  };
  static bool is_blank(const Line& l) {
    return l.text.find_first_not_of(" \t") == std::string::npos;
  }

  void put(char c) {
    flush();
    if (line_.empty()) line_depth_ = depth_;
    line_ += c;
  }
  void flush() {
    if (pending_ == 0) return;
    const int p = pending_;
    pending_ = 0;
    if (lines_.empty() && line_.empty()) return;
    if (!line_.empty()) end_line(false);
    // A blank line between a quote and the text around it belongs to neither.
    if (p == 2 && !lines_.empty() && !is_blank(lines_.back())) {
      lines_.push_back({std::min(depth_, lines_.back().depth), ""});
    }
  }
  void end_line(bool any) {
    if (line_.empty() && !any) return;
    lines_.push_back({line_.empty() ? depth_ : line_depth_, line_});
    line_.clear();
  }

  std::vector<Line> lines_;
  std::string line_;
  int line_depth_ = 0;
  int depth_ = 0;
  int pending_ = 0;
  bool space_ = false;
};

enum class Kind {
  kOther,
  kSkip,
  kBlock,
  kParagraph,
  kBreak,
  kListItem,
  kList,
  kPre,
  kAnchor,
  kCell,
  kRule
};

struct Frame {
  int depth_before = 0;
  bool pre_before = false;
  bool quote = false;
  std::string href;
  bool ordered = false;
  int counter = 0;
  bool empty_paragraph = false;
};

Kind kind_of(std::string_view tag) {
  static const char* const skip[] = {"head",     "script", "style",  "title", "noscript",
                                     "template", "object", "iframe", "svg",   "select",
                                     "button",   "map",    "xml",    "meta",  "link"};
  static const char* const para[] = {"p",      "h1",       "h2",    "h3",     "h4",
                                     "h5",     "h6",       "table", "dl",     "blockquote",
                                     "figure", "fieldset", "form",  "address"};
  static const char* const block[] = {
      "div",   "tr",    "dt",      "dd",      "section", "article",   "header", "footer",
      "nav",   "aside", "main",    "caption", "center",  "body",      "html",   "tbody",
      "thead", "tfoot", "details", "summary", "legend",  "figcaption"};
  for (const char* t : skip)
    if (tag == t) return Kind::kSkip;
  for (const char* t : para)
    if (tag == t) return Kind::kParagraph;
  for (const char* t : block)
    if (tag == t) return Kind::kBlock;
  if (tag == "br") return Kind::kBreak;
  if (tag == "li") return Kind::kListItem;
  if (tag == "ul" || tag == "ol" || tag == "menu") return Kind::kList;
  if (tag == "pre" || tag == "listing" || tag == "plaintext" || tag == "xmp") return Kind::kPre;
  if (tag == "a") return Kind::kAnchor;
  if (tag == "td" || tag == "th") return Kind::kCell;
  if (tag == "hr") return Kind::kRule;
  return Kind::kOther;
}

class Renderer {
 public:
  void run(xmlNode* root) {
    xmlNode* node = root;
    while (node) {
      const bool descend = enter(node);
      if (descend && node->children) {
        node = node->children;
        continue;
      }
      for (;;) {
        leave(node);
        if (node == root) return;
        if (node->next) {
          node = node->next;
          break;
        }
        node = node->parent;
        if (!node) return;
      }
    }
  }
  std::string finish() { return out_.finish(); }

 private:
  int depth() const { return quotes_ + (history_ ? 1 : 0); }

  // Outlook's markers: the rest of the document is the quoted history.
  bool starts_history(xmlNode* node, std::string_view tag) {
    const std::string id = attr(node, "id");
    if (id.find("divRplyFwdMsg") != std::string::npos || id == "appendonsend" ||
        id == "stopSpelling" || id == "OLK_SRC_BODY_SECTION" ||
        id == "mail-editor-reference-message-container" ||
        id.find("x_divRplyFwdMsg") != std::string::npos) {
      return true;
    }
    if (has_class(attr(node, "class"), "OutlookMessageHeader")) return true;
    if (tag == "div") {
      const std::string style = ascii_lower(attr(node, "style"));
      if (style.find("border-top") != std::string::npos &&
          style.find("border:none") != std::string::npos) {
        const std::string t = squeeze(node_text(node));
        const std::size_t colon = t.find(':');
        return colon != std::string::npos && colon < 40;
      }
    }
    return false;
  }

  static bool is_quote(xmlNode* node, std::string_view tag) {
    if (tag == "blockquote") return true;
    const std::string cls = attr(node, "class");
    return has_class(cls, "gmail_quote") || has_class(cls, "yahoo_quoted") ||
           has_class(cls, "moz-cite-prefix") || has_class(cls, "gmail_quote_container");
  }

  bool enter(xmlNode* node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) out_.text(reinterpret_cast<const char*>(node->content), pre_ > 0);
      return false;
    }
    if (node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE) return true;
    if (node->type != XML_ELEMENT_NODE) return false;
    const std::string tag =
        node->name ? ascii_lower(reinterpret_cast<const char*>(node->name)) : "";
    Frame f;
    f.depth_before = quotes_;
    const Kind kind = kind_of(tag);
    if (kind == Kind::kSkip) {
      frames_.push_back(f);
      return false;
    }
    if (!history_ && starts_history(node, tag)) {
      history_ = true;
      out_.block(true);
    }
    if (is_quote(node, tag)) {
      f.quote = true;
      out_.block(true);
      ++quotes_;
    }
    out_.set_depth(depth());
    switch (kind) {
      case Kind::kParagraph:
        out_.block(!has_class(attr(node, "class"), "MsoNormal"));
        if (squeeze(node_text(node)).empty() && !has_element_child(node)) f.empty_paragraph = true;
        break;
      case Kind::kBlock:
        out_.block(false);
        break;
      case Kind::kBreak:
        out_.br();
        break;
      case Kind::kRule:
        out_.block(true);
        break;
      case Kind::kList:
        out_.block(lists_.empty());
        lists_.push_back({tag == "ol", 0});
        break;
      case Kind::kListItem: {
        out_.block(false);
        std::string marker(lists_.size() > 1 ? 2 * (lists_.size() - 1) : 0, ' ');
        if (!lists_.empty() && lists_.back().first) {
          marker += std::to_string(++lists_.back().second) + ". ";
        } else {
          marker += "- ";
        }
        out_.text(marker, true);
        break;
      }
      case Kind::kPre:
        out_.block(true);
        ++pre_;
        break;
      case Kind::kAnchor:
        f.href = attr(node, "href");
        break;
      case Kind::kCell:
        if (node->prev || (node->parent && node->parent->children != node)) out_.text(" ", false);
        break;
      default:
        break;
    }
    frames_.push_back(std::move(f));
    return true;
  }

  static bool has_element_child(xmlNode* node) {
    for (xmlNode* c = node->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && c->name &&
          ascii_lower(reinterpret_cast<const char*>(c->name)) == "img")
        return true;
    }
    return false;
  }

  void leave(xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE) return;
    if (frames_.empty()) return;
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    const std::string tag =
        node->name ? ascii_lower(reinterpret_cast<const char*>(node->name)) : "";
    const Kind kind = kind_of(tag);
    switch (kind) {
      case Kind::kSkip:
        return;
      case Kind::kParagraph:
        if (f.empty_paragraph && has_class(attr(node, "class"), "MsoNormal")) {
          out_.blank_line();
        } else {
          out_.block(!has_class(attr(node, "class"), "MsoNormal"));
        }
        break;
      case Kind::kBlock:
        out_.block(false);
        break;
      case Kind::kList:
        if (!lists_.empty()) lists_.pop_back();
        out_.block(lists_.empty());
        break;
      case Kind::kListItem:
        out_.block(false);
        break;
      case Kind::kPre:
        --pre_;
        out_.block(true);
        break;
      case Kind::kRule:
        out_.block(true);
        break;
      case Kind::kAnchor:
        link(node, f.href);
        break;
      default:
        break;
    }
    if (f.quote) {
      out_.block(true);
      quotes_ = f.depth_before;
      out_.set_depth(depth());
    }
  }

  void link(xmlNode* node, const std::string& href_raw) {
    const std::string href = squeeze(href_raw);
    const std::string scheme =
        ascii_lower(href.substr(0, href.find(':') == std::string::npos ? 0 : href.find(':')));
    if (href.empty() || !(scheme == "http" || scheme == "https" || scheme == "ftp")) return;
    const std::string label = squeeze(node_text(node));
    if (label.empty()) return;  // an image link: a logo or a tracking pixel
    if (bare_url(label) == bare_url(href) || label.find(href) != std::string::npos) return;
    out_.text(" (" + href + ")", false);
  }

  Writer out_;
  std::vector<Frame> frames_;
  std::vector<std::pair<bool, int>> lists_;  // ordered?, items so far
  int quotes_ = 0;
  int pre_ = 0;
  bool history_ = false;
};

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

}  // namespace

std::string html_to_text(std::string_view html) {
  init_libxml();
  if (html.size() > static_cast<std::size_t>(INT_MAX)) html = html.substr(0, INT_MAX);
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT |
                      XML_PARSE_HUGE;  // no 256-level depth limit: real mail nests deeper
  htmlDocPtr doc =
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options);
  if (!doc) return "";
  Renderer r;
  r.run(reinterpret_cast<xmlNode*>(doc));
  xmlFreeDoc(doc);
  return r.finish();
}

std::string html_declared_charset(std::string_view html) {
  const std::string head = ascii_lower(html.substr(0, 4096));
  for (std::size_t at = head.find("<meta"); at != std::string::npos;
       at = head.find("<meta", at + 5)) {
    const std::size_t end = head.find('>', at);
    const std::string tag =
        head.substr(at, end == std::string::npos ? std::string::npos : end - at);
    const std::size_t cs = tag.find("charset");
    if (cs == std::string::npos) continue;
    std::size_t i = cs + 7;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\''))
      ++i;
    std::size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' ||
                              tag[j] == '_' || tag[j] == ':' || tag[j] == '.')) {
      ++j;
    }
    if (j > i) return tag.substr(i, j - i);
  }
  return "";
}

bool looks_like_html(std::string_view bytes) {
  std::size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() && is_space(static_cast<unsigned char>(bytes[i]))) ++i;
  const std::string start = ascii_lower(bytes.substr(i, 64));
  for (const char* p : {"<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<p>", "<p ",
                        "<table", "<!--", "<span", "<br", "<blockquote", "<h1", "<h2", "<style"}) {
    if (start.rfind(p, 0) == 0) return true;
  }
  return false;
}

}  // namespace escalint
