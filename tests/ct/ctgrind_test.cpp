// SPDX-License-Identifier: MIT
// ctgrind (Adam Langley's technique): secrets are marked "undefined" with memcheck's client
// requests, so under `valgrind --error-exitcode=1` a branch or a memory index that depends on
// them is reported as "Conditional jump or move depends on uninitialised value(s)" / "Use of
// uninitialised value" and fails the run. Covered: HMAC keying (short, block-sized and hashed
// long keys) and MACs with every SHA-512 kernel, signer::sign (canonical body streamed into the
// HMAC, then hex encoding of the secret MAC with the dispatched kernel), hex_encode with every
// kernel, ct_equal, verify's compare (detail::mac_matches), and signer::verify / verify_body run
// whole with a secret token (the library declassifies verify's answer with ct_declassify).
//
// What is public and may steer branches: the message (the JSON body), all lengths, the caller's
// signature text. Results are declassified (VALGRIND_MAKE_MEM_DEFINED) only where the library
// hands them out anyway: the MAC when it is output, and the single bool of a comparison.
//
// Without valgrind the client requests are no-ops and this is an ordinary correctness test
// against OpenSSL. ctest runs it both ways (ct_ctgrind_test, ct_ctgrind_valgrind); under
// valgrind each test also checks that the secret really reached the output (taint propagated),
// so a test cannot pass by accident because nothing was marked.
#include <jsonsig/canonical.hpp>
#include <jsonsig/constant_time.hpp>
#include <jsonsig/detail/sha512_bundled.hpp>
#include <jsonsig/hex.hpp>
#include <jsonsig/hmac.hpp>
#include <jsonsig/sign.hpp>

#include <gtest/gtest.h>
#include <valgrind/memcheck.h>

#include <array>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "openssl_ref.hpp"

