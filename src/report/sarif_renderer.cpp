#include "report/sarif_renderer.h"

#include <boost/json.hpp>

namespace escalint {

namespace json = boost::json;

namespace {

const char* sarif_level(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    case Level::kSuggestion:
      return "note";
  }
  return "warning";
}

class SarifRenderer : public Renderer {
 public:
  SarifRenderer(std::ostream& out, const RulePack& pack) : out_(out), pack_(pack) {}

  void draft(const DraftResult& r) override {
    for (const Finding& f : r.findings) {
      json::object result;
      result["ruleId"] = f.rule;
      result["ruleIndex"] = rule_index(f.rule);
      result["level"] = sarif_level(f.level);
      result["message"] = {{"text", f.message + (f.hint.empty() ? "" : " " + f.hint)}};
      json::object physical;
      physical["artifactLocation"] = {{"uri", r.source}};
      if (f.location && f.location->position_prefix.empty()) {
        const Position& p = f.location->position;
        physical["region"] = {{"startLine", p.line},          {"startColumn", p.column},
                              {"endLine", p.end_line},        {"endColumn", p.end_column},
                              {"charOffset", p.utf16_offset}, {"charLength", p.utf16_length}};
      }
      result["locations"] = json::array{json::object{{"physicalLocation", std::move(physical)}}};
      json::object props{{"status", f.status}, {"language", r.language}};
      if (!r.id.empty()) props["draftId"] = r.id;
      result["properties"] = std::move(props);
      // Stable across runs, so code scanning can track a finding from one push to the next.
      result["partialFingerprints"] = {{"escalint/v1", f.rule + ":" + f.status + ":" + r.id}};
      results_.push_back(std::move(result));
    }
  }

  void error(const InputError& e) override {
    notifications_.push_back(json::object{
        {"level", "error"},
        {"message", {{"text", e.source + ": " + e.message}}},
        {"locations", json::array{json::object{
                          {"physicalLocation", {{"artifactLocation", {{"uri", e.source}}}}}}}}});
  }

  void finish() override {
    json::array rules;
    for (const Rule& rule : pack_.rules) {
      auto en = rule.languages.find("en");
      const RuleLanguage& words =
          en != rule.languages.end() ? en->second : rule.languages.begin()->second;
      json::object o;
      o["id"] = rule.id;
      o["name"] = rule.id;
      o["shortDescription"] = {{"text", words.title}};
      o["fullDescription"] = {{"text", words.why}};
      o["help"] = {{"text", words.hint},
                   {"markdown", "**" + words.title + "**\n\n" + words.why + "\n\n" + words.hint}};
      o["defaultConfiguration"] = {{"level", sarif_level(rule.level)}};
      o["properties"] = {{"tags", json::array{"escalation", rule.check}}};
      rules.push_back(std::move(o));
    }
    json::object run;
    run["tool"] = {{"driver",
                    {{"name", "escalint"},
                     {"version", "0.1.0"},
                     {"informationUri", "https://example.invalid/escalint"},
                     {"rules", std::move(rules)}}}};
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = std::move(results_);
    if (!notifications_.empty()) {
      run["invocations"] =
          json::array{json::object{{"executionSuccessful", false},
                                   {"toolExecutionNotifications", std::move(notifications_)}}};
    }
    json::object log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = json::array{std::move(run)};
    out_ << json::serialize(log) << '\n';
  }

 private:
  std::int64_t rule_index(const std::string& id) const {
    for (std::size_t i = 0; i < pack_.rules.size(); ++i) {
      if (pack_.rules[i].id == id) return static_cast<std::int64_t>(i);
    }
    return -1;
  }

  std::ostream& out_;
  const RulePack& pack_;
  json::array results_;
  json::array notifications_;
};

}  // namespace

std::unique_ptr<Renderer> make_sarif_renderer(std::ostream& out, const RulePack& pack) {
  return std::make_unique<SarifRenderer>(out, pack);
}

}  // namespace escalint
