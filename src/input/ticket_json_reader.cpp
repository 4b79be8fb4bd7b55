#include "input/ticket_json_reader.h"

#include <boost/json.hpp>

#include "input/ticket_fields.h"

namespace escalint {

namespace json = boost::json;

void emit_json_record(const std::string& source, std::size_t record, const json::value& value,
                      const FieldMapping& mapping, const InputSink& sink) {
  const std::string where = record > 0 ? "record " + std::to_string(record) + ": " : "";
  Draft d;
  if (value.is_object() && mapping.empty()) {
    const json::object& o = value.as_object();
    if (auto t = o.find("ticket");
        t != o.end() && t->value().is_object() && is_zendesk_ticket(t->value().as_object())) {
      const json::value* comments = o.contains("comments") ? &o.at("comments") : nullptr;
      d = zendesk_draft(t->value().as_object(),
                        comments && comments->is_array() ? &comments->as_array() : nullptr);
    } else if (is_zendesk_ticket(o)) {
      d = zendesk_draft(o, nullptr);
    } else if (is_jira_issue(o)) {
      d = jira_draft(o);
    } else {
      std::string error;
      if (!record_draft(value, mapping, &d, &error)) {
        sink.error({source, record, where + error});
        return;
      }
    }
  } else {
    std::string error;
    if (!record_draft(value, mapping, &d, &error)) {
      sink.error({source, record, where + error});
      return;
    }
  }
  d.source = source;
  d.record = record;
  if (d.body.find_first_not_of(" \t\r\n") == std::string::npos && d.subject.empty()) {
    sink.error({source, record, where + "empty ticket: no subject and no text"});
    return;
  }
  sink.draft(std::move(d));
}

void read_ticket_json(const std::string& source, std::string_view bytes,
                      const FieldMapping& mapping, const InputSink& sink) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  boost::system::error_code ec;
  json::parse_options po;
  po.max_depth = 512;
  po.allow_invalid_utf8 = true;
  json::value v = json::parse(bytes, ec, {}, po);
  if (ec) {
    sink.error({source, 0, "invalid JSON: " + ec.message()});
    return;
  }
  const json::array* many = nullptr;
  if (v.is_array()) {
    many = &v.as_array();
  } else if (v.is_object()) {
    for (const char* key : {"tickets", "issues", "records", "items", "data", "results"}) {
      auto it = v.as_object().find(key);
      if (it != v.as_object().end() && it->value().is_array()) {
        many = &it->value().as_array();
        break;
      }
    }
  }
  if (!many) {
    emit_json_record(source, 0, v, mapping, sink);
    return;
  }
  if (many->empty()) {
    sink.error({source, 0, "no tickets: the list is empty"});
    return;
  }
  std::size_t n = 0;
  for (const json::value& item : *many) emit_json_record(source, ++n, item, mapping, sink);
}

}  // namespace escalint
