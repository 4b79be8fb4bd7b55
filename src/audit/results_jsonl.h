// results.jsonl: one JSON object per line, per audited record, in input order.
//
// A draft: {"n", "source", "record", "id"?, "subject"?, "language", "date"?, "group"?,
//           "checklist": {"scope": true, ...}, "rules": {"<rule id>": "pass"|"fail"},
//           "findings": [{"rule", "level", "status", "message", "line"?, ...}],
//           "score", "failing", "notices"}
//   (findings as in `escalint check --format json`, without the rule-constant "why"
//   and "hint"; "rules" lists the rules that ran).
// An error: {"n", "source", "record", "error": true, "message"}.
// "n" is the record's 1-based position in the audit; "record" its number within its
// source (0: the source is one draft).
#pragma once

#include <boost/json/object.hpp>

#include "audit/audit_record.h"

namespace escalint {

boost::json::object record_to_json(const AuditRecord& record);

}  // namespace escalint
