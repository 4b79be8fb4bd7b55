// The web page's files (src/server/static/), compiled into the binary by
// cmake/embed_static.cmake so `escalint serve` needs nothing beside it.
#pragma once

#include <string_view>
#include <vector>

#include "rules/embedded_rules.h"

namespace escalint {

// Every file under src/server/static/, path relative to it ("index.html",
// "escalint.js"), sorted by path.
const std::vector<EmbeddedFile>& embedded_static_files();

// The Content-Type for a file name, by extension.
std::string_view content_type_for(std::string_view path);

}  // namespace escalint
