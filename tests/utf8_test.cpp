#include "text/utf8.h"

#include <gtest/gtest.h>

namespace escalint {
namespace {

TEST(Utf8, ValidTextIsUnchanged) {
  std::size_t replaced = 99;
  EXPECT_EQ(repair_utf8("Hej, kassan är trasig", &replaced), "Hej, kassan är trasig");
  EXPECT_EQ(replaced, 0u);
}

TEST(Utf8, InvalidSequencesBecomeReplacementCharacters) {
  std::size_t replaced = 0;
  EXPECT_EQ(repair_utf8("a\xFF"
                        "b\xC3",
                        &replaced),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(replaced, 2u);
}

TEST(Utf8, ByteOrderMarkIsDropped) {
  EXPECT_EQ(repair_utf8("\xEF\xBB\xBFhej"), "hej");
}

TEST(Utf8, DecomposedTextIsComposed) {
  EXPECT_EQ(to_nfc("a\xCC\x88"), "\xC3\xA4");  // a + combining diaeresis -> ä
  EXPECT_EQ(to_nfc("plain"), "plain");
}

TEST(Utf8, NulByteMeansBinary) {
  EXPECT_TRUE(looks_binary(std::string("PK\x03\x04\0\0", 6)));
  EXPECT_FALSE(looks_binary("text"));
}

}  // namespace
}  // namespace escalint
