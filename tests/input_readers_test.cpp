// Unit tests for the input readers (src/input): each reader on small inline inputs.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "input/charset.h"
#include "input/csv_reader.h"
#include "input/html_to_text.h"
#include "input/input_format.h"
#include "input/jsonl_reader.h"
#include "input/mbox_reader.h"
#include "input/mime_reader.h"
#include "input/read_input.h"
#include "input/ticket_fields.h"
#include "input/ticket_json_stream.h"
#include "test_support.h"

namespace escalint {
namespace {

struct Collected {
  std::vector<Draft> drafts;
  std::vector<InputError> errors;
};

Collected read(const std::string& source, const std::string& bytes, ReadOptions options = {}) {
  Collected c;
  read_bytes(source, bytes,
             {[&](Draft d) { c.drafts.push_back(std::move(d)); },
              [&](InputError e) { c.errors.push_back(std::move(e)); }},
             options);
  return c;
}

// Every draft and error of reading `paths` (files or folders) with `options`.
Collected read_paths(const std::vector<std::string>& paths, const ReadOptions& options) {
  Collected c;
  read_inputs(paths, options,
              {[&](Draft d) { c.drafts.push_back(std::move(d)); },
               [&](InputError e) { c.errors.push_back(std::move(e)); }});
  return c;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---- HTML ----

TEST(InputHtml, BlocksListsAndLinks) {
  const std::string text = html_to_text(
      "<html><head><style>p{color:red}</style><title>t</title></head><body>"
      "<p>Hello   team,</p><div>Checkout fails on <b>2.4.6-p3</b>.</div>"
      "<ul><li>Order 10045</li><li>Order 10046</li></ul>"
      "<ol><li>Open the cart</li><li>Pay</li></ol>"
      "<p>See <a href=\"https://shop.example/orders/10045\">the order page</a> and "
      "<a href=\"https://shop.example/x\">https://shop.example/x</a>, or "
      "<a "
      "href=\"mailto:ann@example.com\">Ann</a>.<br>Thanks</p><script>alert(1)</script></body></"
      "html>");
  EXPECT_EQ(text,
            "Hello team,\n\nCheckout fails on 2.4.6-p3.\n\n- Order 10045\n- Order 10046\n\n1. Open "
            "the cart\n"
            "2. Pay\n\nSee the order page (https://shop.example/orders/10045) and "
            "https://shop.example/x, or Ann.\n"
            "Thanks\n");
}

TEST(InputHtml, BlockquoteBecomesQuotedLines) {
  const std::string text = html_to_text(
      "<div>We still have no answer.</div><blockquote type=\"cite\"><div>We emailed the agency on "
      "3 May.</div>"
      "<blockquote><p>Inner quote</p></blockquote></blockquote><div>New text after.</div>");
  EXPECT_TRUE(contains(text, "We still have no answer.\n")) << text;
  EXPECT_TRUE(contains(text, "> We emailed the agency on 3 May.\n")) << text;
  EXPECT_TRUE(contains(text, "> > Inner quote\n")) << text;
  EXPECT_TRUE(contains(text, "\nNew text after.\n")) << text;
}

TEST(InputHtml, GmailQuote) {
  const std::string text = html_to_text(
      "<div dir=\"ltr\">Any update on this?</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" "
      "class=\"gmail_attr\">On Mon, 3 Mar 2025 at 10:02, Ann Berg &lt;ann@example.com&gt; "
      "wrote:<br></div>"
      "<blockquote class=\"gmail_quote\" style=\"margin:0px\"><div>Per the SOW section 4.2 we "
      "called "
      "Brightlane.</div></blockquote></div>");
  EXPECT_TRUE(contains(text, "Any update on this?\n")) << text;
  EXPECT_TRUE(contains(text, "> On Mon, 3 Mar 2025 at 10:02, Ann Berg <ann@example.com> wrote:\n"))
      << text;
  EXPECT_TRUE(contains(text, "Per the SOW section 4.2 we called Brightlane.")) << text;
  for (std::size_t at = text.find("SOW"); at != std::string::npos; at = std::string::npos) {
    const std::size_t line = text.rfind('\n', at) + 1;
    EXPECT_EQ(text[line], '>') << text;
  }
}

TEST(InputHtml, OutlookReplyHeaderStartsHistory) {
  const std::string text = html_to_text(
      "<div class=WordSection1><p class=MsoNormal>Hi Maria,<o:p></o:p></p><p "
      "class=MsoNormal><o:p>&nbsp;</o:p></p>"
      "<p class=MsoNormal>The payment page is still down.<o:p></o:p></p>"
      "<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
      "<p class=MsoNormal><b>From:</b> Jonas &lt;jonas@agency.example&gt;<br><b>Sent:</b> "
      "Monday<br>"
      "<b>Subject:</b> RE: payment</p></div></div><p class=MsoNormal>We raised CR-17 per the "
      "contract.</p></div>");
  EXPECT_TRUE(contains(text, "Hi Maria,\n\nThe payment page is still down.\n")) << text;
  EXPECT_TRUE(contains(text, "> From: Jonas <jonas@agency.example>\n> Sent: Monday\n")) << text;
  EXPECT_TRUE(contains(text, "> We raised CR-17 per the contract.\n")) << text;
}

TEST(InputHtml, OutlookWebDivRplyFwdMsg) {
  const std::string text = html_to_text(
      "<div>New words.</div><div id=\"appendonsend\"></div><hr><div "
      "id=\"divRplyFwdMsg\"><b>From:</b> X</div>"
      "<div>Old words.</div>");
  EXPECT_TRUE(contains(text, "New words.\n")) << text;
  EXPECT_TRUE(contains(text, "> From: X\n")) << text;
  EXPECT_TRUE(contains(text, "> Old words.\n")) << text;
}

TEST(InputHtml, DeepNestingDoesNotOverflowTheStack) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<div>";
  html += "deep text";
  const std::string text = html_to_text(html);
  EXPECT_TRUE(contains(text, "deep text")) << text.substr(0, 200);
}

TEST(InputHtml, DeclaredCharset) {
  EXPECT_EQ(html_declared_charset("<html><head><meta charset=\"ISO-8859-1\"></head>"),
            "iso-8859-1");
  EXPECT_EQ(html_declared_charset(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"),
            "windows-1252");
  EXPECT_EQ(html_declared_charset("<p>no meta</p>"), "");
}

TEST(InputHtml, HtmlFileIsADraftWithTextPositions) {
  const Collected c = read("draft.html", "<html><body><p>Checkout is down.</p></body></html>");
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_EQ(c.drafts[0].body, "Checkout is down.\n");
  EXPECT_EQ(c.drafts[0].position_prefix, "text");
  EXPECT_FALSE(c.drafts[0].attachments_known);
}

// ---- charsets ----

TEST(InputCharset, DeclaredCharsets) {
  EXPECT_EQ(decode_to_utf8("\xE5\xE4\xF6", "iso-8859-1", "t").text, "åäö");
  EXPECT_EQ(decode_to_utf8("\x93quoted\x94", "windows-1252", "t").text, "\u201Cquoted\u201D");
  EXPECT_EQ(decode_to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r", "t").text, "Привет");
  EXPECT_EQ(decode_to_utf8("\x1B$B$3$s$K$A$O\x1B(B", "iso-2022-jp", "t").text, "こんにちは");
  EXPECT_EQ(decode_to_utf8(std::string("h\0i\0", 4), "utf-16le", "t").text, "hi");
  EXPECT_TRUE(decode_to_utf8("abc", "utf-8", "t").notices.empty());
}

TEST(InputCharset, LyingAndUnknownLabelsFallBackWithANotice) {
  // Labelled Latin-1 but valid UTF-8: read as UTF-8.
  DecodedText d = decode_to_utf8("Hej, kassan \xC3\xA4r trasig", "iso-8859-1", "the body");
  EXPECT_EQ(d.text, "Hej, kassan är trasig");
  ASSERT_EQ(d.notices.size(), 1u);
  // An unknown label on 8-bit bytes: never a crash, always a notice, always UTF-8 out.
  d = decode_to_utf8("caf\xE9 \xFF\xFE\x81", "x-no-such-charset", "the body");
  EXPECT_FALSE(d.notices.empty());
  EXPECT_TRUE(is_valid_utf8(d.text));
  // Invalid bytes for the label: replaced, and said.
  d = decode_to_utf8("ok \xFF\xFF\xFF", "utf-8", "the body");
  EXPECT_TRUE(is_valid_utf8(d.text));
  EXPECT_FALSE(d.notices.empty());
}

// ---- MIME ----

TEST(InputMime, PlainSevenBitBodyKeepsTheFilesPositions) {
  const std::string eml =
      "From: Ann <ann@example.com>\r\nTo: csm@example.com\r\nSubject: Checkout down\r\nDate: Mon, "
      "3 Mar 2025 "
      "10:00:00 +0100\r\nMessage-ID: <a1@example.com>\r\nContent-Type: text/plain; "
      "charset=utf-8\r\n"
      "Content-Language: sv\r\n\r\nHej!\r\nKassan är nere.\r\n";
  const Collected c = read("draft.eml", eml);
  ASSERT_EQ(c.drafts.size(), 1u);
  const Draft& d = c.drafts[0];
  EXPECT_EQ(d.subject, "Checkout down");
  EXPECT_EQ(d.position_prefix, "");
  EXPECT_EQ(d.body.size(), eml.size());  // header bytes blanked, not removed
  EXPECT_EQ(d.body.substr(eml.find("Hej!")), "Hej!\r\nKassan är nere.\r\n");
  EXPECT_EQ(d.body.find_first_not_of(" \r\n"), eml.find("Hej!"));
  EXPECT_EQ(d.language_hint, "sv");
  EXPECT_EQ(d.date, "2025-03-03T10:00:00+01:00");
  EXPECT_TRUE(d.id.empty());
  EXPECT_TRUE(d.attachments_known);
  EXPECT_TRUE(d.attachments.empty());
}

TEST(InputMime, AlternativePrefersPlainAndListsAttachments) {
  const std::string eml =
      "From: a@example.com\nSubject: =?utf-8?Q?Kassan_=C3=A4r_nere?=\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"m\"\n\n--m\nContent-Type: multipart/alternative; "
      "boundary=\"a\"\n\n"
      "--a\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: "
      "quoted-printable\n\n"
      "Hej, betalningen f=F6rsvann.\n--a\nContent-Type: text/html\n\n<p>HTML version</p>\n--a--\n"
      "--m\nContent-Type: image/png\nContent-Disposition: attachment; "
      "filename*=utf-8''sk%C3%A4rmdump.png\n"
      "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--m--\n";
  const Collected c = read("draft.eml", eml);
  ASSERT_EQ(c.drafts.size(), 1u);
  const Draft& d = c.drafts[0];
  EXPECT_EQ(d.subject, "Kassan är nere");
  EXPECT_EQ(d.body, "Hej, betalningen försvann.");
  EXPECT_EQ(d.position_prefix, "body");
  ASSERT_EQ(d.attachments.size(), 1u);
  EXPECT_EQ(d.attachments[0].name, "skärmdump.png");
  EXPECT_EQ(d.attachments[0].type, "image/png");
  EXPECT_EQ(d.attachments[0].size, 8u);
}

TEST(InputMime, HtmlOnlyMessageIsConverted) {
  const std::string eml =
      "From: a@example.com\nSubject: Re: status\nMIME-Version: 1.0\nContent-Type: text/html; "
      "charset=utf-8\n"
      "Content-Transfer-Encoding: base64\n\n" +
      std::string("PGRpdj5OZXcgdGV4dDwvZGl2PjxibG9ja3F1b3RlPk9sZCB0ZXh0PC9ibG9ja3F1b3RlPg==") +
      "\n";
  const Collected c = read("draft.eml", eml);
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_EQ(c.drafts[0].body, "New text\n\n> Old text\n");
  EXPECT_EQ(c.drafts[0].subject, "Re: status");
}

TEST(InputMime, AdjacentEncodedWordsWithBase64PaddingAreAllDecoded) {
  // Each word is decoded on its own: joined, "YWI=Y2Q=" would stop at the padding.
  const Collected c = read("s.eml",
                           "From: a@example.com\nSubject: =?utf-8?B?YWI=?= =?utf-8?B?Y2Q=?=\n"
                           "  =?iso-8859-1?Q?_K=E4ssan?= trasig\nMessage-ID: <x@y>\n\nHello\n");
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_EQ(c.drafts[0].subject, "abcd K\xC3\xA4ssan trasig");
}

TEST(InputMime, MalformedEncodedWordAndUnknownCharsetDoNotCrash) {
  const std::string eml =
      "From: a@example.com\nSubject: =?x-unknown?Q?caf=E9?= =?utf-8?B?broken\nMIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=x-unknown\nContent-Transfer-Encoding: 8bit\n\ncaf\xE9 "
      "\xFF ok\n";
  const Collected c = read("draft.eml", eml);
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_FALSE(c.drafts[0].notices.empty());
  EXPECT_TRUE(is_valid_utf8(c.drafts[0].body));
}

TEST(InputMime, MessageWithoutTextIsAnErrorNamingTheProblem) {
  const Collected c = read("img.eml",
                           "From: a@example.com\nContent-Type: "
                           "image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].source, "img.eml");
  EXPECT_TRUE(contains(c.errors[0].message, "no text")) << c.errors[0].message;
}

TEST(InputMime, LooksLikeMime) {
  EXPECT_TRUE(looks_like_mime("From: a@example.com\nMessage-ID: <x@y>\n\nbody"));
  EXPECT_TRUE(looks_like_mime("Return-Path: <a@b>\nReceived: by x\n\tfolded\nSubject: s\n\nbody"));
  EXPECT_FALSE(looks_like_mime("Subject: Checkout is down\n\nHi team"));
  EXPECT_FALSE(looks_like_mime("Hi team,\nthe checkout: broken\n"));
}

// ---- mbox ----

TEST(InputMbox, SplitsMessagesAndUnescapesFromLines) {
  const std::string mbox =
      "From ann@example.com Mon Mar  3 10:00:00 2025\nFrom: ann@example.com\nSubject: "
      "one\nMessage-ID: <1@x>\n\n"
      "First.\n>From the agency we heard nothing.\n>>From here, quoted.\n\n"
      "From - Tue Mar  4 10:00:00 2025\nFrom: bo@example.com\nSubject: two\n\nSecond.\nFrom Russia "
      "with love\n\n"
      "From bo@example.com Wed Mar  5 10:00:00 2025\nFrom: bo@example.com\nSubject: "
      "three\n\nThird.\n";
  const Collected c = read("archive.mbox", mbox);
  ASSERT_EQ(c.drafts.size(), 3u);
  EXPECT_EQ(c.drafts[0].id, "1@x");
  EXPECT_EQ(c.drafts[0].record, 1u);
  EXPECT_EQ(c.drafts[0].body, "First.\nFrom the agency we heard nothing.\n>From here, quoted.\n");
  EXPECT_EQ(c.drafts[1].id, "message 2");
  EXPECT_TRUE(contains(c.drafts[1].body, "From Russia with love")) << c.drafts[1].body;
  EXPECT_EQ(c.drafts[2].subject, "three");
  for (const Draft& d : c.drafts) EXPECT_EQ(d.position_prefix, "body");
}

TEST(InputMbox, SeparatorHeuristic) {
  EXPECT_TRUE(is_mbox_separator("From ann@example.com Mon Mar  3 10:00:00 2025", "From: x"));
  EXPECT_TRUE(is_mbox_separator("From - ", "Subject: x"));
  EXPECT_TRUE(is_mbox_separator("From MAILER-DAEMON Wed Sep 20 21:46:03 2006", "Date: x"));
  EXPECT_FALSE(is_mbox_separator("From Russia with love", "Year: 1963"));
  EXPECT_FALSE(is_mbox_separator("From ann@example.com Mon", "not a header"));
}

// ---- tickets ----

TEST(InputTickets, ZendeskExportUsesTheRequestersFirstPublicComment) {
  const std::string json = R"({"tickets": [
    {"id": 101, "subject": "Checkout down", "description": "desc 101", "requester_id": 7, "status": "open",
     "created_at": "2025-03-03T10:00:00Z",
     "comments": [{"author_id": 9, "public": true, "body": "agent reply"},
                  {"author_id": 7, "public": false, "body": "private note"},
                  {"author_id": 7, "public": true, "plain_body": "requester text",
                   "attachments": [{"file_name": "error.png", "content_type": "image/png", "size": 2048}]}]},
    {"id": 102, "subject": "Search broken", "description": "desc 102", "requester_id": 8, "status": "new"}]})";
  const Collected c = read("export.json", json);
  ASSERT_EQ(c.drafts.size(), 2u);
  EXPECT_EQ(c.drafts[0].id, "101");
  EXPECT_EQ(c.drafts[0].record, 1u);
  EXPECT_EQ(c.drafts[0].subject, "Checkout down");
  EXPECT_EQ(c.drafts[0].body, "requester text");
  EXPECT_TRUE(c.drafts[0].attachments_known);
  ASSERT_EQ(c.drafts[0].attachments.size(), 1u);
  EXPECT_EQ(c.drafts[0].attachments[0].name, "error.png");
  EXPECT_EQ(c.drafts[0].attachments[0].size, 2048u);
  EXPECT_EQ(c.drafts[1].body, "desc 102");
  EXPECT_FALSE(c.drafts[1].attachments_known);
}

TEST(InputTickets, SingleZendeskTicket) {
  const Collected c = read(
      "t.json", R"({"ticket": {"id": 5, "subject": "S", "description": "D", "requester_id": 1}})");
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_EQ(c.drafts[0].record, 0u);
  EXPECT_EQ(c.drafts[0].body, "D");
}

TEST(InputTickets, JiraIssueWithAtlassianDocumentFormat) {
  const std::string json =
      R"({"key": "SHOP-12", "fields": {"summary": "Checkout fails", "created": "2025-03-03",
    "attachment": [{"filename": "log.txt", "mimeType": "text/plain", "size": 12}],
    "description": {"type": "doc", "version": 1, "content": [
      {"type": "paragraph", "content": [{"type": "text", "text": "Since "},
        {"type": "text", "text": "2.4.7", "marks": [{"type": "code"}]}, {"type": "text", "text": " see "},
        {"type": "text", "text": "order 1", "marks": [{"type": "link", "attrs": {"href": "https://s.example/o/1"}}]}]},
      {"type": "bulletList", "content": [
        {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "one"}]}]},
        {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "two"}]}]}]},
      {"type": "blockquote", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "quoted"}]}]},
      {"type": "paragraph", "content": [{"type": "mention", "attrs": {"text": "@Jonas"}},
        {"type": "hardBreak"}, {"type": "text", "text": "bye"}]}]}}})";
  const Collected c = read("issue.json", json);
  ASSERT_EQ(c.drafts.size(), 1u);
  const Draft& d = c.drafts[0];
  EXPECT_EQ(d.id, "SHOP-12");
  EXPECT_EQ(d.subject, "Checkout fails");
  EXPECT_EQ(d.body,
            "Since 2.4.7 see order 1 (https://s.example/o/1)\n\n- one\n- two\n\n> "
            "quoted\n\n@Jonas\nbye\n");
  ASSERT_EQ(d.attachments.size(), 1u);
  EXPECT_EQ(d.attachments[0].name, "log.txt");
}

