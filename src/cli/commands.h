// The subcommands. Each takes its own arguments (after the subcommand's name) and
// returns the process exit status: 0 clean, 1 findings, 2 usage or input errors.
#pragma once

#include <string>
#include <vector>

namespace escalint {

int check_command(const std::vector<std::string>& args);
int rules_command(const std::vector<std::string>& args);
int template_command(const std::vector<std::string>& args);
int serve_command(const std::vector<std::string>& args);  // runs until SIGTERM/SIGINT: 0, or 2
int audit_command(const std::vector<std::string>& args);  // 0/1/2; 128+signal when stopped early

}  // namespace escalint
