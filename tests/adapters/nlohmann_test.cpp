// SPDX-License-Identifier: MIT
// jsonsig/adapters/nlohmann.hpp: the corpus and golden cases against dump() and the original
// text (adapter_support.hpp), and each behaviour the header documents.
#include <jsonsig/adapters/nlohmann.hpp>
#include <jsonsig/sign.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "adapter_support.hpp"

namespace {

using adapter_test::of_dom;
using adapter_test::of_text;
using adapter_test::fails;
using adapter_test::ok;
using adapter_test::opts;
using adapter_test::outcome;
using nlohmann::json;

struct traits {
  static constexpr bool skips_bom = true;
  static constexpr bool merges_duplicates = true;
  static constexpr bool big_integers_as_double = true;
  static constexpr bool lone_surrogates_as_wtf8 = false;

  static std::optional<json> parse(std::string_view text) {
    json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return std::nullopt;
    return j;
  }
  static const json& root(const std::optional<json>& j) { return *j; }
  static std::optional<std::string> serialize(const json& j) { return j.dump(); }
  static bool has_non_finite(const json&) { return false; }  // the parser rejects 1e400
  static std::optional<double> parse_double(const std::string& lex) {
    json j = json::parse(lex, nullptr, false);
    if (!j.is_number_float()) return std::nullopt;
    return j.get<double>();
  }
};


TEST(nlohmann_adapter, corpus_matches_dump_and_text) {
  const adapter_test::tally t = adapter_test::run_cases<traits>(adapter_test::corpus_docs());
  std::cout << "nlohmann corpus: " << t << "\n";
  EXPECT_EQ(t.parsed, 12u);
  EXPECT_EQ(t.same_as_text, t.compared);  // the corpus has no duplicate keys or huge integers
}

TEST(nlohmann_adapter, golden_cases_match_dump_and_text) {
  const adapter_test::tally t = adapter_test::run_cases<traits>(adapter_test::golden_cases());
  std::cout << "nlohmann golden: " << t << "\n";
  EXPECT_GT(t.parsed, 600u);
  // The documented differences from the text occur, and no other kind.
  EXPECT_GT(t.cause("duplicate keys merged"), 0u);
  EXPECT_GT(t.cause("integer beyond 64 bits as double"), 0u);
  EXPECT_GT(t.cause("leading utf-8 bom skipped by the DOM"), 0u);
  EXPECT_EQ(t.cause("number rounded differently by the DOM"), 0u);
}

TEST(nlohmann_adapter, duplicate_keys_are_merged_by_the_parser) {
  const std::string text = R"({"a":1,"a":2})";
  const json j = json::parse(text);
  EXPECT_EQ(of_text(text, opts(jsonsig::profile::jcs)), fails(jsonsig::errc::duplicate_key));
  EXPECT_EQ(of_dom(j, opts(jsonsig::profile::jcs)), ok(R"({"a":2})"));  // nlohmann kept the last
  jsonsig::canonical_options strict;
  strict.reject_duplicates = true;
  EXPECT_EQ(of_dom(j, strict), ok(R"({"a":2})"));
}

TEST(nlohmann_adapter, leading_bom_is_skipped_by_the_parser) {
  const std::string text = "\xEF\xBB\xBF{\"a\":1}";
  EXPECT_EQ(of_text(text, opts(jsonsig::profile::js)),
            fails(jsonsig::errc::syntax));  // as JSON.parse
  EXPECT_EQ(of_dom(json::parse(text), opts(jsonsig::profile::js)), ok(R"({"a":1})"));
}

TEST(nlohmann_adapter, integer_beyond_64_bits_is_a_double) {
  const std::string text = "[18446744073709551616,-9223372036854775809]";
  const json j = json::parse(text);
  ASSERT_TRUE(j[0].is_number_float());
  EXPECT_EQ(of_dom(j, opts(jsonsig::profile::python)),
            ok("[1.8446744073709552e+19,-9.223372036854776e+18]"));
  EXPECT_EQ(of_text(text, opts(jsonsig::profile::python)), ok(text));
  // js and jcs read every number as a double anyway: the text and the DOM agree.
  EXPECT_EQ(of_dom(j, opts(jsonsig::profile::js)), of_text(text, opts(jsonsig::profile::js)));
  EXPECT_EQ(of_dom(j, opts(jsonsig::profile::js)),
            ok("[18446744073709552000,-9223372036854776000]"));
}

TEST(nlohmann_adapter, number_types_are_kept) {
  const json j = {{"i", 1},
                  {"f", 1.0},
                  {"neg0", -0.0},
                  {"u", std::numeric_limits<std::uint64_t>::max()},
                  {"big", 9007199254740993LL},
                  {"tiny", 5e-324},
                  {"e21", 1e21}};
  EXPECT_EQ(
      of_dom(j, opts(jsonsig::profile::python)),
      ok(R"({"big":9007199254740993,"e21":1e+21,"f":1.0,"i":1,"neg0":-0.0,"tiny":5e-324,"u":18446744073709551615})"));
  EXPECT_EQ(
      of_dom(j, opts(jsonsig::profile::js)),
      ok(R"({"big":9007199254740992,"e21":1e+21,"f":1,"i":1,"neg0":0,"tiny":5e-324,"u":18446744073709552000})"));
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python})
    EXPECT_EQ(of_dom(j, opts(p)), of_text(j.dump(), opts(p)));
}