TEST(InputTickets, JiraWikiMarkup) {
  EXPECT_EQ(jira_wiki_to_text("h2. Problem\nSee [order|https://s.example/o/1].\n{quote}We asked "
                              "them.{quote}\n* a\n# b"),
            "Problem\nSee order (https://s.example/o/1).\n> We asked them.\n- a\n1. b\n");
}

TEST(InputTickets, JsonlMalformedLineIsAnErrorAndTheRestGoOn) {
  const std::string jsonl =
      "{\"id\": \"a\", \"subject\": \"S1\", \"body\": \"B1\"}\n"
      "{\"id\": \"b\", \"subject\": \"S2\", \"body\": \n"
      "\n"
      "{\"id\": \"c\", \"ticket\": {\"text\": \"nested\"}, \"text\": \"B3\"}\n";
  const Collected c = read("t.jsonl", jsonl);
  ASSERT_EQ(c.drafts.size(), 2u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].record, 2u);
  EXPECT_TRUE(contains(c.errors[0].message, "line 2")) << c.errors[0].message;
  EXPECT_EQ(c.drafts[0].id, "a");
  EXPECT_EQ(c.drafts[0].record, 1u);
  EXPECT_EQ(c.drafts[1].body, "B3");
  EXPECT_EQ(c.drafts[1].record, 4u);
}