namespace {

bool on_valgrind() { return RUNNING_ON_VALGRIND != 0; }

// Marks n bytes at p as secret.
void classify(const void* p, std::size_t n) { (void)VALGRIND_MAKE_MEM_UNDEFINED(p, n); }

// Declassifies n bytes at p: the caller is about to release them (a MAC that is output, the
// bool a comparison returns). Everything computed before this point was checked.
void declassify(const void* p, std::size_t n) { (void)VALGRIND_MAKE_MEM_DEFINED(p, n); }

// Under valgrind: true when some bit of p[0..n) is derived from a secret. Without valgrind
// there is no taint to inspect; callers only assert it under valgrind.
bool tainted(const void* p, std::size_t n) {
  std::vector<unsigned char> vbits(n, 0);
  if (VALGRIND_GET_VBITS(p, vbits.data(), n) != 1) return false;
  for (unsigned char v : vbits)
    if (v != 0) return true;
  return false;
}

#define EXPECT_SECRET_DERIVED(p, n)                                       \
  do {                                                                    \
    if (on_valgrind()) {                                                  \
      EXPECT_TRUE(tainted((p), (n))) << "the secret did not reach " #p;   \
    }                                                                     \
  } while (0)

std::string key_bytes(std::size_t n, unsigned seed) {
  std::string k(n, '\0');
  for (std::size_t i = 0; i < n; ++i) k[i] = static_cast<char>((i * 131 + seed * 17 + 7) & 0xff);
  return k;
}

std::string message(std::size_t n) {
  std::string m(n, '\0');
  for (std::size_t i = 0; i < n; ++i) m[i] = static_cast<char>('a' + i % 26);
  return m;
}

// Key lengths around the SHA-512 block (128 bytes): shorter keys are zero-padded, longer ones
// hashed first (RFC 2104 §2). Message lengths around the padding boundary (112 mod 128).
constexpr std::size_t key_lengths[] = {1, 20, 64, 127, 128, 129, 200, 300};
constexpr std::size_t message_lengths[] = {0, 1, 111, 112, 128, 129, 1000};

TEST(ctgrind, hmac_keying_and_mac_with_every_sha512_kernel) {
  for (const auto& k : jsonsig::detail::sha512_core::kernels()) {
    if (!k.runnable) continue;
    for (std::size_t kn : key_lengths) {
      for (std::size_t mn : message_lengths) {
        const std::string clear_key = key_bytes(kn, static_cast<unsigned>(mn));
        std::string key = clear_key;
        classify(key.data(), key.size());
        const std::string msg = message(mn);  // public

        jsonsig::detail::hmac_key_bundled hk(key.data(), key.size(), k.fn);
        jsonsig::detail::hmac_sha512_bundled h(hk, k.fn);
        h.update(msg.data(), msg.size() / 2);  // split: the buffered path and the direct path
        h.update(msg.data() + msg.size() / 2, msg.size() - msg.size() / 2);
        std::array<unsigned char, 64> tag{};
        h.finish(tag.data());

        EXPECT_SECRET_DERIVED(tag.data(), tag.size());
        // Declassified: the MAC is about to be output (hex encoded and compared below).
        declassify(tag.data(), tag.size());
        EXPECT_EQ(jsonsig::hex_encode(tag), jsonsig_test::openssl_hmac_hex(clear_key, msg))
            << k.name << " key " << kn << " msg " << mn;
      }
    }
  }
}

TEST(ctgrind, hmac_through_the_public_api) {
  for (std::size_t kn : key_lengths) {
    const std::string clear_key = key_bytes(kn, 3);
    std::string key = clear_key;
    classify(key.data(), key.size());
    const jsonsig::hmac_key hk(key);
    jsonsig::secure_wipe(key.data(), key.size());  // the key schedule must not need the key
    jsonsig::hmac_sha512 h(hk);
    const std::string msg = message(300);
    h.update(msg);
    std::array<unsigned char, 64> tag = h.finish();
    EXPECT_SECRET_DERIVED(tag.data(), tag.size());
    declassify(tag.data(), tag.size());  // output
    EXPECT_EQ(jsonsig::hex_encode(tag), jsonsig_test::openssl_hmac_hex(clear_key, msg)) << kn;
  }
}

TEST(ctgrind, hex_encode_of_secret_bytes_with_every_kernel) {
  for (const auto& k : jsonsig::detail::hex::kernels()) {
    if (!k.runnable) continue;
    for (std::size_t n : {1u, 15u, 16u, 31u, 32u, 33u, 64u, 100u, 200u}) {
      std::vector<unsigned char> clear(n);
      for (std::size_t i = 0; i < n; ++i) clear[i] = static_cast<unsigned char>(i * 37 + 11);
      std::vector<unsigned char> bytes = clear;
      classify(bytes.data(), bytes.size());
      std::string out(2 * n, '?');
      k.encode(bytes.data(), n, out.data());
      EXPECT_SECRET_DERIVED(out.data(), out.size());
      declassify(out.data(), out.size());  // the hex text is what gets output
      std::string want(2 * n, '?');
      jsonsig::detail::hex::encode_scalar(clear.data(), n, want.data());
      EXPECT_EQ(out, want) << k.name << " " << n;
    }
  }
}

TEST(ctgrind, ct_equal_on_secret_bytes) {
  for (std::size_t n : {1u, 7u, 32u, 64u, 65u}) {
    for (std::size_t flip = 0; flip <= n; ++flip) {  // flip == n: equal
      std::vector<unsigned char> a(n), b(n);
      for (std::size_t i = 0; i < n; ++i) a[i] = b[i] = static_cast<unsigned char>(i * 29 + 3);
      if (flip < n) b[flip] ^= 0x80;
      classify(a.data(), n);
      classify(b.data(), n);
      bool eq = jsonsig::ct_equal(a.data(), b.data(), n);
      EXPECT_SECRET_DERIVED(&eq, sizeof eq);
      declassify(&eq, sizeof eq);  // the one bit a comparison reveals
      EXPECT_EQ(eq, flip == n) << n << " " << flip;
    }
  }
}

const std::string_view body =
    R"({"orderId":"A-1","amount":12.50,"items":[{"sku":"x","qty":2}],"note":"caf\u00e9"})";

TEST(ctgrind, sign_streams_and_hex_encodes_without_secret_branches) {
  for (std::size_t kn : {8u, 32u, 200u}) {
    const std::string clear_token = key_bytes(kn, 9);
    std::string token = clear_token;
    classify(token.data(), token.size());
    for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
      const jsonsig::signer s(token, p);
      jsonsig::error_info err;
      std::string sig = s.sign(body, err);  // canonicalize -> hmac_sink -> MAC -> hex_encode
      ASSERT_FALSE(err);
      EXPECT_SECRET_DERIVED(sig.data(), sig.size());
      declassify(sig.data(), sig.size());  // the signature is output
      EXPECT_EQ(sig, jsonsig_test::openssl_hmac_hex(clear_token, jsonsig::canonicalize(body, p)));

      // sign_body: the canonical bytes are public and must stay so (no taint from the key).
      jsonsig::signed_body sb = s.sign_body(body, err);
      ASSERT_FALSE(err);
      if (on_valgrind()) {
        EXPECT_FALSE(tainted(sb.body.data(), sb.body.size()));
      }
      declassify(sb.signature.data(), sb.signature.size());
      EXPECT_EQ(sb.signature, sig);
    }
  }
}

