// SPDX-License-Identifier: MIT
// json_parser.hpp: every RFC 8259 grammar rule accepted or rejected with its exact error code
// and byte offset, the UTF-8 validity table (RFC 3629 §4 / Unicode Table 3-7), escapes and
// surrogates, depth limits, events and zero-copy tokens, and the error messages.
#include <jsonsig/json_parser.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using jsonsig::errc;
using jsonsig::error_info;

error_info check(std::string_view json, const jsonsig::parse_options& opt = {}) {
  error_info err;
  jsonsig::validate_json(json, opt, err);
  return err;
}

// Records the events as text, e.g. {"a":[1]} -> "{ k:a [ n:1 ] }".
struct recorder {
  std::string trace;
  std::vector<jsonsig::json_string> strings;
  void add(const std::string& s) {
    if (!trace.empty()) trace += ' ';
    trace += s;
  }
  void on_object_begin(std::size_t o) { add("{@" + std::to_string(o)); }
  void on_object_end(std::size_t o) { add("}@" + std::to_string(o)); }
  void on_array_begin(std::size_t o) { add("[@" + std::to_string(o)); }
  void on_array_end(std::size_t o) { add("]@" + std::to_string(o)); }
  void on_key(const jsonsig::json_string& s) {
    strings.push_back(s);
    add("k:" + std::string(s.view()) + "@" + std::to_string(s.offset));
  }
  void on_string(const jsonsig::json_string& s) {
    strings.push_back(s);
    add("s:" + std::string(s.view()) + "@" + std::to_string(s.offset));
  }
  void on_number(const jsonsig::json_number& n) {
    add(std::string(n.integer ? "i:" : "n:") + std::string(n.view()) + "@" +
        std::to_string(n.offset));
  }
  void on_literal(jsonsig::json_literal l, std::size_t o) {
    add(std::string(l == jsonsig::json_literal::null_value   ? "null"
                    : l == jsonsig::json_literal::true_value ? "true"
                                                             : "false") +
        "@" + std::to_string(o));
  }
};

struct bad_case {
  std::string json;
  errc code;
  std::size_t offset;
};

TEST(json_parser, accepts_every_value_form) {
  const char* good[] = {"0",
                        "-0",
                        "1",
                        "-1",
                        "123456789012345678901234567890",
                        "1.5",
                        "-0.0",
                        "1e5",
                        "1E5",
                        "1e+5",
                        "1e-5",
                        "1.25E-05",
                        "0.0e0",
                        "\"\"",
                        "\"x\"",
                        "true",
                        "false",
                        "null",
                        "[]",
                        "{}",
                        "[[]]",
                        "[{}]",
                        "{\"\":0}",
                        "{\"a\":{\"b\":[1,{\"c\":null}]}}",
                        " \t\r\n1 \t\r\n",
                        "[ 1 , 2 ]",
                        "{ \"a\" : 1 , \"b\" : 2 }",
                        "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\uFFFF\"",
                        "\"\\u0000\"",
                        "\"\x7f\"",
                        "\"\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80\"",
                        "\"\xef\xbf\xbf \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf\"",
                        "[1,\"a\",true,false,null,{},[]]",
                        "\"\\ud83d\\ude02\"",
                        "\"\\ud800\"",
                        "\"\\udc00\"",
                        "{\"a\":1,\"a\":2}"};
  for (const char* g : good) EXPECT_FALSE(check(g)) << g;
}

