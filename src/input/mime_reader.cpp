#include "input/mime_reader.h"

#include <gmime/gmime.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "input/charset.h"
#include "input/html_to_text.h"
#include "text/ascii.h"

namespace escalint {

namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxOwnHeaderBytes = 8 << 10;

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

template <typename T>
struct Unref {
  void operator()(T* p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, Unref<T>>;

std::string str(const char* s) {
  return s ? std::string(s) : std::string();
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The Subject, decoded. GMime 3.2 joins adjacent encoded words of one charset before
// decoding them, so "=?utf-8?B?YWI=?= =?utf-8?B?Y2Q=?=" (padding inside the joined
// base64) loses all after the first word; here each encoded word is decoded on its own,
// and the white space between two of them dropped (RFC 2047, section 6.2).
std::string decoded_subject(GMimeMessage* message) {
  const char* raw = nullptr;
  if (GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(message))) {
    if (GMimeHeader* h = g_mime_header_list_get_header(headers, "Subject"))
      raw = g_mime_header_get_raw_value(h);
  }
  if (!raw) return trim(str(g_mime_message_get_subject(message)));
  static const RE2 encoded_word("(=\\?[^?\\s]+\\?[BbQq]\\?[^?\\s]*\\?=)");
  auto decode = [](const std::string& text) {
    char* d = g_mime_utils_header_decode_text(nullptr, text.c_str());
    std::string out = str(d);
    g_free(d);
    return out;
  };
  std::string out;
  re2::StringPiece rest(raw), word;
  bool after_word = false;
  while (true) {
    const char* before = rest.data();
    if (!RE2::FindAndConsume(&rest, encoded_word, &word)) {
      out += decode(std::string(before, rest.data() + rest.size()));
      break;
    }
    const std::string gap(before, word.data());
    if (!after_word || gap.find_first_not_of(" \t\r\n") != std::string::npos) out += decode(gap);
    out += decode(std::string(word));
    after_word = true;
  }
  return trim(out);
}

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The part's content with its transfer encoding undone.
std::string decoded_bytes(GMimePart* part) {
  GMimeDataWrapper* w = g_mime_part_get_content(part);
  if (!w) return "";
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(w, mem.get());
  GByteArray* a = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return a ? std::string(reinterpret_cast<const char*>(a->data), a->len) : std::string();
}

std::size_t decoded_size(GMimeObject* obj) {
  GPtr<GMimeStream> null(g_mime_stream_null_new());
  ssize_t n = 0;
  if (GMIME_IS_PART(obj)) {
    GMimeDataWrapper* w = g_mime_part_get_content(GMIME_PART(obj));
    if (w) n = g_mime_data_wrapper_write_to_stream(w, null.get());
  } else if (GMIME_IS_MESSAGE_PART(obj)) {
    GMimeMessage* m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
    if (m) n = g_mime_object_write_to_stream(GMIME_OBJECT(m), nullptr, null.get());
  }
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

std::string mime_type(GMimeObject* obj) {
  GMimeContentType* ct = g_mime_object_get_content_type(obj);
  if (!ct) return "text/plain";
  return ascii_lower(str(g_mime_content_type_get_media_type(ct)) + "/" +
                     str(g_mime_content_type_get_media_subtype(ct)));
}

// Removes control characters (NUL, C0 except tab and line ends, DEL, C1) that a draft
// never means and that text tools reject; form and vertical feeds become line breaks.
void drop_nuls(std::string* text, std::vector<std::string>* notices, const std::string& what) {
  std::size_t removed = 0;
  std::string out;
  out.reserve(text->size());
  for (std::size_t i = 0; i < text->size(); ++i) {
    const auto c = static_cast<unsigned char>((*text)[i]);
    if (c == '\f' || c == '\v') {
      out += '\n';
    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      ++removed;
    } else if (c == 0xC2 && i + 1 < text->size() &&
               static_cast<unsigned char>((*text)[i + 1]) >= 0x80 &&
               static_cast<unsigned char>((*text)[i + 1]) <= 0x9F) {
      ++removed;
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  *text = std::move(out);
  if (removed == 0) return;
  notices->push_back(std::to_string(removed) + " control character" + (removed == 1 ? "" : "s") +
                     " removed from " + what);
}

struct Walk {
  std::vector<std::string> texts;
  std::vector<Attachment> attachments;
  std::vector<std::string> notices;
  std::vector<GMimeMessage*> inner_messages;  // attached messages, for a body-less message
  bool from_html = false;
  std::string part_language;
  int text_parts = 0;
};

bool is_body_text(GMimeObject* obj, bool top) {
  if (!GMIME_IS_PART(obj)) return false;
  const std::string type = mime_type(obj);
  if (type.rfind("text/", 0) != 0) return false;
  GMimePart* part = GMIME_PART(obj);
  if (g_mime_part_is_attachment(part)) return false;
  const std::string sub = type.substr(5);
  if (sub == "plain" || sub == "html" || sub == "enriched" || sub == "richtext" ||
      sub == "x-web-markdown" || sub == "markdown") {
    // A named text file without an inline disposition is an attachment.
    GMimeContentDisposition* d = g_mime_object_get_content_disposition(obj);
    return !(g_mime_part_get_filename(part) && !d) || top;
  }
  return top;  // an unknown text/* type as the whole message is still its text
}

std::string part_text(GMimePart* part, Walk* walk, const std::string& what) {
  const std::string bytes = decoded_bytes(part);
  const std::string type = mime_type(GMIME_OBJECT(part));
  std::string charset =
      str(g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset"));
  const bool html = type == "text/html";
  if (html && charset.empty()) charset = html_declared_charset(bytes);
  DecodedText d = decode_to_utf8(bytes, charset, what);
  walk->notices.insert(walk->notices.end(), d.notices.begin(), d.notices.end());
  drop_nuls(&d.text, &walk->notices, what);
  if (html) {
    walk->from_html = true;
    return html_to_text(d.text);
  }
  return d.text;
}

void add_attachment(GMimeObject* obj, Walk* walk) {
  Attachment a;
  a.type = mime_type(obj);
  if (GMIME_IS_PART(obj)) {
    a.name = str(g_mime_part_get_filename(GMIME_PART(obj)));
  } else if (GMIME_IS_MESSAGE_PART(obj)) {
    a.name = str(g_mime_object_get_content_disposition_parameter(obj, "filename"));
    GMimeMessage* m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
    if (a.name.empty() && m && g_mime_message_get_subject(m)) a.name = decoded_subject(m) + ".eml";
  }
  if (a.type == "application/pgp-signature" || a.type == "application/pkcs7-signature" ||
      a.type == "application/x-pkcs7-signature") {
    return;  // a signature, not something the writer attached
  }
  a.size = decoded_size(obj);
  walk->attachments.push_back(std::move(a));
}

void walk_object(GMimeObject* obj, Walk* walk, int depth, bool top);

void note(Walk* walk, const std::string& n) {
  if (std::find(walk->notices.begin(), walk->notices.end(), n) == walk->notices.end())
    walk->notices.push_back(n);
}

// The parts marked as attachments in an alternative that was not chosen (clients show
// those as attachments too).
void attachments_only(GMimeObject* obj, Walk* walk, int depth) {
  if (!obj || depth > kMaxDepth) return;
  if (GMIME_IS_MULTIPART(obj)) {
    const int count = g_mime_multipart_get_count(GMIME_MULTIPART(obj));
    for (int i = 0; i < count; ++i)
      attachments_only(g_mime_multipart_get_part(GMIME_MULTIPART(obj), i), walk, depth + 1);
  } else if (GMIME_IS_PART(obj) && g_mime_part_is_attachment(GMIME_PART(obj))) {
    add_attachment(obj, walk);
  }
}

void walk_multipart(GMimeMultipart* mp, Walk* walk, int depth) {
  const int count = g_mime_multipart_get_count(mp);
  const std::string type = mime_type(GMIME_OBJECT(mp));
  if (count == 0) {
    // No boundary found: GMime keeps the content as the prologue. It is the best text
    // there is, read as-is.
    const std::string prologue = str(g_mime_multipart_get_prologue(mp));
    if (blank(prologue)) {
      note(walk, "a " + type + " part holds no parts (missing or wrong boundary) and no text");
      return;
    }
    DecodedText d = decode_to_utf8(prologue, "", "the body");
    walk->notices.insert(walk->notices.end(), d.notices.begin(), d.notices.end());
    drop_nuls(&d.text, &walk->notices, "the body");
    note(walk, "a " + type +
                   " part holds no parts (missing or wrong boundary); its raw content is read as "
                   "the text");
    ++walk->text_parts;
    walk->texts.push_back(std::move(d.text));
    return;
  }
  if (type == "multipart/alternative") {
    // A non-empty text/plain alternative, else the richest one (the last) that has text.
    int chosen = -1;
    for (int i = 0; i < count; ++i) {
      GMimeObject* c = g_mime_multipart_get_part(mp, i);
      if (is_body_text(c, false) && mime_type(c) == "text/plain" &&
          !blank(decoded_bytes(GMIME_PART(c)))) {
        chosen = i;
        break;
      }
    }
    if (chosen >= 0) {
      walk_object(g_mime_multipart_get_part(mp, chosen), walk, depth + 1, false);
      for (int i = 0; i < count; ++i) {
        if (i != chosen) attachments_only(g_mime_multipart_get_part(mp, i), walk, depth + 1);
      }
      return;
    }
    for (int i = count - 1; i >= 0; --i) {
      Walk trial;
      walk_object(g_mime_multipart_get_part(mp, i), &trial, depth + 1, false);
      bool has_text = false;
      for (const std::string& t : trial.texts) has_text = has_text || !blank(t);
      if (has_text || i == 0) {
        for (int k = 0; k < count; ++k) {
          if (k != i) attachments_only(g_mime_multipart_get_part(mp, k), walk, depth + 1);
        }
        walk->texts.insert(walk->texts.end(), trial.texts.begin(), trial.texts.end());
        walk->attachments.insert(walk->attachments.end(), trial.attachments.begin(),
                                 trial.attachments.end());
        walk->notices.insert(walk->notices.end(), trial.notices.begin(), trial.notices.end());
        walk->inner_messages.insert(walk->inner_messages.end(), trial.inner_messages.begin(),
                                    trial.inner_messages.end());
        walk->from_html = walk->from_html || trial.from_html;
        walk->text_parts += trial.text_parts;
        return;
      }
    }
    return;
  }
  if (type == "multipart/signed") {
    walk_object(g_mime_multipart_get_part(mp, 0), walk, depth + 1, false);
    return;
  }
  if (type == "multipart/encrypted") {
    note(walk, "the message is encrypted; its text cannot be read");
    return;
  }
  for (int i = 0; i < count; ++i)
    walk_object(g_mime_multipart_get_part(mp, i), walk, depth + 1, false);
}

void walk_object(GMimeObject* obj, Walk* walk, int depth, bool top) {
  if (!obj) return;
  if (depth > kMaxDepth) {
    note(walk,
         "MIME parts nested deeper than " + std::to_string(kMaxDepth) + " levels were skipped");
    return;
  }
  if (GMIME_IS_MULTIPART(obj)) {
    walk_multipart(GMIME_MULTIPART(obj), walk, depth);
  } else if (GMIME_IS_MESSAGE_PART(obj)) {
    add_attachment(obj, walk);
    GMimeMessage* m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
    if (m) walk->inner_messages.push_back(m);
  } else if (is_body_text(obj, top)) {
    ++walk->text_parts;
    const std::string what =
        walk->text_parts == 1 ? "the body" : "text part " + std::to_string(walk->text_parts);
    walk->texts.push_back(part_text(GMIME_PART(obj), walk, what));
    if (walk->part_language.empty())
      walk->part_language = trim(str(g_mime_object_get_header(obj, "Content-Language")));
  } else if (GMIME_IS_PART(obj)) {
    add_attachment(obj, walk);
  }
}

std::string iso_date(GMimeMessage* msg) {
  GDateTime* dt = g_mime_message_get_date(msg);
  if (!dt) return "";
  gchar* s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S%:z");
  std::string out = str(s);
  g_free(s);
  return out;
}

struct Warnings {
  std::set<int> seen;
};

void on_warning(gint64, GMimeParserWarning code, const gchar*, gpointer data) {
  static_cast<Warnings*>(data)->seen.insert(static_cast<int>(code));
}

std::string warning_text(int code) {
  switch (code) {
    case GMIME_WARN_INVALID_CONTENT_TYPE:
      return "an invalid Content-Type was read as application/octet-stream";
    case GMIME_WARN_MALFORMED_MULTIPART:
      return "a multipart has no parts (broken boundary)";
    case GMIME_WARN_TRUNCATED_MESSAGE:
      return "the message is truncated or lacks its closing MIME boundary";
    case GMIME_WARN_MALFORMED_MESSAGE:
      return "the message is malformed";
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
      return "a multipart has no boundary parameter";
    case GMIME_CRIT_NESTING_OVERFLOW:
      return "MIME parts are nested too deeply; some were not read";
    case GMIME_CRIT_INVALID_HEADER_NAME:
      return "an invalid header line; parts of the message may be skipped";
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
      return "a header has a malformed RFC 2047 encoded-word";
    default:
      return "";
  }
}

// Skips a UTF-8 BOM and a leading mbox "From " line.
std::size_t message_start(std::string_view bytes) {
  std::size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  if (bytes.substr(i, 5) == "From ") {
    const std::size_t nl = bytes.find('\n', i);
    i = nl == std::string_view::npos ? bytes.size() : nl + 1;
  }
  // Whitespace-only lines before the first header (seen in saved mail).
  for (;;) {
    const std::size_t nl = bytes.find('\n', i);
    if (nl == std::string_view::npos) break;
    const std::string_view l = bytes.substr(i, nl - i);
    if (l.empty() || l.find_first_not_of(" \t\r") != std::string_view::npos) break;
    i = nl + 1;
  }
  return i;
}

// Offset of the body: just after the first empty line (LF or CRLF), or npos.
std::size_t body_start(std::string_view bytes, std::size_t from) {
  std::size_t line = from;
  while (line < bytes.size()) {
    const std::size_t nl = bytes.find('\n', line);
    if (nl == std::string_view::npos) return std::string_view::npos;
    std::string_view l = bytes.substr(line, nl - line);
    if (l.empty() || l == "\r") return nl + 1;
    line = nl + 1;
  }
  return std::string_view::npos;
}

bool own_bytes_body(GMimeObject* top, std::string_view bytes, std::size_t start, const Walk& walk,
                    std::string* body) {
  if (!GMIME_IS_PART(top) || walk.texts.size() != 1 || walk.from_html || !walk.notices.empty())
    return false;
  if (mime_type(top) != "text/plain") return false;
  const GMimeContentEncoding enc = g_mime_part_get_content_encoding(GMIME_PART(top));
  if (enc != GMIME_CONTENT_ENCODING_DEFAULT && enc != GMIME_CONTENT_ENCODING_7BIT &&
      enc != GMIME_CONTENT_ENCODING_8BIT && enc != GMIME_CONTENT_ENCODING_BINARY) {
    return false;
  }
  const std::string cs = ascii_lower(str(g_mime_object_get_content_type_parameter(top, "charset")));
  if (!cs.empty() && cs != "utf-8" && cs != "us-ascii" && cs != "ascii" && cs != "utf8")
    return false;
  const std::size_t b = body_start(bytes, start);
  if (b == std::string_view::npos || b > kMaxOwnHeaderBytes) return false;
  std::string_view rest = bytes.substr(b);
  if (!is_valid_utf8(rest) || rest.find('\0') != std::string_view::npos) return false;
  body->assign(bytes);
  for (std::size_t i = 0; i < b; ++i) {
    if ((*body)[i] != '\n' && (*body)[i] != '\r') (*body)[i] = ' ';
  }
  return true;
}

bool header_name_line(std::string_view l, std::string* name) {
  std::size_t i = 0;
  while (i < l.size() && l[i] > ' ' && l[i] < 0x7F && l[i] != ':') ++i;
  if (i == 0 || i >= l.size() || l[i] != ':') return false;
  *name = ascii_lower(l.substr(0, i));
  return true;
}

}  // namespace

bool looks_like_mime(std::string_view bytes) {
  std::size_t line = message_start(bytes);
  const bool from_line =
      line > 0 && bytes.substr(bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0, 5) == "From ";
  int fields = 0;
  bool strong = false, from = false, date = false;
  for (int n = 0; line < bytes.size() && n < 500; ++n) {
    std::size_t nl = bytes.find('\n', line);
    if (nl == std::string_view::npos) nl = bytes.size();
    std::string_view l = bytes.substr(line, nl - line);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    line = nl + 1;
    if (l.empty()) break;
    if (l[0] == ' ' || l[0] == '\t') {
      if (fields == 0) return false;
      continue;  // a folded continuation
    }
    std::string name;
    if (!header_name_line(l, &name)) return false;
    ++fields;
    static const char* const mail_only[] = {"received",
                                            "message-id",
                                            "mime-version",
                                            "content-type",
                                            "return-path",
                                            "delivered-to",
                                            "content-transfer-encoding",
                                            "in-reply-to",
                                            "references",
                                            "x-mailer",
                                            "dkim-signature",
                                            "thread-index",
                                            "x-original-to"};
    for (const char* m : mail_only) strong = strong || name == m;
    from = from || name == "from";
    date = date || name == "date";
  }
  return fields >= 2 && (strong || (from && date) || from_line);
}

bool read_mime_message(const std::string& source, std::string_view bytes,
                       const MimeReadOptions& options, MimeMessage* out, std::string* error) {
  init_gmime();
  const std::size_t start = message_start(bytes);
  const std::string_view message = bytes.substr(start);

  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(message.data(), message.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  std::unique_ptr<GMimeParserOptions, void (*)(GMimeParserOptions*)> popts(
      g_mime_parser_options_new(), g_mime_parser_options_free);
  g_mime_parser_options_set_rfc2047_compliance_mode(popts.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(popts.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_address_compliance_mode(popts.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  const char* fallback[] = {"utf-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(popts.get(), fallback);
  Warnings warnings;
  g_mime_parser_options_set_warning_callback(popts.get(), on_warning, &warnings);
  GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), popts.get()));
  auto header_count = [](GMimeObject* o) {
    GMimeHeaderList* h = o ? g_mime_object_get_header_list(o) : nullptr;
    return h ? g_mime_header_list_get_count(h) : 0;
  };
  if (!msg || header_count(GMIME_OBJECT(msg.get())) +
                      header_count(g_mime_message_get_mime_part(msg.get())) ==
                  0) {
    // No header at all: the whole input is the text (as mail tools read such a file).
    if (blank(message)) {
      *error = "not a MIME message: no header and no text";
      return false;
    }
    Draft& d = out->draft;
    d.source = source;
    d.body.assign(bytes);
    if (!options.own_positions) d.position_prefix = "body";
    d.notices.push_back("no mail header was found; the whole input is read as the text");
    return true;
  }

  Draft& d = out->draft;
  d.source = source;
  d.attachments_known = true;
  d.subject = decoded_subject(msg.get());
  out->message_id = trim(str(g_mime_message_get_message_id(msg.get())));
  d.date = iso_date(msg.get());

  Walk walk;
  GMimeObject* top = g_mime_message_get_mime_part(msg.get());
  walk_object(top, &walk, 0, true);
  d.language_hint =
      trim(str(g_mime_object_get_header(GMIME_OBJECT(msg.get()), "Content-Language")));
  if (d.language_hint.empty() && top)
    d.language_hint = trim(str(g_mime_object_get_header(top, "Content-Language")));
  if (d.language_hint.empty()) d.language_hint = walk.part_language;

  std::string own;
  if (options.own_positions && own_bytes_body(top, bytes, start, walk, &own)) {
    d.body = std::move(own);
  } else {
    for (const std::string& t : walk.texts) {
      if (blank(t)) continue;
      if (!d.body.empty()) d.body += "\n\n";
      d.body += t;
    }
    // A message whose only text is an attached message (a bounce, a forward as
    // attachment): its text, marked as forwarded history, is context for the reader.
    if (blank(d.body) && !walk.inner_messages.empty()) {
      GMimeMessage* inner = walk.inner_messages.front();
      Walk iw;
      walk_object(g_mime_message_get_mime_part(inner), &iw, 1, true);
      std::string text;
      for (const std::string& t : iw.texts) text += t + "\n";
      if (!blank(text)) {
        d.body = "---------- Forwarded message ----------\nSubject: " + decoded_subject(inner) +
                 "\n\n" + text;
        walk.notices.push_back(
            "the message has no text of its own; the attached message is shown as forwarded "
            "history");
      }
    }
    d.position_prefix = "body";
  }
  d.attachments = std::move(walk.attachments);
  for (int code : warnings.seen) {
    const std::string t = warning_text(code);
    if (!t.empty()) d.notices.push_back(t);
  }
  for (std::string& n : walk.notices) d.notices.push_back(std::move(n));
  drop_nuls(&d.subject, &d.notices, "the subject");

  if (blank(d.body) && d.subject.empty()) {
    std::string what = "no text to check: the message has no subject and no text body";
    if (!d.attachments.empty()) {
      what += " (only " + std::to_string(d.attachments.size()) + " attachment" +
              (d.attachments.size() == 1 ? "" : "s") + ", e.g. " +
              (d.attachments[0].name.empty() ? d.attachments[0].type : d.attachments[0].name) + ")";
    }
    for (const std::string& n : d.notices) what += "; " + n;
    *error = what;
    return false;
  }
  if (blank(d.body))
    d.notices.push_back("the message has no text body; only the subject is checked");
  return true;
}

}  // namespace escalint