TEST(nlohmann_adapter, non_finite_follows_the_profile_not_dump) {
  const json j = json::array({std::nan(""), std::numeric_limits<double>::infinity(),
                              -std::numeric_limits<double>::infinity()});
  EXPECT_EQ(j.dump(), "[null,null,null]");
  EXPECT_EQ(of_dom(j, opts(jsonsig::profile::js)),
            ok("[null,null,null]"));  // JSON.stringify, and dump()
  EXPECT_EQ(of_dom(j, opts(jsonsig::profile::jcs)), fails(jsonsig::errc::non_finite_number));
  EXPECT_EQ(of_dom(j, opts(jsonsig::profile::python)),
            ok("[NaN,Infinity,-Infinity]"));  // json.dumps
}

TEST(nlohmann_adapter, discarded_value_is_an_error) {
  const json bad = json::parse("{\"a\":", nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(bad.is_discarded());
  jsonsig::error_info err;
  EXPECT_EQ(jsonsig::canonicalize(bad, jsonsig::profile::js, err), "");
  EXPECT_EQ(err.code, jsonsig::errc::invalid_argument);
  EXPECT_EQ(err.offset, 0u);
  EXPECT_EQ(jsonsig::sign(bad, "token", jsonsig::profile::js, err), "");
  EXPECT_EQ(err.code, jsonsig::errc::invalid_argument);

  json nested = {{"a", 1}};
  nested["b"] = json(json::value_t::discarded);
  EXPECT_EQ(jsonsig::canonicalize(nested, jsonsig::profile::js, err), "");
  EXPECT_EQ(err.code, jsonsig::errc::invalid_argument);
  EXPECT_EQ(err.offset, 4u);  // begin_object 0, key "a" 1, 1 at 2, key "b" 3, the value 4
  EXPECT_THROW(jsonsig::canonicalize(nested), jsonsig::error);
}

TEST(nlohmann_adapter, binary_is_written_as_dump_writes_it) {
  const json with = {{"blob", json::binary({1, 2, 255}, 42)}};
  const json without = json::binary({});
  EXPECT_EQ(of_dom(with, opts(jsonsig::profile::js)),
            ok(R"({"blob":{"bytes":[1,2,255],"subtype":42}})"));
  EXPECT_EQ(of_dom(without, opts(jsonsig::profile::python)), ok(R"({"bytes":[],"subtype":null})"));
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
    EXPECT_EQ(of_dom(with, opts(p)), of_text(with.dump(), opts(p)));
    EXPECT_EQ(of_dom(without, opts(p)), of_text(without.dump(), opts(p)));
  }
  // Event offsets count the binary's expansion (8 events for one byte).
  const json after = {{"a", json::binary({7})}, {"b", "\xff"}};
  jsonsig::error_info err;
  jsonsig::canonicalize(after, jsonsig::profile::js, err);
  EXPECT_EQ(err.code, jsonsig::errc::invalid_utf8);
  EXPECT_EQ(err.offset, 11u);  // {0 "a"1 {2 "bytes"3 [4 7 5 ]6 "subtype"7 null8 }9 "b"10 value 11
}

