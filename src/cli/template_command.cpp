#include <boost/program_options.hpp>

#include <iostream>

#include "cli/commands.h"
#include "rules/builtin_pack.h"
#include "rules/rule_loader.h"

namespace escalint {

namespace po = boost::program_options;

int template_command(const std::vector<std::string>& args) {
  std::string lang = "en";
  po::options_description opts("escalint template [--lang CODE]");
  // clang-format off
  opts.add_options()
      ("help,h", "show this help")
      ("lang,l", po::value(&lang), "language of the skeleton (default en)");
  // clang-format on
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "escalint template: " << e.what() << "\n\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts << "\nExample:\n  escalint template --lang sv > utkast.txt\n";
    return 0;
  }
  const RulePack pack = builtin_rule_pack();
  auto it = pack.languages.find(lang);
  if (it == pack.languages.end() || it->second.template_text.empty()) {
    std::cerr << "escalint template: no template for language '" << lang << "'\n";
    return 2;
  }
  std::cout << it->second.template_text;
  return 0;
}

}  // namespace escalint
