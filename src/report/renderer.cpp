#include "report/renderer.h"

#include "report/github_renderer.h"
#include "report/json_renderer.h"
#include "report/sarif_renderer.h"
#include "report/text_renderer.h"

namespace escalint {

std::string place(const DraftResult& result, const Finding& finding) {
  std::string out = result.source;
  if (!result.id.empty()) out += "[" + result.id + "]";
  if (!finding.location) return out;
  if (!finding.location->position_prefix.empty()) out += ":" + finding.location->position_prefix;
  out += ":" + std::to_string(finding.location->position.line) + ":" +
         std::to_string(finding.location->position.column);
  return out;
}

std::unique_ptr<Renderer> make_renderer(const std::string& format, std::ostream& out,
                                        const RulePack& pack, const RenderOptions& options) {
  if (format == "text") return make_text_renderer(out, pack, options);
  if (format == "json") return make_json_renderer(out, false);
  if (format == "jsonl") return make_json_renderer(out, true);
  if (format == "sarif") return make_sarif_renderer(out, pack);
  if (format == "github") return make_github_renderer(out);
  return nullptr;
}

}  // namespace escalint
