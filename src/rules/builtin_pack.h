// The default rule pack, checked and encoded at build time from rules/ and compiled into
// the binary (see tools/pack_rules.cpp and cmake/embed_files.cmake).
#pragma once

#include "rules/rule_pack.h"

namespace escalint {

RulePack builtin_rule_pack();

}  // namespace escalint
