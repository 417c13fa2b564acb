// SPDX-License-Identifier: MIT
// hex.hpp properties: round trip, and every kernel agrees with the scalar reference in both
// directions, on valid and on arbitrary input.
#include <jsonsig/hex.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

namespace hx = jsonsig::detail::hex;

namespace {
bool is_hex_digit(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
}  // namespace

RC_GTEST_PROP(hex, round_trip, (const std::vector<unsigned char>& b)) {
  const std::string h = jsonsig::hex_encode(b.data(), b.size());
  RC_ASSERT(h.size() == 2 * b.size());
  std::vector<unsigned char> back(b.size());
  RC_ASSERT(jsonsig::hex_decode(h, back.data()));
  RC_ASSERT(back == b);
}

RC_GTEST_PROP(hex, round_trip_any_case, (const std::vector<unsigned char>& b)) {
  std::string h = jsonsig::hex_encode(b.data(), b.size());
  const auto upper = *rc::gen::container<std::vector<bool>>(h.size(), rc::gen::arbitrary<bool>());
  for (std::size_t i = 0; i < h.size(); ++i)
    if (upper[i] && h[i] >= 'a') h[i] = static_cast<char>(h[i] - 'a' + 'A');
  std::vector<unsigned char> back(b.size());
  RC_ASSERT(jsonsig::hex_decode(h, back.data()));
  RC_ASSERT(back == b);
}

RC_GTEST_PROP(hex_isa, every_kernel_encode_matches_scalar, (const std::vector<unsigned char>& b)) {
  std::string want(2 * b.size(), '\0');
  hx::encode_scalar(b.data(), b.size(), want.data());
  for (const auto& k : hx::kernels()) {
    if (!k.runnable) continue;
    std::string got(want.size(), '?');  // sentinel: catches bytes a kernel skips
    k.encode(b.data(), b.size(), got.data());
    RC_ASSERT(got == want);
  }
}

// Arbitrary strings, mostly hex with a few stray bytes, so both outcomes are common.
RC_GTEST_PROP(hex_isa, every_kernel_decode_matches_scalar, ()) {
  const auto s = *rc::gen::container<std::string>(
      rc::gen::weightedOneOf<char>({{20, rc::gen::elementOf(std::string("0123456789abcdefABCDEF"))},
                                    {1, rc::gen::arbitrary<char>()}}));
  const std::size_t n = s.size() / 2;
  std::vector<unsigned char> want(n);
  const bool want_ok = hx::decode_scalar(s.data(), n, want.data());
  bool all_hex = true;
  for (std::size_t i = 0; i < 2 * n; ++i) all_hex = all_hex && is_hex_digit(s[i]);
  RC_ASSERT(want_ok == all_hex);
  RC_TAG(want_ok ? "valid" : "invalid");
  for (const auto& k : hx::kernels()) {
    if (!k.runnable) continue;
    std::vector<unsigned char> got(n, 0xA5);
    RC_ASSERT(k.decode(s.data(), n, got.data()) == want_ok);
    if (want_ok) RC_ASSERT(got == want);
  }
  // The public entry adds the even-length rule and zeroes a rejected output.
  std::vector<unsigned char> out(n, 0xA5);
  const bool ok = jsonsig::hex_decode(s, out.data());
  RC_ASSERT(ok == (want_ok && s.size() % 2 == 0));
  if (ok) RC_ASSERT(out == want);
  if (!ok && s.size() % 2 == 0) RC_ASSERT(out == std::vector<unsigned char>(n, 0));
}
