// SPDX-License-Identifier: MIT
#include <jsonsig/error.hpp>

#include <gtest/gtest.h>

TEST(error, locate_counts_lines_and_columns_from_one) {
  const std::string_view text = "{\n  \"a\": x\r\n}\r";
  EXPECT_EQ(jsonsig::locate(text, 0).line, 1u);
  EXPECT_EQ(jsonsig::locate(text, 0).column, 1u);
  const auto at_x = jsonsig::locate(text, text.find('x'));
  EXPECT_EQ(at_x.line, 2u);
  EXPECT_EQ(at_x.column, 8u);
  const auto at_brace = jsonsig::locate(text, text.rfind('}'));  // CRLF is one line break
  EXPECT_EQ(at_brace.line, 3u);
  EXPECT_EQ(at_brace.column, 1u);
  EXPECT_EQ(jsonsig::locate(text, text.size()).line, 4u);  // a lone CR ends a line too
  EXPECT_EQ(jsonsig::locate(text, 1000).line, 4u);         // clamped, never out of bounds
}

TEST(error, format_error_is_one_lowercase_line_with_position) {
  jsonsig::error_info e{jsonsig::errc::invalid_utf8, 5, "byte 0xff in string"};
  EXPECT_EQ(jsonsig::format_error(e, "[\n\"ab\xff\"]"), "2:4: invalid utf-8: byte 0xff in string (byte 5)");
}

TEST(error, error_code_integration) {
  std::error_code ec = jsonsig::errc::too_deep;
  EXPECT_EQ(ec.category().name(), std::string("jsonsig"));
  EXPECT_EQ(ec.message(), "nesting too deep");
  EXPECT_TRUE(ec);
  EXPECT_FALSE(jsonsig::error_info{});
}

TEST(error, exception_carries_code_and_location) {
  const std::string_view text = "[1,\n 2,\n ]";
  const jsonsig::error_info info{jsonsig::errc::syntax, text.size() - 1, "expected a value"};
  try {
    throw jsonsig::error(info, text);
  } catch (const jsonsig::error& e) {
    EXPECT_EQ(e.code(), jsonsig::errc::syntax);
    EXPECT_EQ(e.line(), 3u);
    EXPECT_EQ(e.column(), 2u);
    EXPECT_EQ(e.offset(), text.size() - 1);
    EXPECT_STREQ(e.what(), "3:2: syntax error: expected a value (byte 9)");
  }
}
