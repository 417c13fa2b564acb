// SPDX-License-Identifier: MIT
// Properties of the signing facade over generated tokens and JSON documents (json_gen.hpp,
// token_gen.hpp): signer == one-shot == HMAC of the canonical bytes (OpenSSL), verify accepts
// exactly the right signature, and formatting of the body never changes the signature.
#include <jsonsig/sign.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cctype>

#include "openssl_ref.hpp"
#include "prop/json_gen.hpp"
#include "prop/token_gen.hpp"

namespace {

const jsonsig::profile profiles[] = {jsonsig::profile::js, jsonsig::profile::jcs,
                                     jsonsig::profile::python};

}  // namespace

RC_GTEST_PROP(sign_prop, hmac_over_raw_bytes_matches_openssl, ()) {
  const auto tm = *token_gen::pair();
  RC_ASSERT(jsonsig::hex_encode(jsonsig::hmac_sha512_digest(tm.token, tm.message)) ==
            jsonsig_test::openssl_hmac_hex(tm.token, tm.message));
}

RC_GTEST_PROP(sign_prop, signer_equals_one_shot_equals_hmac_of_canonical, ()) {
  const std::string token = *token_gen::token();
  const auto p = *rc::gen::elementOf(std::vector<jsonsig::profile>(std::begin(profiles), std::end(profiles)));
  json_gen::options o;
  if (p == jsonsig::profile::jcs) o.lone_surrogates = o.duplicate_keys = o.overflow_numbers = false;
  const auto doc = *json_gen::document(o);
  const std::string text = json_gen::to_json(doc, *rc::gen::arbitrary<std::uint32_t>());
  jsonsig::error_info err;
  const std::string canon = jsonsig::canonicalize(text, p, err);
  RC_PRE(!err);  // e.g. python's 4300-digit limit; acceptance itself is tested elsewhere
  const jsonsig::signer s(token, p);
  const std::string sig = s.sign(text);
  RC_ASSERT(sig == jsonsig::sign(text, token, p));
  RC_ASSERT(sig == jsonsig_test::openssl_hmac_hex(token, canon));
  const auto sb = s.sign_body(text);
  RC_ASSERT(sb.body == canon);
  RC_ASSERT(sb.signature == sig);
}

RC_GTEST_PROP(sign_prop, verify_accepts_exactly_the_right_signature, ()) {
  const std::string token = *token_gen::token();
  const auto doc = *json_gen::document();
  const std::string text = json_gen::to_json(doc, *rc::gen::arbitrary<std::uint32_t>());
  const jsonsig::signer s(token);
  jsonsig::error_info err;
  const std::string sig = s.sign(text, err);
  RC_PRE(!err);
  RC_ASSERT(s.verify(text, sig));
  std::string upper = sig;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  RC_ASSERT(s.verify(text, upper));
  // Any single changed hex digit fails.
  const auto i = *rc::gen::inRange<std::size_t>(0, sig.size());
  const auto digit = *rc::gen::elementOf(std::string("0123456789abcdef"));
  RC_PRE(digit != sig[i]);
  std::string flipped = sig;
  flipped[i] = digit;
  RC_ASSERT(!s.verify(text, flipped));
  // Another token fails, unless it is the same HMAC key: RFC 2104 zero-pads keys of up to one
  // block, so "" and "\0" (any trailing NULs) key the HMAC identically.
  const std::string other = *token_gen::token();
  const auto hmac_key_of = [](std::string k) {
    if (k.size() <= 128) {
      while (!k.empty() && k.back() == '\0') k.pop_back();
    }
    return k;
  };
  RC_PRE(hmac_key_of(other) != hmac_key_of(token));
  RC_ASSERT(!jsonsig::verify(text, other, sig));
}

RC_GTEST_PROP(sign_prop, member_order_and_whitespace_never_change_the_signature, ()) {
  const std::string token = *token_gen::token();
  json_gen::options o;
  o.duplicate_keys = false;  // permuting duplicates would change which one is last
  const auto doc = *json_gen::document(o);
  json_gen::write_style st;
  st.permute = true;
  const std::string a = json_gen::to_json(doc, *rc::gen::arbitrary<std::uint32_t>(), st);
  const std::string b = json_gen::to_json(doc, *rc::gen::arbitrary<std::uint32_t>(), st);
  jsonsig::error_info err;
  const std::string sig = jsonsig::sign(a, token, jsonsig::profile::js, err);
  RC_PRE(!err);
  RC_ASSERT(jsonsig::verify(b, token, sig));
}
