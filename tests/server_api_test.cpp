// escalint serve: each endpoint over a real loopback connection (in-process server).
#include <boost/json.hpp>

#include <sstream>

#include "server_test_support.h"

namespace escalint {
namespace {

using namespace server_testing;
namespace json = boost::json;

json::object body_json(const Response& r) {
  json::error_code ec;
  json::value v = json::parse(r.body, ec);
  EXPECT_FALSE(ec) << r.body;
  return v.is_object() ? v.get_object() : json::object{};
}

const json::object* finding(const json::object& draft, const std::string& rule) {
  for (const json::value& f : draft.at("findings").get_array()) {
    if (f.at("rule").get_string() == rule) return &f.get_object();
  }
  return nullptr;
}

std::string str(const json::value& v) {
  return std::string(v.get_string());
}

// The byte offset in UTF-8 `text` of UTF-16 unit `units` (what a browser's
// String.prototype.substring counts).
std::size_t byte_at_utf16(const std::string& text, std::size_t units) {
  std::size_t b = 0, u = 0;
  while (b < text.size() && u < units) {
    const auto c = static_cast<unsigned char>(text[b]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    u += len == 4 ? 2 : 1;
    b += len;
  }
  return b;
}

std::size_t utf16_length(const std::string& text) {
  std::size_t u = 0;
  for (std::size_t b = 0; b < text.size(); ++b) {
    const auto c = static_cast<unsigned char>(text[b]);
    if ((c & 0xC0) != 0x80) u += c >= 0xF0 ? 2 : 1;
  }
  return u;
}

// A JSON string literal for `text` (escapes quotes, backslashes and newlines).
std::string quoted(const std::string& text) {
  return json::serialize(json::string(text));
}

constexpr const char* kNoPartner =
    "Subject: Checkout broken\n\nOur checkout on Adobe Commerce 2.4.6 fails with error 502 on "
    "order 100045821 "
    "since 3 March. According to section 4.2 of the statement of work the payment integration was "
    "due on 1 March.";

TEST(ServerApi, HealthzSaysOk) {
  TestServer s;
  const Response r = call(s.port(), "GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(str(body_json(r).at("status")), "ok");
  EXPECT_EQ(r.header("content-type"), "application/json");
}

TEST(ServerApi, CheckReturnsTheDraftObjectWithChecklistAndScore) {
  TestServer s;
  const Response r = post_json(s.port(), "{\"text\": " + quoted(kNoPartner) + "}");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object d = body_json(r);
  EXPECT_EQ(str(d.at("source")), "request");
  EXPECT_EQ(str(d.at("language")), "en");
  const json::object* partner = finding(d, "partner-contact");
  ASSERT_NE(partner, nullptr) << r.body;
  EXPECT_EQ(str(partner->at("status")), "missing");
  EXPECT_FALSE(str(partner->at("hint")).empty());
  EXPECT_FALSE(d.at("checklist").at("partner").get_bool());
  EXPECT_TRUE(d.at("score").is_int64());
  EXPECT_LT(d.at("score").get_int64(), 100);
  EXPECT_EQ(d.at("checklist_items").get_array().size(), 4u);
  EXPECT_EQ(str(d.at("language_name")), "English");
}

TEST(ServerApi, SubjectIsCheckedAsItsOwnField) {
  TestServer s;
  const Response r = post_json(
      s.port(), "{\"subject\": \"Checkout broken\", \"text\": " + quoted(kNoPartner) + "}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(body_json(r).at("subject")), "Checkout broken");
}

// The UTF-16 offsets are what a browser needs: text.substring(off, off + len) must be
// the span the byte offsets name, even after emoji (two UTF-16 units, four bytes) and
// Swedish letters (one unit, two bytes).
TEST(ServerApi, SpansCarryUtf16OffsetsPastEmojiAndSwedishLetters) {
  TestServer s;
  const std::string text =
      "Hej, kassan är trasig igen \xF0\x9F\x98\xA1. Vi har inte kontaktat byrån än.";
  const Response r = post_json(s.port(), "{\"language\": \"sv\", \"text\": " + quoted(text) + "}");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object d = body_json(r);
  const json::object* denied = finding(d, "partner-contact");
  ASSERT_NE(denied, nullptr) << r.body;
  EXPECT_EQ(str(denied->at("status")), "denied");
  EXPECT_EQ(str(denied->at("field")), "body");
  const auto u16_off = static_cast<std::size_t>(denied->at("utf16_offset").as_int64());
  const auto u16_len = static_cast<std::size_t>(denied->at("utf16_length").as_int64());
  const auto b_off = static_cast<std::size_t>(denied->at("byte_offset").as_int64());
  const auto b_len = static_cast<std::size_t>(denied->at("byte_length").as_int64());

  ASSERT_LE(u16_off + u16_len, utf16_length(text));
  const std::size_t from = byte_at_utf16(text, u16_off),
                    to = byte_at_utf16(text, u16_off + u16_len);
  const std::string by_utf16 = text.substr(from, to - from);
  EXPECT_EQ(by_utf16, text.substr(b_off, b_len));
  EXPECT_NE(by_utf16.find("inte kontaktat"), std::string::npos) << by_utf16;
  // "Hej, kassan är trasig igen 😡. " is 31 UTF-16 units and 34 bytes.
  EXPECT_EQ(u16_off, 31u);
  EXPECT_EQ(b_off, 34u);
  EXPECT_LT(u16_len, b_len);  // å and ä are one unit, two bytes
}

TEST(ServerApi, RequestRulesDisableAndEnable) {
  TestServer s;
  const Response off = post_json(
      s.port(), "{\"text\": " + quoted(kNoPartner) +
                    ", \"rules\": {\"disable\": [\"partner-contact\", \"partner-response\"]}}");
  ASSERT_EQ(off.status, 200) << off.body;
  const json::object d = body_json(off);
  EXPECT_EQ(finding(d, "partner-contact"), nullptr);
  EXPECT_FALSE(d.at("checklist").get_object().contains("partner"));  // no rule of it ran
  const Response on = post_json(
      s.port(),
      "{\"text\": " + quoted(kNoPartner) +
          ", \"rules\": {\"disable\": [\"partner-contact\"], \"enable\": [\"partner-contact\"]}}");
  ASSERT_EQ(on.status, 200);
  EXPECT_NE(finding(body_json(on), "partner-contact"), nullptr);
}

TEST(ServerApi, PerRequestLintersAreCachedWithinABound) {
  LinterSet linters(builtin_rule_pack(), LintOptions{}, /*capacity=*/2,
                    /*compile_now=*/false);
  std::string error;
  EXPECT_EQ(linters.get({}, &error).get(), &linters.base());
  const auto a = linters.get({"", {}, {"vague-language"}}, &error);
  EXPECT_EQ(linters.get({"", {}, {"vague-language"}}, &error), a);  // the same option set: reused
  linters.get({"sv", {}, {}}, &error);
  linters.get({"en", {}, {}}, &error);
  EXPECT_EQ(linters.cached(), 2u);
  EXPECT_NE(linters.get({"", {}, {"vague-language"}}, &error), a);   // evicted, built anew
  EXPECT_FALSE(a->enabled(*a->pack().find_rule("vague-language")));  // still usable
  EXPECT_EQ(linters.get({"", {}, {"nope"}}, &error), nullptr);
  EXPECT_NE(error.find("nope"), std::string::npos);
}

// Many connections checking at once share the one Linter (run under ASan in CI).
TEST(ServerApi, ConcurrentChecksAllSucceed) {
  ServerOptions o;
  o.threads = 4;
  TestServer s(o);
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 6; ++t) {
    clients.emplace_back([&, t] {
      Conn c(s.port());
      for (int i = 0; i < 8; ++i) {
        const std::string text = t % 2 ? "Kassan är nere sedan måndag, order " + std::to_string(i)
                                       : "Checkout fails since Monday, order " + std::to_string(i);
        c.send(request("POST", "/v1/check", "{\"text\": " + quoted(text) + "}",
                       {{"Content-Type", "application/json"}}));
        const auto r = c.read_response(10000ms);
        if (r && r->status == 200) ++ok;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ok.load(), 48);
  EXPECT_NE(s.metrics().render().find("escalint_http_requests_total{status=\"200\"} 48"),
            std::string::npos);
}

TEST(ServerApi, UnknownRuleOrLanguageIs400) {
  TestServer s;
  Response r =
      post_json(s.port(), "{\"text\": \"x\", \"rules\": {\"disable\": [\"no-such-rule\"]}}");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("no-such-rule"), std::string::npos) << r.body;
  r = post_json(s.port(), "{\"text\": \"x\", \"language\": \"xx\"}");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("'xx'"), std::string::npos) << r.body;
  r = post_json(s.port(), "{\"text\": \"x\", \"rules\": {\"disable\": 3}}");
  EXPECT_EQ(r.status, 400);
}

TEST(ServerApi, FormatEmlReadsAMimeMessage) {
  TestServer s;
  const std::string eml =
      "From: Anna <anna@shop.example>\r\nTo: team@vendor.example\r\nSubject: "
      "=?UTF-8?Q?Kassan_=C3=A4r_nere?=\r\n"
      "Message-ID: <m1@shop.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
      "charset=utf-8\r\n"
      "Content-Language: sv\r\n\r\nHej! Kassan har varit nere sedan i m\xC3\xA5ndags. Vi har inte "
      "kontaktat byr\xC3\xA5n \xC3\xA4n.\r\n";
  Response r = post_json(s.port(), "{\"format\": \"eml\", \"text\": " + quoted(eml) + "}");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object d = body_json(r);
  EXPECT_EQ(str(d.at("subject")), "Kassan \xC3\xA4r nere");
  EXPECT_EQ(str(d.at("language")), "sv");
  EXPECT_EQ(str(d.at("id")), "m1@shop.example");
  const json::object* denied = finding(d, "partner-contact");
  ASSERT_NE(denied, nullptr) << r.body;
  EXPECT_EQ(str(denied->at("status")), "denied");

  r = post_json(s.port(), "{\"text\": \"x\", \"format\": \"pdf\"}");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("not 'pdf'"), std::string::npos) << r.body;
  r = post_json(s.port(), "{\"text\": \"x\", \"format\": \"text\"}");
  EXPECT_EQ(r.status, 200);
}

TEST(ServerApi, BadJsonAndMissingTextAre400WithAMessage) {
  TestServer s;
  struct Case {
    std::string body, says;
  } cases[] = {{"{\"text\": ", "malformed JSON"},
               {"not json", "malformed JSON"},
               {"[1, 2]", "JSON object"},
               {"{\"subject\": \"x\"}", "\"text\" is missing"},
               {"{\"text\": 42}", "\"text\" must be a string, not a number"},
               {"{\"text\": null}", "\"text\" must be a string, not null"},
               {"{\"text\": \"x\", \"subject\": []}", "\"subject\" must be a string"}};
  for (const Case& c : cases) {
    const Response r = post_json(s.port(), c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    EXPECT_NE(str(body_json(r).at("error")).find(c.says), std::string::npos)
        << c.body << " -> " << r.body;
  }
}

TEST(ServerApi, EmptyTextIsCheckedNotRejected) {
  TestServer s;
  const Response r = post_json(s.port(), "{\"text\": \"\"}");
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(ServerApi, WrongContentTypeIs415) {
  TestServer s;
  Response r =
      call(s.port(), "POST", "/v1/check", "{\"text\": \"x\"}", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 415);
  EXPECT_NE(r.body.find("application/json"), std::string::npos);
  r = call(s.port(), "POST", "/v1/check", "{\"text\": \"x\"}");
  EXPECT_EQ(r.status, 415);
  r = call(s.port(), "POST", "/v1/check", "{\"text\": \"x\"}",
           {{"Content-Type", "Application/JSON; charset=utf-8"}});
  EXPECT_EQ(r.status, 200);
}

TEST(ServerApi, UnknownPathIs404AndWrongMethodIs405) {
  TestServer s;
  EXPECT_EQ(call(s.port(), "GET", "/nope").status, 404);
  const Response r = call(s.port(), "GET", "/v1/check");
  EXPECT_EQ(r.status, 405);
  EXPECT_NE(r.header("allow").find("POST"), std::string::npos);
  EXPECT_EQ(call(s.port(), "DELETE", "/v1/rules").status, 405);
  EXPECT_EQ(call(s.port(), "POST", "/v1/nope", "{}").status, 404);
  EXPECT_EQ(call(s.port(), "POST", "/", "{}").status, 405);
}

TEST(ServerApi, RulesListsIdsLevelsGuidanceAndLanguages) {
  TestServer s;
  const Response r = call(s.port(), "GET", "/v1/rules");
  ASSERT_EQ(r.status, 200);
  const json::object o = body_json(r);
  bool seen = false;
  for (const json::value& v : o.at("rules").get_array()) {
    if (v.at("id").get_string() != "partner-contact") continue;
    seen = true;
    EXPECT_EQ(str(v.at("level")), "warning");
    // Every language the built-in pack has this rule in.
    EXPECT_EQ(v.at("languages").get_array().size(),
              builtin_rule_pack().find_rule("partner-contact")->languages.size());
    EXPECT_FALSE(str(v.at("guidance").at("sv").at("title")).empty());
    EXPECT_FALSE(str(v.at("guidance").at("en").at("why")).empty());
  }
  EXPECT_TRUE(seen);
  EXPECT_TRUE(o.at("languages").get_object().contains("sv"));
}

TEST(ServerApi, MetricsCountRequestsFindingsAndLanguages) {
  TestServer s;
  post_json(s.port(), "{\"text\": " + quoted(kNoPartner) + "}");
  call(s.port(), "GET", "/nope");
  const Response r = call(s.port(), "GET", "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-type").find("text/plain"), std::string::npos);
  for (const char* line :
       {"escalint_http_requests_total{status=\"200\"} 1",
        "escalint_http_requests_total{status=\"404\"} 1",
        "escalint_findings_total{rule=\"partner-contact\"} 1",
        "escalint_drafts_total{language=\"en\"} 1",
        "escalint_http_request_duration_seconds_bucket{le=\"+Inf\"} 2",
        "escalint_http_request_duration_seconds_count 2", "escalint_connections_active "}) {
    EXPECT_NE(r.body.find(line), std::string::npos) << line << "\n" << r.body;
  }
}

TEST(ServerApi, ServesThePageAndItsFiles) {
  TestServer s;
  Response r = call(s.port(), "GET", "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<textarea"), std::string::npos);
  EXPECT_FALSE(r.header("etag").empty());
  const Response again = call(s.port(), "GET", "/", "", {{"If-None-Match", r.header("etag")}});
  EXPECT_EQ(again.status, 304);
  for (const char* file : {"/escalint.js", "/app.js", "/app.css"}) {
    r = call(s.port(), "GET", file);
    EXPECT_EQ(r.status, 200) << file;
    EXPECT_FALSE(r.body.empty()) << file;
  }
  EXPECT_EQ(call(s.port(), "GET", "/escalint.js").header("content-type"),
            "text/javascript; charset=utf-8");
}

TEST(ServerApi, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestServer s;
  Conn c(s.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send(request("GET", "/healthz")));
    const auto r = c.read_response();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 200);
  }
  // Pipelined: two requests in one write, two answers in order.
  ASSERT_TRUE(c.send(request("GET", "/healthz") + request("GET", "/nope")));
  EXPECT_EQ(c.read_response()->status, 200);
  EXPECT_EQ(c.read_response()->status, 404);
}

TEST(ServerApi, BearerTokenGuardsTheApiButNotThePageOrHealth) {
  ApiOptions api;
  api.token = "s3cret-token";
  TestServer s({}, api);
  const std::string body = "{\"text\": \"x\"}";
  Response r = post_json(s.port(), body);
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.header("www-authenticate").find("Bearer"), std::string::npos);
  EXPECT_EQ(post_json(s.port(), body, {{"Authorization", "Bearer wrong-token!"}}).status, 401);
  EXPECT_EQ(post_json(s.port(), body, {{"Authorization", "Basic s3cret-token"}}).status, 401);
  EXPECT_EQ(post_json(s.port(), body, {{"Authorization", "Bearer s3cret-token"}}).status, 200);
  EXPECT_EQ(call(s.port(), "GET", "/v1/rules").status, 401);
  EXPECT_EQ(call(s.port(), "GET", "/metrics").status, 401);
  EXPECT_EQ(
      call(s.port(), "GET", "/metrics", "", {{"Authorization", "bearer s3cret-token"}}).status,
      200);
  EXPECT_EQ(call(s.port(), "GET", "/healthz").status, 200);
  EXPECT_EQ(call(s.port(), "GET", "/").status, 200);
}

TEST(ServerApi, CorsAllowsOnlyListedOrigins) {
  ApiOptions api;
  api.allow_origins = {"https://portal.example"};
  TestServer s({}, api);
  const std::map<std::string, std::string> preflight = {
      {"Origin", "https://portal.example"},
      {"Access-Control-Request-Method", "POST"},
      {"Access-Control-Request-Headers", "content-type"}};
  Response r = call(s.port(), "OPTIONS", "/v1/check", "", preflight);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.header("access-control-allow-origin"), "https://portal.example");
  EXPECT_NE(r.header("access-control-allow-methods").find("POST"), std::string::npos);
  EXPECT_NE(r.header("access-control-allow-headers").find("Content-Type"), std::string::npos);

  r = call(s.port(), "OPTIONS", "/v1/check", "",
           {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.header("access-control-allow-origin"), "");

  r = post_json(s.port(), "{\"text\": \"x\"}", {{"Origin", "https://portal.example"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("access-control-allow-origin"), "https://portal.example");
  EXPECT_EQ(r.header("vary"), "Origin");
  r = post_json(s.port(), "{\"text\": \"x\"}", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(r.header("access-control-allow-origin"), "");
}

TEST(ServerApi, AccessLogHasNoDraftText) {
  std::ostringstream log;
  ServerOptions o;
  o.access_log = &log;
  {
    TestServer s(o);
    post_json(s.port(), "{\"text\": \"Zebracorn secret plan for order 77\"}");
    call(s.port(), "GET", "/healthz?token=Zebracorn");
  }
  const std::string text = log.str();
  EXPECT_NE(text.find(" POST /v1/check 200 "), std::string::npos) << text;
  EXPECT_NE(text.find(" GET /healthz 200 "), std::string::npos) << text;
  EXPECT_EQ(text.find("Zebracorn"), std::string::npos) << text;
  EXPECT_NE(text.find("ms\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace escalint
