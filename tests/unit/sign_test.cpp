// SPDX-License-Identifier: MIT
// The facade: sign / verify / signer / sign_body / verify_body. HMAC results are checked against
// OpenSSL's HMAC() over jsonsig's canonical bytes (an independent MAC implementation), and the
// node-generated goldens in tests/golden/data/sign_js.txt pin the end-to-end bytes.
#include <jsonsig/sign.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "openssl_ref.hpp"
#include "support.hpp"

namespace {

const std::string_view body = R"({ "orderId": "A-1", "amount": 12.50, "items": [ {"sku": "x", "qty": 2} ],
  "customer": {"name": "Zo\u00eb", "id": 42}, "10": true, "2": null })";
const std::string_view token = "tok-3f9a\xc3\xa9";  // UTF-8 bytes are the key

}  // namespace

TEST(sign, header_name_and_size) {
  EXPECT_EQ(jsonsig::header_name, "x-signed-request");
  EXPECT_EQ(jsonsig::signature_size, 128u);
}

TEST(sign, equals_openssl_hmac_of_the_canonical_bytes_in_every_profile) {
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
    const std::string canon = jsonsig::canonicalize(body, p);
    const std::string want = jsonsig_test::openssl_hmac_hex(token, canon);
    EXPECT_EQ(jsonsig::sign(body, token, p), want) << jsonsig::to_string(p);
    EXPECT_EQ(jsonsig::signer(token, p).sign(body), want);
    jsonsig::error_info err;
    EXPECT_EQ(jsonsig::sign(body, token, p, err), want);
    EXPECT_FALSE(err);
  }
}

TEST(sign, output_is_128_lowercase_hex) {
  const std::string sig = jsonsig::sign(body, token);
  ASSERT_EQ(sig.size(), 128u);
  for (char c : sig) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << c;
}

TEST(sign, empty_token_and_long_token_are_valid_keys) {
  const std::string long_token(300, 'k');
  for (std::string_view t : {std::string_view{}, std::string_view{long_token}}) {
    EXPECT_EQ(jsonsig::sign(body, t),
              jsonsig_test::openssl_hmac_hex(t, jsonsig::canonicalize(body)));
  }
}

TEST(sign, sign_body_returns_the_canonical_bytes_and_their_signature) {
  const jsonsig::signer s(token);
  const jsonsig::signed_body sb = s.sign_body(body);
  EXPECT_EQ(sb.body, jsonsig::canonicalize(body));
  EXPECT_EQ(sb.signature, s.sign(body));
  EXPECT_EQ(sb.signature, jsonsig_test::openssl_hmac_hex(token, sb.body));
  const auto free_form = jsonsig::sign_body(body, token);
  EXPECT_EQ(free_form.body, sb.body);
  EXPECT_EQ(free_form.signature, sb.signature);
}

TEST(sign, a_builder_document_signs_as_its_json_text_does_in_every_profile) {
  // The same document as `body`, built in code with the keys in another order.
  const auto build = [](jsonsig::builder& b) {
    b.begin_object();
    b.key("2");
    b.null();
    b.key("customer");
    b.begin_object();
    b.key("name");
    b.string("Zo\xc3\xab");
    b.key("id");
    b.number(std::int64_t{42});
    b.end_object();
    b.key("items");
    b.begin_array();
    b.begin_object();
    b.key("qty");
    b.number(std::int64_t{2});
    b.key("sku");
    b.string("x");
    b.end_object();
    b.end_array();
    b.key("amount");
    b.number_lexeme("12.50");
    b.key("orderId");
    b.string("A-1");
    b.key("10");
    b.boolean(true);
    b.end_object();
  };
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
    SCOPED_TRACE(static_cast<int>(p));
    const jsonsig::signer s(token, p);
    jsonsig::builder b(s.options());
    build(b);
    jsonsig::error_info err;
    const std::string sig = s.sign(b, err);
    ASSERT_FALSE(err) << err.detail;
    EXPECT_EQ(sig, s.sign(body));
    EXPECT_EQ(sig, jsonsig_test::openssl_hmac_hex(token, jsonsig::canonicalize(body, p)));
    const jsonsig::signed_body sb = s.sign_body(b, err);  // finish() can run again
    ASSERT_FALSE(err);
    EXPECT_EQ(sb.body, jsonsig::canonicalize(body, p));
    EXPECT_EQ(sb.signature, sig);
    EXPECT_TRUE(s.verify(body, sb.signature));
  }
}

