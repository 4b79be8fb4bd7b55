// escalint serve: the limits (body size, timeouts, connection cap) and graceful
// shutdown. Timeouts are set to a few hundred milliseconds so the suite stays fast;
// every wait in the client is bounded.
#include "server_test_support.h"

namespace escalint {
namespace {

using namespace server_testing;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

TEST(ServerLimits, DeclaredBodyOverTheCapIs413) {
  ServerOptions o;
  o.max_body = 1000;
  TestServer s(o);
  Conn c(s.port());
  const std::string big = "{\"text\": \"" + std::string(2000, 'a') + "\"}";
  c.send(request("POST", "/v1/check", big, {{"Content-Type", "application/json"}}));
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("1000-byte limit"), std::string::npos) << r->body;
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(c.closed_within(2000ms));
  // Just under the cap is fine.
  const std::string small = "{\"text\": \"" + std::string(900, 'a') + "\"}";
  EXPECT_EQ(post_json(s.port(), small).status, 200);
}

TEST(ServerLimits, ChunkedBodyOverTheCapIs413) {
  ServerOptions o;
  o.max_body = 1000;
  TestServer s(o);
  Conn c(s.port());
  std::string req =
      "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: "
      "chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) req += "190\r\n" + std::string(400, 'a') + "\r\n";
  req += "0\r\n\r\n";
  c.send(req);
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST(ServerLimits, ExpectContinueGets100ThenTheAnswer) {
  TestServer s;
  Conn c(s.port());
  const std::string body = "{\"text\": \"hello\"}";
  c.send(
      "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: "
      "100-continue\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  const auto cont = c.read_response(2000ms, /*skip_continue=*/false);
  ASSERT_TRUE(cont);
  EXPECT_EQ(cont->status, 100);
  c.send(body);
  const auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(ServerLimits, OversizedHeaderIs431) {
  ServerOptions o;
  o.max_header = 2048;
  TestServer s(o);
  const Response r = call(s.port(), "GET", "/healthz", "", {{"X-Big", std::string(4000, 'b')}});
  EXPECT_EQ(r.status, 431);
}

TEST(ServerLimits, MalformedRequestLineIs400) {
  TestServer s;
  Conn c(s.port());
  c.send("GARBAGE\x01 / HTTP/1.1\r\n\r\n");
  const auto r = c.read_response(2000ms);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

// A client that sends half a header and stalls is cut off at the header timeout, and
// does not hold the only worker thread meanwhile.
TEST(ServerLimits, SlowHeaderIsTimedOutWithoutHoldingAWorker) {
  ServerOptions o;
  o.threads = 1;
  o.header_timeout = 1500ms;
  TestServer s(o);
  Conn slow(s.port());
  const auto start = Clock::now();
  slow.send("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Ty");
  // Others are served while it stalls: well before its timeout would free the worker
  // (wide margins, so a slow sanitizer build on a busy machine cannot fail it).
  const auto fast_start = Clock::now();
  EXPECT_EQ(call(s.port(), "GET", "/healthz").status, 200);
  EXPECT_LT(seconds_since(fast_start), 1.0);
  EXPECT_TRUE(slow.closed_within(6000ms));
  EXPECT_GE(seconds_since(start), 1.4);
  // Counted as a 408 (the server closes first, then counts: allow it a moment).
  bool counted = false;
  for (int i = 0; i < 100 && !counted; ++i) {
    counted = s.metrics().render().find("escalint_http_requests_total{status=\"408\"} 1") !=
              std::string::npos;
    if (!counted) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(counted);
}

TEST(ServerLimits, SlowBodyIsTimedOut) {
  ServerOptions o;
  o.body_timeout = 300ms;
  TestServer s(o);
  Conn slow(s.port());
  const auto start = Clock::now();
  slow.send(
      "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
      "100\r\n\r\n{\"te");
  EXPECT_TRUE(slow.closed_within(3000ms));
  EXPECT_GE(seconds_since(start), 0.25);
}

TEST(ServerLimits, IdleKeepAliveConnectionIsClosed) {
  ServerOptions o;
  o.idle_timeout = 300ms;
  TestServer s(o);
  Conn c(s.port());
  c.send(request("GET", "/healthz"));
  ASSERT_TRUE(c.read_response());
  const auto start = Clock::now();
  EXPECT_TRUE(c.closed_within(3000ms));
  EXPECT_GE(seconds_since(start), 0.25);
}

TEST(ServerLimits, ConnectionThatNeverSendsIsClosedAtTheHeaderTimeout) {
  ServerOptions o;
  o.header_timeout = 300ms;  // the idle timeout (60 s) is for kept-alive connections
  TestServer s(o);
  Conn silent(s.port());
  const auto start = Clock::now();
  EXPECT_TRUE(silent.closed_within(3000ms));
  EXPECT_GE(seconds_since(start), 0.25);
}

TEST(ServerLimits, ConnectionsOverTheCapGet503AndAreClosed) {
  ServerOptions o;
  o.max_connections = 2;
  TestServer s(o);
  auto a = std::make_unique<Conn>(s.port());
  Conn b(s.port());
  // Both are accepted (and counted) once each has been answered.
  a->send(request("GET", "/healthz"));
  b.send(request("GET", "/healthz"));
  ASSERT_TRUE(a->read_response());
  ASSERT_TRUE(b.read_response());
  Conn c(s.port());
  const auto r = c.read_response(2000ms);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->header("retry-after"), "1");
  EXPECT_TRUE(c.closed_within(2000ms));
  EXPECT_NE(s.metrics().render().find("escalint_connections_rejected_total 1"), std::string::npos);
  // A place frees when a connection closes.
  a.reset();
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    Conn d(s.port());
    d.send(request("GET", "/healthz", {}, {}, true));
    const auto rd = d.read_response(1000ms);
    served = rd && rd->status == 200;
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

// stop() (what SIGTERM calls): no new connections, idle ones closed, a request already
// begun is finished and answered with Connection: close, then run() returns.
TEST(ServerLimits, GracefulShutdownFinishesTheRequestInFlight) {
  TestServer s;
  Conn idle(s.port());
  idle.send(request("GET", "/healthz"));
  ASSERT_TRUE(idle.read_response());

  Conn busy(s.port());
  const std::string body = "{\"text\": \"Checkout fails with error 502 since 3 March.\"}";
  busy.send(
      "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
  std::this_thread::sleep_for(100ms);  // the server has the header and part of the body
  s.server().stop();

  EXPECT_TRUE(idle.closed_within(2000ms));
  bool refused = false;
  for (int i = 0; i < 100 && !refused; ++i) {
    Conn probe(s.port());
    refused = !probe.connected();
    if (!refused) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(refused) << "still accepting after stop()";
  EXPECT_FALSE(s.wait_stopped(100ms)) << "stopped before the request in flight finished";

  busy.send(body.substr(10));
  const auto r = busy.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(s.wait_stopped(3000ms));
}

TEST(ServerLimits, ShutdownGraceCutsOffWhatIsLeft) {
  ServerOptions o;
  o.shutdown_grace = 200ms;
  TestServer s(o);
  Conn stalled(s.port());
  stalled.send("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
  std::this_thread::sleep_for(50ms);
  const auto start = Clock::now();
  s.server().stop();
  EXPECT_TRUE(s.wait_stopped(3000ms));
  EXPECT_LT(seconds_since(start), 2.0);
}

}  // namespace
}  // namespace escalint
