// SPDX-License-Identifier: MIT
// jsonsig/adapters/simdjson.hpp: the corpus and golden cases against simdjson::to_string and the
// original text (adapter_support.hpp), and each behaviour the header documents.
#include <jsonsig/adapters/simdjson.hpp>
#include <jsonsig/sign.hpp>

#include <simdjson.h>

#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "adapter_support.hpp"

namespace {

using adapter_test::of_dom;
using adapter_test::of_text;
using adapter_test::fails;
using adapter_test::ok;
using adapter_test::opts;
using adapter_test::outcome;

struct parsed {
  simdjson::dom::parser parser;  // owns the document the element points into
  simdjson::dom::element root;
};

struct traits {
  static constexpr bool skips_bom = false;
  static constexpr bool merges_duplicates = false;
  static constexpr bool big_integers_as_double = false;  // simdjson rejects them
  static constexpr bool lone_surrogates_as_wtf8 = false;

  static std::unique_ptr<parsed> parse(std::string_view text) {
    auto p = std::make_unique<parsed>();
    if (p->parser.parse(text.data(), text.size()).get(p->root) != simdjson::SUCCESS) return nullptr;
    return p;
  }
  static const simdjson::dom::element& root(const std::unique_ptr<parsed>& p) { return p->root; }
  static std::optional<std::string> serialize(const simdjson::dom::element& e) {
    std::string s = simdjson::to_string(e);
    EXPECT_EQ(s, simdjson::minify(e));
    return s;
  }
  static bool has_non_finite(const simdjson::dom::element&) {
    return false;
  }  // rejected by the parser
  static std::optional<double> parse_double(const std::string& lex) {
    simdjson::dom::parser p;
    double d = 0;
    if (p.parse(lex).get(d) != simdjson::SUCCESS) return std::nullopt;
    return d;
  }
};


TEST(simdjson_adapter, corpus_matches_to_string_and_text) {
  const adapter_test::tally t = adapter_test::run_cases<traits>(adapter_test::corpus_docs());
  std::cout << "simdjson corpus: " << t << "\n";
  EXPECT_EQ(t.parsed, 12u);
  EXPECT_EQ(t.same_as_text, t.compared);
}

TEST(simdjson_adapter, golden_cases_match_to_string_and_text) {
  const adapter_test::tally t = adapter_test::run_cases<traits>(adapter_test::golden_cases());
  std::cout << "simdjson golden: " << t << "\n";
  EXPECT_GT(t.parsed, 600u);
  // Whatever simdjson accepts canonicalizes exactly as its text: no cause at all.
  EXPECT_EQ(t.same_as_text, t.compared);
}

TEST(simdjson_adapter, duplicate_keys_are_kept_in_order) {
  const std::string text = R"({"a":1,"b":0,"a":2})";
  const auto p = traits::parse(text);
  ASSERT_TRUE(p);
  EXPECT_EQ(of_dom(p->root, opts(jsonsig::profile::js)), ok(R"({"a":2,"b":0})"));
  EXPECT_EQ(of_dom(p->root, opts(jsonsig::profile::jcs)), fails(jsonsig::errc::duplicate_key));
  for (auto p2 : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python})
    EXPECT_EQ(of_dom(p->root, opts(p2)), of_text(text, opts(p2)));
}

TEST(simdjson_adapter, what_simdjson_rejects) {
  // The text canonicalizes; simdjson refuses the document, so there is no DOM to sign.
  for (const char* text :
       {"18446744073709551616", "-9223372036854775809", "1e400", R"("\udc00")"}) {
    EXPECT_FALSE(traits::parse(text)) << text;
    EXPECT_EQ(of_text(text, opts(jsonsig::profile::js)).code, jsonsig::errc::ok) << text;
  }
}

