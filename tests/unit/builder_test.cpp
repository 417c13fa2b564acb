// SPDX-License-Identifier: MIT
// builder.hpp: values built in code give the bytes their JSON text canonicalizes to (also on
// every corpus document, replayed through the builder), the number rules of each profile, and
// every misuse reported with its code and call index.
#include <jsonsig/builder.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "support.hpp"

namespace {

using jsonsig::builder;
using jsonsig::canonical_options;
using jsonsig::errc;
using jsonsig::error_info;
using jsonsig::profile;

const profile all_profiles[] = {profile::js, profile::jcs, profile::python};

std::string text_canon(std::string_view json, profile p) {
  error_info err;
  std::string out = jsonsig::canonicalize(json, p, err);
  EXPECT_FALSE(err) << jsonsig::format_error(err, json);
  return out;
}

std::string done(builder& b) {
  error_info err;
  std::string out = b.finish(err);
  EXPECT_FALSE(err) << jsonsig::describe(err.code) << " at call " << err.offset << ": "
                    << (err.detail ? err.detail : "");
  return out;
}

TEST(builder, object_in_any_key_order_matches_the_text_path) {
  for (profile p : all_profiles) {
    builder b(p);
    b.begin_object();
    b.key("zeta");
    b.begin_array();
    b.number(std::int64_t{1});
    b.string("two\n\"\xc3\xa9\"");
    b.boolean(true);
    b.boolean(false);
    b.null();
    b.begin_object();
    b.end_object();
    b.begin_array();
    b.end_array();
    b.end_array();
    b.key("10");
    b.number_lexeme("1.50");
    b.key("2");
    b.number(2.5);
    b.key("alpha");
    b.begin_object();
    b.key("y");
    b.null();
    b.key("x");
    b.string("");
    b.end_object();
    EXPECT_FALSE(b.complete());
    b.end_object();
    EXPECT_TRUE(b.complete());
    const std::string text =
        "{\"zeta\":[1,\"two\\n\\\"\xc3\xa9\\\"\",true,false,null,{},[]],\"10\":1.50,\"2\":2.5,"
        "\"alpha\":{\"y\":null,\"x\":\"\"}}";
    EXPECT_EQ(done(b), text_canon(text, p));
  }
  builder js;
  js.begin_object();
  js.key("b");
  js.number(1);
  js.key("10");
  js.number(2);
  js.key("2");
  js.number(3);
  js.end_object();
  EXPECT_EQ(done(js), "{\"2\":3,\"10\":2,\"b\":1}");
}

TEST(builder, integer_numbers_per_profile) {
  struct int_case {
    std::int64_t v;
    const char* js;
  };
  const int_case cases[] = {
      {0, "0"},
      {-1, "-1"},
      {9007199254740991, "9007199254740991"},
      {9007199254740993, "9007199254740992"},  // nearest double, as JSON.parse reads it
      {std::numeric_limits<std::int64_t>::max(), "9223372036854776000"},
      {std::numeric_limits<std::int64_t>::min(), "-9223372036854776000"},
  };
  for (const int_case& c : cases) {
    for (profile p : all_profiles) {
      builder b(p);
      b.number(c.v);
      const std::string exact = std::to_string(c.v);
      EXPECT_EQ(done(b), p == profile::python ? exact : c.js) << c.v;
      EXPECT_EQ(done(b), text_canon(exact, p)) << c.v;  // the text path agrees
    }
  }
  builder u(profile::js), up(profile::python);
  u.number(std::numeric_limits<std::uint64_t>::max());
  up.number(std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(done(u), "18446744073709552000");
  EXPECT_EQ(done(up), "18446744073709551615");
  // Other integer types reach the 64-bit overloads.
  builder t(profile::python);
  t.begin_array();
  t.number(static_cast<short>(-3));
  t.number(7u);
  t.number(static_cast<long long>(-9));
  t.number(static_cast<unsigned char>(200));
  t.number(1.5f);
  t.end_array();
  EXPECT_EQ(done(t), "[-3,7,-9,200,1.5]");
}

TEST(builder, double_numbers_per_profile) {
  struct dbl_case {
    double v;
    const char* js;
    const char* py;
  };
  const double inf = std::numeric_limits<double>::infinity();
  const dbl_case cases[] = {
      {1.0, "1", "1.0"},
      {-0.0, "0", "-0.0"},
      {0.1, "0.1", "0.1"},
      {1e21, "1e+21", "1e+21"},
      {1e16, "10000000000000000", "1e+16"},
      {1e-7, "1e-7", "1e-07"},
      {123456.789, "123456.789", "123456.789"},
      {5e-324, "5e-324", "5e-324"},
      {inf, "null", "Infinity"},
      {-inf, "null", "-Infinity"},
      {std::nan(""), "null", "NaN"},
  };
  for (const dbl_case& c : cases) {
    builder js(profile::js), py(profile::python), jcs(profile::jcs);
    js.number(c.v);
    py.number(c.v);
    jcs.number(c.v);
    EXPECT_EQ(done(js), c.js);
    EXPECT_EQ(done(py), c.py);
    error_info err;
    const std::string j = jcs.finish(err);
    if (std::isfinite(c.v)) {
      EXPECT_EQ(j, c.js);
    } else {
      EXPECT_EQ(err.code, errc::non_finite_number);
      EXPECT_EQ(err.offset, 0u);
    }
  }
}

TEST(builder, number_lexemes_are_validated_like_json_text) {
  for (profile p : all_profiles) {
    for (const char* lex : {"0", "-0", "1.50", "1E5", "-0.0", "123456789012345678901", "2.5e-3"}) {
      builder b(p);
      b.number_lexeme(lex);
      EXPECT_EQ(done(b), text_canon(lex, p)) << lex;
    }
    for (const char* bad :
         {"", "01", " 1", "1 ", "+1", "1.", ".5", "NaN", "true", "\"1\"", "[1]", "1,2", "0x1"}) {
      builder b(p);
      b.number_lexeme(bad);
      error_info err;
      EXPECT_TRUE(b.finish(err).empty());
      EXPECT_EQ(err.code, errc::invalid_number) << '"' << bad << '"';
      EXPECT_EQ(err.offset, 0u);
    }
  }
  builder jcs(profile::jcs), js(profile::js), py(profile::python);
  for (builder* b : {&jcs, &js, &py}) b->number_lexeme("1e400");
  error_info err;
  jcs.finish(err);
  EXPECT_EQ(err.code, errc::non_finite_number);
  EXPECT_EQ(done(js), "null");
  EXPECT_EQ(done(py), "Infinity");
  builder big(profile::python);
  big.number_lexeme(std::string(4301, '1'));
  big.finish(err);
  EXPECT_EQ(err.code, errc::number_too_long);
}

TEST(builder, strings_and_keys_are_escaped_per_profile) {
  const std::string s = std::string("q\"b\\s/\x01\x1f\x7f\xc3\xa9\xf0\x9f\x98\x82") + '\0';
  for (profile p : all_profiles) {
    builder b(p);
    b.begin_object();
    b.key(s);
    b.string(s);
    b.end_object();
    EXPECT_EQ(done(b),
              text_canon("{\"q\\\"b\\\\s/\\u0001\\u001f\x7f\xc3\xa9\xf0\x9f\x98\x82\\u0000\":"
                         "\"q\\\"b\\\\s/\\u0001\\u001f\x7f\xc3\xa9\xf0\x9f\x98\x82\\u0000\"}",
                         p));
  }
  builder py(profile::python);
  py.string("\xc3\xa9\x7f");
  EXPECT_EQ(done(py), "\"\\u00e9\\u007f\"");
}

struct misuse_case {
  const char* name;
  void (*calls)(builder&);
  errc code;
  std::size_t call;
};

TEST(builder, misuse_is_reported_with_code_and_call_index) {
  const misuse_case cases[] = {
      {"key outside an object", [](builder& b) { b.key("a"); }, errc::invalid_argument, 0},
      {"key in an array",
       [](builder& b) {
         b.begin_array();
         b.key("a");
       },
       errc::invalid_argument, 1},
      {"value without key",
       [](builder& b) {
         b.begin_object();
         b.null();
       },
       errc::invalid_argument, 1},
      {"two keys",
       [](builder& b) {
         b.begin_object();
         b.key("a");
         b.key("b");
       },
       errc::invalid_argument, 2},
      {"end_object in array",
       [](builder& b) {
         b.begin_array();
         b.end_object();
       },
       errc::invalid_argument, 1},
      {"end_array in object",
       [](builder& b) {
         b.begin_object();
         b.end_array();
       },
       errc::invalid_argument, 1},
      {"end_object after key",
       [](builder& b) {
         b.begin_object();
         b.key("k");
         b.end_object();
       },
       errc::invalid_argument, 2},
      {"end without begin", [](builder& b) { b.end_array(); }, errc::invalid_argument, 0},
      {"second top-level value",
       [](builder& b) {
         b.null();
         b.boolean(true);
       },
       errc::invalid_argument, 1},
      {"second top-level container",
       [](builder& b) {
         b.begin_array();
         b.end_array();
         b.begin_object();
       },
       errc::invalid_argument, 2},
      {"invalid utf-8 key",
       [](builder& b) {
         b.begin_object();
         b.key("\xc0\x80");
       },
       errc::invalid_utf8, 1},
      {"surrogate in string", [](builder& b) { b.string("\xed\xa0\x80"); }, errc::invalid_utf8, 0},
      {"truncated utf-8",
       [](builder& b) {
         b.begin_array();
         b.null();
         b.string("ab\xe2\x82");
       },
       errc::invalid_utf8, 2},
      {"nan in jcs",
       [](builder& b) {
         b.begin_array();
         b.number(std::nan(""));
       },
       errc::non_finite_number, 1},
      {"error sticks",
       [](builder& b) {
         b.key("x");
         b.begin_object();
         b.end_object();
       },
       errc::invalid_argument, 0},
  };
  for (const misuse_case& c : cases) {
    builder b(profile::jcs);
    c.calls(b);
    EXPECT_EQ(b.status().code, c.code) << c.name;
    EXPECT_EQ(b.status().offset, c.call) << c.name;
    EXPECT_NE(b.status().detail, nullptr) << c.name;
    EXPECT_FALSE(b.complete()) << c.name;
    error_info err;
    EXPECT_TRUE(b.finish(err).empty()) << c.name;
    EXPECT_EQ(err.code, c.code) << c.name;
    EXPECT_EQ(err.offset, c.call) << c.name;
  }
  // Incomplete documents.
  for (int open = 0; open < 3; ++open) {
    builder b;
    if (open >= 1) b.begin_array();
    if (open >= 2) b.begin_object();
    error_info err;
    EXPECT_TRUE(b.finish(err).empty());
    EXPECT_EQ(err.code, errc::invalid_argument) << open;
    EXPECT_EQ(err.offset, static_cast<std::size_t>(open));
  }
#if JSONSIG_EXCEPTIONS
  builder t;
  t.key("x");
  EXPECT_THROW((void)t.finish(), jsonsig::error);
#endif
}

TEST(builder, duplicate_keys) {
  auto build = [](builder& b) {
    b.begin_object();
    b.key("a");   // call 1
    b.number(1);  // 2
    b.key("b");   // 3
    b.number(2);  // 4
    b.key("a");   // 5
    b.number(3);  // 6
    b.end_object();
  };
  builder js(profile::js), py(profile::python), jcs(profile::jcs);
  canonical_options strict;
  strict.reject_duplicates = true;
  builder rejecting(strict);
  for (builder* b : {&js, &py, &jcs, &rejecting}) build(*b);
  EXPECT_EQ(done(js), "{\"a\":3,\"b\":2}");
  EXPECT_EQ(done(py), "{\"a\":3,\"b\":2}");
  for (builder* b : {&jcs, &rejecting}) {
    error_info err;
    EXPECT_TRUE(b->finish(err).empty());
    EXPECT_EQ(err.code, errc::duplicate_key);
    EXPECT_EQ(err.offset, 5u);
  }
}

TEST(builder, depth_limit_reset_and_repeated_finish) {
  builder deep;
  for (int i = 0; i < 1000; ++i) deep.begin_array();
  for (int i = 0; i < 1000; ++i) deep.end_array();
  EXPECT_EQ(done(deep), std::string(1000, '[') + std::string(1000, ']'));
  EXPECT_EQ(done(deep), std::string(1000, '[') + std::string(1000, ']'));  // again, same bytes

  canonical_options o;
  o.max_depth = 2;
  builder shallow(o);
  shallow.begin_array();
  shallow.begin_object();
  shallow.key("k");
  shallow.begin_array();  // call 3: one level too deep
  EXPECT_EQ(shallow.status().code, errc::too_deep);
  EXPECT_EQ(shallow.status().offset, 3u);

  shallow.reset();
  EXPECT_FALSE(shallow.status());
  shallow.begin_array();
  shallow.string("again");
  shallow.end_array();
  EXPECT_EQ(done(shallow), "[\"again\"]");
}

// Replays parser events into the builder (numbers by lexeme), so any JSON text can be built.
struct replay {
  builder& b;
  void on_object_begin(std::size_t) { b.begin_object(); }
  void on_object_end(std::size_t) { b.end_object(); }
  void on_array_begin(std::size_t) { b.begin_array(); }
  void on_array_end(std::size_t) { b.end_array(); }
  void on_key(const jsonsig::json_string& s) { b.key(s.view()); }
  void on_string(const jsonsig::json_string& s) { b.string(s.view()); }
  void on_number(const jsonsig::json_number& n) { b.number_lexeme(n.view()); }
  void on_literal(jsonsig::json_literal l, std::size_t) {
    if (l == jsonsig::json_literal::null_value) {
      b.null();
    } else {
      b.boolean(l == jsonsig::json_literal::true_value);
    }
  }
};

TEST(builder, corpus_documents_built_event_by_event_match_the_text_path) {
  for (const char* name :
       {"apache_builds.json", "canada.json", "citm_catalog.json", "github_events.json",
        "gsoc-2018.json", "instruments.json", "marine_ik.json", "mesh.json", "numbers.json",
        "random.json", "twitter.json", "update-center.json"}) {
    const std::string doc = jsonsig_test::read_file(jsonsig_test::shared_dir() + "/corpus/" + name);
    for (profile p : all_profiles) {
      builder b(p);
      replay r{b};
      jsonsig::json_parser ps;
      error_info err;
      ps.parse(doc, r, err);
      ASSERT_FALSE(err) << name;
      EXPECT_EQ(done(b), text_canon(doc, p)) << name;
    }
  }
}

}  // namespace
