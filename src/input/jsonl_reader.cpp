#include "input/jsonl_reader.h"

#include <boost/json.hpp>

#include "input/ticket_json_reader.h"

namespace escalint {

namespace json = boost::json;

void read_jsonl(const std::string& source, std::string_view bytes, const FieldMapping& mapping,
                const InputSink& sink) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::size_t pos = 0, line_no = 0, records = 0;
  json::parse_options po;
  po.max_depth = 512;
  po.allow_invalid_utf8 = true;
  while (pos < bytes.size()) {
    std::size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    std::string_view line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++records;
    boost::system::error_code ec;
    json::value v = json::parse(line, ec, {}, po);
    if (ec) {
      sink.error(
          {source, line_no, "line " + std::to_string(line_no) + ": invalid JSON: " + ec.message()});
      continue;
    }
    emit_json_record(source, line_no, v, mapping, sink);
  }
  if (records == 0) sink.error({source, 0, "empty JSONL file: no records"});
}

}  // namespace escalint