TEST(sign, a_builder_with_other_options_or_an_incomplete_document_is_an_error) {
  jsonsig::canonical_options strict;
  strict.reject_duplicates = true;
  const jsonsig::signer s(token, strict);
  jsonsig::error_info err;
  {
    jsonsig::builder b(jsonsig::profile::python);  // another profile
    b.begin_array();
    b.end_array();
    EXPECT_EQ(s.sign(b, err), "");
    EXPECT_EQ(err.code, jsonsig::errc::invalid_argument);
    const jsonsig::signed_body sb = s.sign_body(b, err);
    EXPECT_EQ(err.code, jsonsig::errc::invalid_argument);
    EXPECT_TRUE(sb.body.empty() && sb.signature.empty());
  }
  {
    jsonsig::builder b(jsonsig::profile::js);  // same profile, but duplicates would pass
    b.begin_object();
    b.end_object();
    EXPECT_EQ(s.sign(b, err), "");
    EXPECT_EQ(err.code, jsonsig::errc::invalid_argument);
    EXPECT_THROW(s.sign(b), jsonsig::error);
  }
  {
    jsonsig::canonical_options deeper = strict;
    deeper.max_depth = strict.max_depth + 1;  // would accept what the signer's parser rejects
    jsonsig::builder b(deeper);
    b.begin_object();
    b.end_object();
    EXPECT_EQ(s.sign(b, err), "");
    EXPECT_EQ(err.code, jsonsig::errc::invalid_argument);
  }
  {
    jsonsig::builder b(s.options());
    b.begin_object();
    b.key("a");  // incomplete
    EXPECT_EQ(s.sign(b, err), "");
    EXPECT_EQ(err.code, jsonsig::errc::invalid_argument);
    b.number(std::int64_t{1});
    b.key("a");  // a duplicate, which these options reject
    b.number(std::int64_t{2});
    b.end_object();
    EXPECT_EQ(s.sign(b, err), "");
    EXPECT_EQ(err.code, jsonsig::errc::duplicate_key);
    EXPECT_THROW(s.sign_body(b), jsonsig::error);
  }
  {
    jsonsig::builder b(s.options());  // the signer's own options: fine
    b.begin_object();
    b.key("a");
    b.number(std::int64_t{1});
    b.end_object();
    EXPECT_EQ(s.sign(b, err), s.sign(std::string_view(R"({"a":1})")));
    EXPECT_FALSE(err);
  }
}

TEST(sign, invalid_json_errors_name_the_position_and_never_the_token) {
  const std::string_view bad = "{\n  \"a\": [1, 2,]\n}";
  jsonsig::error_info err;
  EXPECT_TRUE(jsonsig::sign(bad, token, jsonsig::profile::js, err).empty());
  EXPECT_EQ(err.code, jsonsig::errc::syntax);
  const auto sb = jsonsig::signer(token).sign_body(bad, err);
  EXPECT_TRUE(sb.body.empty());
  EXPECT_TRUE(sb.signature.empty());
  EXPECT_TRUE(err);
  try {
    (void)jsonsig::sign(bad, "super-secret-token");
    FAIL() << "no exception";
  } catch (const jsonsig::error& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), 14u);  // the "]" after the trailing comma
    EXPECT_EQ(std::string(e.what()).find("super-secret-token"), std::string::npos) << e.what();
  }
}

TEST(verify, accepts_the_right_signature_in_either_case_and_any_formatting) {
  const std::string sig = jsonsig::sign(body, token);
  std::string upper = sig;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(jsonsig::verify(body, token, sig));
  EXPECT_TRUE(jsonsig::verify(body, token, upper));
  // Same document, other member order and whitespace: same canonical bytes, same signature.
  const std::string_view reordered = R"({"2":null,"10":true,"customer":{"id":42,"name":"Zoë"},
    "items":[{"qty":2,"sku":"x"}],"amount":12.5,"orderId":"A-1"})";
  EXPECT_TRUE(jsonsig::verify(reordered, token, sig));
}

TEST(verify, rejects_every_single_digit_change_and_every_malformed_signature) {
  const jsonsig::signer s(token);
  const std::string sig = s.sign(body);
  for (std::size_t i = 0; i < sig.size(); ++i) {
    std::string bad = sig;
    bad[i] = bad[i] == '0' ? '1' : '0';
    EXPECT_FALSE(s.verify(body, bad)) << i;
  }
  EXPECT_FALSE(s.verify(body, ""));
  EXPECT_FALSE(s.verify(body, sig.substr(0, 127)));
  EXPECT_FALSE(s.verify(body, sig + "0"));
  EXPECT_FALSE(s.verify(body, sig.substr(0, 126) + "zz"));
  EXPECT_FALSE(s.verify(body, sig.substr(0, 126) + " 0"));
  EXPECT_FALSE(s.verify(body, std::string(128, '\0')));
  EXPECT_FALSE(jsonsig::verify(body, "other-token", sig));
  EXPECT_FALSE(jsonsig::verify(body, token, sig, jsonsig::profile::python));  // 12.5 vs 12.50
}

