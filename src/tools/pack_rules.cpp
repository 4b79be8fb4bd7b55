// Build step: reads the rule pack in a folder laid out like rules/, checks all of it
// (loading, and compiling every pattern of every language), and writes it as the bytes
// the escalint binary embeds (rules/pack_codec.h). A broken built-in pack fails the
// build with the same messages `escalint rules` would print.
//
//   escalint_pack_rules RULES_DIR OUTPUT
#include <filesystem>
#include <fstream>
#include <iostream>

#include "lint/linter.h"
#include "rules/pack_codec.h"
#include "rules/rule_loader.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: escalint_pack_rules RULES_DIR OUTPUT\n";
    return 2;
  }
  try {
    // Named as in the source tree ("rules/lang/sv.yaml"), wherever it was built.
    std::vector<escalint::RuleSource> sources = escalint::read_rule_directory(argv[1]);
    for (escalint::RuleSource& s : sources) {
      s.path = "rules/" + std::filesystem::relative(s.path, argv[1]).generic_string();
    }
    escalint::RulePack pack = escalint::load_rule_pack(sources);
    escalint::Linter(pack, {}).compile_all();
    const std::string bytes = escalint::encode_rule_pack(pack);
    std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      std::cerr << "escalint_pack_rules: cannot write " << argv[2] << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "escalint_pack_rules: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
