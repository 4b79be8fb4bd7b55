#include "server/api.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <functional>

#include "input/mime_reader.h"
#include "report/json_renderer.h"
#include "server/static_files.h"
#include "text/ascii.h"

namespace escalint {

namespace json = boost::json;

namespace {

constexpr const char* kServerName = "escalint/0.1.0";

std::string trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const std::size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

HttpResponse make_response(http::status status, unsigned version, std::string body,
                           std::string_view type) {
  HttpResponse res{status, version};
  res.set(http::field::server, kServerName);
  res.set(http::field::content_type, type);
  res.set("X-Content-Type-Options", "nosniff");
  res.body() = std::move(body);
  return res;
}

HttpResponse json_response(const json::value& v, unsigned version,
                           http::status status = http::status::ok) {
  HttpResponse res = make_response(status, version, json::serialize(v) + "\n", "application/json");
  res.set(http::field::cache_control, "no-store");
  return res;
}

const char* json_kind(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "something else";
}

// Compares the bearer token in time that depends on the lengths only, not on where the
// first difference is.
bool same_secret(std::string_view given, std::string_view secret) {
  if (secret.empty()) return false;
  unsigned char diff = given.size() == secret.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i) {
    diff |= static_cast<unsigned char>(given[i] ^ secret[i % secret.size()]);
  }
  return diff == 0;
}

// Reads {"enable": [...], "disable": [...]}; returns an error message or "".
std::string read_rule_list(const json::object& rules, const char* key, std::set<std::string>* out) {
  const json::value* v = rules.if_contains(key);
  if (!v) return {};
  auto add = [&](const json::value& item) -> std::string {
    if (!item.is_string())
      return std::string("\"rules.") + key + "\" must list rule ids as strings";
    out->insert(std::string(item.get_string()));
    return {};
  };
  if (v->is_string()) return add(*v);
  if (!v->is_array())
    return std::string("\"rules.") + key + "\" must be an array of rule ids, not " + json_kind(*v);
  for (const json::value& item : v->get_array()) {
    if (std::string e = add(item); !e.empty()) return e;
  }
  return {};
}

}  // namespace

Api::Api(LinterSet& linters, Metrics& metrics, ApiOptions options)
    : linters_(linters), metrics_(metrics), options_(std::move(options)) {}

HttpResponse Api::error(int status, const std::string& message, unsigned version) {
  json::object o{{"status", status}, {"error", message}};
  return json_response(o, version, static_cast<http::status>(status));
}

bool Api::origin_allowed(const std::string& origin) const {
  return std::any_of(options_.allow_origins.begin(), options_.allow_origins.end(),
                     [&](const std::string& o) { return o == "*" || o == origin; });
}

bool Api::authorized(const HttpRequest& req) const {
  if (options_.token.empty()) return true;
  const std::string_view auth = req[http::field::authorization];
  constexpr std::string_view kBearer = "bearer ";
  if (auth.size() <= kBearer.size() || ascii_lower(auth.substr(0, kBearer.size())) != kBearer)
    return false;
  return same_secret(trim(auth.substr(kBearer.size())), options_.token);
}

HttpResponse Api::handle(const HttpRequest& req) const {
  HttpResponse res = route(req);
  const std::string origin(req[http::field::origin]);
  if (!origin.empty() && origin_allowed(origin) &&
      res.find(http::field::access_control_allow_origin) == res.end()) {
    res.set(http::field::access_control_allow_origin, origin);
  }
  // With an allow-list, answers depend on Origin: caches must keep them apart.
  if (!options_.allow_origins.empty()) res.set(http::field::vary, "Origin");
  res.keep_alive(req.keep_alive());
  if (req.method() == http::verb::head) {
    const std::size_t n = res.body().size();
    res.body().clear();
    res.content_length(n);
  } else {
    res.prepare_payload();
  }
  return res;
}