// Drafts and errors of a ticket JSON document fed to TicketJsonStream `step` bytes at a
// time.
Collected stream_json(const std::string& json, std::size_t step, std::size_t max = 64 << 20) {
  Collected c;
  const InputSink sink{[&](Draft d) { c.drafts.push_back(std::move(d)); },
                       [&](InputError e) { c.errors.push_back(std::move(e)); }};
  TicketJsonStream stream("t.json", {}, sink, max);
  for (std::size_t pos = 0; pos < json.size(); pos += step) {
    stream.feed(std::string_view(json).substr(pos, step));
  }
  stream.finish();
  return c;
}

TEST(InputTickets, TicketJsonStreamsListsAndReadsAsAWhole) {
  const std::string documents[] = {
      R"({"count": 3, "tickets": [{"id": 1, "subject": "A", "description": "Body \"one\""},)"
      R"( {"id": 2, "subject": "B", "description": "Two", "tags": ["x", {"y": [1, 2.5]}]},)"
      R"( {"id": 3, "subject": "C", "description": "Three"}], "next_page": null})",
      R"([{"id": "r1", "body": "First"}, {"id": "r2", "body": "Second"}])",
      R"({"key": "ESC-1", "fields": {"summary": "Checkout", "description": "Broken since Monday"}})",
      R"({"ticket": {"id": 7, "subject": "One", "description": "Single", "status": "new"}})"};
  for (const std::string& json : documents) {
    const Collected whole = read("t.json", json);
    for (std::size_t step : {std::size_t{1}, std::size_t{7}, json.size()}) {
      const Collected pieces = stream_json(json, step);
      ASSERT_EQ(pieces.drafts.size(), whole.drafts.size()) << json;
      EXPECT_TRUE(pieces.errors.empty()) << pieces.errors[0].message;
      for (std::size_t i = 0; i < whole.drafts.size(); ++i) {
        EXPECT_EQ(pieces.drafts[i].id, whole.drafts[i].id);
        EXPECT_EQ(pieces.drafts[i].record, whole.drafts[i].record);
        EXPECT_EQ(pieces.drafts[i].subject, whole.drafts[i].subject);
        EXPECT_EQ(pieces.drafts[i].body, whole.drafts[i].body);
      }
    }
  }
}

