#include <boost/program_options.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/linter_cache.h"
#include "cli/terminal.h"
#include "input/read_input.h"
#include "report/renderer.h"
#include "rules/rule_loader.h"

namespace escalint {

namespace po = boost::program_options;

namespace {

constexpr const char* kExamples = R"(
Examples:
  escalint check draft.txt                    compiler-style findings and a checklist
  escalint check --format json a.txt b.md     the JSON contract (see README)
  escalint check -r corpus/                   every draft in a folder
  escalint check reply.eml archive.mbox       mail: the new text of each message
  escalint check --body-field fields.description --id-field key issues.jsonl
  escalint check --lang sv --disable vague-language -
                                              Swedish rules on standard input
  escalint check --format sarif -r tickets/ > escalint.sarif
)";

// "a,b" and repeated flags alike.
std::vector<std::string> split_ids(const std::vector<std::string>& values) {
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

}  // namespace

int check_command(const std::vector<std::string>& args) {
  std::string format = "text", fail_level;
  FlagOverrides flags;
  std::vector<std::string> inputs, enable, disable;
  std::size_t max_mib = 64;
  std::string input_format = "auto";
  FieldMapping fields;
  po::options_description opts("escalint check [options] [FILE... | -]");
  opts.add_options()("help,h", "show this help")(
      "format,f", po::value(&format), "output: text, json, jsonl, sarif or github (default text)")(
      "fail-level", po::value(&fail_level),
      "exit 1 when a finding is at or above: error, warning, suggestion (default warning)")(
      "lang,l", po::value(&flags.language),
      "use this language's rules instead of identifying it (a code from `escalint rules`, e.g. en, "
      "sv)")("message-lang", po::value(&flags.message_language), "write findings in this language")(
      "config,c", po::value(&flags.config_path), "use this configuration file for every draft")(
      "no-config", po::bool_switch(&flags.no_config), "ignore .escalint.yaml files")(
      "rules", po::value(&flags.rules_dir),
      "use the rule pack in this folder instead of the built-in one")(
      "enable", po::value(&enable)->composing(),
      "turn on a rule the configuration turned off (repeatable, or a,b)")(
      "disable", po::value(&disable)->composing(), "turn off a rule (repeatable, or a,b)")(
      "recursive,r", "check every draft in the folders given")(
      "max-size", po::value(&max_mib),
      "largest input in MiB; for JSONL, CSV, mbox and JSON files, the largest record (default 64)")(
      "quiet,q", "text: only the finding lines")("explain", po::bool_switch(&flags.explain),
                                                 "also show the evidence each rule relied on")(
      "input-format", po::value(&input_format),
      "read every input as: auto (default: by extension and content), text, md, eml, mbox, html, "
      "json (Zendesk, Jira), jsonl, csv")("id-field", po::value(&fields.id),
                                          "JSON/JSONL/CSV: the field with the ticket id (dotted "
                                          "path for nested JSON; default id, key)")(
      "subject-field", po::value(&fields.subject),
      "JSON/JSONL/CSV: the subject field (default subject, title, summary)")(
      "body-field", po::value(&fields.body),
      "JSON/JSONL/CSV: the text field (default body, text, description, content, message)")(
      "date-field", po::value(&fields.date),
      "JSON/JSONL/CSV: the date field (default date, created_at, created)")(
      "input", po::value(&inputs), "drafts to check; - is standard input");
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "escalint check: " << e.what() << "\n\n" << opts << kExamples;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts << kExamples;
    return 0;
  }
  if (inputs.empty()) {
    std::cerr << "escalint check: no drafts given (name files, folders with -r, or - for standard "
                 "input)\n";
    return 2;
  }
  if (!fail_level.empty()) {
    flags.fail_level = parse_level(fail_level);
    if (!flags.fail_level) {
      std::cerr << "escalint check: --fail-level must be error, warning or suggestion, not '"
                << fail_level << "'\n";
      return 2;
    }
  }
  const std::optional<InputFormat> parsed_format = parse_input_format(input_format);
  if (!parsed_format) {
    std::cerr << "escalint check: unknown --input-format '" << input_format
              << "' (auto, text, md, eml, mbox, html, json, jsonl, csv)\n";
    return 2;
  }
  flags.enable = split_ids(enable);
  flags.disable = split_ids(disable);

  LinterCache linters(flags);
  std::unique_ptr<Renderer> renderer;
  try {
    // The renderer needs the pack for rule metadata: the one the first input uses.
    const LinterFor first = linters.for_source(inputs.front());
    renderer = make_renderer(format, std::cout, first.linter->pack(),
                             {use_color(stdout) && format == "text", vm.count("quiet") > 0});
  } catch (const std::exception& e) {
    std::cerr << "escalint check: " << e.what() << '\n';
    return 2;
  }
  if (!renderer) {
    std::cerr << "escalint check: unknown --format '" << format
              << "' (text, json, jsonl, sarif, github)\n";
    return 2;
  }

  bool input_errors = false, failing = false, setup_error = false;
  ReadOptions read;
  read.recursive = vm.count("recursive") > 0;
  read.max_bytes = max_mib << 20;
  read.format = *parsed_format;
  read.fields = fields;
  read_inputs(inputs, read,
              {[&](Draft draft) {
                 LinterFor lf{};
                 try {
                   lf = linters.for_source(draft.source);
                 } catch (const std::exception& e) {
                   renderer->error({draft.source, draft.record, e.what()});
                   setup_error = true;
                   return;
                 }
                 const DraftResult result = lf.linter->check(draft);
                 const auto worst = result.worst_level();
                 if (worst && *worst >= lf.fail_level) failing = true;
                 renderer->draft(result);
               },
               [&](InputError error) {
                 input_errors = true;
                 renderer->error(error);
               }});
  renderer->finish();
  if (format == "text" && input_errors)
    std::cerr << "escalint check: some inputs could not be read (see above)\n";
  if (input_errors || setup_error) return 2;
  return failing ? 1 : 0;
}

}  // namespace escalint
