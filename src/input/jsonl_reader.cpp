#include "input/jsonl_reader.h"

#include <boost/json.hpp>

#include "input/ticket_json_reader.h"

namespace escalint {

namespace json = boost::json;

JsonlReader::JsonlReader(std::string source, const FieldMapping& mapping, const InputSink& sink)
    : source_(std::move(source)), mapping_(mapping), sink_(sink) {}

void JsonlReader::feed(std::string_view bytes) {
  if (line_no_ == 0 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  json::parse_options po;
  po.max_depth = 512;
  po.allow_invalid_utf8 = true;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    const std::string_view line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no_;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++records_;
    boost::system::error_code ec;
    json::value v = json::parse(line, ec, {}, po);
    if (ec) {
      sink_.error({source_, line_no_,
                   "line " + std::to_string(line_no_) + ": invalid JSON: " + ec.message()});
      continue;
    }
    emit_json_record(source_, line_no_, v, mapping_, sink_);
  }
}

void JsonlReader::oversized_line(std::size_t limit) {
  ++line_no_;
  ++records_;
  sink_.error({source_, line_no_,
               "line " + std::to_string(line_no_) + ": longer than the " +
                   std::to_string(limit >> 20) + " MiB limit (see --max-size)"});
}

void JsonlReader::finish() {
  if (records_ == 0) sink_.error({source_, 0, "empty JSONL file: no records"});
}

void read_jsonl(const std::string& source, std::string_view bytes, const FieldMapping& mapping,
                const InputSink& sink) {
  JsonlReader reader(source, mapping, sink);
  reader.feed(bytes);
  reader.finish();
}

}  // namespace escalint