TEST(InputTickets, TicketJsonStreamLimitsEachTicketAndKeepsWhatCameBeforeAnError) {
  const std::string big = R"({"tickets": [{"id": 1, "description": ")" + std::string(5000, 'x') +
                          R"("}, {"id": 2, "description": "Small"}]})";
  const Collected limited = stream_json(big, 100, 1000);
  ASSERT_EQ(limited.drafts.size(), 1u);
  EXPECT_EQ(limited.drafts[0].id, "2");
  ASSERT_EQ(limited.errors.size(), 1u);
  EXPECT_EQ(limited.errors[0].record, 1u);
  EXPECT_TRUE(contains(limited.errors[0].message, "limit")) << limited.errors[0].message;

  const Collected broken =
      stream_json(R"({"tickets": [{"id": 1, "description": "Fine"}, {"id": 2, "descr)", 5);
  ASSERT_EQ(broken.drafts.size(), 1u);
  ASSERT_EQ(broken.errors.size(), 1u);
  EXPECT_TRUE(contains(broken.errors[0].message, "invalid JSON")) << broken.errors[0].message;

  const Collected empty = stream_json(R"({"tickets": []})", 3);
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_TRUE(contains(empty.errors[0].message, "empty")) << empty.errors[0].message;
}

TEST(InputTickets, JsonlFedInPiecesReadsAsAWhole) {
  std::string jsonl;
  for (int i = 1; i <= 50; ++i) {
    jsonl +=
        "{\"id\": \"t" + std::to_string(i) + "\", \"body\": \"Body " + std::to_string(i) + "\"}\n";
  }
  jsonl += "{\"id\": broken\n{\"id\": \"last\", \"body\": \"no newline at the end\"}";
  Collected pieces;
  const InputSink sink{[&](Draft d) { pieces.drafts.push_back(std::move(d)); },
                       [&](InputError e) { pieces.errors.push_back(std::move(e)); }};
  JsonlReader reader("t.jsonl", {}, sink);
  // Whole lines at a time, in pieces of varying size, as the streaming reader feeds it.
  for (std::size_t pos = 0, step = 1; pos < jsonl.size(); step = step % 7 + 3) {
    std::size_t end = pos;
    for (std::size_t k = 0; k < step && end < jsonl.size(); ++k) {
      const std::size_t nl = jsonl.find('\n', end);
      end = nl == std::string::npos ? jsonl.size() : nl + 1;
    }
    reader.feed(std::string_view(jsonl).substr(pos, end - pos));
    pos = end;
  }
  reader.finish();
  const Collected whole = read("t.jsonl", jsonl);
  ASSERT_EQ(pieces.drafts.size(), 51u);
  ASSERT_EQ(whole.drafts.size(), 51u);
  for (std::size_t i = 0; i < whole.drafts.size(); ++i) {
    EXPECT_EQ(pieces.drafts[i].id, whole.drafts[i].id);
    EXPECT_EQ(pieces.drafts[i].record, whole.drafts[i].record);
    EXPECT_EQ(pieces.drafts[i].body, whole.drafts[i].body);
  }
  ASSERT_EQ(pieces.errors.size(), 1u);
  EXPECT_EQ(pieces.errors[0].record, 51u);
  EXPECT_EQ(pieces.drafts.back().record, 52u);
}

