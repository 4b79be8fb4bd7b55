// Reads a rule pack from YAML: a directory laid out like rules/ (rule files at the top,
// language files under lang/). The built-in pack is read this way at build time. Loading is all or
// nothing: every problem found is reported together and no pack is returned.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "rules/rule_pack.h"

namespace escalint {

struct RuleSource {
  std::string path;  // as shown in messages
  std::string contents;
};

// Thrown with every problem, one per line: "<file>:<line>: rule '<id>': <what>".
class RuleError : public std::runtime_error {
 public:
  explicit RuleError(const std::vector<std::string>& problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// Every *.yaml below `dir`; throws RuleError when the folder cannot be read.
std::vector<RuleSource> read_rule_directory(const std::string& dir);
// Parses and cross-checks the files (a language file lives under "lang/").
RulePack load_rule_pack(const std::vector<RuleSource>& sources);

}  // namespace escalint