HttpResponse Api::route(const HttpRequest& req) const {
  const std::string_view target = req.target();
  const std::string path(target.substr(0, target.find('?')));
  const http::verb method = req.method();
  const bool get = method == http::verb::get || method == http::verb::head;
  if (method == http::verb::options) return preflight(req);

  auto not_allowed = [&](const char* allow) {
    HttpResponse res = error(405,
                             "method " + std::string(req.method_string()) + " is not allowed on " +
                                 path + " (allowed: " + allow + ")",
                             req.version());
    res.set(http::field::allow, allow);
    return res;
  };
  auto unauthorized = [&] {
    HttpResponse res =
        error(401, "this endpoint needs \"Authorization: Bearer <token>\"", req.version());
    res.set(http::field::www_authenticate, "Bearer realm=\"escalint\"");
    return res;
  };

  if (path == "/v1/check") {
    if (method != http::verb::post) return not_allowed("POST, OPTIONS");
    if (!authorized(req)) return unauthorized();
    return check(req);
  }
  if (path == "/v1/rules") {
    if (!get) return not_allowed("GET, HEAD, OPTIONS");
    if (!authorized(req)) return unauthorized();
    return rules(req);
  }
  if (path == "/metrics") {
    if (!get) return not_allowed("GET, HEAD");
    if (!authorized(req)) return unauthorized();
    HttpResponse res = make_response(http::status::ok, req.version(), metrics_.render(),
                                     "text/plain; version=0.0.4; charset=utf-8");
    res.set(http::field::cache_control, "no-store");
    return res;
  }
  if (path == "/healthz") {
    if (!get) return not_allowed("GET, HEAD");
    return health(req);
  }
  if (get) return static_file(req, path == "/" ? "index.html" : path.substr(1));
  if (path == "/") return not_allowed("GET, HEAD");
  return error(404, "no such endpoint: " + path, req.version());
}

HttpResponse Api::preflight(const HttpRequest& req) const {
  const std::string origin(req[http::field::origin]);
  if (origin.empty()) {
    HttpResponse res = make_response(http::status::no_content, req.version(), "", "text/plain");
    res.set(http::field::allow, "GET, HEAD, POST, OPTIONS");
    return res;
  }
  if (!origin_allowed(origin)) {
    return error(403, "origin " + origin + " is not allowed (see --allow-origin)", req.version());
  }
  HttpResponse res = make_response(http::status::no_content, req.version(), "", "text/plain");
  res.set(http::field::access_control_allow_origin, origin);
  res.set(http::field::access_control_allow_methods, "GET, POST, OPTIONS");
  res.set(http::field::access_control_allow_headers, "Authorization, Content-Type");
  res.set(http::field::access_control_max_age, "600");
  res.set(http::field::vary, "Origin");
  return res;
}

HttpResponse Api::check(const HttpRequest& req) const {
  const unsigned v = req.version();
  // The media type must be JSON; parameters (charset) are allowed.
  const std::string type =
      ascii_lower(trim(std::string_view(req[http::field::content_type])
                           .substr(0, std::string_view(req[http::field::content_type]).find(';'))));
  if (type != "application/json") {
    return error(415,
                 type.empty()
                     ? "Content-Type is missing: send the draft as application/json"
                     : "Content-Type is '" + type + "': send the draft as application/json",
                 v);
  }
  json::error_code ec;
  json::parse_options popts;
  popts.max_depth = 16;
  const json::value body = json::parse(req.body(), ec, {}, popts);
  if (ec) return error(400, "malformed JSON: " + ec.message(), v);
  if (!body.is_object())
    return error(400, std::string("the body must be a JSON object, not ") + json_kind(body), v);
  const json::object& o = body.get_object();

  const json::value* text = o.if_contains("text");
  if (!text) return error(400, "\"text\" is missing: send the draft's message as a string", v);
  if (!text->is_string())
    return error(400, std::string("\"text\" must be a string, not ") + json_kind(*text), v);
  Draft draft;
  draft.source = "request";
  draft.body = std::string(text->get_string());
  if (const json::value* s = o.if_contains("subject"); s && !s->is_null()) {
    if (!s->is_string())
      return error(400, std::string("\"subject\" must be a string, not ") + json_kind(*s), v);
    draft.subject = std::string(s->get_string());
  }
  if (const json::value* f = o.if_contains("format"); f && !f->is_null()) {
    if (!f->is_string())
      return error(400, std::string("\"format\" must be a string, not ") + json_kind(*f), v);
    const std::string_view format = f->get_string();
    if (format == "eml") {
      // "text" is a whole MIME message: its subject, text part and Content-Language.
      MimeMessage message;
      std::string problem;
      if (!read_mime_message(draft.source, draft.body, {}, &message, &problem)) {
        return error(400, "\"text\" is not a readable MIME message: " + problem, v);
      }
      message.draft.source = draft.source;
      if (!message.message_id.empty()) message.draft.id = message.message_id;
      if (!draft.subject.empty()) message.draft.subject = draft.subject;
      draft = std::move(message.draft);
    } else if (format != "text") {
      return error(400, "\"format\" must be \"text\" or \"eml\", not '" + std::string(format) + "'",
                   v);
    }
  }
  RequestOptions ro;
  if (const json::value* l = o.if_contains("language"); l && !l->is_null()) {
    if (!l->is_string())
      return error(400, std::string("\"language\" must be a string, not ") + json_kind(*l), v);
    ro.language = std::string(l->get_string());
  }
  if (const json::value* r = o.if_contains("rules"); r && !r->is_null()) {
    if (!r->is_object())
      return error(400, std::string("\"rules\" must be an object, not ") + json_kind(*r), v);
    for (const char* key : {"enable", "disable"}) {
      if (std::string e =
              read_rule_list(r->get_object(), key, key[0] == 'e' ? &ro.enable : &ro.disable);
          !e.empty()) {
        return error(400, e, v);
      }
    }
  }
  std::string problem;
  const std::shared_ptr<const Linter> linter = linters_.get(ro, &problem);
  if (!linter) return error(400, problem, v);

  const DraftResult result = linter->check(draft);
  std::vector<std::string> rules;
  for (const Finding& f : result.findings) rules.push_back(f.rule);
  metrics_.record_draft(result.language, rules);

  json::object d = draft_to_json(result);
  json::array items;
  for (const CheckItem& c : result.checklist)
    items.push_back(json::object{{"id", c.id}, {"label", c.label}, {"ok", c.ok}});
  d["checklist_items"] = std::move(items);
  const auto lang = linter->pack().languages.find(result.language);
  if (lang != linter->pack().languages.end()) d["language_name"] = lang->second.name;
  return json_response(d, v);
}

