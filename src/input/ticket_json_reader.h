// JSON files of tickets: a Zendesk ticket ({"ticket": {...}}, optionally with
// "comments" beside or inside it), a Zendesk export ({"tickets": [...]}), a Jira issue
// ({"key", "fields"}), a Jira search result ({"issues": [...]}), or generic records (an
// array of objects, {"records"|"items"|"data"|"results": [...]}, or one object) read
// with the FieldMapping. With an explicit mapping, every object is a generic record.
// A file of several tickets gives one draft per ticket (record = 1-based index, id =
// the ticket's id or key); one ticket gives one draft with record 0.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "input/read_input.h"

namespace escalint {

void read_ticket_json(const std::string& source, std::string_view bytes,
                      const FieldMapping& mapping, const InputSink& sink);

// One parsed JSON value (a ticket, an issue or a record) to a draft or an error.
// `record` is the 1-based record number (0: the source holds one draft).
void emit_json_record(const std::string& source, std::size_t record,
                      const boost::json::value& value, const FieldMapping& mapping,
                      const InputSink& sink);

}  // namespace escalint