TEST(json_parser, rejects_with_exact_code_and_offset) {
  const std::vector<bad_case> cases = {
      {"", errc::unexpected_end, 0},
      {"   ", errc::unexpected_end, 3},
      {"[1,]", errc::syntax, 3},        // trailing comma
      {"{\"a\":1,}", errc::syntax, 7},  // trailing comma in an object
      {"[1,,2]", errc::syntax, 3},
      {"[,1]", errc::syntax, 1},
      {"[1 2]", errc::syntax, 3},
      {"{\"a\" 1}", errc::syntax, 5},
      {"{\"a\":1 \"b\":2}", errc::syntax, 7},
      {"{1:1}", errc::syntax, 1},    // keys are strings
      {"{'a':1}", errc::syntax, 1},  // single quotes
      {"['a']", errc::syntax, 1},
      {"/*c*/1", errc::syntax, 0},  // comments
      {"1 //c", errc::trailing_data, 2},
      {"NaN", errc::syntax, 0},
      {"Infinity", errc::syntax, 0},
      {"-Infinity", errc::invalid_number, 1},
      {"01", errc::invalid_number, 1},  // leading zeros
      {"-01", errc::invalid_number, 2},
      {"00", errc::invalid_number, 1},
      {"1.", errc::unexpected_end, 2},
      {"1.e3", errc::invalid_number, 2},
      {"[1.]", errc::invalid_number, 3},
      {".5", errc::syntax, 0},
      {"1e", errc::unexpected_end, 2},
      {"1e+", errc::unexpected_end, 3},
      {"1ex", errc::invalid_number, 2},
      {"+1", errc::syntax, 0},
      {"-", errc::unexpected_end, 1},
      {"- 1", errc::invalid_number, 1},
      {"0x10", errc::trailing_data, 1},
      {"1 2", errc::trailing_data, 2},  // a second top-level value
      {"[1] x", errc::trailing_data, 4},
      {"{\"a\":1}}", errc::trailing_data, 7},
      {"\xEF\xBB\xBF{}", errc::syntax, 0},       // byte order mark
      {"\"a\tb\"", errc::control_character, 2},  // raw control characters
      {"\"a\x01\"", errc::control_character, 2},
      {"\"\x1f\"", errc::control_character, 1},
      {"[\"ab\\n\ncd\"]", errc::control_character, 6},  // after an escape too
      {"\"\\x\"", errc::invalid_escape, 1},
      {"\"ab\\'\"", errc::invalid_escape, 3},
      {"\"\\U0041\"", errc::invalid_escape, 1},
      {"\"\\u12G4\"", errc::invalid_escape, 1},
      {"\"\\u12\"", errc::invalid_escape, 1},
      {"\"\\u 123\"", errc::invalid_escape, 1},
      {"\"abc", errc::unexpected_end, 4},
      {"\"\\", errc::unexpected_end, 2},
      {"\"\\u00", errc::unexpected_end, 5},
      {"\"a\\nb", errc::unexpected_end, 5},
      {"[", errc::unexpected_end, 1},
      {"[1", errc::unexpected_end, 2},
      {"[1,", errc::unexpected_end, 3},
      {"{", errc::unexpected_end, 1},
      {"{\"a\"", errc::unexpected_end, 4},
      {"{\"a\":", errc::unexpected_end, 5},
      {"{\"a\":1", errc::unexpected_end, 6},
      {"{\"a\":1,", errc::unexpected_end, 7},
      {"tru", errc::unexpected_end, 3},
      {"trux", errc::syntax, 3},
      {"True", errc::syntax, 0},
      {"nul", errc::unexpected_end, 3},
      {"nulL", errc::syntax, 3},
      {"fals", errc::unexpected_end, 4},
      {"falsey", errc::trailing_data, 5},
      {"\x0c"
       "1",
       errc::syntax, 0},  // form feed is not JSON whitespace
      {"\xc2\xa0"
       "1",
       errc::syntax, 0},  // nor is U+00A0
      {"\xff", errc::invalid_utf8, 0},
      {"[\xc0]", errc::invalid_utf8, 1},
      {"1\xff", errc::invalid_utf8, 1},
      {"]", errc::syntax, 0},
      {"}", errc::syntax, 0},
      {":", errc::syntax, 0},
      {"{\"a\":1]", errc::syntax, 6},
      {"[1}", errc::syntax, 2},
  };
  for (const bad_case& c : cases) {
    const error_info err = check(c.json);
    EXPECT_EQ(err.code, c.code) << '"' << c.json << '"';
    EXPECT_EQ(err.offset, c.offset) << '"' << c.json << '"';
    EXPECT_NE(err.detail, nullptr) << '"' << c.json << '"';
  }
}

