// SPDX-License-Identifier: MIT
// canonical.hpp: the three profiles' key order, escaping, numbers and duplicate rules; the RFC
// 8785 test data (cyberphone/json-canonicalization testdata and Appendix B); error reporting;
// the sinks; and properties of the corpus documents. Expected outputs of the small cases were
// checked against node 20 (JSON.stringify of sortDeep) and CPython 3.11 (json.dumps) when
// they were written; the golden differential tests regenerate such outputs from the real tools.
#include <jsonsig/canonical.hpp>
#include <jsonsig/ostream_sink.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "openssl_ref.hpp"
#include "support.hpp"

namespace {

using jsonsig::canonical_options;
using jsonsig::errc;
using jsonsig::error_info;
using jsonsig::profile;

std::string canon(std::string_view json, profile p) {
  error_info err;
  std::string out = jsonsig::canonicalize(json, p, err);
  EXPECT_FALSE(err) << jsonsig::format_error(err, json) << " in " << json;
  return out;
}

error_info canon_error(std::string_view json, const canonical_options& opt) {
  error_info err;
  const std::string out = jsonsig::canonicalize(json, opt, err);
  EXPECT_TRUE(out.empty());
  return err;
}

canonical_options opts(profile p, bool reject_duplicates = false) {
  canonical_options o;
  o.prof = p;
  o.reject_duplicates = reject_duplicates;
  return o;
}

const profile all_profiles[] = {profile::js, profile::jcs, profile::python};

// ---------------------------------------------------------------------------------------------
// RFC 8785 test data

TEST(canonical, jcs_test_vectors_byte_for_byte) {
  const std::string dir = jsonsig_test::shared_dir() + "/vectors/jcs/";
  int n = 0;
  for (const char* name : {"arrays", "french", "structures", "unicode", "values", "weird"}) {
    const std::string in = jsonsig_test::read_file(dir + "input/" + name + ".json");
    const std::string want = jsonsig_test::read_file(dir + "output/" + name + ".json");
    EXPECT_EQ(canon(in, profile::jcs), want) << name;
    // outhex/ holds the same bytes as hex.
    std::string hex;
    for (char c : jsonsig_test::read_file(dir + "outhex/" + name + ".txt"))
      if (std::isxdigit(static_cast<unsigned char>(c))) hex += c;
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
      bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    EXPECT_EQ(bytes, want) << name;
    ++n;
  }
  EXPECT_EQ(n, 6);
}

// Collects "ieee754_hex"/"json"/"error" of each object in the samples file, using our parser.
struct sample_reader {
  struct row {
    std::string hex, json;
    bool error = false;
  };
  std::vector<row> rows;
  std::string key;
  int depth = 0;
  int arrays = 0;
  void on_object_begin(std::size_t) {
    if (++depth == 2 && arrays == 1) rows.emplace_back();
  }
  void on_object_end(std::size_t) { --depth; }
  void on_array_begin(std::size_t) { ++arrays; }
  void on_array_end(std::size_t) { --arrays; }
  void on_key(const jsonsig::json_string& s) { key = std::string(s.view()); }
  void on_string(const jsonsig::json_string& s) {
    if (depth != 2 || arrays != 1) return;
    if (key == "ieee754_hex") rows.back().hex = std::string(s.view());
    if (key == "json") rows.back().json = std::string(s.view());
  }
  void on_number(const jsonsig::json_number&) {}
  void on_literal(jsonsig::json_literal l, std::size_t) {
    if (depth == 2 && arrays == 1 && key == "error")
      rows.back().error = l == jsonsig::json_literal::true_value;
  }
};

double double_from_hex(const std::string& hex) {
  const std::uint64_t bits = std::stoull(hex, nullptr, 16);
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

TEST(canonical, rfc8785_appendix_b_numbers_through_text_and_builder) {
  const std::string text = jsonsig_test::read_file(jsonsig_test::shared_dir() +
                                                   "/vectors/jcs/rfc8785_number_samples.json");
  jsonsig::json_parser ps;
  sample_reader r;
  error_info err;
  ps.parse(text, r, err);
  ASSERT_FALSE(err);
  ASSERT_EQ(r.rows.size(), 26u);
  int finite = 0;
  for (const auto& row : r.rows) {
    const double d = double_from_hex(row.hex);
    jsonsig::builder b(profile::jcs);
    b.number(d);
    error_info berr;
    const std::string built = b.finish(berr);
    if (row.error) {
      EXPECT_EQ(berr.code, errc::non_finite_number) << row.hex;
      continue;
    }
    ++finite;
    EXPECT_EQ(built, row.json) << row.hex;
    // As text: 17 significant digits always identify the double.
    char lex[40];
    std::snprintf(lex, sizeof lex, "%.17g", d);
    EXPECT_EQ(canon(lex, profile::jcs), row.json) << row.hex << ' ' << lex;
    EXPECT_EQ(canon(row.json, profile::jcs), row.json) << row.hex;  // already canonical
  }
  EXPECT_EQ(finite, 24);
}

TEST(canonical, es6_number_file_samples) {
  std::istringstream lines(jsonsig_test::read_file(jsonsig_test::shared_dir() +
                                                   "/vectors/jcs/es6testfile_readme_samples.txt"));
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    const std::size_t comma = line.find(',');
    ASSERT_NE(comma, std::string::npos);
    const double d = double_from_hex(line.substr(0, comma));
    jsonsig::builder b(profile::jcs);
    b.number(d);
    EXPECT_EQ(b.finish(), line.substr(comma + 1));
    char lex[40];
    std::snprintf(lex, sizeof lex, "%.17g", d);
    EXPECT_EQ(canon(lex, profile::js), line.substr(comma + 1));
    ++n;
  }
  EXPECT_EQ(n, 7);
}

// ---------------------------------------------------------------------------------------------
// Key order

TEST(canonical, utf16_versus_code_point_order) {
  // U+FB33 is one UTF-16 unit (FB33) but U+1F602 starts with D83D: UTF-16 puts the emoji first,
  // code point order puts it last (RFC 8785 §3.2.3's own example).
  const std::string in = "{\"\\uFB33\":1,\"\\uD83D\\uDE02\":2,\"a\":0}";
  EXPECT_EQ(canon(in, profile::jcs), "{\"a\":0,\"\xf0\x9f\x98\x82\":2,\"\xef\xac\xb3\":1}");
  EXPECT_EQ(canon(in, profile::js), "{\"a\":0,\"\xf0\x9f\x98\x82\":2,\"\xef\xac\xb3\":1}");
  EXPECT_EQ(canon(in, profile::python), "{\"a\":0,\"\\ufb33\":1,\"\\ud83d\\ude02\":2}");
  // The same keys written raw, and in the other input order.
  const std::string raw = "{\"\xf0\x9f\x98\x82\":2,\"\xef\xac\xb3\":1}";
  EXPECT_EQ(canon(raw, profile::jcs), "{\"\xf0\x9f\x98\x82\":2,\"\xef\xac\xb3\":1}");
  EXPECT_EQ(canon(raw, profile::python), "{\"\\ufb33\":1,\"\\ud83d\\ude02\":2}");
  // After a long common prefix (the difference is past the first 8 bytes).
  const std::string longer =
      "{\"prefix-12345-\xef\xac\xb3\":1,\"prefix-12345-\xf0\x9f\x98\x82\":2}";
  EXPECT_EQ(canon(longer, profile::jcs),
            "{\"prefix-12345-\xf0\x9f\x98\x82\":2,\"prefix-12345-\xef\xac\xb3\":1}");
  EXPECT_EQ(canon(longer, profile::python),
            "{\"prefix-12345-\\ufb33\":1,\"prefix-12345-\\ud83d\\ude02\":2}");
  // U+D7FF (below the surrogates) sorts before the emoji in both orders.
  EXPECT_EQ(canon("{\"\xf0\x9f\x98\x82\":2,\"\xed\x9f\xbf\":1}", profile::jcs),
            "{\"\xed\x9f\xbf\":1,\"\xf0\x9f\x98\x82\":2}");
}

TEST(canonical, js_array_index_keys_first_in_numeric_order) {
  const std::string in =
      "{\"10\":0,\"2\":0,\"01\":0,\"4294967295\":0,\"4294967294\":0,\"-1\":0,\"a\":0,\"0\":0,\"\":"
      "0}";
  EXPECT_EQ(canon(in, profile::js),
            "{\"0\":0,\"2\":0,\"10\":0,\"4294967294\":0,\"\":0,\"-1\":0,\"01\":0,\"4294967295\":0,"
            "\"a\":0}");
  EXPECT_EQ(canon(in, profile::jcs),
            "{\"\":0,\"-1\":0,\"0\":0,\"01\":0,\"10\":0,\"2\":0,\"4294967294\":0,\"4294967295\":0,"
            "\"a\":0}");
  EXPECT_EQ(canon(in, profile::python), canon(in, profile::jcs));
  // Not indices: sign, space, exponent, leading zero, too large.
  EXPECT_EQ(canon("{\"1e3\":0,\"+1\":0,\" 1\":0,\"00\":0,\"99999999999\":0,\"7\":0}", profile::js),
            "{\"7\":0,\" 1\":0,\"+1\":0,\"00\":0,\"1e3\":0,\"99999999999\":0}");
  // An escaped index is still an index.
  EXPECT_EQ(canon("{\"b\":0,\"\\u0031\\u0030\":1,\"9\":2}", profile::js),
            "{\"9\":2,\"10\":1,\"b\":0}");
}

TEST(canonical, lone_surrogate_keys_sort_by_code_unit) {
  // Checked against node and python: D800 < D83D 0078 < D83D DE02 (emoji) < D83D E000 in UTF-16;
  // by code point the emoji (U+1F602) is last.
  const std::string in =
      "{\"\\uFB33\":1,\"\\uD83D\\uDE02\":2,\"\\ud800\":3,\"\\ue000\":4,\"\\ud83dx\":5,"
      "\"\\ud83d\\ue000\":6}";
  EXPECT_EQ(canon(in, profile::js),
            "{\"\\ud800\":3,\"\\ud83dx\":5,\"\xf0\x9f\x98\x82\":2,\"\\ud83d\xee\x80\x80\":6,"
            "\"\xee\x80\x80\":4,\"\xef\xac\xb3\":1}");
  EXPECT_EQ(canon(in, profile::python),
            "{\"\\ud800\":3,\"\\ud83dx\":5,\"\\ud83d\\ue000\":6,\"\\ue000\":4,\"\\ufb33\":1,"
            "\"\\ud83d\\ude02\":2}");
  EXPECT_EQ(canon_error(in, opts(profile::jcs)).code, errc::lone_surrogate);
  // A lone high surrogate that equals the emoji's first unit, then the end of the key.
  EXPECT_EQ(canon("{\"\\ud83d\\ude02\":1,\"\\ud83d\":2}", profile::js),
            "{\"\\ud83d\":2,\"\xf0\x9f\x98\x82\":1}");
}

TEST(canonical, sorting_is_recursive_and_covers_large_objects) {
  EXPECT_EQ(
      canon("{\"b\":[{\"z\":1,\"y\":[{\"d\":0,\"c\":0}]}],\"a\":{\"q\":{},\"p\":[]}}", profile::js),
      "{\"a\":{\"p\":[],\"q\":{}},\"b\":[{\"y\":[{\"c\":0,\"d\":0}],\"z\":1}]}");
  // 300 members in reverse order (the std::sort path) and in order (the sorted check).
  std::string rev = "{", fwd = "{", want = "{";
  for (int i = 299; i >= 0; --i) {
    char k[16];
    std::snprintf(k, sizeof k, "k%03d", i);
    rev += std::string(i == 299 ? "" : ",") + "\"" + k + "\":" + std::to_string(i);
  }
  for (int i = 0; i < 300; ++i) {
    char k[16];
    std::snprintf(k, sizeof k, "k%03d", i);
    fwd += std::string(i == 0 ? "" : ",") + "\"" + k + "\":" + std::to_string(i);
  }
  rev += "}";
  fwd += "}";
  for (profile p : all_profiles) {
    EXPECT_EQ(canon(rev, p), fwd);
    EXPECT_EQ(canon(fwd, p), fwd);
  }
}

TEST(canonical, records_with_one_key_order_sort_alike) {
  // Objects of >= 6 keys reuse the order found for an identical key sequence; every variation
  // below must still come out sorted (and duplicates still resolved or rejected).
  const std::string keys[] = {"id",   "name",          "email", "zip", "age",
                              "city", "\u00e9t\u00e9", "10",    "2"};
  auto record = [&](const std::vector<int>& order, int value, int dup = -1) {
    std::string r = "{";
    for (std::size_t i = 0; i < order.size(); ++i) {
      r += (i ? "," : "") + std::string("\"") + keys[order[i]] +
           "\":" + std::to_string(value + order[i]);
    }
    if (dup >= 0) r += ",\"" + keys[dup] + "\":" + std::to_string(-value);
    return r + "}";
  };
  const std::vector<int> base = {0, 1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<int> moved = {8, 1, 2, 3, 4, 5, 6, 7, 0};
  const std::vector<int> fewer = {0, 1, 2, 3, 4, 5, 6, 7};
  const std::string doc = "[" + record(base, 10) + "," + record(base, 20) + "," +
                          record(moved, 30) + "," + record(base, 40) + "," + record(fewer, 50) +
                          "," + record(base, 60, 1) + "," + record(base, 70) + "]";
  // js: indices "2","10" first, then UTF-16 order; "été" last.
  auto want_js = [](int v, bool with_two = true, std::optional<int> name = std::nullopt) {
    std::string r = "{";
    if (with_two) r += "\"2\":" + std::to_string(v + 8) + ",";
    r += "\"10\":" + std::to_string(v + 7) + ",\"age\":" + std::to_string(v + 4) +
         ",\"city\":" + std::to_string(v + 5) + ",\"email\":" + std::to_string(v + 2) +
         ",\"id\":" + std::to_string(v) + ",\"name\":" + std::to_string(name.value_or(v + 1)) +
         ",\"zip\":" + std::to_string(v + 3) + ",\"\xc3\xa9t\xc3\xa9\":" + std::to_string(v + 6) +
         "}";
    return r;
  };
  const std::string want = "[" + want_js(10) + "," + want_js(20) + "," + want_js(30) + "," +
                           want_js(40) + "," + want_js(50, false) + "," + want_js(60, true, -60) +
                           "," + want_js(70) + "]";
  EXPECT_EQ(canon(doc, profile::js), want);
  const error_info e = canon_error(doc, opts(profile::jcs));
  EXPECT_EQ(e.code, errc::duplicate_key);
  EXPECT_EQ(e.offset, doc.find("\"name\":-60"));
  // The same through a reused canonicalizer, whose remembered orders belong to the last input.
  jsonsig::canonicalizer c;
  error_info err;
  EXPECT_EQ(c.canonicalize(doc, err), want);
  const std::string doc2 = "[" + record(base, 5) + "," + record(base, 6) + "]";
  EXPECT_EQ(c.canonicalize(doc2, err), "[" + want_js(5) + "," + want_js(6) + "]");
}

// ---------------------------------------------------------------------------------------------
// Strings and numbers

TEST(canonical, string_escaping_per_profile) {
  const std::string in =
      "\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\\\/"
      "\\u007f\\u0080\\u00e9\\ud83d\\ude02\\u2028\\ud800\"";
  EXPECT_EQ(
      canon(in, profile::js),
      "\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\x7f\xc2\x80\xc3\xa9\xf0\x9f\x98\x82\xe2\x80\xa8"
      "\\ud800\"");
  EXPECT_EQ(canon(in, profile::python),
            "\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\/"
            "\\u007f\\u0080\\u00e9\\ud83d\\ude02\\u2028\\ud800\"");
  // Raw input characters are not escaped (js) or are (python).
  const std::string raw = "\"a/\x7f\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x82\"";
  EXPECT_EQ(canon(raw, profile::js), raw);
  EXPECT_EQ(canon(raw, profile::jcs), raw);
  EXPECT_EQ(canon(raw, profile::python), "\"a/\\u007f\\u00e9\\u65e5\\ud83d\\ude02\"");
  // Every control character, escaped in every profile, in lowercase hex.
  for (unsigned c = 0; c < 0x20; ++c) {
    char in1[16], want[16];
    std::snprintf(in1, sizeof in1, "\"\\u%04X\"", c);
    const char* shorts = "btn\0fr";
    if (c >= 8 && c <= 13 && c != 11) {
      std::snprintf(want, sizeof want, "\"\\%c\"", shorts[c - 8]);
    } else {
      std::snprintf(want, sizeof want, "\"\\u%04x\"", c);
    }
    for (profile p : all_profiles) EXPECT_EQ(canon(in1, p), want) << c;
  }
  // Long strings with escapes spread over several output buffers.
  std::string big = "\"", want_js = "\"";
  for (int i = 0; i < 3000; ++i) {
    big += "ab\\n\\u00e9";
    want_js += "ab\\n\xc3\xa9";
  }
  EXPECT_EQ(canon(big + "\"", profile::js), want_js + "\"");
}

TEST(canonical, numbers_per_profile) {
  const std::string in =
      "[-0, 0.0, -0.0, 1.0, 1e21, 1e-7, 123456789012345678, 1E400, 0.1, 100, 1.5e300, 5e-324, "
      "2.5, -1E-400, 1e20, 0.000001, 123e-20, 9007199254740993, 18446744073709551616]";
  EXPECT_EQ(canon(in, profile::js),
            "[0,0,0,1,1e+21,1e-7,123456789012345680,null,0.1,100,1.5e+300,5e-324,2.5,0,"
            "100000000000000000000,0.000001,1.23e-18,9007199254740992,18446744073709552000]");
  EXPECT_EQ(canon(in, profile::python),
            "[0,0.0,-0.0,1.0,1e+21,1e-07,123456789012345678,Infinity,0.1,100,1.5e+300,5e-324,2.5,"
            "-0.0,1e+20,1e-06,1.23e-18,9007199254740993,18446744073709551616]");
  const error_info e = canon_error(in, opts(profile::jcs));
  EXPECT_EQ(e.code, errc::non_finite_number);
  EXPECT_EQ(e.offset, in.find("1E400"));
  EXPECT_EQ(canon("[-1e999]", profile::js), "[null]");
  EXPECT_EQ(canon("[-1e999]", profile::python), "[-Infinity]");
  // Integer fast path boundaries (15 digits verbatim, 16+ through the double).
  EXPECT_EQ(
      canon("[999999999999999,-999999999999999,1000000000000001,9999999999999999]", profile::js),
      "[999999999999999,-999999999999999,1000000000000001,10000000000000000]");
  // Python's int digit limit (json.loads raises beyond 4300 digits).
  const std::string d4300(4300, '9');
  EXPECT_EQ(canon("[" + d4300 + "]", profile::python), "[" + d4300 + "]");
  const error_info too_long = canon_error("[" + d4300 + "9]", opts(profile::python));
  EXPECT_EQ(too_long.code, errc::number_too_long);
  EXPECT_EQ(too_long.offset, 1u);
  EXPECT_EQ(canon("[" + d4300 + "9]", profile::js), "[null]");  // 10^4301 overflows a double
}

TEST(canonical, arrays_of_scalars_are_reread_from_the_input_exactly) {
  // Arrays without containers are written from the input text again: long and short numbers,
  // numbers right at the end of the input (no 16-byte look-ahead there), strings with escapes,
  // literals, odd whitespace, and arrays that turn out to hold a container after scalars.
  const std::string nums = "[-65.613616999999977, 1.00000000000000000001e-5,123456789012345678901234 ,0.1,1E2]";
  EXPECT_EQ(canon(nums, profile::js), "[-65.61361699999998,0.00001,1.2345678901234569e+23,0.1,100]");
  EXPECT_EQ(canon(nums, profile::python), "[-65.61361699999998,1e-05,123456789012345678901234,0.1,100.0]");
  for (std::size_t pad = 1; pad < 14; ++pad) {
    const std::string tail = "{\"k\":[\"a\\n\", true,null ,false," + std::string(pad, '1') + "2.50]}";
    const std::string want = "{\"k\":[\"a\\n\",true,null,false," + std::string(pad, '1') + "2.5]}";
    EXPECT_EQ(canon(tail, profile::js), want) << pad;
    EXPECT_EQ(canon("[" + std::string(pad, '7') + ".0]", profile::python), "[" + std::string(pad, '7') + ".0]")
        << pad;
  }
  EXPECT_EQ(canon("[1, \"\\u00e9\", 2.0, [3], {\"b\":1,\"a\":2}, -0]", profile::js),
            "[1,\"\xc3\xa9\",2,[3],{\"a\":2,\"b\":1},0]");
  EXPECT_EQ(canon("[\t[\n1 , \"x\" ]\r, []]", profile::python), "[[1,\"x\"],[]]");
}

TEST(canonical, arrays_without_objects_at_any_depth_are_reread_whole) {
  // An array with no object inside, at any depth, is one leaf: GeoJSON coordinate trees, arrays
  // of pairs, nested empties, strings holding brackets and commas, whitespace between levels.
  for (const profile p : all_profiles) {
    EXPECT_EQ(canon("[[[-65.613616999999977, 43.420273000000009], [1 ,2]],\n"
                    "  [[ ]] , [[[\"a]b,[\", 1.50]]]]",
                    p),
              "[[[-65.61361699999998,43.42027300000001],[1,2]],[[]],[[[\"a]b,[\",1.5]]]]");
  }
  // An object after nested arrays: the arrays closed before it stay leaves, the ones still open
  // get nodes, at every depth the object can appear.
  EXPECT_EQ(canon("[[1, [2.50, \"a]b\", []], [[[]]]], {\"b\":[1,[2]],\"a\":0}, "
                  "[3, {\"x\":[[1 ,2]]}, [4]]]",
                  profile::js),
            "[[1,[2.5,\"a]b\",[]],[[[]]]],{\"a\":0,\"b\":[1,[2]]},[3,{\"x\":[[1,2]]},[4]]]");
  EXPECT_EQ(canon("[[1,[2,[3,{\"z\":1,\"y\":[5,[6]]}],7],8],9]", profile::js),
            "[[1,[2,[3,{\"y\":[5,[6]],\"z\":1}],7],8],9]");
  EXPECT_EQ(canon("[[[[{}]]], [[{\"b\":[[]],\"a\":[{}]}], [\"]\"]]]", profile::js),
            "[[[[{}]]],[[{\"a\":[{}],\"b\":[[]]}],[\"]\"]]]");
  EXPECT_EQ(canon("{\"k\":[[\"\\u00e9\", [\"\xc3\xa9\\n\"]], [[[1e400]]]]}", profile::python),
            "{\"k\":[[\"\\u00e9\",[\"\\u00e9\\n\"]],[[[Infinity]]]]}");
  // Deeply nested arrays without objects, then with one at the bottom.
  const std::string open(200, '['), close(200, ']');
  EXPECT_EQ(canon(open + "1.0" + close, profile::js), open + "1" + close);
  EXPECT_EQ(canon(open + "{\"b\":1,\"a\":2}" + close, profile::js),
            open + "{\"a\":2,\"b\":1}" + close);
}

// ---------------------------------------------------------------------------------------------
// Duplicates

TEST(canonical, duplicate_keys_last_wins_or_error) {
  const std::string in = "{\"a\":1,\"b\":2,\"a\":{\"z\":[3]}}";
  EXPECT_EQ(canon(in, profile::js), "{\"a\":{\"z\":[3]},\"b\":2}");
  EXPECT_EQ(canon(in, profile::python), "{\"a\":{\"z\":[3]},\"b\":2}");
  for (const canonical_options& o : {opts(profile::jcs), opts(profile::js, true),
                                     opts(profile::python, true), opts(profile::jcs, true)}) {
    const error_info e = canon_error(in, o);
    EXPECT_EQ(e.code, errc::duplicate_key);
    EXPECT_EQ(e.offset, 13u);  // the second "a"
  }
  // Three copies: the last wins; the error names the second.
  const std::string three = "{\"k\":1,\"k\":2,\"x\":0,\"k\":3}";
  EXPECT_EQ(canon(three, profile::js), "{\"k\":3,\"x\":0}");
  EXPECT_EQ(canon_error(three, opts(profile::jcs)).offset, 7u);
  // Keys equal after decoding escapes are duplicates.
  EXPECT_EQ(canon("{\"\\u0061\":1,\"a\":2}", profile::js), "{\"a\":2}");
  EXPECT_EQ(canon("{\"\xf0\x9f\x98\x82\":1,\"\\ud83d\\ude02\":2}", profile::python),
            "{\"\\ud83d\\ude02\":2}");
  EXPECT_EQ(canon_error("{\"a\":1,\"\\u0061\":2}", opts(profile::jcs)).offset, 7u);
  // Array-index keys (js) and long keys.
  EXPECT_EQ(canon("{\"7\":1,\"x\":0,\"7\":2}", profile::js), "{\"7\":2,\"x\":0}");
  const std::string lk = "\"a-long-key-beyond-eight-bytes\"";
  EXPECT_EQ(canon("{" + lk + ":1," + lk + ":2}", profile::js), "{" + lk + ":2}");
  // Not duplicates: differ only past the head, or by length, or "0" vs "\u0000".
  EXPECT_EQ(canon("{\"0\":1,\"\\u0000\":2}", profile::js), "{\"0\":1,\"\\u0000\":2}");
  EXPECT_EQ(canon("{\"abcdefgh1\":1,\"abcdefgh2\":2,\"abcdefgh\":3}", profile::jcs),
            "{\"abcdefgh\":3,\"abcdefgh1\":1,\"abcdefgh2\":2}");
  // The earliest second occurrence in the document is reported, whichever object closes first.
  const std::string nested = "{\"x\":0,\"y\":{\"k\":1,\"k\":2},\"x\":1}";
  const error_info e = canon_error(nested, opts(profile::jcs));
  EXPECT_EQ(e.code, errc::duplicate_key);
  EXPECT_EQ(e.offset, nested.find("\"k\":2"));
  const std::string nested2 = "{\"x\":0,\"x\":1,\"y\":{\"k\":1,\"k\":2}}";
  EXPECT_EQ(canon_error(nested2, opts(profile::jcs)).offset, 7u);
  // Grammar errors come before duplicates.
  EXPECT_EQ(canon_error("{\"a\":1,\"a\":2,}", opts(profile::jcs)).code, errc::syntax);
}

// ---------------------------------------------------------------------------------------------
// Errors, depth, limits

TEST(canonical, errors_are_reported_with_position) {
  error_info err;
  const std::string out = jsonsig::canonicalize("{\"a\":\n  [1,]}", profile::js, err);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(err.code, errc::syntax);
  EXPECT_EQ(err.offset, 11u);
  EXPECT_EQ(jsonsig::format_error(err, "{\"a\":\n  [1,]}"),
            "2:6: syntax error: expected a value (byte 11)");
  EXPECT_EQ(canon_error("[\"\\ud800\"]", opts(profile::jcs)).code, errc::lone_surrogate);
  EXPECT_EQ(canon_error("[\"\\ud800\"]", opts(profile::jcs)).offset, 2u);
  EXPECT_EQ(canon_error("\"\xed\xa0\x80\"", opts(profile::js)).code, errc::invalid_utf8);
  EXPECT_EQ(canon_error("", opts(profile::python)).code, errc::unexpected_end);
#if JSONSIG_EXCEPTIONS
  try {
    (void)jsonsig::canonicalize("[1,\n 2,\n ]");
    FAIL() << "expected jsonsig::error";
  } catch (const jsonsig::error& e) {
    EXPECT_EQ(e.code(), errc::syntax);
    EXPECT_EQ(e.line(), 3u);
    EXPECT_EQ(e.column(), 2u);
  }
  EXPECT_EQ(jsonsig::canonicalize("{\"b\":1,\"a\":2}"), "{\"a\":2,\"b\":1}");
  EXPECT_THROW((void)jsonsig::canonicalize("{\"a\":1,\"a\":2}", opts(profile::js, true)),
               jsonsig::error);
#endif
}

TEST(canonical, deep_nesting) {
  const std::string ok = std::string(1000, '[') + std::string(1000, ']');
  for (profile p : all_profiles) EXPECT_EQ(canon(ok, p), ok);
  std::string objs;
  for (int i = 0; i < 1000; ++i) objs += "{\"k\":";
  objs += "[]";
  for (int i = 0; i < 1000; ++i) objs += "}";
  EXPECT_EQ(canon(objs, profile::js), objs);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const error_info e = canon_error(deep, opts(profile::js));
  EXPECT_EQ(e.code, errc::too_deep);
  EXPECT_EQ(e.offset, 1024u);
  canonical_options big = opts(profile::python);
  big.max_depth = 100000;
  EXPECT_EQ(jsonsig::canonicalize(deep, big).size(), deep.size());
  canonical_options shallow = opts(profile::js);
  shallow.max_depth = 3;
  EXPECT_EQ(canon_error("[[[[1]]]]", shallow).offset, 3u);
}

TEST(canonical, inputs_of_4_gib_or_more_are_refused_before_reading) {
#if SIZE_MAX > 0xFFFFFFFFu
  const char byte = '1';
  // Never dereferenced beyond the size check.
  const std::string_view huge(&byte, std::size_t{0x100000000});
  error_info err;
  EXPECT_TRUE(jsonsig::canonicalize(huge, profile::js, err).empty());
  EXPECT_EQ(err.code, errc::invalid_argument);
#endif
}

// ---------------------------------------------------------------------------------------------
// Sinks

struct chunk_sink {
  std::string data;
  std::vector<std::size_t> sizes;
  void write(const char* p, std::size_t n) {
    sizes.push_back(n);
    data.append(p, n);
  }
};

std::string corpus(const char* name) {
  return jsonsig_test::read_file(jsonsig_test::shared_dir() + "/corpus/" + name);
}

TEST(canonical, sinks_receive_the_same_bytes_in_large_chunks) {
  const std::string doc = corpus("twitter.json");
  const std::string want = canon(doc, profile::js);
  ASSERT_GT(want.size(), 100000u);
  canonical_options o;
  error_info err;

  chunk_sink chunks;
  jsonsig::canonicalize_to(doc, chunks, o, err);
  ASSERT_FALSE(err);
  EXPECT_EQ(chunks.data, want);
  for (std::size_t i = 0; i + 1 < chunks.sizes.size(); ++i) EXPECT_GE(chunks.sizes[i], 2048u) << i;
  EXPECT_LE(chunks.sizes.size(), want.size() / 2048 + 1);

  std::string a, b;
  jsonsig::string_sink sa{a}, sb{b};
  jsonsig::tee_sink<jsonsig::string_sink, jsonsig::string_sink> tee(sa, sb);
  jsonsig::canonicalize_to(doc, tee, o, err);
  EXPECT_EQ(a, want);
  EXPECT_EQ(b, want);

  std::ostringstream os;
  jsonsig::ostream_sink osink(os);
  jsonsig::canonicalize_to(doc, osink, o, err);
  EXPECT_EQ(os.str(), want);

  jsonsig::counting_sink count;
  jsonsig::canonicalize_to(doc, count, o, err);
  EXPECT_EQ(count.count, want.size());
}

TEST(canonical, hmac_sink_equals_hmac_of_the_canonical_string) {
  const std::string key = "s3cr3t-signature-token";
  for (const char* name : {"twitter.json", "canada.json", "github_events.json"}) {
    const std::string doc = corpus(name);
    for (profile p : {profile::js, profile::python}) {
      const std::string text = canon(doc, p);
      jsonsig::hmac_sha512 mac(key);
      jsonsig::hmac_sink sink(mac);
      error_info err;
      jsonsig::canonicalize_to(doc, sink, opts(p), err);
      ASSERT_FALSE(err);
      sink.flush();
      unsigned char got[64];
      mac.finish(got);
      const std::string got_s(reinterpret_cast<char*>(got), 64);
      const auto want = jsonsig::hmac_sha512_digest(key, text);  // hmac.hpp over the string
      EXPECT_EQ(got_s, std::string(reinterpret_cast<const char*>(want.data()), want.size())) << name;
      EXPECT_EQ(got_s, jsonsig_test::openssl_hmac(key, text))
          << name;  // and an independent implementation
    }
  }
  // Tiny writes straight into the sink are buffered, and the result is the same.
  jsonsig::hmac_sha512 mac(key);
  {
    jsonsig::hmac_sink sink(mac);
    for (char c : std::string("{\"a\":1}")) sink.write(&c, 1);
  }  // the destructor flushes
  unsigned char got[64];
  mac.finish(got);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(got), 64),
            jsonsig_test::openssl_hmac(key, "{\"a\":1}"));