TEST(simdjson_adapter, number_types) {
  const std::string text =
      R"([1,1.0,1e2,-0,-0.0,18446744073709551615,-9223372036854775808,9007199254740993,0.1,5e-324])";
  const auto p = traits::parse(text);
  ASSERT_TRUE(p);
  for (auto pr : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python})
    EXPECT_EQ(of_dom(p->root, opts(pr)), of_text(text, opts(pr)));
  EXPECT_EQ(of_dom(p->root, opts(jsonsig::profile::python)),
            ok("[1,1.0,100.0,0,-0.0,18446744073709551615,-9223372036854775808,9007199254740993,0.1,"
               "5e-324]"));
}

TEST(simdjson_adapter, object_and_array_handles) {
  const std::string text = R"({"z":[true,{"y":"\u00e9","x":null}],"a":-1.5})";
  const auto p = traits::parse(text);
  ASSERT_TRUE(p);
  simdjson::dom::object obj;
  ASSERT_EQ(p->root.get(obj), simdjson::SUCCESS);
  simdjson::dom::array arr;
  ASSERT_EQ(obj["z"].get(arr), simdjson::SUCCESS);
  EXPECT_EQ(jsonsig::canonicalize(obj, jsonsig::profile::python),
            R"({"a":-1.5,"z":[true,{"x":null,"y":"\u00e9"}]})");
  EXPECT_EQ(jsonsig::canonicalize(arr, jsonsig::profile::jcs),
            "[true,{\"x\":null,\"y\":\"\xC3\xA9\"}]");
  EXPECT_EQ(jsonsig::canonicalize(obj), jsonsig::canonicalize(text));
  simdjson::dom::element elem;
  ASSERT_EQ(arr.at(1).get(elem), simdjson::SUCCESS);
  EXPECT_EQ(jsonsig::canonicalize(elem), "{\"x\":null,\"y\":\"\xC3\xA9\"}");
  // Empty containers as handles.
  const auto e = traits::parse("[{},[]]");
  ASSERT_TRUE(e);
  simdjson::dom::array outer;
  ASSERT_EQ(e->root.get(outer), simdjson::SUCCESS);
  simdjson::dom::object empty_obj;
  simdjson::dom::array empty_arr;
  ASSERT_EQ(outer.at(0).get(empty_obj), simdjson::SUCCESS);
  ASSERT_EQ(outer.at(1).get(empty_arr), simdjson::SUCCESS);
  EXPECT_EQ(jsonsig::canonicalize(empty_obj), "{}");
  EXPECT_EQ(jsonsig::canonicalize(empty_arr), "[]");
}

TEST(simdjson_adapter, depth_limit) {
  const std::string deep = std::string(1000, '[') + std::string(1000, ']');
  const auto p = traits::parse(deep);
  ASSERT_TRUE(p);
  jsonsig::canonical_options o;
  o.max_depth = 999;
  jsonsig::error_info err;
  EXPECT_EQ(jsonsig::canonicalize(p->root, o, err), "");
  EXPECT_EQ(err.code, jsonsig::errc::too_deep);
  EXPECT_EQ(err.offset, 999u);  // the 1000th begin_array
  o.max_depth = 1000;
  EXPECT_EQ(jsonsig::canonicalize(p->root, o, err), deep);
}

TEST(simdjson_adapter, sign_and_sign_body) {
  const std::string text = R"({"to":"acct-1","amount":10.50,"n":1e21,"list":[3,2,1]})";
  const auto body = traits::parse(text);
  ASSERT_TRUE(body);
  const std::string token = "s3cr3t";
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
    const std::string want = jsonsig::sign(std::string_view(text), token, p);
    EXPECT_EQ(jsonsig::sign(body->root, token, p), want);
    const jsonsig::signer s(token, p);
    EXPECT_EQ(jsonsig::sign(body->root, s), want);
    const jsonsig::signed_body sb = jsonsig::sign_body(body->root, s);
    EXPECT_EQ(sb.body, jsonsig::canonicalize(text, p));
    EXPECT_EQ(sb.signature, want);
    EXPECT_TRUE(jsonsig::verify(text, token, sb.signature, p));
  }
}

}  // namespace