// Numbers are read 32 bytes at a time where that many bytes are left, byte by byte near the end
// of the input. Both readers must agree on every token, error code and offset: random short
// texts over the number alphabet are parsed alone (all bytewise) and followed by 40 spaces.
TEST(json_parser, numbers_read_by_block_or_bytewise_agree) {
  std::uint64_t state = 0x9E3779B97F4A7C15u;
  const auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const char alphabet[] = "0123456789000111999-..eE+-,,]] ";
  jsonsig::parse_options limited;
  limited.max_integer_digits = 5;
  for (int i = 0; i < 200000; ++i) {
    std::string x = "[";
    const std::size_t n = 1 + next() % 28;
    for (std::size_t j = 0; j < n; ++j) x += alphabet[next() % (sizeof alphabet - 1)];
    x += ']';
    const std::string padded = x + std::string(40, ' ');
    for (const jsonsig::parse_options& opt : {jsonsig::parse_options{}, limited}) {
      jsonsig::json_parser a(opt), b(opt);
      recorder ra, rb;
      error_info ea, eb;
      a.parse(x, ra, ea);
      b.parse(padded, rb, eb);
      ASSERT_EQ(ra.trace, rb.trace) << x;
      ASSERT_EQ(ea.code, eb.code) << x;
      ASSERT_EQ(ea.offset, eb.offset) << x;
      if (ea) {
        ASSERT_STREQ(ea.detail, eb.detail) << x;
      }
    }
  }
  // Lengths around the 32-byte window, with and without room after them.
  for (std::size_t len = 1; len <= 40; ++len) {
    std::string digits;
    for (std::size_t j = 0; j < len; ++j) digits += static_cast<char>('1' + j % 9);
    for (const std::string& num : {digits, "-" + digits, "0." + digits, "-" + digits + ".5",
                                   digits + "e-7", "-0.0" + digits}) {
      for (const std::string& after : {std::string(), std::string(40, ' ')}) {
        jsonsig::json_parser ps;
        recorder r;
        error_info err;
        ps.parse("[" + num + "]" + after, r, err);
        ASSERT_FALSE(err) << num;
        const bool integer = num.find_first_of(".e") == std::string::npos;
        EXPECT_EQ(r.trace, "[@0 " + std::string(integer ? "i:" : "n:") + num + "@1 ]@" +
                               std::to_string(num.size() + 1))
            << num;
      }
    }
  }
}

// Unicode Standard Table 3-7 / RFC 3629 §4. The error is at the lead byte of the ill-formed
// sequence (or at the stray byte), so the offset inside `"` + bytes + `"` is 1 + its index.
TEST(json_parser, utf8_validity_table) {
  struct utf8_case {
    std::string bytes;
    bool valid;
    std::size_t bad;  // index of the reported byte within `bytes`
  };
  const std::vector<utf8_case> cases = {
      {"\x41", true, 0},
      {"\xc2\x80", true, 0},
      {"\xdf\xbf", true, 0},
      {"\xe0\xa0\x80", true, 0},
      {"\xed\x9f\xbf", true, 0},  // U+D7FF, just below the surrogates
      {"\xee\x80\x80", true, 0},  // U+E000, just above
      {"\xef\xbf\xbf", true, 0},
      {"\xf0\x90\x80\x80", true, 0},
      {"\xf4\x8f\xbf\xbf", true, 0},  // U+10FFFF
      {"\xc0\x80", false, 0},         // overlong NUL
      {"\xc1\xbf", false, 0},         // overlong 2-byte
      {"\xe0\x80\x80", false, 0},     // overlong 3-byte
      {"\xe0\x9f\xbf", false, 0},
      {"\xf0\x80\x80\x80", false, 0},  // overlong 4-byte
      {"\xf0\x8f\xbf\xbf", false, 0},
      {"\xed\xa0\x80", false, 0},              // encoded surrogate U+D800
      {"\xed\xbf\xbf", false, 0},              // U+DFFF
      {"\xed\xa0\xbd\xed\xb8\x82", false, 0},  // CESU-8 pair
      {"\xf4\x90\x80\x80", false, 0},          // U+110000
      {"\xf5\x80\x80\x80", false, 0},
      {"\xf8\x88\x80\x80\x80", false, 0},
      {"\xfe", false, 0},
      {"\xff", false, 0},
      {"\x80", false, 0},  // stray continuation
      {"a\xbf", false, 1},
      {"\xc3\xa9\x80", false, 2},
      {"\xe2\x82", false, 0},  // truncated by the closing quote
      {"\xf0\x9f\x98", false, 0},
      {"\xc3", false, 0},
      {"ab\xe2\x82"
       "c",
       false, 2},  // truncated by ASCII
      {"\xc3\xc3\xa9", false, 0},
  };
  for (const utf8_case& c : cases) {
    const std::string json = "\"" + c.bytes + "\"";
    const error_info err = check(json);
    if (c.valid) {
      EXPECT_FALSE(err) << json;
      continue;
    }
    EXPECT_EQ(err.code, errc::invalid_utf8) << json;
    EXPECT_EQ(err.offset, 1 + c.bad) << json;
    // The same inside a long string (the SIMD paths), after an escape (the decoding path) and
    // as a key.
    const std::string pad(70, 'x');
    const error_info e2 = check("[\"" + pad + c.bytes + pad + "\"]");
    EXPECT_EQ(e2.code, errc::invalid_utf8) << json;
    EXPECT_EQ(e2.offset, 2 + pad.size() + c.bad) << json;
    const error_info e3 = check("\"\\n" + c.bytes + "\"");
    EXPECT_EQ(e3.code, errc::invalid_utf8) << json;
    EXPECT_EQ(e3.offset, 3 + c.bad) << json;
    const error_info e4 = check("{\"" + c.bytes + "\":1}");
    EXPECT_EQ(e4.code, errc::invalid_utf8) << json;
    EXPECT_EQ(e4.offset, 2 + c.bad) << json;
  }
  // A string cut inside a sequence at the end of the input.
  const error_info cut = check("\"\xe2\x82");
  EXPECT_EQ(cut.code, errc::invalid_utf8);
  EXPECT_EQ(cut.offset, 1u);
}

