// JSON per DESIGN.md's contract: { "drafts": [...], "errors": [...] }, streamed;
// and JSONL: one object per line, a draft or an error ("error": true).
#pragma once

#include <boost/json.hpp>

#include "report/renderer.h"

namespace escalint {

// One draft as the contract's JSON object (also the server's response body).
boost::json::object draft_to_json(const DraftResult& result);
boost::json::object error_to_json(const InputError& error);

std::unique_ptr<Renderer> make_json_renderer(std::ostream& out, bool lines);

}  // namespace escalint