TEST(InputTickets, JsonlFileStreamsAndTheLimitAppliesPerLine) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "escalint-jsonl-stream-test.jsonl";
  {
    std::ofstream out(file, std::ios::binary);
    out << "{\"id\": \"a\", \"body\": \"" << std::string(600 << 10, 'a') << "\"}\n";
    out << "{\"id\": \"big\", \"body\": \"" << std::string(3 << 20, 'b') << "\"}\n";
    out << "{\"id\": \"c\", \"body\": \"" << std::string(600 << 10, 'c') << "\"}\n";
  }
  ReadOptions o;
  o.max_bytes = 1 << 20;  // the file is larger than this; only one line is
  const Collected c = read_paths({file.string()}, o);
  std::filesystem::remove(file);
  ASSERT_EQ(c.drafts.size(), 2u);
  EXPECT_EQ(c.drafts[0].id, "a");
  EXPECT_EQ(c.drafts[1].id, "c");
  EXPECT_EQ(c.drafts[1].record, 3u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].record, 2u);
  EXPECT_TRUE(contains(c.errors[0].message, "limit")) << c.errors[0].message;
}

TEST(InputTickets, DottedFieldPaths) {
  ReadOptions o;
  o.fields.id = "meta.ref";
  o.fields.subject = "fields.title";
  o.fields.body = "comments.1.text";
  const Collected c = read(
      "t.jsonl",
      R"({"meta": {"ref": 42}, "fields": {"title": "T"}, "comments": [{"text": "x"}, {"text": "second"}]})"
      "\n",
      o);
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_EQ(c.drafts[0].id, "42");
  EXPECT_EQ(c.drafts[0].subject, "T");
  EXPECT_EQ(c.drafts[0].body, "second");
  o.fields.body = "nope";
  const Collected missing = read("t.jsonl", "{\"body\": \"x\"}\n", o);
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_TRUE(contains(missing.errors[0].message, "nope"));
}

