#include "rules/builtin_pack.h"

#include "rules/embedded_rules.h"
#include "rules/pack_codec.h"

namespace escalint {

RulePack builtin_rule_pack() {
  return decode_rule_pack(embedded_rule_files().front().contents);
}

}  // namespace escalint
