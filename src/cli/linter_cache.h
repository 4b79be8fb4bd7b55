// Builds Linters for the command line: the rule pack (built-in or a folder) and the
// options from `.escalint.yaml` (found from each draft's folder upward, or given with
// --config) merged with the flags. One Linter per configuration file, built once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "config/config.h"
#include "lint/linter.h"

namespace escalint {

// What the flags say; each set value wins over the configuration file.
struct FlagOverrides {
  std::string config_path;  // --config: one file for every draft
  bool no_config = false;   // --no-config: ignore .escalint.yaml files
  std::string rules_dir;    // --rules
  std::string language;
  std::string message_language;
  std::vector<std::string> enable, disable;
  std::optional<Level> fail_level;
  bool explain = false;
};

struct LinterFor {
  const Linter* linter;
  Level fail_level;
};

class LinterCache {
 public:
  explicit LinterCache(FlagOverrides flags) : flags_(std::move(flags)) {}

  // The Linter for a draft read from `source` ("-": the current folder). Throws
  // ConfigError or RuleError, naming the file and what is wrong.
  LinterFor for_source(const std::string& source);

 private:
  std::string config_for(const std::string& source);
  const RulePack& pack(const std::string& rules_dir);

  FlagOverrides flags_;
  std::map<std::string, std::string> config_by_dir_;
  std::map<std::string, RulePack> packs_;
  std::map<std::string, std::pair<std::unique_ptr<Linter>, Level>> linters_;
};

}  // namespace escalint
