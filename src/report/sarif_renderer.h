// SARIF 2.1.0 with what GitHub code scanning reads: a tool driver with every rule
// (id, name, descriptions, help, default level), results with ruleId/ruleIndex,
// level, message and a physical location (a region for findings with a span).
#pragma once

#include "report/renderer.h"

namespace escalint {

std::unique_ptr<Renderer> make_sarif_renderer(std::ostream& out, const RulePack& pack);

}  // namespace escalint