TEST(ctgrind, verify_compare_on_a_secret_mac) {
  const std::string clear_token = key_bytes(32, 1);
  std::array<unsigned char, 64> clear_mac{};
  jsonsig::error_info err;
  ASSERT_TRUE(jsonsig::signer(clear_token).sign(body, clear_mac, err));
  const std::string good = jsonsig::hex_encode(clear_mac);
  std::string upper = good;
  for (char& c : upper)
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  std::string first = good, last = good;
  first[0] = first[0] == '0' ? '1' : '0';
  last[127] = last[127] == '0' ? '1' : '0';

  struct check {
    const std::string* sig;
    bool want;
  };
  for (const check& c : {check{&good, true}, check{&upper, true}, check{&first, false},
                         check{&last, false}}) {
    std::array<unsigned char, 64> mac = clear_mac;
    classify(mac.data(), mac.size());  // the expected MAC inside verify is secret
    bool ok = jsonsig::detail::mac_matches(mac.data(), *c.sig);  // the signature text is public
    EXPECT_SECRET_DERIVED(&ok, sizeof ok);
    declassify(&ok, sizeof ok);
    EXPECT_EQ(ok, c.want);
  }
}

// signer::verify(json, sig[, canonical_out]) run whole with a secret token. verify_impl
// branches on the comparison's result only after ct_declassify (sign.hpp), which this binary
// builds as a memcheck client request (JSONSIG_CTGRIND=1, tools/CMakeLists.txt): everything
// before it (keying, canonical body streamed into the HMAC, hex decode of the caller's text,
// the compare) must not branch on the token. The answers must equal verify's with the token in
// the clear.
TEST(ctgrind, verify_whole_with_a_secret_token) {
  const std::string clear_token = key_bytes(40, 9);
  const jsonsig::signer clear(clear_token);
  const std::string good = clear.sign(body);
  std::string upper = good;
  for (char& c : upper)
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  const std::string bad = good.substr(0, 64) + (good[64] == 'a' ? 'b' : 'a') + good.substr(65);
  std::string token = clear_token;
  classify(token.data(), token.size());
  const jsonsig::signer s(token);
  for (const std::string* sig : {&good, static_cast<const std::string*>(&upper), &bad}) {
    const bool want = sig != &bad;
    bool ok = s.verify(body, *sig);
    EXPECT_EQ(ok, want);
    std::string canonical;
    ok = s.verify(body, *sig, canonical);
    EXPECT_EQ(ok, want);
    EXPECT_EQ(canonical, want ? jsonsig::canonicalize(body) : std::string());
    const std::optional<std::string> vb = s.verify_body(body, *sig);
    EXPECT_EQ(vb.has_value(), want);
  }
  // Malformed signatures and bodies are rejected on public grounds alone.
  EXPECT_FALSE(s.verify(body, good.substr(0, 127)));
  EXPECT_FALSE(s.verify(body, std::string(128, 'g')));
  EXPECT_FALSE(s.verify("{\"a\":", good));
}

// The pieces of verify, with the taint checked where each hands its result on: mac_canonical
// (without and with a body, through signer::sign and sign_body) must carry the secret into the
// MAC, never into the canonical body, and mac_matches must agree with verify run in the clear.
TEST(ctgrind, verify_composition_with_a_secret_token) {
  const std::string clear_token = key_bytes(40, 5);
  const jsonsig::signer clear(clear_token);
  const std::string good = clear.sign(body);
  const std::string bad = good.substr(0, 64) + (good[64] == 'a' ? 'b' : 'a') + good.substr(65);
  std::string token = clear_token;
  classify(token.data(), token.size());
  const jsonsig::signer s(token);
  for (const std::string* sig : {&good, &bad}) {
    std::array<unsigned char, 64> mac{};
    jsonsig::error_info err;
    ASSERT_TRUE(s.sign(body, mac, err));  // detail::mac_canonical(key_, opt_, json, mac, nullptr, err)
    EXPECT_SECRET_DERIVED(mac.data(), mac.size());
    bool ok = jsonsig::detail::mac_matches(mac.data(), *sig);
    jsonsig::secure_wipe(mac.data(), mac.size());
    declassify(&ok, sizeof ok);  // where verify returns it
    EXPECT_EQ(ok, clear.verify(body, *sig));
    EXPECT_EQ(ok, sig == &good);

    // The canonical_out form runs mac_canonical with a body (canonical bytes teed into
    // the HMAC), which sign_body runs too: the tag is secret-derived, the body is not.
    jsonsig::signed_body sb = s.sign_body(body, err);
    ASSERT_FALSE(err);
    EXPECT_SECRET_DERIVED(sb.signature.data(), sb.signature.size());
    if (on_valgrind()) {
      EXPECT_FALSE(tainted(sb.body.data(), sb.body.size()));
    }
    declassify(sb.signature.data(), sb.signature.size());  // output
    std::string canonical;
    EXPECT_EQ(clear.verify(body, sb.signature, canonical), true);
    EXPECT_EQ(canonical, sb.body);
    EXPECT_EQ(clear.verify(body, *sig, canonical), sig == &good);
  }
}

}  // namespace
