// A rule pack as compact bytes, so that the built-in pack is parsed and checked from YAML
// once, at build time (tools/pack_rules.cpp), and start-up only copies strings out of
// the binary. The format belongs to this build: no compatibility across versions.
#pragma once

#include <string>
#include <string_view>

#include "rules/rule_pack.h"

namespace escalint {

std::string encode_rule_pack(const RulePack& pack);

// Throws std::runtime_error on bytes encode_rule_pack did not write.
RulePack decode_rule_pack(std::string_view bytes);

}  // namespace escalint