TEST(json_parser, invalid_utf8_deep_in_long_strings_at_every_position) {
  for (std::size_t len : {17u, 31u, 32u, 33u, 64u, 100u, 257u}) {
    for (std::size_t at = 0; at < len; at += 3) {
      std::string body(len, 'a');
      body[at] = '\xff';
      const error_info err = check("\"" + body + "\"");
      ASSERT_EQ(err.code, errc::invalid_utf8) << len << ' ' << at;
      ASSERT_EQ(err.offset, 1 + at) << len << ' ' << at;
      // Non-ASCII before it so the validator (not only the scanner) runs.
      std::string body2 = body;
      body2.replace(0, 2, "\xc3\xa9");
      if (at >= 2) {
        const error_info e2 = check("\"" + body2 + "\"");
        ASSERT_EQ(e2.code, errc::invalid_utf8) << len << ' ' << at;
        ASSERT_EQ(e2.offset, 1 + at) << len << ' ' << at;
      }
    }
  }
}

TEST(json_parser, events_offsets_and_zero_copy) {
  const std::string json = "{\"a\" : [1, -2.5e3, \"x\\ny\", true, false, null], \"b\":{}}";
  jsonsig::json_parser ps;
  recorder r;
  error_info err;
  ps.parse(json, r, err);
  ASSERT_FALSE(err);
  EXPECT_EQ(r.trace,
            "{@0 k:a@1 [@7 i:1@8 n:-2.5e3@11 s:x\ny@19 true@27 false@33 null@40 ]@44 k:b@47 "
            "{@51 }@52 }@53");
  ASSERT_EQ(r.strings.size(), 3u);
  // Unescaped strings are views into the input; escaped ones were decoded into the arena.
  EXPECT_EQ(r.strings[0].data, json.data() + 2);
  EXPECT_EQ(r.strings[0].flags, 0u);
  EXPECT_EQ(r.strings[1].flags, jsonsig::json_string::escaped);
  EXPECT_TRUE(r.strings[1].data < json.data() || r.strings[1].data >= json.data() + json.size());
  EXPECT_EQ(r.strings[2].data, json.data() + 48);
}