TEST(verify, malformed_json_is_false_not_an_exception) {
  const jsonsig::signer s(token);
  const std::string sig = s.sign(body);
  for (std::string_view bad : {std::string_view("{"), std::string_view("[1,]"),
                               std::string_view("\xff"), std::string_view(""),
                               std::string_view("{\"a\":1} x")}) {
    EXPECT_FALSE(s.verify(bad, sig));
    std::string canon = "stale";
    EXPECT_FALSE(s.verify(bad, sig, canon));
    EXPECT_TRUE(canon.empty());
  }
  const std::string deep(5000, '[');
  EXPECT_FALSE(s.verify(deep, sig));
}

TEST(verify, hands_back_the_canonical_body_it_verified) {
  const jsonsig::signer s(token);
  const std::string sig = s.sign(body);
  std::string canon;
  ASSERT_TRUE(s.verify(body, sig, canon));
  EXPECT_EQ(canon, jsonsig::canonicalize(body));
  const auto got = s.verify_body(body, sig);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, canon);
  std::string tampered(body);
  tampered[tampered.find("12.50")] = '3';
  EXPECT_FALSE(s.verify_body(tampered, sig).has_value());
  canon = "stale";
  EXPECT_FALSE(s.verify(tampered, sig, canon));
  EXPECT_TRUE(canon.empty());
}

TEST(signer, copies_sign_identically_and_reuse_is_stable) {
  const jsonsig::signer a(token);
  const jsonsig::signer b = a;  // NOLINT: the copy is what is tested
  jsonsig::signer c("other");
  c = a;
  const std::string want = a.sign(body);
  EXPECT_EQ(a.sign(body), want);
  EXPECT_EQ(b.sign(body), want);
  EXPECT_EQ(c.sign(body), want);
}

TEST(signer, const_members_are_safe_across_threads) {
  const jsonsig::signer s(token);
  std::vector<std::string> bodies;
  std::vector<std::string> want;
  for (int i = 0; i < 16; ++i) {
    bodies.push_back("{\"n\":" + std::to_string(i) + ",\"s\":\"" + std::string(static_cast<std::size_t>(i) * 300, 'x') + "\"}");
    want.push_back(jsonsig_test::openssl_hmac_hex(token, jsonsig::canonicalize(bodies.back())));
  }
  std::vector<std::thread> threads;
  std::vector<int> bad(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        const std::size_t i = static_cast<std::size_t>((round + t) % 16);
        if (s.sign(bodies[i]) != want[i] || !s.verify(bodies[i], want[i])) ++bad[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int b : bad) EXPECT_EQ(b, 0);
}

TEST(signer, huge_bodies_use_a_fresh_canonicalizer_and_still_match) {
  std::string big = "[";
  while (big.size() < (std::size_t{3} << 20)) big += "{\"b\":1.50,\"a\":\"\\u00e9\"},";
  big.back() = ']';
  const jsonsig::signer s(token);
  const std::string canon = jsonsig::canonicalize(big);
  EXPECT_EQ(s.sign(big), jsonsig_test::openssl_hmac_hex(token, canon));
  EXPECT_EQ(s.sign(body),
            jsonsig_test::openssl_hmac_hex(token, jsonsig::canonicalize(body)));  // small after big
}

TEST(sign, node_goldens) {
  // Lines: <token hex>\t<body hex>\t<signature from node's createHmac over sortDeep+stringify>
  const std::string data =
      jsonsig_test::read_file(jsonsig_test::source_dir() + "/tests/golden/data/sign_js.txt");
  auto unhex = [](std::string_view h) {
    std::string out(h.size() / 2, '\0');
    EXPECT_TRUE(jsonsig::hex_decode(h, reinterpret_cast<unsigned char*>(out.data())));
    return out;
  };
  std::size_t rows = 0, pos = 0;
  while (pos < data.size()) {
    std::size_t eol = data.find('\n', pos);
    if (eol == std::string::npos) eol = data.size();
    const std::string_view line(data.data() + pos, eol - pos);
    pos = eol + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    ASSERT_NE(t2, std::string_view::npos);
    const std::string tok = unhex(line.substr(0, t1));
    const std::string js = unhex(line.substr(t1 + 1, t2 - t1 - 1));
    const std::string_view want = line.substr(t2 + 1);
    EXPECT_EQ(jsonsig::sign(js, tok), want) << "row " << rows << ": " << js;
    EXPECT_TRUE(jsonsig::verify(js, tok, want));
    ++rows;
  }
  EXPECT_GE(rows, 20u);
}
