#include "input/ticket_json_stream.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include "input/ticket_json_reader.h"

namespace escalint {

namespace json = boost::json;

// Routes the parser's events: into `item` while inside an element of the list, else into
// `rest` (where the list itself stays as an empty array).
struct TicketJsonStream::Handler {
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  std::string source;
  FieldMapping mapping;
  const InputSink& sink;
  std::size_t max_item_bytes;

  json::value_stack rest, item;
  std::size_t depth = 0;       // containers open
  std::size_t list_depth = 0;  // while the list is open: its depth, where its elements begin
  bool list_seen = false;
  std::string key;        // the last key of the top-level object
  bool key_open = false;  // its parts are still coming
  std::size_t items = 0, item_bytes = 0, rest_bytes = 0;
  bool item_too_large = false;

  Handler(std::string s, const FieldMapping& m, const InputSink& k, std::size_t max)
      : source(std::move(s)), mapping(m), sink(k), max_item_bytes(max) {
    rest.reset();
  }

  bool in_item() const { return list_depth > 0 && depth >= list_depth; }

  // A scalar, or a container's begin, at element level starts an element.
  void element_begins() {
    if (list_depth > 0 && depth == list_depth) {
      item.reset();
      item_bytes = 0;
      item_too_large = false;
    }
  }
  void count(std::size_t bytes) {
    item_bytes += bytes;
    if (item_bytes > max_item_bytes) item_too_large = true;
  }
  // After a scalar or a container's end at element level.
  void element_ends() {
    if (list_depth == 0 || depth != list_depth) return;
    ++items;
    if (item_too_large) {
      item.reset();
      sink.error({source, items,
                  "ticket " + std::to_string(items) + ": larger than the " +
                      std::to_string(max_item_bytes >> 20) + " MiB limit (see --max-size)"});
      return;
    }
    emit_json_record(source, items, item.release(), mapping, sink);
  }
  // Calls push(stack) on the stack the current event belongs to.
  template <typename Push>
  bool scalar(Push push, std::size_t bytes) {
    if (in_item()) {
      element_begins();
      count(bytes);
      if (!item_too_large) push(item);
      element_ends();
    } else {
      rest_bytes += bytes;
      push(rest);
    }
    return true;
  }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_array_begin(json::error_code&) {
    element_begins();
    ++depth;
    if (!list_seen && list_depth == 0 && (depth == 1 || (depth == 2 && is_list_key(key)))) {
      list_depth = depth;
    }
    return true;
  }
  bool on_array_end(std::size_t n, json::error_code&) {
    --depth;
    if (list_depth > 0 && depth + 1 == list_depth) {
      list_depth = 0;  // the list itself ends; `rest` keeps it as []
      list_seen = true;
      rest.push_array(0);
    } else if (in_item()) {
      if (!item_too_large) item.push_array(n);
      element_ends();
    } else {
      rest.push_array(n);
    }
    return true;
  }
  bool on_object_begin(json::error_code&) {
    element_begins();
    ++depth;
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code&) {
    --depth;
    if (in_item()) {
      if (!item_too_large) item.push_object(n);
      element_ends();
    } else {
      rest.push_object(n);
    }
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    if (in_item()) {
      count(s.size());
      if (!item_too_large) item.push_chars(s);
    } else {
      rest_bytes += s.size();
      rest.push_chars(s);
    }
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    return scalar([&](json::value_stack& st) { st.push_string(s); }, s.size());
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    if (in_item()) {
      count(s.size());
      if (!item_too_large) item.push_chars(s);
    } else {
      if (depth == 1) top_key(s, true);
      rest_bytes += s.size();
      rest.push_chars(s);
    }
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    if (in_item()) {
      count(s.size());
      if (!item_too_large) item.push_key(s);
    } else {
      if (depth == 1) top_key(s, false);
      rest_bytes += s.size();
      rest.push_key(s);
    }
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    return scalar([&](json::value_stack& st) { st.push_int64(i); }, 8);
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    return scalar([&](json::value_stack& st) { st.push_uint64(u); }, 8);
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    return scalar([&](json::value_stack& st) { st.push_double(d); }, 8);
  }
  bool on_bool(bool b, json::error_code&) {
    return scalar([&](json::value_stack& st) { st.push_bool(b); }, 1);
  }
  bool on_null(json::error_code&) {
    return scalar([](json::value_stack& st) { st.push_null(); }, 1);
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

  void top_key(json::string_view part, bool more) {
    if (!key_open) key.clear();
    key.append(part.data(), part.size());
    key_open = more;
  }

  static bool is_list_key(const std::string& k) {
    for (const char* name : {"tickets", "issues", "records", "items", "data", "results"}) {
      if (k == name) return true;
    }
    return false;
  }
};

struct TicketJsonStream::Parser {
  json::basic_parser<Handler> parser;
  Parser(const json::parse_options& options, std::string source, const FieldMapping& mapping,
         const InputSink& sink, std::size_t max)
      : parser(options, std::move(source), mapping, sink, max) {}
};

namespace {
json::parse_options stream_options() {
  json::parse_options po;
  po.max_depth = 512;
  po.allow_invalid_utf8 = true;
  return po;
}
}  // namespace

TicketJsonStream::TicketJsonStream(std::string source, const FieldMapping& mapping,
                                   const InputSink& sink, std::size_t max_item_bytes)
    : parser_(std::make_unique<Parser>(stream_options(), std::move(source), mapping, sink,
                                       max_item_bytes)) {}

TicketJsonStream::~TicketJsonStream() = default;

void TicketJsonStream::feed(std::string_view bytes) {
  if (failed_) return;
  if (offset_ == 0 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    offset_ = 3;
  }
  json::error_code ec;
  const std::size_t used = parser_->parser.write_some(true, bytes.data(), bytes.size(), ec);
  offset_ += used;
  if (ec) {
    failed_ = true;
    Handler& h = parser_->parser.handler();
    h.sink.error(
        {h.source, 0, "invalid JSON at byte " + std::to_string(offset_) + ": " + ec.message()});
  }
}

void TicketJsonStream::finish() {
  if (failed_) return;
  Handler& h = parser_->parser.handler();
  json::error_code ec;
  parser_->parser.write_some(false, nullptr, 0, ec);
  if (ec) {
    h.sink.error(
        {h.source, 0, "invalid JSON at byte " + std::to_string(offset_) + ": " + ec.message()});
    return;
  }
  if (h.list_seen && h.items == 0) {
    h.sink.error({h.source, 0, "no tickets: the list is empty"});
  } else if (!h.list_seen) {
    emit_json_record(h.source, 0, h.rest.release(), h.mapping, h.sink);
  }
}

}  // namespace escalint
