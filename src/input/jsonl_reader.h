// JSON Lines (.jsonl, .ndjson): one ticket or record per line, each read as
// ticket_json_reader reads one object (Zendesk ticket, Jira issue, or a generic
// record through the FieldMapping). Draft::record is the line number; a malformed
// line is an InputError naming its line, and the other lines go on. Blank lines are
// skipped.
#pragma once

#include <string>
#include <string_view>

#include "input/read_input.h"

namespace escalint {

void read_jsonl(const std::string& source, std::string_view bytes, const FieldMapping& mapping,
                const InputSink& sink);

}  // namespace escalint
