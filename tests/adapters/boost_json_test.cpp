// SPDX-License-Identifier: MIT
// jsonsig/adapters/boost_json.hpp: the corpus and golden cases against boost::json::serialize
// and the original text (adapter_support.hpp), and each behaviour the header documents.
#include <jsonsig/adapters/boost_json.hpp>
#include <jsonsig/sign.hpp>

#include <boost/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
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
namespace bj = boost::json;

struct traits {
  static constexpr bool skips_bom = false;
  static constexpr bool merges_duplicates = true;
  static constexpr bool big_integers_as_double = true;
  static constexpr bool lone_surrogates_as_wtf8 = false;

  static std::optional<bj::value> parse(std::string_view text) {
    bj::error_code ec;
    bj::value v = bj::parse(bj::string_view(text.data(), text.size()), ec);
    if (ec) return std::nullopt;
    return v;
  }
  static const bj::value& root(const std::optional<bj::value>& v) { return *v; }
  static std::optional<std::string> serialize(const bj::value& v) { return bj::serialize(v); }
  static bool has_non_finite(const bj::value& root) {
    std::vector<const bj::value*> todo{&root};
    while (!todo.empty()) {
      const bj::value* v = todo.back();
      todo.pop_back();
      if (v->is_double() && !std::isfinite(v->get_double())) return true;
      if (v->is_array()) {
        for (const bj::value& e : v->get_array()) todo.push_back(&e);
      } else if (v->is_object()) {
        for (const bj::key_value_pair& kv : v->get_object()) todo.push_back(&kv.value());
      }
    }
    return false;
  }
  static std::optional<double> parse_double(const std::string& lex) {
    const std::optional<bj::value> v = parse(lex);
    if (!v || !v->is_double()) return std::nullopt;
    return v->get_double();
  }
};


TEST(boost_json_adapter, corpus_matches_serialize_and_text) {
  const adapter_test::tally t = adapter_test::run_cases<traits>(adapter_test::corpus_docs());
  std::cout << "boost.json corpus: " << t << "\n";
  EXPECT_EQ(t.parsed, 12u);
  // The documented loss: Boost.JSON 1.81 rounds some decimals differently (canada.json etc.).
  EXPECT_GT(t.cause("number rounded differently by the DOM"), 0u);
}

TEST(boost_json_adapter, golden_cases_match_serialize_and_text) {
  const adapter_test::tally t = adapter_test::run_cases<traits>(adapter_test::golden_cases());
  std::cout << "boost.json golden: " << t << "\n";
  EXPECT_GT(t.parsed, 600u);
  EXPECT_GT(t.cause("duplicate keys merged"), 0u);
  EXPECT_GT(t.cause("integer beyond 64 bits as double"), 0u);
  EXPECT_GT(t.serialization_non_finite, 0u);  // 1e400 and friends, compared with the text
}

TEST(boost_json_adapter, overflow_is_infinity_and_follows_the_text) {
  const std::string text = "[1e400,-1e400]";
  const bj::value v = bj::parse(text);
  EXPECT_EQ(bj::serialize(v), "[Infinity,-Infinity]");  // not JSON
  EXPECT_EQ(of_text(bj::serialize(v), opts(jsonsig::profile::js)).code, jsonsig::errc::syntax);
  EXPECT_EQ(of_dom(v, opts(jsonsig::profile::js)), ok("[null,null]"));
  EXPECT_EQ(of_dom(v, opts(jsonsig::profile::python)), ok("[Infinity,-Infinity]"));
  EXPECT_EQ(of_dom(v, opts(jsonsig::profile::jcs)), fails(jsonsig::errc::non_finite_number));
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python})
    EXPECT_EQ(of_dom(v, opts(p)), of_text(text, opts(p)));
  const bj::value nan = bj::array{std::nan("")};
  EXPECT_EQ(of_dom(nan, opts(jsonsig::profile::python)), ok("[NaN]"));
}

TEST(boost_json_adapter, duplicate_keys_are_merged_by_the_parser) {
  const std::string text = R"({"a":1,"a":2})";
  const bj::value v = bj::parse(text);
  EXPECT_EQ(of_text(text, opts(jsonsig::profile::jcs)), fails(jsonsig::errc::duplicate_key));
  EXPECT_EQ(of_dom(v, opts(jsonsig::profile::jcs)), ok(R"({"a":2})"));
}

TEST(boost_json_adapter, decimals_are_not_correctly_rounded) {
  const std::string text = "[6.441e59]";
  const bj::value v = bj::parse(text);
  const double held = v.get_array()[0].get_double();
  EXPECT_NE(held, std::strtod("6.441e59", nullptr));
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
    EXPECT_NE(of_dom(v, opts(p)), of_text(text, opts(p)));
    EXPECT_EQ(of_dom(v, opts(p)), of_text(bj::serialize(v), opts(p)));  // what the DOM holds
  }
}

