// Helpers for the escalint serve tests: an in-process server on a free loopback port,
// and a tiny blocking HTTP client over POSIX sockets whose every wait is bounded (poll
// with a timeout), so a server bug fails a test instead of hanging the suite.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "rules/builtin_pack.h"
#include "rules/rule_loader.h"
#include "server/api.h"
#include "server/linter_set.h"
#include "server/metrics.h"
#include "server/server.h"

namespace escalint::server_testing {

using namespace std::chrono_literals;

// One LinterSet for every test server, compiling each language only when a test
// checks a draft in it (ctest runs each test in its own process).
inline LinterSet& shared_linters() {
  static LinterSet linters(builtin_rule_pack(), LintOptions{}, 16,
                           /*compile_now=*/false);
  return linters;
}

// A server running on its own threads until the object is destroyed (or stop()).
class TestServer {
 public:
  explicit TestServer(ServerOptions options = {}, ApiOptions api = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.threads == 0) options.threads = 2;
    api_ = std::make_unique<Api>(shared_linters(), metrics_, std::move(api));
    server_ = std::make_unique<Server>(*api_, metrics_, options);
    thread_ = std::thread([this] {
      server_->run();
      stopped_ = true;
    });
  }
  ~TestServer() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  unsigned short port() const { return server_->port(); }
  Server& server() { return *server_; }
  Metrics& metrics() { return metrics_; }
  // True once run() has returned, waiting at most `limit`.
  bool wait_stopped(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (stopped_.load()) break;
      std::this_thread::sleep_for(10ms);
    }
    return stopped_.load();
  }

 private:
  Metrics metrics_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<Server> server_;
  std::atomic<bool> stopped_{false};
  std::thread thread_;
};

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A client connection. Every read waits at most the timeout given.
class Conn {
 public:
  explicit Conn(unsigned short port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Conn() {
    if (fd_ >= 0) ::close(fd_);
  }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  bool connected() const { return connected_; }

  bool send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Reads one response (skipping 100 Continue); nullopt on timeout or close first.
  std::optional<Response> read_response(std::chrono::milliseconds timeout = 5000ms,
                                        bool skip_continue = true) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      std::size_t end;
      while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill(deadline)) return std::nullopt;
      }
      Response r;
      std::istringstream head(buf_.substr(0, end));
      std::string line;
      std::getline(head, line);
      if (line.size() < 12) return std::nullopt;
      r.status = std::stoi(line.substr(9, 3));
      while (std::getline(head, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers[name] = value;
      }
      buf_.erase(0, end + 4);
      if (r.status == 100 && skip_continue) continue;
      const std::size_t length =
          r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
      while (buf_.size() < length) {
        if (!fill(deadline)) return std::nullopt;
      }
      r.body = buf_.substr(0, length);
      buf_.erase(0, length);
      return r;
    }
  }

  // True if the server closes the connection (EOF or reset) within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const int got = receive(deadline);
      if (got <= 0) return got == 0;
    }
  }

 private:
  bool fill(std::chrono::steady_clock::time_point deadline) { return receive(deadline) > 0; }

  // Waits until `deadline` for bytes and appends them to the buffer: 1 when some came,
  // 0 when the server closed the connection, -1 when nothing came in time.
  int receive(std::chrono::steady_clock::time_point deadline) {
    const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          deadline - std::chrono::steady_clock::now())
                                          .count());
    if (left <= 0) return -1;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, left) <= 0) return -1;
    char tmp[16384];
    const ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return 0;
    buf_.append(tmp, static_cast<std::size_t>(n));
    return 1;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

// A whole request as bytes (HTTP/1.1, keep-alive unless `close`).
inline std::string request(const std::string& method, const std::string& path,
                           const std::string& body = {},
                           const std::map<std::string, std::string>& headers = {},
                           bool close = false) {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : headers) r += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST")
    r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  if (close) r += "Connection: close\r\n";
  return r + "\r\n" + body;
}

// One request on a fresh connection.
inline Response call(unsigned short port, const std::string& method, const std::string& path,
                     const std::string& body = {},
                     std::map<std::string, std::string> headers = {}) {
  Conn c(port);
  EXPECT_TRUE(c.connected());
  c.send(request(method, path, body, headers, true));
  auto r = c.read_response();
  EXPECT_TRUE(r.has_value()) << method << " " << path << ": no response";
  return r.value_or(Response{});
}

inline Response post_json(unsigned short port, const std::string& json,
                          std::map<std::string, std::string> headers = {}) {
  headers.emplace("Content-Type", "application/json");
  return call(port, "POST", "/v1/check", json, std::move(headers));
}

}  // namespace escalint::server_testing
