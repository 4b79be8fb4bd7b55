// The HTTP API of `escalint serve`, independent of sockets: one request in, one
// response out. The transport (server.h) handles connections, limits on size and
// time, and shutdown; this file decides what each request means.
//
//   POST /v1/check   {"text", "subject"?, "language"?, "format"?: "text"|"eml", "rules"?:
//                     {"enable": [...], "disable": [...]}}  ->  the draft object of
//                     `check --format json` (source "request"), plus checklist_items
//                     and language_name. Spans carry UTF-16 offsets into the NFC form
//                     of "text" (or "subject"; see each finding's "field"). With "eml",
//                     "text" is a whole MIME message; spans are then in its decoded
//                     text part when a finding has "part": "body".
//   GET  /v1/rules   rule ids, levels, titles, guidance, per-language availability
//   GET  /healthz    {"status": "ok", ...}
//   GET  /metrics    Prometheus text
//   GET  /           the web page; GET /<file> its static files (embedded)
//
// Errors are JSON {"status": <code>, "error": "<what is wrong>"}. A bearer token, when
// configured, guards /v1/* and /metrics (the page and /healthz stay open). CORS
// headers are added only for origins on the allow-list; preflights from others get 403.
#pragma once

#include <boost/beast/http.hpp>

#include <string>
#include <vector>

#include "server/linter_set.h"
#include "server/metrics.h"

namespace escalint {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

struct ApiOptions {
  std::string token;  // required as "Authorization: Bearer <token>"; empty: none
  std::vector<std::string> allow_origins;  // exact origins ("https://portal.example"), or "*"
};

class Api {
 public:
  Api(LinterSet& linters, Metrics& metrics, ApiOptions options);

  // Thread-safe.
  HttpResponse handle(const HttpRequest& request) const;

  // A JSON error response, as every endpoint and the transport write them.
  static HttpResponse error(int status, const std::string& message, unsigned version = 11);

 private:
  HttpResponse route(const HttpRequest& request) const;
  HttpResponse check(const HttpRequest& request) const;
  HttpResponse rules(const HttpRequest& request) const;
  HttpResponse health(const HttpRequest& request) const;
  HttpResponse static_file(const HttpRequest& request, const std::string& path) const;
  HttpResponse preflight(const HttpRequest& request) const;
  bool origin_allowed(const std::string& origin) const;
  bool authorized(const HttpRequest& request) const;

  LinterSet& linters_;
  Metrics& metrics_;
  ApiOptions options_;
};

}  // namespace escalint
