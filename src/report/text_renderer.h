// Compiler-style text: "path:line:col: warning: message [rule]", the line with a caret
// under the span, the why and the hint, then a checklist and readiness score per draft.
#pragma once

#include "report/renderer.h"

namespace escalint {

std::unique_ptr<Renderer> make_text_renderer(std::ostream& out, const RulePack& pack,
                                             const RenderOptions& options);

}  // namespace escalint