TEST(nlohmann_adapter, invalid_utf8_set_in_code_is_rejected) {
  const json j = {{"k", json::array({1, "\xff"})}};
  EXPECT_THROW((void)j.dump(), json::type_error);  // nlohmann refuses to write it, too
  jsonsig::error_info err;
  EXPECT_EQ(jsonsig::canonicalize(j, jsonsig::profile::js, err), "");
  EXPECT_EQ(err.code, jsonsig::errc::invalid_utf8);
  EXPECT_EQ(err.offset, 4u);  // begin_object 0, key 1, begin_array 2, 1 at 3, the string 4
  try {
    (void)jsonsig::canonicalize(j);
    ADD_FAILURE() << "no exception";
  } catch (const jsonsig::error& e) {
    EXPECT_EQ(e.code(), jsonsig::errc::invalid_utf8);
    EXPECT_EQ(e.offset(), 4u);
  }
}

json nested_arrays(std::size_t depth) {
  json j = json::array();
  for (std::size_t i = 1; i < depth; ++i) {
    json outer = json::array();
    outer.push_back(std::move(j));
    j = std::move(outer);
  }
  return j;
}

TEST(nlohmann_adapter, depth_limit_and_no_recursion) {
  jsonsig::error_info err;
  const json too_deep = nested_arrays(jsonsig::canonical_options{}.max_depth + 1);
  EXPECT_EQ(jsonsig::canonicalize(too_deep, jsonsig::profile::js, err), "");
  EXPECT_EQ(err.code, jsonsig::errc::too_deep);

  // 100000 levels: the walk, the builder and the writer all use heap stacks.
  const std::size_t depth = 100000;
  const json deep = nested_arrays(depth);
  jsonsig::canonical_options o;
  o.max_depth = depth;
  const std::string out = jsonsig::canonicalize(deep, o, err);
  ASSERT_FALSE(err) << jsonsig::describe(err.code);
  EXPECT_EQ(out, std::string(depth, '[') + std::string(depth, ']'));
}

TEST(nlohmann_adapter, ordered_json_and_subtrees) {
  const std::string text = R"({"z":[3,{"y":1.5,"x":null}],"a":"\u00e9"})";
  const nlohmann::ordered_json oj = nlohmann::ordered_json::parse(text);
  const json j = json::parse(text);
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
    EXPECT_EQ(of_dom(oj, opts(p)), of_text(text, opts(p)));
    EXPECT_EQ(of_dom(j, opts(p)), of_text(text, opts(p)));
    EXPECT_EQ(of_dom(j["z"], opts(p)), of_text(j["z"].dump(), opts(p)));
  }
  EXPECT_EQ(jsonsig::canonicalize(oj, jsonsig::profile::python),
            R"({"a":"\u00e9","z":[3,{"x":null,"y":1.5}]})");
}

