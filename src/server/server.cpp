#include "server/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace escalint {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

class Session;

// What sessions share with the server. Sessions hold it by shared_ptr, so it outlives
// every session even when the io_context is torn down with handlers still queued.
struct Shared {
  const Api* api = nullptr;
  Metrics* metrics = nullptr;
  ServerOptions options;
  std::atomic<bool> stopping{false};
  std::atomic<int> active{0};  // connections counted against max_connections
  std::mutex mu;               // guards sessions and next_id
  std::map<std::uint64_t, std::weak_ptr<Session>> sessions;
  std::uint64_t next_id = 0;
  std::mutex log_mu;

  // "2026-11-23T23:40:01.123Z POST /v1/check 200 1234 3.21ms": never a body, never a query.
  void log(std::string_view method, std::string_view target, int status, std::size_t bytes,
           double seconds) {
    if (!options.access_log) return;
    std::string path(target.substr(0, target.find('?')).substr(0, 200));
    for (char& c : path) {
      if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f) c = '?';
    }
    if (path.empty()) path = "-";
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char line[512];
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(line, sizeof line, "%s.%03dZ %.*s %s %d %zu %.2fms\n", when, static_cast<int>(ms),
                  static_cast<int>(std::min<std::size_t>(method.size(), 16)), method.data(),
                  path.c_str(), status, bytes, seconds * 1000);
    std::lock_guard lock(log_mu);
    *options.access_log << line << std::flush;
  }
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `counted`: holds a place under max_connections (false for a connection refused with 503).
  Session(tcp::socket socket, std::shared_ptr<Shared> shared, bool counted)
      : stream_(std::move(socket)), shared_(std::move(shared)), counted_(counted) {
    if (counted_) shared_->metrics->connection_opened();
  }

  ~Session() {
    if (counted_) {
      shared_->active.fetch_sub(1);
      shared_->metrics->connection_closed();
      std::lock_guard lock(shared_->mu);
      shared_->sessions.erase(id_);
    }
  }

  void set_id(std::uint64_t id) { id_ = id; }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->counted_) {
        self->wait_request();
      } else {
        self->send_error(503, "too many connections; try again shortly", /*retry_after=*/true);
      }
    });
  }

  // Graceful shutdown: a connection waiting for its next request closes now; one with a
  // request under way finishes it and then closes.
  void shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->stream_.cancel();
    });
  }

 private:
  const ServerOptions& opt() const { return shared_->options; }

  void wait_request() {
    if (shared_->stopping) return close();
    if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
    idle_ = true;
    // A new connection must start its request within the header timeout; a kept-alive
    // one may wait the idle timeout for its next.
    stream_.expires_after(served_ == 0 ? std::min(opt().header_timeout, opt().idle_timeout)
                                       : opt().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->idle_ = false;
                              if (ec)
                                return self->close();  // idle timeout, shutdown or the client left
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    first_byte_ = Clock::now();
    parser_.emplace();
    parser_->header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(opt().max_header, UINT32_MAX)));
    parser_->body_limit(opt().max_body);
    stream_.expires_after(opt().header_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  // A read error: answer it when the client can still hear, then close.
  void on_read_error(beast::error_code ec, bool in_body) {
    if (ec == beast::error::timeout) {
      shared_->metrics->record_request(408, seconds_since(first_byte_));
      shared_->log(method_or_dash(), target_or_dash(), 408, 0, seconds_since(first_byte_));
      return close();  // the stream is already closed by its timer
    }
    if (ec == http::error::body_limit) {
      return send_error(413, "the body is larger than the " + std::to_string(opt().max_body) +
                                 "-byte limit (see --max-body)");
    }
    if (ec == http::error::header_limit) {
      return send_error(
          431, "the request header is larger than " + std::to_string(opt().max_header) + " bytes");
    }
    if (ec == http::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted ||
        ec == http::error::partial_message) {
      return close();
    }
    if (!in_body && ec.category() == http::make_error_code(http::error::bad_method).category()) {
      return send_error(400, "malformed HTTP request: " + ec.message());
    }
    close();
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec, false);
    const auto& req = parser_->get();
    method_ = std::string(req.method_string());
    target_ = std::string(req.target());
    if (const auto length = parser_->content_length(); length && *length > opt().max_body) {
      return send_error(413, "the body is larger than the " + std::to_string(opt().max_body) +
                                 "-byte limit (see --max-body)");
    }
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                     req.version());
      stream_.expires_after(opt().body_timeout);
      http::async_write(stream_, *cont,
                        [self = shared_from_this(), cont](beast::error_code ec, std::size_t) {
                          if (ec) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    stream_.expires_after(opt().body_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec) return on_read_error(ec, true);
    stream_.expires_never();
    started_ = Clock::now();
    const HttpRequest req = parser_->release();
    HttpResponse res;
    try {
      res = shared_->api->handle(req);
    } catch (const std::exception& e) {
      res = Api::error(500, "internal error", req.version());
      res.keep_alive(false);
      res.prepare_payload();
      std::fprintf(stderr, "escalint serve: internal error: %s\n", e.what());
    }
    if (shared_->stopping) res.keep_alive(false);
    write(std::move(res));
  }

  // Counted and logged when the response is ready (before it is sent), so a client that
  // has its answer also sees it in /metrics.
  void write(HttpResponse res) {
    res_ = std::move(res);
    const int status = static_cast<int>(res_.result_int());
    const double seconds = seconds_since(started_);
    shared_->metrics->record_request(status, seconds);
    shared_->log(method_or_dash(), target_or_dash(), status, res_.body().size(), seconds);
    stream_.expires_after(opt().body_timeout);  // a client that will not read cannot hold us either
    http::async_write(
        stream_, res_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    const bool keep = res_.keep_alive() && !ec;
    res_ = {};
    if (ec) return close();
    if (!keep) {
      if (unread_) return linger_close();
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      return close();
    }
    ++served_;
    method_.clear();
    target_.clear();
    wait_request();
  }

  // For a request not read to its end: the connection closes after the answer.
  void send_error(int status, const std::string& message, bool retry_after = false) {
    started_ = Clock::now();
    unread_ = true;
    HttpResponse res = Api::error(status, message);
    if (retry_after) res.set(http::field::retry_after, "1");
    res.keep_alive(false);
    res.prepare_payload();
    write(std::move(res));
  }

  // Half-close, then read and discard what the client still sends (briefly), so the
  // response is not lost to a reset when unread request bytes are pending.
  void linger_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    buffer_.clear();
    stream_.expires_after(std::chrono::seconds(1));
    drain(0);
  }

  void drain(std::size_t drained) {
    if (drained > opt().max_body + (1 << 16)) return close();
    stream_.async_read_some(buffer_.prepare(16384), [self = shared_from_this(), drained](
                                                        beast::error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->drain(drained + n);
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().close(ec);
  }

  std::string_view method_or_dash() const {
    return method_.empty() ? std::string_view("-") : method_;
  }
  std::string_view target_or_dash() const {
    return target_.empty() ? std::string_view("-") : target_;
  }
  static double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
  }

  beast::tcp_stream stream_;
  std::shared_ptr<Shared> shared_;
  bool counted_;
  std::uint64_t id_ = 0;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpResponse res_;
  bool idle_ = false;
  bool unread_ = false;       // request bytes may be left unread: linger before closing
  std::uint64_t served_ = 0;  // requests answered on this connection
  std::string method_, target_;
  Clock::time_point first_byte_ = Clock::now(), started_ = Clock::now();
};

}  // namespace