TEST(InputMbox, FedInPiecesSplitsAsAWhole) {
  const std::string mbox =
      "From a@example.com Mon Mar  3 10:00:00 2025\nFrom: a@example.com\nSubject: One\n\n"
      "Body one\n>From here\n\nFrom b@example.com Tue Mar  4 11:00:00 2025\nFrom: "
      "b@example.com\nSubject: Two\n\nFrom Russia with love\n\n"
      "From c@example.com Wed Mar  5 12:00:00 2025\r\nFrom: c@example.com\r\n\r\nThree\r\n";
  std::vector<std::tuple<std::size_t, std::size_t, std::string>> whole, pieces;
  for_each_mbox_message(mbox, [&](std::size_t n, std::size_t line, std::string m) {
    whole.emplace_back(n, line, std::move(m));
  });
  MboxSplitter splitter([&](std::size_t n, std::size_t line, std::optional<std::string> m) {
    pieces.emplace_back(n, line, m.value_or("(too long)"));
  });
  for (char c : mbox) splitter.feed(std::string_view(&c, 1));  // one byte at a time
  splitter.finish();
  ASSERT_EQ(whole.size(), 3u);
  EXPECT_EQ(pieces, whole);
  EXPECT_NE(std::get<2>(whole[0]).find("\nFrom here"), std::string::npos);  // unescaped
  EXPECT_NE(std::get<2>(whole[1]).find("From Russia"), std::string::npos);  // not a separator
}

