#include "cli/linter_cache.h"

#include <filesystem>

#include "rules/builtin_pack.h"
#include "rules/rule_loader.h"

namespace escalint {

namespace fs = std::filesystem;

std::string LinterCache::config_for(const std::string& source) {
  if (!flags_.config_path.empty()) return flags_.config_path;
  if (flags_.no_config) return {};
  const fs::path dir = source == "-" ? fs::current_path() : fs::path(source).parent_path();
  const std::string key = dir.string();
  auto it = config_by_dir_.find(key);
  if (it == config_by_dir_.end())
    it = config_by_dir_.emplace(key, find_config(dir.empty() ? "." : dir)).first;
  return it->second;
}

const RulePack& LinterCache::pack(const std::string& rules_dir) {
  auto it = packs_.find(rules_dir);
  if (it == packs_.end()) {
    RulePack p =
        rules_dir.empty() ? builtin_rule_pack() : load_rule_pack(read_rule_directory(rules_dir));
    it = packs_.emplace(rules_dir, std::move(p)).first;
  }
  return it->second;
}

LinterFor LinterCache::for_source(const std::string& source) {
  const std::string path = config_for(source);
  auto it = linters_.find(path);
  if (it == linters_.end()) {
    Config config = path.empty() ? Config{} : load_config(path);
    LintOptions& o = config.lint;
    if (!flags_.language.empty()) o.language = flags_.language;
    if (!flags_.message_language.empty()) o.message_language = flags_.message_language;
    for (const std::string& id : flags_.disable) o.disable.insert(id), o.enable.erase(id);
    for (const std::string& id : flags_.enable) o.enable.insert(id);
    o.explain = flags_.explain;
    const std::string rules_dir = !flags_.rules_dir.empty() ? flags_.rules_dir : config.rules_dir;
    const bool custom_rules = !rules_dir.empty();
    auto linter = std::make_unique<Linter>(pack(rules_dir), std::move(o));
    // A folder of rules is checked whole before any draft is read: nothing runs with
    // a half-loaded rule set. (The built-in pack is checked by its own tests.)
    if (custom_rules) linter->compile_all();
    const Level fail = flags_.fail_level.value_or(config.fail_level.value_or(Level::kWarning));
    it = linters_.emplace(path, std::make_pair(std::move(linter), fail)).first;
  }
  return {it->second.first.get(), it->second.second};
}

}  // namespace escalint
