// escalint: checks escalation drafts against the vendor's guidance.
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

constexpr const char* kUsage = R"(escalint — checks escalation emails and tickets before they are sent

Usage: escalint <command> [options] [arguments]

Commands:
  check     check drafts and print findings (text, json, jsonl, sarif, github)
  rules     list the rules; `rules explain ID`; `rules test` runs every rule's examples
  template  print a skeleton escalation that passes every check
  serve     HTTP service and web page that check drafts as they are written
  audit     audit many drafts on all cores: results, summary and an HTML report

Examples:
  escalint check draft.txt
  escalint check --format json -r corpus/
  cat draft.txt | escalint check --lang sv -
  escalint rules explain partner-contact --lang sv
  escalint template --lang sv > draft.txt
  escalint serve --port 8080

Run `escalint <command> --help` for a command's options.
Exit status: 0 no findings at or above --fail-level, 1 findings, 2 usage or input errors.
)";

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "check") return escalint::check_command(args);
  if (command == "rules") return escalint::rules_command(args);
  if (command == "template") return escalint::template_command(args);
  if (command == "serve") return escalint::serve_command(args);
  if (command == "audit") return escalint::audit_command(args);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "--version") {
    std::cout << "escalint 0.1.0\n";
    return 0;
  }
  std::cerr << "escalint: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