TEST(InputMbox, ArchiveStreamsAndTheLimitAppliesPerMessage) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "escalint-mbox-stream-test.mbox";
  {
    std::ofstream out(file, std::ios::binary);
    for (int i = 1; i <= 3; ++i) {
      out << "From a@example.com Mon Mar  3 10:00:00 2025\nFrom: a@example.com\nMessage-ID: <m" << i
          << "@x>\nSubject: S" << i << "\n\n"
          << std::string(i == 2 ? (3 << 20) : (600 << 10), 'x') << "\n\n";
    }
  }
  ReadOptions o;
  o.max_bytes = 1 << 20;  // the file is larger than this; only the second message is
  const Collected c = read_paths({file.string()}, o);
  std::filesystem::remove(file);
  ASSERT_EQ(c.drafts.size(), 2u);
  EXPECT_EQ(c.drafts[0].id, "m1@x");
  EXPECT_EQ(c.drafts[1].record, 3u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].record, 2u);
  EXPECT_TRUE(contains(c.errors[0].message, "limit")) << c.errors[0].message;
}

// ---- CSV ----

TEST(InputCsv, FileStreamsRecordsAcrossBlocksAndTheLimitAppliesPerRecord) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "escalint-csv-stream-test.csv";
  {
    std::ofstream out(file, std::ios::binary);
    out << "id,subject,body\r\n";
    // Quoted line breaks and commas across the 64 KiB blocks the reader uses.
    for (int i = 1; i <= 400; ++i) {
      out << i << ",\"S" << i << ", again\",\"Line one\r\n"
          << std::string(300, 'x')
          << "\r\nK\xE4ssan\"\r\n";  // ISO-8859-1 "Kassan" with an a-umlaut
    }
    out << "401,Big,\"" << std::string(3 << 20, 'b') << "\"\r\n";
    out << "402,Last,\"After the big one\"\r\n";
  }
  ReadOptions o;
  o.max_bytes = 1 << 20;  // the file is larger than this; only record 401 is
  const Collected c = read_paths({file.string()}, o);
  std::filesystem::remove(file);
  ASSERT_EQ(c.drafts.size(), 401u);
  for (std::size_t i = 0; i < 400; ++i) {
    ASSERT_EQ(c.drafts[i].id, std::to_string(i + 1));
    EXPECT_EQ(c.drafts[i].subject, "S" + std::to_string(i + 1) + ", again");
    ASSERT_TRUE(contains(c.drafts[i].body, "K\xC3\xA4ssan")) << i << ": " << c.drafts[i].body;
  }
  EXPECT_EQ(c.drafts[400].id, "402");
  EXPECT_EQ(c.drafts[400].record, 402u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].record, 401u);
  EXPECT_TRUE(contains(c.errors[0].message, "limit")) << c.errors[0].message;
}

TEST(InputCsv, CompletePrefixEndsOutsideQuotes) {
  EXPECT_EQ(csv_complete_prefix("a,b\nc,\"d\ne\"\nf"), 12u);
  EXPECT_EQ(csv_complete_prefix("a,\"open\nstill open"), 0u);
  EXPECT_EQ(csv_complete_prefix(""), 0u);
}

TEST(InputCsv, QuotingMultiLineFieldsAndBom) {
  const std::string csv =
      "\xEF\xBB\xBFid,subject,body\r\n"
      "1,\"Checkout, again\",\"Line one\r\nLine \"\"two\"\"\"\r\n"
      "2,Plain,Simple text\r\n";
  const Collected c = read("t.csv", csv);
  ASSERT_EQ(c.drafts.size(), 2u);
  EXPECT_EQ(c.drafts[0].id, "1");
  EXPECT_EQ(c.drafts[0].subject, "Checkout, again");
  EXPECT_EQ(c.drafts[0].body, "Line one\r\nLine \"two\"");
  EXPECT_EQ(c.drafts[0].record, 1u);
  EXPECT_EQ(c.drafts[1].body, "Simple text");
  EXPECT_EQ(c.drafts[1].record, 2u);
}

TEST(InputCsv, BrokenRowsAreErrorsAndTheRestGoOn) {
  const std::string csv =
      "ticket,title,description\n"
      "1,a,b,c,d\n"
      "2,ok,fine\n"
      "3,bad,\"never closed\n";
  ReadOptions o;
  o.fields.id = "ticket";
  const Collected c = read("t.csv", csv, o);
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_EQ(c.drafts[0].id, "2");
  EXPECT_EQ(c.drafts[0].subject, "ok");
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_EQ(c.errors[0].record, 1u);
  EXPECT_EQ(c.errors[1].record, 3u);
  EXPECT_TRUE(contains(c.errors[1].message, "not closed")) << c.errors[1].message;
}

TEST(InputCsv, SemicolonDelimiter) {
  const Collected c = read("t.csv", "subject;body\nA;\"x; y\"\n");
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_EQ(c.drafts[0].body, "x; y");
}

// ---- detection ----

