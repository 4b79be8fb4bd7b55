// The transport of `escalint serve`: HTTP/1.1 with keep-alive on Boost.Beast, a fixed
// pool of threads running one io_context, and the limits that keep a slow or hostile
// client from holding the service:
//
//   max_body         a larger body (declared or streamed) gets 413 and the connection closes
//   max_header       a larger request header gets 431 and the connection closes
//   header_timeout   from a request's first byte (or the connection's opening) to its
//                    complete header; then closed
//   body_timeout     to receive the body after the header; then closed
//   idle_timeout     a keep-alive connection with no new request is closed
//   max_connections  connections beyond it get 503 (Retry-After) and are closed
//
// Connections are served asynchronously, so a waiting client holds no thread; a
// thread is busy only while a request is being checked. stop() is graceful: stop
// accepting, close idle connections, let requests already begun finish (their
// responses say "Connection: close"), then run() returns; after `shutdown_grace`
// whatever is left is cut off.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include "server/api.h"

namespace escalint {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  unsigned short port = 8080;      // 0: any free port (see Server::port())
  int threads = 0;                 // 0: one per core
  std::size_t max_body = 1 << 20;
  std::size_t max_header = 16 << 10;
  int max_connections = 512;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  bool handle_signals = false;         // SIGTERM and SIGINT call stop()
  std::ostream* access_log = nullptr;  // one line per request; never draft text
};

class Server {
 public:
  // Binds and listens; throws boost::system::system_error when it cannot.
  Server(const Api& api, Metrics& metrics, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  unsigned short port() const;  // the bound port
  std::string address() const;  // the bound address

  // Serves on options.threads threads (the caller's among them) until stop() has
  // drained every connection.
  void run();
  // Graceful shutdown; thread-safe, idempotent, callable before or during run().
  void stop();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace escalint