TEST(json_parser, escapes_decode_to_utf8_and_wtf8) {
  struct esc_case {
    const char* json;
    std::string decoded;
    unsigned flags;
  };
  using s = jsonsig::json_string;
  const std::vector<esc_case> cases = {
      {"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t", s::escaped},
      {"\"\\u0041\\u00e9\\u20AC\"", "A\xc3\xa9\xe2\x82\xac", s::escaped | s::non_ascii},
      {"\"\\u0000\"", std::string(1, '\0'), s::escaped},
      {"\"\\ud83d\\ude02\"", "\xf0\x9f\x98\x82", s::escaped | s::non_ascii},  // a pair combines
      {"\"\\uD83D\\uDE02\"", "\xf0\x9f\x98\x82", s::escaped | s::non_ascii},
      {"\"\\ud800\"", "\xed\xa0\x80", s::escaped | s::non_ascii | s::lone_surrogate},
      {"\"\\udc00\"", "\xed\xb0\x80", s::escaped | s::non_ascii | s::lone_surrogate},
      {"\"\\ud800\\u0041\"",
       "\xed\xa0\x80"
       "A",
       s::escaped | s::non_ascii | s::lone_surrogate},
      {"\"\\ud800\\ud800\\udc00\"", "\xed\xa0\x80\xf0\x90\x80\x80",
       s::escaped | s::non_ascii | s::lone_surrogate},
      {"\"\\udc00\\ud800\"", "\xed\xb0\x80\xed\xa0\x80",
       s::escaped | s::non_ascii | s::lone_surrogate},
      {"\"\\ud800\\n\"", "\xed\xa0\x80\n", s::escaped | s::non_ascii | s::lone_surrogate},
      {"\"\\ud800x\\udc00\"", "\xed\xa0\x80x\xed\xb0\x80",
       s::escaped | s::non_ascii | s::lone_surrogate},
      {"\"caf\xc3\xa9\\n\"", "caf\xc3\xa9\n", s::escaped | s::non_ascii},
      {"\"\\nl\xc3\xa9\"", "\nl\xc3\xa9", s::escaped | s::non_ascii},
      {"\"plain\"", "plain", 0},
      {"\"\xe6\x97\xa5\"", "\xe6\x97\xa5", s::non_ascii},
  };
  for (const esc_case& c : cases) {
    jsonsig::json_parser ps;
    recorder r;
    error_info err;
    ps.parse(c.json, r, err);
    ASSERT_FALSE(err) << c.json;
    ASSERT_EQ(r.strings.size(), 1u);
    EXPECT_EQ(std::string(r.strings[0].view()), c.decoded) << c.json;
    EXPECT_EQ(r.strings[0].flags, c.flags) << c.json;
  }
}

TEST(json_parser, lone_surrogates_rejected_when_asked) {
  jsonsig::parse_options strict;
  strict.allow_lone_surrogates = false;
  EXPECT_FALSE(check("\"\\ud83d\\ude02\"", strict));
  const std::vector<bad_case> cases = {
      {"\"\\ud800\"", errc::lone_surrogate, 1},
      {"\"\\udc00\"", errc::lone_surrogate, 1},
      {"[\"ab\\ud800\\u0041\"]", errc::lone_surrogate, 4},
      {"\"\\ud800\\ud800\\udc00\"", errc::lone_surrogate, 1},
      {"\"\\ud83d\\ude02\\ude02\"", errc::lone_surrogate, 13},
      {"{\"\\udfff\":1}", errc::lone_surrogate, 2},
  };
  for (const bad_case& c : cases) {
    const error_info err = check(c.json, strict);
    EXPECT_EQ(err.code, c.code) << c.json;
    EXPECT_EQ(err.offset, c.offset) << c.json;
  }
}

TEST(json_parser, number_limits_when_asked) {
  jsonsig::parse_options o;
  o.reject_non_finite = true;
  for (const char* ok : {"1e308", "1.7976931348623157e308", "-1.7976931348623157e308", "1e-400",
                         "0e999999999999", "0.0000e400", "0.001e311"})
    EXPECT_FALSE(check(ok, o)) << ok;
  EXPECT_FALSE(check("17976931348623157" + std::string(292, '0'), o));  // DBL_MAX written out
  EXPECT_EQ(check("17976931348623159" + std::string(292, '0'), o).code, errc::non_finite_number);
  for (const char* bad : {"1e309", "-1e309", "1.7976931348623159e308", "1e99999999999999999999",
                          "[0.01e311]", "10e308"}) {
    const error_info err = check(bad, o);
    EXPECT_EQ(err.code, errc::non_finite_number) << bad;
    EXPECT_EQ(err.offset, bad[0] == '[' ? 1u : 0u) << bad;
  }
  EXPECT_FALSE(check("1e400"));  // only when asked

  jsonsig::parse_options py;
  py.max_integer_digits = 4300;
  const std::string d4300(4300, '7'), d4301(4301, '7');
  EXPECT_FALSE(check(d4300, py));
  EXPECT_FALSE(check("-" + d4300, py));
  EXPECT_FALSE(check(d4301 + ".5", py));  // floats have no digit limit in Python
  EXPECT_FALSE(check(d4301 + "e0", py));
  EXPECT_EQ(check(d4301, py).code, errc::number_too_long);
  const error_info neg = check("[1, -" + d4301 + "]", py);
  EXPECT_EQ(neg.code, errc::number_too_long);
  EXPECT_EQ(neg.offset, 4u);
}