HttpResponse Api::rules(const HttpRequest& req) const {
  const Linter& base = linters_.base();
  const RulePack& pack = base.pack();
  json::array rules;
  for (const Rule& r : pack.rules) {
    json::object o;
    o["id"] = r.id;
    o["kind"] = rule_kind_name(r.kind);
    const auto level = base.options().levels.find(r.id);
    o["level"] = level_name(level != base.options().levels.end() ? level->second : r.level);
    o["enabled"] = base.enabled(r);
    o["check"] = r.check;
    o["weight"] = r.weight;
    json::array langs;
    json::object words;
    for (const auto& [code, w] : r.languages) {
      langs.push_back(json::string(code));
      words[code] = json::object{{"title", w.title}, {"why", w.why}, {"hint", w.hint}};
    }
    o["languages"] = std::move(langs);
    o["guidance"] = std::move(words);
    rules.push_back(std::move(o));
  }
  json::object languages;
  for (const auto& [code, data] : pack.languages)
    languages[code] = json::object{{"name", data.name}};
  return json_response(
      json::object{{"rules", std::move(rules)}, {"languages", std::move(languages)}},
      req.version());
}

HttpResponse Api::health(const HttpRequest& req) const {
  json::array langs;
  for (const std::string& l : linters_.base().languages()) langs.push_back(json::string(l));
  return json_response(
      json::object{{"status", "ok"}, {"version", "0.1.0"}, {"languages", std::move(langs)}},
      req.version());
}

HttpResponse Api::static_file(const HttpRequest& req, const std::string& path) const {
  const auto& files = embedded_static_files();
  const auto it = std::find_if(files.begin(), files.end(),
                               [&](const EmbeddedFile& f) { return f.path == path; });
  if (it == files.end()) return error(404, "no such page or endpoint: /" + path, req.version());
  const std::string etag =
      "\"" + std::to_string(std::hash<std::string_view>{}(it->contents)) + "\"";
  if (req[http::field::if_none_match] == etag) {
    HttpResponse res =
        make_response(http::status::not_modified, req.version(), "", content_type_for(path));
    res.set(http::field::etag, etag);
    return res;
  }
  HttpResponse res = make_response(http::status::ok, req.version(), std::string(it->contents),
                                   content_type_for(path));
  res.set(http::field::etag, etag);
  res.set(http::field::cache_control, "no-cache");
  if (path == "index.html") {
    res.set("Content-Security-Policy",
            "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; "
            "frame-ancestors 'self'");
    res.set("Referrer-Policy", "no-referrer");
  }
  return res;
}

std::string_view content_type_for(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".json")) return "application/json";
  if (ends(".txt") || ends(".md")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace escalint
