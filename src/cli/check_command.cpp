#include <boost/program_options.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/linter_cache.h"
#include "cli/shared_options.h"
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

}  // namespace

int check_command(const std::vector<std::string>& args) {
  std::string format = "text", fail_level;
  std::vector<std::string> inputs;
  RuleOptions rules;
  InputOptions input;
  po::options_description opts("escalint check [options] [FILE... | -]");
  opts.add_options()("help,h", "show this help")(
      "format,f", po::value(&format), "output: text, json, jsonl, sarif or github (default text)")(
      "fail-level", po::value(&fail_level),
      "exit 1 when a finding is at or above: error, warning, suggestion (default warning)");
  rules.add_to(opts);
  opts.add_options()("recursive,r", "check every draft in the folders given")(
      "quiet,q", "text: only the finding lines")("explain", po::bool_switch(&rules.base().explain),
                                                 "also show the evidence each rule relied on");
  input.add_to(opts);
  opts.add_options()("date-field", po::value(&input.fields().date),
                     "JSON/JSONL/CSV: the date field (default date, created_at, created)")(
      "input", po::value(&inputs), "drafts to check; - is standard input");
  po::variables_map vm;
  if (auto exit = parse_command_line("check", args, opts, kExamples, true, &vm)) return *exit;
  if (inputs.empty()) {
    std::cerr << "escalint check: no drafts given (name files, folders with -r, or - for standard "
                 "input)\n";
    return 2;
  }
  if (!parse_fail_level("check", fail_level, &rules.base())) return 2;
  const std::optional<ReadOptions> read = input.read_options("check", vm.count("recursive") > 0);
  if (!read) return 2;

  LinterCache linters(rules.flags());
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
  read_inputs(inputs, *read,
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
