// Output formats are printers: each renderer receives drafts and input errors in
// input order and writes its format to a stream. Streaming formats write as they go;
// SARIF, which is one document, writes at finish().
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "input/draft.h"
#include "lint/result.h"
#include "rules/rule_pack.h"

namespace escalint {

struct RenderOptions {
  bool color = false;  // ANSI colours (terminals only, never with NO_COLOR)
  bool quiet = false;  // text: only the finding lines
};

class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual void draft(const DraftResult& result) = 0;
  virtual void error(const InputError& error) = 0;
  virtual void finish() = 0;
};

// "text", "json", "jsonl", "sarif" or "github"; nullptr for an unknown name.
std::unique_ptr<Renderer> make_renderer(const std::string& format, std::ostream& out,
                                        const RulePack& pack, const RenderOptions& options);

// "path:line:col" or "path:prefix:line:col" (see Draft::position_prefix); "path" for
// document-level findings. Shared by every format that names places as text.
std::string place(const DraftResult& result, const Finding& finding);

}  // namespace escalint