TEST(InputFormatDetection, ByExtensionAndContent) {
  EXPECT_EQ(detect_format("a.eml", "x"), InputFormat::kEml);
  EXPECT_EQ(detect_format("a.jsonl", "{}"), InputFormat::kJsonl);
  EXPECT_EQ(detect_format("a.csv", "a,b"), InputFormat::kCsv);
  EXPECT_EQ(detect_format("a.htm", "x"), InputFormat::kHtml);
  EXPECT_EQ(detect_format("a.txt", "[URGENT] checkout down"), InputFormat::kText);
  EXPECT_EQ(detect_format("a.md", "# Title"), InputFormat::kMarkdown);
  EXPECT_EQ(detect_format("a.txt", "Subject: Re: x\n\nHi"), InputFormat::kText);
  EXPECT_EQ(detect_format("a.txt", "From: a@b\nMessage-ID: <x>\n\nHi"), InputFormat::kEml);
  EXPECT_EQ(detect_format("", "{\"tickets\": []}"), InputFormat::kJson);
  EXPECT_EQ(detect_format("", "{\"a\": 1}\n{\"a\": 2}\n"), InputFormat::kJsonl);
  EXPECT_EQ(detect_format("", "[URGENT] checkout down"), InputFormat::kText);
  EXPECT_EQ(detect_format("", "<!DOCTYPE html><p>x</p>"), InputFormat::kHtml);
  EXPECT_EQ(detect_format("",
                          "From a@b Mon Mar  3 10:00:00 2025\nFrom: a@b\n\nx\n\nFrom b@c Tue Mar  "
                          "4 10:00:00 2025\nFrom: b@c\n\ny\n"),
            InputFormat::kMbox);
  EXPECT_EQ(detect_format("", "From a@b Mon Mar  3 10:00:00 2025\nFrom: a@b\nSubject: s\n\nx\n"),
            InputFormat::kEml);
  EXPECT_EQ(parse_input_format("zendesk"), InputFormat::kJson);
  EXPECT_EQ(parse_input_format("nope"), std::nullopt);
}

TEST(InputFormatDetection, ForcedFormat) {
  ReadOptions o;
  o.format = InputFormat::kCsv;
  const Collected c = read("-", "subject,body\nS,B\n", o);
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_EQ(c.drafts[0].body, "B");
}

TEST(InputText, PlainTextDraftHasNoAttachmentList) {
  const Collected c = read("draft.txt", "Please see the attached screenshot.\n");
  ASSERT_EQ(c.drafts.size(), 1u);
  EXPECT_FALSE(c.drafts[0].attachments_known);
  EXPECT_TRUE(c.drafts[0].attachments.empty());
  EXPECT_EQ(c.drafts[0].position_prefix, "");
}

// ---- positions through the linter ----

std::optional<Location> denied_contact(const Draft& d) {
  const DraftResult r = testing_support::linter_for("en").check(d);
  for (const Finding& f : r.findings) {
    if (f.rule == "partner-contact" && f.status == "denied") return f.location;
  }
  return std::nullopt;
}

TEST(InputPositions, OwnBytesMailPointsAtTheFilesLine) {
  const std::string eml =
      "From: a@example.com\nDate: Mon, 3 Mar 2025 10:00:00 +0100\nSubject: Checkout\n\nHello,\n\n"
      "We have not raised it with the agency yet.\n";
  const Collected c = read("draft.eml", eml);
  ASSERT_EQ(c.drafts.size(), 1u);
  const auto loc = denied_contact(c.drafts[0]);
  ASSERT_TRUE(loc.has_value());
  EXPECT_EQ(loc->position_prefix, "");
  EXPECT_EQ(loc->position.line, 7u);  // the file's line
  EXPECT_EQ(loc->position.column, 1u);
  EXPECT_EQ(loc->position.byte_offset, eml.find("We have not"));
}

TEST(InputPositions, DecodedMailPointsAtTheBodyPart) {
  const std::string eml =
      "From: a@example.com\nSubject: Checkout\nMIME-Version: 1.0\nContent-Type: text/plain; "
      "charset=utf-8\n"
      "Content-Transfer-Encoding: quoted-printable\n\nHello,\n\nWe have not raised it with the "
      "agency yet.=\n Sorry.\n";
  const Collected c = read("draft.eml", eml);
  ASSERT_EQ(c.drafts.size(), 1u);
  const auto loc = denied_contact(c.drafts[0]);
  ASSERT_TRUE(loc.has_value());
  EXPECT_EQ(loc->position_prefix, "body");
  EXPECT_EQ(loc->position.line, 3u);  // the decoded body's line
}

TEST(InputFolders, AFolderWalkSkipsJsonThatHoldsNoTickets) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "escalint-input-walk-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "labels.jsonl")
      << "{\"file\": \"a.txt\", \"scope\": \"present\"}\n{\"file\": \"b.txt\"}\n";
  std::ofstream(dir / "a.txt") << "Checkout is down.\n";
  std::ofstream(dir / "t.eml") << "From: a@example.com\nMessage-ID: <x@y>\nSubject: S\n\nBody\n";
  std::ofstream(dir / "skip.bin") << "ignored";
  ReadOptions o;
  o.recursive = true;
  const Collected walked = read_paths({dir.string()}, o);
  EXPECT_EQ(walked.drafts.size(), 2u);
  EXPECT_TRUE(walked.errors.empty());
  const Collected named = read_paths({(dir / "labels.jsonl").string()}, ReadOptions{});
  ASSERT_EQ(named.errors.size(), 1u);  // one error for the file, not one per record
  EXPECT_TRUE(contains(named.errors[0].message, "text field")) << named.errors[0].message;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace escalint
