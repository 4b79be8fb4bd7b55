#include "audit/results_jsonl.h"

#include <boost/json.hpp>

#include "report/json_renderer.h"

namespace escalint {

namespace json = boost::json;

json::object record_to_json(const AuditRecord& record) {
  json::object o;
  o["n"] = record.number;
  if (record.is_error()) {
    const InputError& e = record.error();
    o["source"] = e.source;
    o["record"] = e.record;
    o["error"] = true;
    o["message"] = e.message;
    return o;
  }
  const AuditedDraft& d = record.draft();
  json::object full = draft_to_json(d.result);
  o["source"] = d.result.source;
  o["record"] = d.result.record;
  if (!d.result.id.empty()) o["id"] = d.result.id;
  if (!d.result.subject.empty()) o["subject"] = d.result.subject;
  o["language"] = d.result.language;
  if (!d.date.empty()) o["date"] = d.date;
  if (!d.group.empty()) o["group"] = d.group;
  o["checklist"] = std::move(full["checklist"]);
  json::object rules;
  for (const auto& [id, passed] : d.rules) rules[id] = passed ? "pass" : "fail";
  o["rules"] = std::move(rules);
  json::array& findings = full["findings"].as_array();
  for (json::value& f : findings) {
    f.as_object().erase("why");
    f.as_object().erase("hint");
  }
  o["findings"] = std::move(findings);
  if (d.result.language_supported) o["score"] = d.result.score;
  o["failing"] = d.failing;
  o["notices"] = std::move(full["notices"]);
  return o;
}

}  // namespace escalint
