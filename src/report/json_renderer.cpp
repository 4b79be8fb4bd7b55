#include "report/json_renderer.h"

namespace escalint {

namespace json = boost::json;

json::object draft_to_json(const DraftResult& r) {
  json::object d;
  d["source"] = r.source;
  if (!r.id.empty()) d["id"] = r.id;
  if (r.record > 0) d["record"] = r.record;
  if (!r.subject.empty()) d["subject"] = r.subject;
  d["language"] = r.language;
  d["language_confidence"] =
      static_cast<double>(static_cast<int>(r.language_confidence * 100 + 0.5)) / 100;
  json::array languages;
  for (const std::string& l : r.languages) languages.emplace_back(l);
  d["languages"] = std::move(languages);
  if (!r.detected_language.empty()) d["detected_language"] = r.detected_language;
  d["language_supported"] = r.language_supported;
  d["message_language"] = r.message_language;
  json::array findings;
  for (const Finding& f : r.findings) {
    json::object o;
    o["rule"] = f.rule;
    o["level"] = level_name(f.level);
    o["status"] = f.status;
    o["message"] = f.message;
    o["why"] = f.why;
    o["hint"] = f.hint;
    if (f.location) {
      const Position& p = f.location->position;
      o["field"] = f.location->field;
      if (!f.location->position_prefix.empty()) o["part"] = f.location->position_prefix;
      o["line"] = p.line;
      o["column"] = p.column;
      o["end_line"] = p.end_line;
      o["end_column"] = p.end_column;
      o["byte_offset"] = p.byte_offset;
      o["byte_length"] = p.byte_length;
      o["utf16_offset"] = p.utf16_offset;
      o["utf16_length"] = p.utf16_length;
    }
    findings.push_back(std::move(o));
  }
  d["findings"] = std::move(findings);
  if (!r.evidence.empty()) {
    json::array evidence;
    for (const Evidence& e : r.evidence) {
      evidence.push_back(json::object{{"rule", e.rule},
                                      {"field", e.location.field},
                                      {"line", e.location.position.line},
                                      {"column", e.location.position.column},
                                      {"text", e.text}});
    }
    d["evidence"] = std::move(evidence);
  }
  json::object checklist;
  for (const CheckItem& c : r.checklist) checklist[c.id] = c.ok;
  d["checklist"] = std::move(checklist);
  if (r.language_supported) d["score"] = r.score;
  json::array notices;
  for (const std::string& n : r.notices) notices.push_back(json::string(n));
  d["notices"] = std::move(notices);
  if (!r.attachments.empty()) {
    json::array atts;
    for (const Attachment& a : r.attachments)
      atts.push_back(json::object{{"name", a.name}, {"type", a.type}, {"size", a.size}});
    d["attachments"] = std::move(atts);
  }
  return d;
}

json::object error_to_json(const InputError& e) {
  json::object o;
  o["source"] = e.source;
  if (e.record > 0) o["record"] = e.record;
  o["message"] = e.message;
  return o;
}

namespace {

class JsonRenderer : public Renderer {
 public:
  explicit JsonRenderer(std::ostream& out) : out_(out) { out_ << "{\"drafts\":["; }
  void draft(const DraftResult& r) override {
    out_ << (first_ ? "\n" : ",\n") << json::serialize(draft_to_json(r));
    first_ = false;
  }
  void error(const InputError& e) override { errors_.push_back(error_to_json(e)); }
  void finish() override { out_ << "\n],\n\"errors\":" << json::serialize(errors_) << "}\n"; }

 private:
  std::ostream& out_;
  bool first_ = true;
  json::array errors_;
};

class JsonLinesRenderer : public Renderer {
 public:
  explicit JsonLinesRenderer(std::ostream& out) : out_(out) {}
  void draft(const DraftResult& r) override { out_ << json::serialize(draft_to_json(r)) << '\n'; }
  void error(const InputError& e) override {
    json::object o = error_to_json(e);
    o["error"] = true;
    out_ << json::serialize(o) << '\n';
  }
  void finish() override { out_.flush(); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Renderer> make_json_renderer(std::ostream& out, bool lines) {
  if (lines) return std::make_unique<JsonLinesRenderer>(out);
  return std::make_unique<JsonRenderer>(out);
}

}  // namespace escalint