TEST(nlohmann_adapter, text_overloads_are_not_hijacked) {
  // nlohmann::json converts implicitly from strings; text must still be parsed as JSON text.
  const char* cstr = R"({"b":1,"a":2})";
  const std::string str = cstr;
  const std::string_view view = cstr;
  EXPECT_EQ(jsonsig::canonicalize(cstr), R"({"a":2,"b":1})");
  EXPECT_EQ(jsonsig::canonicalize(str), R"({"a":2,"b":1})");
  EXPECT_EQ(jsonsig::canonicalize(view, jsonsig::profile::python), R"({"a":2,"b":1})");
  EXPECT_EQ(jsonsig::sign(str, "t"), jsonsig::sign(std::string_view(R"({"a":2,"b":1})"), "t"));
  // ... and a json string value is a JSON string.
  EXPECT_EQ(jsonsig::canonicalize(json(str)), R"("{\"b\":1,\"a\":2}")");
}

TEST(nlohmann_adapter, sign_and_sign_body) {
  const json body = {{"amount", 10.5}, {"to", "acct-1"}, {"n", 1e21}, {"tags", {"x", "y"}}};
  const std::string token = "s3cr3t";
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
    const std::string canonical = jsonsig::canonicalize(body, p);
    const std::string want = jsonsig::sign(std::string_view(canonical), token, p);
    EXPECT_EQ(jsonsig::sign(body, token, p), want);
    EXPECT_EQ(jsonsig::sign(std::string_view(body.dump()), token, p), want);
    const jsonsig::signer s(token, p);
    EXPECT_EQ(jsonsig::sign(body, s), want);
    const jsonsig::signed_body sb = jsonsig::sign_body(body, s);
    EXPECT_EQ(sb.body, canonical);
    EXPECT_EQ(sb.signature, want);
    EXPECT_TRUE(s.verify(body.dump(), sb.signature));
    const jsonsig::signed_body tb = jsonsig::sign_body(body, token, p);
    EXPECT_EQ(tb.body, canonical);
    EXPECT_EQ(tb.signature, want);
  }
  // Errors: empty results, err set; a signer's options apply.
  jsonsig::error_info err;
  const json nan_body = {{"x", std::nan("")}};
  const jsonsig::signer jcs("t", jsonsig::profile::jcs);
  EXPECT_EQ(jsonsig::sign(nan_body, jcs, err), "");
  EXPECT_EQ(err.code, jsonsig::errc::non_finite_number);
  const jsonsig::signed_body none = jsonsig::sign_body(nan_body, "t", jsonsig::profile::jcs, err);
  EXPECT_EQ(err.code, jsonsig::errc::non_finite_number);
  EXPECT_TRUE(none.body.empty() && none.signature.empty());
  EXPECT_THROW(jsonsig::sign(nan_body, jcs), jsonsig::error);
  EXPECT_EQ(jsonsig::sign(nan_body, "t", jsonsig::profile::js, err),
            jsonsig::sign(std::string_view(R"({"x":null})"), "t", jsonsig::profile::js, err));
}

TEST(nlohmann_adapter, canonicalize_to_a_sink) {
  const json j = json::parse(R"({"b":[1,2,{"d":true,"c":false}],"a":"x"})");
  jsonsig::counting_sink count;
  jsonsig::canonicalize_to(j, count, jsonsig::canonical_options{});
  EXPECT_EQ(count.count, std::string(R"({"a":"x","b":[1,2,{"c":false,"d":true}]})").size());
  std::string out = "prefix:";
  jsonsig::string_sink sink{out};
  jsonsig::error_info err;
  jsonsig::canonicalize_to(j, sink, jsonsig::canonical_options{}, err);
  EXPECT_FALSE(err);
  EXPECT_EQ(out, R"(prefix:{"a":"x","b":[1,2,{"c":false,"d":true}]})");
  // On error nothing reaches the sink.
  std::string untouched;
  jsonsig::string_sink sink2{untouched};
  jsonsig::canonicalize_to(json::array({"\xc3"}), sink2, jsonsig::canonical_options{}, err);
  EXPECT_EQ(err.code, jsonsig::errc::invalid_utf8);
  EXPECT_TRUE(untouched.empty());
}

}  // namespace
