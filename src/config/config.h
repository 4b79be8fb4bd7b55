// The project configuration file, `.escalint.yaml`, found from a draft's folder upward.
//
//   language: sv              # always use these rules (default: identify per draft)
//   message_language: en      # write findings in this language (default: the draft's)
//   default_language: en      # when identification is unsure
//   fail_level: warning       # exit 1 at or above this level
//   rules_dir: ./my-rules     # a rule pack instead of the built-in one (relative to the file)
//   disable: [vague-language]
//   enable: []
//   levels: { product-version: suggestion }
//   min_counts: { concrete-examples: 3 }
//   partner_names: [Nordvik Digital, Brightlane]
//   products: [Adobe Commerce]
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "lint/linter.h"

namespace escalint {

struct Config {
  std::string path;  // empty: no file, defaults
  LintOptions lint;
  std::optional<Level> fail_level;
  std::string rules_dir;  // absolute, or empty for the built-in pack
};

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kConfigFileName = ".escalint.yaml";

// The nearest `.escalint.yaml` in `start` or a folder above it; empty if none.
std::string find_config(const std::filesystem::path& start);

// Throws ConfigError "<path>:<line>: <what>" for unreadable or invalid files.
Config load_config(const std::string& path);

}  // namespace escalint
