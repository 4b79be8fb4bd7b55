// What the command line needs to know about where it writes.
#pragma once

#include <cstdio>

namespace escalint {

// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
bool use_color(std::FILE* stream);

}  // namespace escalint
