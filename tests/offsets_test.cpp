#include <gtest/gtest.h>

#include <string>

#include "test_support.h"
#include "text/text_field.h"

namespace escalint {
namespace {

using testing_support::span_of;

TEST(Offsets, AsciiSpanOnFirstLine) {
  const TextField f("body", "Checkout is broken.");
  const Position p = f.position_of(span_of(f.text(), "is broken"));
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.column, 10u);
  EXPECT_EQ(p.end_line, 1u);
  EXPECT_EQ(p.end_column, 19u);  // exclusive: one past the last code point
  EXPECT_EQ(p.byte_offset, 9u);
  EXPECT_EQ(p.byte_length, 9u);
  EXPECT_EQ(p.utf16_offset, 9u);
  EXPECT_EQ(p.utf16_length, 9u);
}

TEST(Offsets, SwedishLettersAreOneColumnTwoBytes) {
  // "Hej åäö, kassan" — å, ä and ö are two bytes each in UTF-8, one UTF-16 unit.
  const TextField f("body", "Hej åäö, kassan är nere.");
  const Position p = f.position_of(span_of(f.text(), "kassan är"));
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.column, 10u);
  EXPECT_EQ(p.byte_offset, 12u);
  EXPECT_EQ(p.byte_length, 10u);  // "kassan är": 9 code points, ä is two bytes
  EXPECT_EQ(p.utf16_offset, 9u);
  EXPECT_EQ(p.utf16_length, 9u);
  EXPECT_EQ(p.end_column, 19u);
}

TEST(Offsets, EmojiIsOneColumnFourBytesTwoUtf16Units) {
  const std::string emoji = "\xF0\x9F\x98\xA1";  // U+1F621 POUTING FACE
  const TextField f("body", "Broken " + emoji + " again " + emoji + "!");
  const Position p = f.position_of(span_of(f.text(), "again " + emoji));
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.column, 10u);        // "Broken " (7) + emoji (1) + " " (1) + 1
  EXPECT_EQ(p.byte_offset, 12u);   // 7 + 4 + 1
  EXPECT_EQ(p.byte_length, 10u);   // "again " (6) + 4
  EXPECT_EQ(p.utf16_offset, 10u);  // 7 + 2 + 1
  EXPECT_EQ(p.utf16_length, 8u);   // 6 + 2
  EXPECT_EQ(p.end_line, 1u);
  EXPECT_EQ(p.end_column, 17u);  // 9 code points before + 7 in the span + 1

  const Position e = f.position_of(span_of(f.text(), emoji));
  EXPECT_EQ(e.column, 8u);
  EXPECT_EQ(e.end_column, 9u);
  EXPECT_EQ(e.utf16_length, 2u);
  EXPECT_EQ(e.byte_length, 4u);
}

TEST(Offsets, CjkIsOneColumnThreeBytesOneUtf16Unit) {
  const TextField f("body", "注文が失敗しました: order 42");
  const Position p = f.position_of(span_of(f.text(), "order"));
  EXPECT_EQ(p.column, 12u);        // 9 CJK + ":" + " " + 1
  EXPECT_EQ(p.byte_offset, 29u);   // 9 * 3 + 2
  EXPECT_EQ(p.utf16_offset, 11u);  // 9 + 2
  EXPECT_EQ(p.byte_length, 5u);
  EXPECT_EQ(p.utf16_length, 5u);

  const Position cjk = f.position_of(span_of(f.text(), "失敗"));
  EXPECT_EQ(cjk.column, 4u);
  EXPECT_EQ(cjk.end_column, 6u);
  EXPECT_EQ(cjk.byte_offset, 9u);
  EXPECT_EQ(cjk.byte_length, 6u);
  EXPECT_EQ(cjk.utf16_offset, 3u);
  EXPECT_EQ(cjk.utf16_length, 2u);
}

TEST(Offsets, LaterLinesCountFromTheirOwnStart) {
  const std::string emoji = "\xF0\x9F\x98\xA1";
  const std::string text =
      "Rad ett: åäö " + emoji + "\nRad två: byrån svarar inte.\r\nTredje raden.";
  const TextField f("body", text);
  ASSERT_EQ(f.line_count(), 3u);

  const Position p = f.position_of(span_of(text, "byrån"));
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, 10u);
  EXPECT_EQ(p.end_line, 2u);
  EXPECT_EQ(p.end_column, 15u);
  EXPECT_EQ(p.byte_offset, text.find("byrån"));
  EXPECT_EQ(p.byte_length, 6u);
  // Line 1: "Rad ett: åäö " is 13 UTF-16 units, the emoji 2, "\n" 1; then "Rad två: " 9.
  EXPECT_EQ(p.utf16_offset, 25u);
  EXPECT_EQ(p.utf16_length, 5u);

  const Position third = f.position_of(span_of(text, "Tredje"));
  EXPECT_EQ(third.line, 3u);
  EXPECT_EQ(third.column, 1u);
}

TEST(Offsets, MultiLineSpan) {
  const std::string text = "Först: kassan\när nere för\nalla kunder.";
  const TextField f("body", text);
  const Span s{text.find("kassan"), text.find(" kunder")};
  const Position p = f.position_of(s);
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.column, 8u);
  EXPECT_EQ(p.end_line, 3u);
  EXPECT_EQ(p.end_column, 5u);  // "alla" ends before column 5
  EXPECT_EQ(p.byte_offset, text.find("kassan"));
  EXPECT_EQ(p.byte_length, s.size());
  // "kassan\när nere för\nalla": 6 + 1 + 11 + 1 + 4 code points, all in the BMP.
  EXPECT_EQ(p.utf16_length, 23u);
}

TEST(Offsets, SpanEndingAtLineEndStaysOnThatLine) {
  const std::string text = "First line\nSecond line";
  const TextField f("body", text);
  const Position p = f.position_of({0, text.find('\n')});
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.end_line, 1u);
  EXPECT_EQ(p.end_column, 11u);
}

TEST(Offsets, EmptySpan) {
  const TextField f("body", "ab\ncd");
  const Position p = f.position_of({4, 4});
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, 2u);
  EXPECT_EQ(p.end_line, 2u);
  EXPECT_EQ(p.end_column, 2u);
  EXPECT_EQ(p.byte_length, 0u);
  EXPECT_EQ(p.utf16_length, 0u);
}

TEST(Offsets, LineSpansExcludeTerminators) {
  const std::string text = "one\r\ntwo\n\nfour";
  const TextField f("body", text);
  ASSERT_EQ(f.line_count(), 4u);
  EXPECT_EQ(f.view(f.line_span(1)), "one");
  EXPECT_EQ(f.view(f.line_span(2)), "two");
  EXPECT_EQ(f.view(f.line_span(3)), "");
  EXPECT_EQ(f.view(f.line_span(4)), "four");
}

TEST(Offsets, NewTextMergesAdjacentNewRegions) {
  TextField f("body", "aaa bbb ccc ddd");
  f.set_regions({{RegionKind::kNew, {0, 4}},
                 {RegionKind::kNew, {4, 8}},
                 {RegionKind::kQuoted, {8, 12}},
                 {RegionKind::kNew, {12, 15}}});
  const std::vector<Span> spans = f.new_text();
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0], (Span{0, 8}));
  EXPECT_EQ(spans[1], (Span{12, 15}));
}

}  // namespace
}  // namespace escalint