std::string nested(std::size_t depth, char open, char close) {
  return std::string(depth, open) + std::string(depth, close);
}

TEST(json_parser, depth_limit_uses_a_heap_stack) {
  EXPECT_FALSE(check(nested(1000, '[', ']')));
  EXPECT_FALSE(check(nested(1024, '[', ']')));
  const error_info e = check(nested(1025, '[', ']'));
  EXPECT_EQ(e.code, errc::too_deep);
  EXPECT_EQ(e.offset, 1024u);  // the bracket that goes one level too deep
  const error_info deep = check(nested(100000, '[', ']'));
  EXPECT_EQ(deep.code, errc::too_deep);
  EXPECT_EQ(deep.offset, 1024u);
  // Objects count the same way; an empty container at the limit is still one level deeper.
  std::string objs;
  for (int i = 0; i < 1025; ++i) objs += "{\"k\":";
  objs += "1";
  for (int i = 0; i < 1025; ++i) objs += "}";
  const error_info eo = check(objs);
  EXPECT_EQ(eo.code, errc::too_deep);
  EXPECT_EQ(eo.offset, 1024u * 5);
  // Configurable, including far beyond the default (no recursion anywhere).
  jsonsig::parse_options o;
  o.max_depth = 2;
  EXPECT_FALSE(check("[[1]]", o));
  EXPECT_FALSE(check("{\"a\":[]}", o));
  EXPECT_EQ(check("[[[]]]", o).code, errc::too_deep);
  EXPECT_EQ(check("[[[]]]", o).offset, 2u);
  EXPECT_EQ(check("[[{}]]", o).offset, 2u);
  o.max_depth = 0;
  EXPECT_FALSE(check("1", o));
  EXPECT_EQ(check("[]", o).code, errc::too_deep);
  o.max_depth = 200000;
  EXPECT_FALSE(check(nested(100000, '[', ']'), o));
  EXPECT_EQ(check(std::string(100000, '['), o).code, errc::unexpected_end);
}

TEST(json_parser, messages_give_line_and_column) {
  const std::string text = "{\n  \"a\": [1,\n  ]\n}";
  const error_info err = check(text);
  EXPECT_EQ(err.code, errc::syntax);
  EXPECT_EQ(jsonsig::format_error(err, text), "3:3: syntax error: expected a value (byte 15)");
  const std::string text2 = "[\r\n\"ok\",\r\n\"bad\x01\"]";
  const error_info err2 = check(text2);
  EXPECT_EQ(jsonsig::format_error(err2, text2),
            "3:5: unescaped control character in string: raw control character in string "
            "(escape it) (byte 14)");
  const std::string text3 = "{\"k\":1}\n  x";
  EXPECT_EQ(jsonsig::format_error(check(text3), text3),
            "2:3: unexpected data after the json value: expected end of input after the json "
            "value (byte 10)");
}

#if JSONSIG_EXCEPTIONS
TEST(json_parser, throwing_validate) {
  EXPECT_NO_THROW(jsonsig::validate_json("[1,2]"));
  try {
    jsonsig::validate_json("[1,\n2,]");
    FAIL() << "expected jsonsig::error";
  } catch (const jsonsig::error& e) {
    EXPECT_EQ(e.code(), errc::syntax);
    EXPECT_EQ(e.offset(), 6u);
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), 3u);
  }
}
#endif

TEST(json_parser, reusable_across_documents) {
  jsonsig::json_parser ps;
  for (int round = 0; round < 3; ++round) {
    recorder r;
    error_info err;
    ps.parse("[\"a\\tb\", \"c\\u0064\"]", r, err);
    ASSERT_FALSE(err);
    EXPECT_EQ(r.trace, "[@0 s:a\tb@1 s:cd@9 ]@18");
    recorder bad;
    ps.parse("[\"a\\tb\", ", bad, err);
    EXPECT_EQ(err.code, errc::unexpected_end);
  }
}

}  // namespace