  // Writes of every size around the sink's buffer, the pass-through threshold and the SHA-512
  // block, in a mix, arriving with the buffer empty and partly full.
  std::string msg(60000, '\0');
  for (std::size_t i = 0; i < msg.size(); ++i) msg[i] = static_cast<char>((i * 7919u) >> 3);
  const std::size_t sizes[] = {1,   127,  128,  129,  0,    jsonsig::hmac_sink::direct_threshold,
                               3,   1023, 1024, 1025, 4095, jsonsig::hmac_sink::buffer_size,
                               7,   4097, 255,  256,  8192, 12345};
  for (std::size_t start = 0; start < std::size(sizes); ++start) {
    jsonsig::hmac_sha512 m(key);
    std::size_t pos = 0;
    {
      jsonsig::hmac_sink sink(m);
      for (std::size_t k = start; pos < msg.size(); ++k) {
        const std::size_t n = std::min(sizes[k % std::size(sizes)], msg.size() - pos);
        sink.write(msg.data() + pos, n);
        pos += n;
      }
    }
    m.finish(got);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(got), 64), jsonsig_test::openssl_hmac(key, msg))
        << start;
  }
}

// ---------------------------------------------------------------------------------------------
// Corpus properties (the golden tests compare the bytes with node and python)

TEST(canonical, corpus_documents_are_idempotent_and_profile_differences_show) {
  for (const char* name :
       {"apache_builds.json", "canada.json", "citm_catalog.json", "github_events.json",
        "gsoc-2018.json", "instruments.json", "marine_ik.json", "mesh.json", "numbers.json",
        "random.json", "twitter.json", "update-center.json"}) {
    const std::string doc = corpus(name);
    for (profile p : all_profiles) {
      const std::string once = canon(doc, p);
      EXPECT_EQ(canon(once, p), once) << name;
      EXPECT_LE(once.size(), doc.size() * 2) << name;
    }
  }
  const std::string tw = corpus("twitter.json");
  EXPECT_NE(canon(tw, profile::js).find("\"id\":505874924095815700"), std::string::npos);
  EXPECT_NE(canon(tw, profile::python).find("\"id\":505874924095815681"), std::string::npos);
  const std::string gsoc = corpus("gsoc-2018.json");
  EXPECT_EQ(canon(gsoc, profile::js).compare(0, 7, "{\"0\":{\""), 0);
  const std::string js = canon(gsoc, profile::js), jcs = canon(gsoc, profile::jcs);
  EXPECT_LT(js.find("\"2\":{"), js.find("\"10\":{"));
  EXPECT_GT(jcs.find("\"2\":{"), jcs.find("\"10\":{"));
  const std::string mesh = corpus("mesh.json");
  EXPECT_EQ(canon(mesh, profile::python).find("1.0,") != std::string::npos, true);
}

