#include "cli/shared_options.h"

#include <iostream>

namespace escalint {

namespace po = boost::program_options;

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      const std::size_t comma = std::min(v.find(',', start), v.size());
      if (comma > start) out.push_back(v.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return out;
}

void RuleOptions::add_to(po::options_description& opts) {
  opts.add_options()("lang,l", po::value(&flags_.language),
                     "use this language's rules instead of identifying it (a code from "
                     "`escalint rules`, e.g. en, sv)")(
      "message-lang", po::value(&flags_.message_language), "write findings in this language")(
      "config,c", po::value(&flags_.config_path), "use this configuration file for every draft")(
      "no-config", po::bool_switch(&flags_.no_config), "ignore .escalint.yaml files")(
      "rules", po::value(&flags_.rules_dir),
      "use the rule pack in this folder instead of the built-in one")(
      "enable", po::value(&enable_)->composing(),
      "turn on a rule the configuration turned off (repeatable, or a,b)")(
      "disable", po::value(&disable_)->composing(), "turn off a rule (repeatable, or a,b)");
}

FlagOverrides RuleOptions::flags() const {
  FlagOverrides flags = flags_;
  flags.enable = split_commas(enable_);
  flags.disable = split_commas(disable_);
  return flags;
}

void InputOptions::add_to(po::options_description& opts) {
  opts.add_options()(
      "max-size", po::value(&max_mib_),
      "largest input in MiB; for JSONL, CSV, mbox and JSON files, the largest record (default 64)")(
      "input-format", po::value(&format_),
      "read every input as: auto (default: by extension and content), text, md, eml, mbox, html, "
      "json (Zendesk, Jira), jsonl, csv")(
      "id-field", po::value(&fields_.id),
      "JSON/JSONL/CSV: the field with the ticket id (dotted path for nested JSON; default id, "
      "key)")("subject-field", po::value(&fields_.subject),
              "JSON/JSONL/CSV: the subject field (default subject, title, summary)")(
      "body-field", po::value(&fields_.body),
      "JSON/JSONL/CSV: the text field (default body, text, description, content, message)");
}

std::optional<ReadOptions> InputOptions::read_options(const std::string& command,
                                                      bool recursive) const {
  const std::optional<InputFormat> format = parse_input_format(format_);
  if (!format) {
    std::cerr << "escalint " << command << ": unknown --input-format '" << format_
              << "' (auto, text, md, eml, mbox, html, json, jsonl, csv)\n";
    return std::nullopt;
  }
  ReadOptions read;
  read.recursive = recursive;
  read.max_bytes = max_mib_ << 20;
  read.format = *format;
  read.fields = fields_;
  return read;
}

std::optional<int> parse_command_line(const std::string& command,
                                      const std::vector<std::string>& args,
                                      const po::options_description& opts, const char* examples,
                                      bool inputs, po::variables_map* vm) {
  po::positional_options_description positional;
  if (inputs) positional.add("input", -1);
  try {
    po::store(po::command_line_parser(args).options(opts).positional(positional).run(), *vm);
    po::notify(*vm);
  } catch (const po::error& e) {
    std::cerr << "escalint " << command << ": " << e.what() << "\n\n" << opts << examples;
    return 2;
  }
  if (vm->count("help")) {
    std::cout << opts << examples;
    return 0;
  }
  return std::nullopt;
}

bool parse_fail_level(const std::string& command, const std::string& value, FlagOverrides* flags) {
  if (value.empty()) return true;
  flags->fail_level = parse_level(value);
  if (flags->fail_level) return true;
  std::cerr << "escalint " << command
            << ": --fail-level must be error, warning or suggestion, not '" << value << "'\n";
  return false;
}

}  // namespace escalint
