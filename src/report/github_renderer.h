// GitHub Actions workflow commands: one "::warning file=...,line=...::message" per
// finding (error -> ::error, suggestion -> ::notice), so findings show on the diff.
#pragma once

#include "report/renderer.h"

namespace escalint {

std::unique_ptr<Renderer> make_github_renderer(std::ostream& out);

}  // namespace escalint
