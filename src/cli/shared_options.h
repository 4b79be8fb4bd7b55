// The options check, audit and serve share, declared once so that their spelling,
// defaults and help read the same in every subcommand, and the command-line parsing
// they all do the same way.
#pragma once

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli/linter_cache.h"
#include "input/read_input.h"

namespace escalint {

// "a,b" and repeated flags alike, empty items dropped.
std::vector<std::string> split_commas(const std::vector<std::string>& values);

// --lang, --message-lang, --config, --no-config, --rules, --enable, --disable: which
// rules judge a draft, and in which language.
class RuleOptions {
 public:
  void add_to(boost::program_options::options_description& opts);
  // What the flags say, --enable and --disable split at commas; the command's own
  // fields (fail_level, explain) are set on `base()` before.
  FlagOverrides flags() const;
  FlagOverrides& base() { return flags_; }

 private:
  FlagOverrides flags_;
  std::vector<std::string> enable_, disable_;
};

// --max-size, --input-format, --id-field, --subject-field, --body-field: how check and
// audit read their inputs (each adds its own --date-field help to `fields().date`).
class InputOptions {
 public:
  void add_to(boost::program_options::options_description& opts);
  FieldMapping& fields() { return fields_; }
  // The reading options, or nullopt after telling the user of `command` what is wrong.
  std::optional<ReadOptions> read_options(const std::string& command, bool recursive) const;

 private:
  std::size_t max_mib_ = 64;
  std::string format_ = "auto";
  FieldMapping fields_;
};

// Parses `args` into `vm`, the options without a name being `input` when `inputs`.
// Returns 0 after printing the help for --help, 2 after a usage error (the message and
// the help on standard error), nullopt when the command should go on.
std::optional<int> parse_command_line(const std::string& command,
                                      const std::vector<std::string>& args,
                                      const boost::program_options::options_description& opts,
                                      const char* examples, bool inputs,
                                      boost::program_options::variables_map* vm);

// --fail-level into `flags` (nothing when empty); false after telling the user of
// `command` that it is not a level.
bool parse_fail_level(const std::string& command, const std::string& value, FlagOverrides* flags);

}  // namespace escalint