TEST(boost_json_adapter, number_types) {
  const bj::value v = {{"i", 1},
                       {"f", 1.0},
                       {"neg0", -0.0},
                       {"u", std::numeric_limits<std::uint64_t>::max()},
                       {"big", 9007199254740993LL},
                       {"e21", 1e21}};
  EXPECT_EQ(
      of_dom(v, opts(jsonsig::profile::python)),
      ok(R"({"big":9007199254740993,"e21":1e+21,"f":1.0,"i":1,"neg0":-0.0,"u":18446744073709551615})"));
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python})
    EXPECT_EQ(of_dom(v, opts(p)), of_text(bj::serialize(v), opts(p)));
  const bj::value big = bj::parse("18446744073709551616");
  EXPECT_TRUE(big.is_double());
  EXPECT_EQ(of_dom(big, opts(jsonsig::profile::python)), ok("1.8446744073709552e+19"));
}

TEST(boost_json_adapter, invalid_utf8_is_rejected) {
  bj::parse_options po;
  po.allow_invalid_utf8 = true;
  const bj::value v = bj::parse("{\"k\":[\"\xff\"]}", {}, po);
  jsonsig::error_info err;
  EXPECT_EQ(jsonsig::canonicalize(v, jsonsig::profile::js, err), "");
  EXPECT_EQ(err.code, jsonsig::errc::invalid_utf8);
  EXPECT_EQ(err.offset, 3u);  // begin_object 0, key 1, begin_array 2, the string 3
  EXPECT_THROW(jsonsig::canonicalize(v), jsonsig::error);
}

TEST(boost_json_adapter, object_and_array_handles) {
  const std::string text = R"({"z":[true,{"y":"\u00e9","x":null}],"a":-1.5})";
  const bj::value v = bj::parse(text);
  const bj::object& obj = v.get_object();
  const bj::array& arr = obj.at("z").get_array();
  EXPECT_EQ(jsonsig::canonicalize(obj, jsonsig::profile::python),
            R"({"a":-1.5,"z":[true,{"x":null,"y":"\u00e9"}]})");
  EXPECT_EQ(jsonsig::canonicalize(arr, jsonsig::profile::jcs),
            "[true,{\"x\":null,\"y\":\"\xC3\xA9\"}]");
  EXPECT_EQ(jsonsig::canonicalize(bj::object{}), "{}");
  EXPECT_EQ(jsonsig::canonicalize(bj::array{}), "[]");
  // boost::json::value converts from strings: text stays text.
  const std::string as_text = R"({"b":1,"a":2})";
  EXPECT_EQ(jsonsig::canonicalize(as_text), R"({"a":2,"b":1})");
  EXPECT_EQ(jsonsig::canonicalize(bj::value(as_text)), R"("{\"b\":1,\"a\":2}")");
}

TEST(boost_json_adapter, depth_limit_and_no_recursion) {
  bj::value deep = bj::array{};
  const std::size_t depth = 50000;
  for (std::size_t i = 1; i < depth; ++i) {
    bj::array outer;
    outer.emplace_back(std::move(deep));
    deep = std::move(outer);
  }
  jsonsig::error_info err;
  EXPECT_EQ(jsonsig::canonicalize(deep, jsonsig::profile::js, err), "");
  EXPECT_EQ(err.code, jsonsig::errc::too_deep);
  jsonsig::canonical_options o;
  o.max_depth = depth;
  EXPECT_EQ(jsonsig::canonicalize(deep, o, err), std::string(depth, '[') + std::string(depth, ']'));
  // Boost.JSON's destructor recurses: unwind it level by level.
  while (deep.is_array() && !deep.get_array().empty()) {
    bj::value inner = std::move(deep.get_array()[0]);
    deep = std::move(inner);
  }
}

TEST(boost_json_adapter, sign_and_sign_body) {
  const std::string text = R"({"to":"acct-1","amount":10.50,"n":1e21})";
  const bj::value body = bj::parse(text);
  const std::string token = "s3cr3t";
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
    const std::string want = jsonsig::sign(std::string_view(text), token, p);
    EXPECT_EQ(jsonsig::sign(body, token, p), want);
    const jsonsig::signer s(token, p);
    EXPECT_EQ(jsonsig::sign(body, s), want);
    const jsonsig::signed_body sb = jsonsig::sign_body(body, token, p);
    EXPECT_EQ(sb.body, jsonsig::canonicalize(text, p));
    EXPECT_EQ(sb.signature, want);
  }
}

}  // namespace
