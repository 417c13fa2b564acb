// SPDX-License-Identifier: MIT
// Properties of SHA-512 / HMAC-SHA-512 (RapidCheck) and a deterministic differential sweep
// against libcrypto (called directly, not through jsonsig's OpenSSL backend): every message
// length 0..4096, random chunk splits, random keys of 0..300 bytes, through every
// implementation (jsonsig::sha512 / hmac_sha512 as configured, the bundled code on each
// runnable kernel, the OpenSSL backend class).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include <jsonsig/hmac.hpp>
#include <jsonsig/sha512.hpp>

#include "vectors/crypto_vectors.hpp"

namespace {

using namespace crypto_vectors;
namespace core = jsonsig::detail::sha512_core;

// Feeds msg to h cut at the given (sorted, possibly repeated) positions.
template <class H>
void feed_cuts(H& h, const bytes& msg, const std::vector<std::size_t>& cuts) {
  std::size_t at = 0;
  for (std::size_t c : cuts) {
    h.update(msg.data() + at, c - at);
    at = c;
  }
  h.update(msg.data() + at, msg.size() - at);
}

bytes gen_message(std::size_t max_len) {
  const auto n = *rc::gen::inRange<std::size_t>(0, max_len + 1);
  return *rc::gen::container<bytes>(n, rc::gen::arbitrary<unsigned char>());
}

std::vector<std::size_t> gen_cuts(std::size_t n) {
  const auto k = *rc::gen::inRange<std::size_t>(0, 8);
  auto cuts = *rc::gen::container<std::vector<std::size_t>>(k, rc::gen::inRange<std::size_t>(0, n + 1));
  std::sort(cuts.begin(), cuts.end());
  return cuts;
}

RC_GTEST_PROP(crypto_prop, sha512_any_chunking_equals_one_shot_and_openssl, ()) {
  const bytes msg = gen_message(1200);
  const auto cuts = gen_cuts(msg.size());
  const digest want = openssl_sha512(msg);
  jsonsig::sha512 h;
  feed_cuts(h, msg, cuts);
  RC_ASSERT(h.finish() == want);
  for (const auto& k : core::kernels()) {
    if (!k.runnable) continue;
    jsonsig::detail::sha512_bundled b(k.fn);
    feed_cuts(b, msg, cuts);
    RC_ASSERT(b.finish() == want);
  }
  jsonsig::detail::openssl::sha512 o;
  feed_cuts(o, msg, cuts);
  RC_ASSERT(o.finish() == want);
}

RC_GTEST_PROP(crypto_prop, hmac_any_chunking_equals_one_shot_and_openssl, ()) {
  const bytes key = gen_message(300);
  const bytes msg = gen_message(1200);
  const auto cuts = gen_cuts(msg.size());
  const digest want = openssl_hmac(key, msg);
  const jsonsig::hmac_key k(key.data(), key.size());
  jsonsig::hmac_sha512 mac(k);
  feed_cuts(mac, msg, cuts);
  RC_ASSERT(mac.finish() == want);
  for (const auto& kn : core::kernels()) {
    if (!kn.runnable) continue;
    jsonsig::detail::hmac_sha512_bundled b(jsonsig::detail::hmac_key_bundled(key.data(), key.size(), kn.fn), kn.fn);
    feed_cuts(b, msg, cuts);
    RC_ASSERT(b.finish() == want);
  }
  jsonsig::detail::openssl::hmac_sha512 o{jsonsig::detail::openssl::hmac_key(key.data(), key.size())};
  feed_cuts(o, msg, cuts);
  RC_ASSERT(o.finish() == want);
}

template <class Key, class Mac>
digest sign_with(const Key& key, const bytes& msg) {
  Mac mac(key);
  mac.update(msg.data(), msg.size());
  return mac.finish();
}

RC_GTEST_PROP(crypto_prop, copied_key_state_signs_identically, ()) {
  const bytes key = gen_message(300);
  const bytes m1 = gen_message(400), m2 = gen_message(400);
  const digest w1 = openssl_hmac(key, m1), w2 = openssl_hmac(key, m2);
  {
    const jsonsig::hmac_key k(key.data(), key.size());
    const jsonsig::hmac_key copy(k);
    RC_ASSERT((sign_with<jsonsig::hmac_key, jsonsig::hmac_sha512>(k, m1)) == w1);
    RC_ASSERT((sign_with<jsonsig::hmac_key, jsonsig::hmac_sha512>(k, m1)) == w1);  // twice, same key
    RC_ASSERT((sign_with<jsonsig::hmac_key, jsonsig::hmac_sha512>(copy, m1)) == w1);
    RC_ASSERT((sign_with<jsonsig::hmac_key, jsonsig::hmac_sha512>(k, m2)) == w2);
    RC_ASSERT((sign_with<jsonsig::hmac_key, jsonsig::hmac_sha512>(copy, m2)) == w2);
  }
  {
    using K = jsonsig::detail::hmac_key_bundled;
    using M = jsonsig::detail::hmac_sha512_bundled;
    const K k(key.data(), key.size());
    const K copy(k);
    RC_ASSERT(std::memcmp(k.inner(), copy.inner(), 64) == 0 && std::memcmp(k.outer(), copy.outer(), 64) == 0);
    RC_ASSERT((sign_with<K, M>(k, m1)) == w1);
    RC_ASSERT((sign_with<K, M>(k, m1)) == w1);
    RC_ASSERT((sign_with<K, M>(copy, m2)) == w2);
  }
  {
    using K = jsonsig::detail::openssl::hmac_key;
    using M = jsonsig::detail::openssl::hmac_sha512;
    const K k(key.data(), key.size());
    const K copy(k);
    RC_ASSERT(copy.uses_openssl());
    RC_ASSERT((sign_with<K, M>(k, m1)) == w1);
    RC_ASSERT((sign_with<K, M>(k, m1)) == w1);
    RC_ASSERT((sign_with<K, M>(copy, m2)) == w2);
  }
}

RC_GTEST_PROP(crypto_prop, every_kernel_matches_the_scalar_reference, ()) {
  const auto nblocks = *rc::gen::inRange<std::size_t>(0, 9);
  const auto offset = *rc::gen::inRange<std::size_t>(0, 16);
  const bytes data = *rc::gen::container<bytes>(offset + 128 * nblocks, rc::gen::arbitrary<unsigned char>());
  const auto init = *rc::gen::container<std::vector<std::uint64_t>>(8, rc::gen::arbitrary<std::uint64_t>());
  std::uint64_t want[8];
  std::copy(init.begin(), init.end(), want);
  core::compress_scalar(want, data.data() + offset, nblocks);
  for (const auto& k : core::kernels()) {
    if (!k.runnable) continue;
    std::uint64_t got[8];
    std::copy(init.begin(), init.end(), got);
    k.fn(got, data.data() + offset, nblocks);
    RC_ASSERT(std::equal(got, got + 8, want));
  }
}

// Deterministic sweep: every length 0..4096 (so every block boundary: 111, 112, 127, 128, 129,
// 239, 240, 255, 256, ...), fed in random pieces, keys of random length 0..300.
TEST(crypto_differential, every_length_to_4096_in_random_chunks_matches_libcrypto) {
  std::mt19937_64 rng(20240601);
  bytes pool(4096 + 300);
  for (auto& c : pool) c = static_cast<unsigned char>(rng());
  const auto hashes = sha512_impls();
  const auto macs = hmac_impls();
  std::size_t checked = 0;
  for (std::size_t n = 0; n <= 4096; ++n) {
    const std::size_t start = rng() % 300;
    const bytes msg(pool.begin() + static_cast<std::ptrdiff_t>(start), pool.begin() + static_cast<std::ptrdiff_t>(start + n));
    const std::size_t klen = rng() % 301;
    bytes key(klen);
    for (auto& c : key) c = static_cast<unsigned char>(rng());
    const std::size_t chunk = 1 + rng() % 300;
    const digest want_hash = openssl_sha512(msg), want_mac = openssl_hmac(key, msg);
    for (const auto& [impl, fn] : hashes) {
      ASSERT_EQ(fn(msg, chunk), want_hash) << impl << " n=" << n << " chunk=" << chunk;
      ASSERT_EQ(fn(msg, 0), want_hash) << impl << " n=" << n;
    }
    for (const auto& [impl, fn] : macs) {
      ASSERT_EQ(fn(key, msg, chunk), want_mac) << impl << " n=" << n << " klen=" << klen << " chunk=" << chunk;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 4097u);
}

}  // namespace