TEST(canonical, canonicalizer_is_reusable) {
  jsonsig::canonicalizer c;
  const std::string docs[] = {corpus("github_events.json"), "{\"b\":\"\\u00e9\",\"a\":[]}", "[1,2]",
                              corpus("instruments.json"), "{\"x\":\"y\\n\"}"};
  for (int round = 0; round < 2; ++round) {
    for (const std::string& d : docs) {
      error_info err;
      EXPECT_EQ(c.canonicalize(d, err), canon(d, profile::js));
      EXPECT_FALSE(err);
      EXPECT_TRUE(c.canonicalize("[1,", err).empty());
      EXPECT_EQ(err.code, errc::unexpected_end);
    }
  }
}

TEST(canonical, whitespace_and_member_order_do_not_matter) {
  const std::string a = "{\"b\":[1,{\"y\":2,\"x\":1}],\"a\":\"s\"}";
  const std::string b = " {\n\t\"a\" : \"s\" ,\r\n \"b\" : [ 1 , { \"x\" : 1 , \"y\" : 2 } ] } \n";
  for (profile p : all_profiles) EXPECT_EQ(canon(a, p), canon(b, p));
  EXPECT_EQ(canon(b, profile::js), "{\"a\":\"s\",\"b\":[1,{\"x\":1,\"y\":2}]}");
}

}  // namespace
