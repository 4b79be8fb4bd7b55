// escalint serve as a process: it prints where it listens, serves, and on SIGTERM
// finishes the request in flight and exits 0. The access log on stderr never holds
// draft text.
#include <fcntl.h>
#include <re2/re2.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>

#include "server_test_support.h"

extern char** environ;

namespace escalint {
namespace {

using namespace server_testing;

class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args) {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    args.insert(args.begin(), {ESCALINT_BINARY, "serve"});
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, ESCALINT_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    err_ = fds[0];
  }
  ~ServeProcess() {
    if (pid_ > 0 && exit_status(0ms) == -2) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (err_ >= 0) ::close(err_);
  }

  // Reads stderr until `pattern` matches (at most `timeout`); returns its first group.
  std::string wait_for(const re2::RE2& pattern, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string group;
    while (!re2::RE2::PartialMatch(stderr_, pattern, &group)) {
      const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            deadline - std::chrono::steady_clock::now())
                                            .count());
      if (left <= 0) return {};
      pollfd p{err_, POLLIN, 0};
      if (::poll(&p, 1, left) <= 0) return {};
      char buf[4096];
      const ssize_t n = ::read(err_, buf, sizeof buf);
      if (n <= 0) return {};
      stderr_.append(buf, static_cast<std::size_t>(n));
    }
    return group;
  }

  // The exit code, -1 if killed by a signal, -2 if still running after `timeout`.
  int exit_status(std::chrono::milliseconds timeout) {
    if (status_ != -2) return status_;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      int st = 0;
      if (::waitpid(pid_, &st, WNOHANG) == pid_) {
        status_ = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        return status_;
      }
      if (std::chrono::steady_clock::now() >= deadline) return -2;
      std::this_thread::sleep_for(10ms);
    }
  }

  // Everything written to stderr so far (drained without waiting).
  const std::string& output() {
    for (;;) {
      pollfd p{err_, POLLIN, 0};
      if (::poll(&p, 1, 0) <= 0) break;
      char buf[4096];
      const ssize_t n = ::read(err_, buf, sizeof buf);
      if (n <= 0) break;
      stderr_.append(buf, static_cast<std::size_t>(n));
    }
    return stderr_;
  }

  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int err_ = -1;
  int status_ = -2;
  std::string stderr_;
};

const re2::RE2 kListening(R"(listening on http://127\.0\.0\.1:(\d+)/)");

TEST(ServerProcess, SigtermFinishesTheRequestInFlightAndExitsZero) {
  ServeProcess p({"--port", "0", "--threads", "2", "--no-config"});
  const std::string port_text = p.wait_for(kListening, 15000ms);
  ASSERT_FALSE(port_text.empty()) << p.output();
  const auto port = static_cast<unsigned short>(std::stoi(port_text));

  const Response ok = post_json(port, "{\"text\": \"Zebracorn: checkout fails with error 502.\"}");
  EXPECT_EQ(ok.status, 200);

  Conn busy(port);
  const std::string body = "{\"text\": \"Zebracorn again: order 100045821 failed on 3 March.\"}";
  busy.send(
      "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 12));
  std::this_thread::sleep_for(150ms);
  ASSERT_EQ(::kill(p.pid(), SIGTERM), 0);
  std::this_thread::sleep_for(150ms);
  EXPECT_EQ(p.exit_status(0ms), -2) << "exited with a request in flight";
  busy.send(body.substr(12));
  const auto r = busy.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(p.exit_status(5000ms), 0) << p.output();
  const std::string log = p.output();
  EXPECT_NE(log.find("POST /v1/check 200"), std::string::npos) << log;
  EXPECT_EQ(log.find("Zebracorn"), std::string::npos) << log;
}

TEST(ServerProcess, TokenFileIsRequiredToExistAndIsEnforced) {
  {
    ServeProcess p({"--port", "0", "--token-file", "/nonexistent/escalint-token"});
    EXPECT_EQ(p.exit_status(10000ms), 2);
    EXPECT_NE(p.output().find("cannot read --token-file"), std::string::npos) << p.output();
  }
  const std::string path = ::testing::TempDir() + "escalint-serve-token";
  std::ofstream(path) << "  tok-123\n";
  ServeProcess p({"--port", "0", "--token-file", path, "--quiet", "--no-config"});
  const std::string port_text = p.wait_for(kListening, 15000ms);
  ASSERT_FALSE(port_text.empty()) << p.output();
  const auto port = static_cast<unsigned short>(std::stoi(port_text));
  EXPECT_EQ(post_json(port, "{\"text\": \"x\"}").status, 401);
  EXPECT_EQ(post_json(port, "{\"text\": \"x\"}", {{"Authorization", "Bearer tok-123"}}).status,
            200);
  ::kill(p.pid(), SIGINT);
  EXPECT_EQ(p.exit_status(5000ms), 0);
}

TEST(ServerProcess, BadFlagsAreUsageErrors) {
  ServeProcess p({"--port", "70000"});
  EXPECT_EQ(p.exit_status(10000ms), 2);
  ServeProcess q({"--no-such-flag"});
  EXPECT_EQ(q.exit_status(10000ms), 2);
}

}  // namespace
}  // namespace escalint