struct Server::Impl {
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  asio::io_context io;
  // The acceptor, the signals and stop()'s work run on one strand: several threads run io.
  asio::strand<asio::io_context::executor_type> strand{io.get_executor()};
  tcp::acceptor acceptor{strand};
  asio::signal_set signals{strand};
  asio::steady_timer accept_retry{strand};
  tcp::endpoint bound;

  std::mutex watchdog_mu;
  std::condition_variable watchdog_cv;
  bool finished = false;
  std::thread watchdog;

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (ec) {
        // Out of file descriptors and the like: pause rather than spin.
        accept_retry.expires_after(std::chrono::milliseconds(100));
        accept_retry.async_wait([this](beast::error_code e) {
          if (!e && acceptor.is_open()) accept();
        });
        return;
      }
      const bool room = shared->active.fetch_add(1) < shared->options.max_connections;
      if (!room) {
        shared->active.fetch_sub(1);
        shared->metrics->connection_rejected();
      }
      auto session = std::make_shared<Session>(std::move(socket), shared, room);
      if (room) {
        std::lock_guard lock(shared->mu);
        const std::uint64_t id = ++shared->next_id;
        session->set_id(id);
        shared->sessions.emplace(id, session);
      }
      session->start();
      accept();
    });
  }

  void stop() {
    if (shared->stopping.exchange(true)) return;
    watchdog = std::thread([this] {
      std::unique_lock lock(watchdog_mu);
      if (!watchdog_cv.wait_for(lock, shared->options.shutdown_grace, [&] { return finished; }))
        io.stop();
    });
    asio::post(strand, [this] {
      beast::error_code ec;
      acceptor.close(ec);
      signals.clear(ec);  // a second signal now takes the default action
      accept_retry.cancel();
      std::vector<std::shared_ptr<Session>> live;
      {
        std::lock_guard lock(shared->mu);
        for (auto& [id, weak] : shared->sessions) {
          if (auto s = weak.lock()) live.push_back(std::move(s));
        }
      }
      for (auto& s : live) s->shutdown();
    });
  }
};

Server::Server(const Api& api, Metrics& metrics, ServerOptions options)
    : impl_(std::make_shared<Impl>()) {
  Shared& s = *impl_->shared;
  s.api = &api;
  s.metrics = &metrics;
  s.options = std::move(options);
  const tcp::endpoint endpoint(asio::ip::make_address(s.options.host), s.options.port);
  tcp::acceptor& a = impl_->acceptor;
  a.open(endpoint.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(endpoint);
  a.listen(asio::socket_base::max_listen_connections);
  impl_->bound = a.local_endpoint();
  if (s.options.handle_signals) {
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGTERM);
    impl_->signals.async_wait([impl = impl_.get()](beast::error_code ec, int) {
      if (!ec) impl->stop();
    });
  }
  impl_->accept();
}

Server::~Server() {
  {
    std::lock_guard lock(impl_->watchdog_mu);
    impl_->finished = true;
  }
  impl_->watchdog_cv.notify_all();
  if (impl_->watchdog.joinable()) impl_->watchdog.join();
}

unsigned short Server::port() const {
  return impl_->bound.port();
}

std::string Server::address() const {
  return impl_->bound.address().to_string();
}

void Server::run() {
  int n = impl_->shared->options.threads;
  if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (int i = 1; i < n; ++i) workers.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (std::thread& t : workers) t.join();
  {
    std::lock_guard lock(impl_->watchdog_mu);
    impl_->finished = true;
  }
  impl_->watchdog_cv.notify_all();
  if (impl_->watchdog.joinable()) impl_->watchdog.join();
}

void Server::stop() {
  impl_->stop();
}

}  // namespace escalint
