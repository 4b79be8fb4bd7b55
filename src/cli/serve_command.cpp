// escalint serve: the pre-submit HTTP service and its web page (see src/server/).
#include <boost/asio/ip/address.hpp>
#include <boost/program_options.hpp>
#include <boost/system/system_error.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/linter_cache.h"
#include "cli/shared_options.h"
#include "server/api.h"
#include "server/linter_set.h"
#include "server/metrics.h"
#include "server/server.h"

namespace escalint {

namespace po = boost::program_options;

namespace {

constexpr const char* kExamples = R"(
Examples:
  escalint serve                                  http://127.0.0.1:8080/ (page and API)
  escalint serve --port 9000 --threads 4
  escalint serve --host 0.0.0.0 --token-file /etc/escalint/token \
                 --allow-origin https://support.example.com
  curl -s localhost:8080/v1/check -H 'Content-Type: application/json' \
       -d '{"text": "Checkout fails since Monday."}'

Endpoints: POST /v1/check, GET /v1/rules, GET /healthz, GET /metrics, GET / (the page).
SIGTERM or SIGINT stops gracefully: in-flight requests finish, then exit 0.
)";

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000 + 0.5));
}

}  // namespace

int serve_command(const std::vector<std::string>& args) {
  ServerOptions server;
  ApiOptions api_options;
  RuleOptions rules;
  std::vector<std::string> origins;
  std::string token_file;
  double header_timeout = 10, body_timeout = 30, idle_timeout = 60, grace = 10;
  std::size_t cache = 16;
  int port = 8080;
  po::options_description opts("escalint serve [options]");
  opts.add_options()("help,h", "show this help")(
      "host", po::value(&server.host),
      "address to listen on (default 127.0.0.1: this machine only)")(
      "port,p", po::value(&port), "port to listen on (default 8080; 0: any free port)")(
      "threads,t", po::value(&server.threads), "worker threads (default: one per core)")(
      "max-body", po::value(&server.max_body),
      "largest request body in bytes; larger get 413 (default 1048576)")(
      "max-header", po::value(&server.max_header),
      "largest request header in bytes; larger get 431 (default 16384)")(
      "max-connections", po::value(&server.max_connections),
      "open connections at most; more get 503 (default 512)")(
      "header-timeout", po::value(&header_timeout),
      "seconds from a connection's opening (or a request's first byte) to its complete header "
      "(default 10)")("body-timeout", po::value(&body_timeout),
                      "seconds to receive a body, or to send a response (default 30)")(
      "idle-timeout", po::value(&idle_timeout),
      "seconds a keep-alive connection may wait for its next request (default 60)")(
      "shutdown-grace", po::value(&grace),
      "seconds in-flight requests get after SIGTERM (default 10)")(
      "token-file", po::value(&token_file),
      "require \"Authorization: Bearer <token>\" on /v1/* and /metrics, the token read from this "
      "file")("allow-origin", po::value(&origins)->composing(),
              "allow cross-origin requests from this origin (repeatable, or a,b; * for any)")(
      "linter-cache", po::value(&cache),
      "linters kept for distinct per-request rule choices (default 16)")("quiet,q",
                                                                         "no access log");
  rules.add_to(opts);
  po::variables_map vm;
  if (auto exit = parse_command_line("serve", args, opts, kExamples, false, &vm)) return *exit;
  auto usage = [&](const std::string& message) {
    std::cerr << "escalint serve: " << message << '\n';
    return 2;
  };
  if (port < 0 || port > 65535) return usage("--port must be 0..65535");
  server.port = static_cast<unsigned short>(port);
  if (server.threads < 0 || server.threads > 1024) return usage("--threads must be 1..1024");
  if (server.max_connections < 1) return usage("--max-connections must be at least 1");
  if (server.max_body < 1) return usage("--max-body must be at least 1");
  for (double t : {header_timeout, body_timeout, idle_timeout}) {
    if (!(t > 0) || t > 86400) return usage("timeouts must be between 0 and 86400 seconds");
  }
  if (!(grace >= 0)) return usage("--shutdown-grace must not be negative");
  server.header_timeout = to_ms(header_timeout);
  server.body_timeout = to_ms(body_timeout);
  server.idle_timeout = to_ms(idle_timeout);
  server.shutdown_grace = to_ms(grace);
  server.handle_signals = true;
  server.access_log = vm.count("quiet") ? nullptr : &std::cerr;
  api_options.allow_origins = split_commas(origins);
  if (!token_file.empty()) {
    std::ifstream in(token_file);
    if (!in) return usage("cannot read --token-file " + token_file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string token = ss.str();
    token.erase(token.find_last_not_of(" \t\r\n") + 1);
    token.erase(0, token.find_first_not_of(" \t\r\n"));
    if (token.empty()) return usage("--token-file " + token_file + " is empty");
    if (token.find_first_of(" \t\r\n") != std::string::npos)
      return usage("the token must be one line without spaces");
    api_options.token = std::move(token);
  }

  try {
    LinterCache configs(rules.flags());
    const Linter& configured = *configs.for_source("-").linter;
    LinterSet linters(configured.pack(), configured.options(), cache);
    Metrics metrics;
    Api api(linters, metrics, api_options);
    Server http(api, metrics, server);
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(http.address(), ec);
    if (!ec && !address.is_loopback() && api_options.token.empty()) {
      std::cerr << "escalint serve: warning: listening on " << http.address()
                << " without --token-file; anyone who can reach this port can use it\n";
    }
    const bool v6 = http.address().find(':') != std::string::npos;
    std::cerr << "escalint serve: listening on http://" << (v6 ? "[" : "") << http.address()
              << (v6 ? "]" : "") << ":" << http.port() << "/" << std::endl;
    http.run();
    std::cerr << "escalint serve: stopped" << std::endl;
    return 0;
  } catch (const boost::system::system_error& e) {
    std::cerr << "escalint serve: cannot listen on " << server.host << ":" << server.port << ": "
              << e.code().message() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "escalint serve: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace escalint
