// SPDX-License-Identifier: MIT
// jsonsig::sha512 and its implementations: the FIPS 180-4 example messages, kernel agreement,
// incremental/zero-copy behaviour, reuse, the 128-bit length field, and the OpenSSL backend.
// (The full NIST CAVP sets are in tests/vectors/sha512_cavp_test.cpp.)

// The 128-bit length test sets OpenSSL's SHA512_CTX bit counters directly; only the low-level
// API exposes them, and it is deprecated in OpenSSL 3.0, hence:
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <new>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include <jsonsig/sha512.hpp>

#include "vectors/crypto_vectors.hpp"

namespace {

using namespace crypto_vectors;
namespace core = jsonsig::detail::sha512_core;

bytes as_bytes(std::string_view s) { return bytes(s.begin(), s.end()); }

bytes random_bytes(std::size_t n, std::mt19937_64& rng) {
  bytes b(n);
  for (auto& c : b) c = static_cast<unsigned char>(rng());
  return b;
}

// FIPS 180-4 example values (NIST "SHA-512" example document and FIPS 180-2 Appendix C). Each
// is also checked against libcrypto, so a typo here would fail rather than pass.
struct fips_example {
  const char* name;
  std::string msg;
  const char* digest;
};

std::vector<fips_example> fips_examples() {
  return {
      {"empty", "",
       "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f"
       "63b931bd47417a81a538327af927da3e"},
      {"one_block_abc", "abc",
       "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
       "454d4423643ce80e2a9ac94fa54ca49f"},
      {"448_bits", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca0"
       "31ad85c7a71dd70354ec631238ca3445"},
      {"two_block_896_bits",
       "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmn"
       "opqrstnopqrstu",
       "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433a"
       "c7d329eeb6dd26545e96e55b874be909"},
      {"million_a", std::string(1000000, 'a'),
       "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31b"
       "eb009c5c2c49aa2e4eadb217ad8cc09b"},
  };
}

TEST(sha512, fips_180_4_examples_every_implementation) {
  for (const auto& ex : fips_examples()) {
    const bytes msg = as_bytes(ex.msg);
    ASSERT_EQ(hex(openssl_sha512(msg)), ex.digest) << ex.name << ": the expected value is wrong";
    for (const auto& [impl, fn] : sha512_impls()) {
      EXPECT_EQ(hex(fn(msg, 0)), ex.digest) << ex.name << " " << impl;
      EXPECT_EQ(hex(fn(msg, 3)), ex.digest) << ex.name << " " << impl << " in 3-byte pieces";
    }
    EXPECT_EQ(hex(jsonsig::sha512_digest(ex.msg)), ex.digest) << ex.name;
  }
}

TEST(sha512, public_api_shape) {
  static_assert(jsonsig::sha512::digest_size == 64 && jsonsig::sha512::block_size == 128);
  static_assert(std::is_nothrow_default_constructible_v<jsonsig::sha512>);
  static_assert(std::is_nothrow_move_constructible_v<jsonsig::sha512>);
  static_assert(!std::is_copy_constructible_v<jsonsig::sha512>);
  jsonsig::sha512 h;
  h.update(nullptr, 0);  // allowed: empty input with a null pointer
  h.update(std::string_view());
  unsigned char out[64];
  h.finish(out);
  EXPECT_EQ(hex(out, 64), hex(openssl_sha512(nullptr, 0)));
#if JSONSIG_USE_OPENSSL
  EXPECT_STREQ(jsonsig::detail::sha512_backend_name(), "openssl");
#else
  EXPECT_EQ(std::string(jsonsig::detail::sha512_backend_name()).rfind("bundled-", 0), 0u);
#endif
}

TEST(sha512, every_kernel_matches_scalar_on_any_offset_and_block_count) {
  std::mt19937_64 rng(1);
  const bytes data = random_bytes(64 * 128 + 64, rng);
  int kernels_run = 0;
  for (const auto& k : core::kernels()) {
    if (!k.runnable) continue;
    ++kernels_run;
    for (std::size_t off = 0; off < 64; off += 7) {
      for (std::size_t nb = 0; nb <= 64; nb = nb * 2 + 1) {
        std::uint64_t want[8], got[8];
        for (unsigned i = 0; i < 8; ++i) want[i] = got[i] = core::initial_state[i] ^ rng();
        core::compress_scalar(want, data.data() + off, nb);
        k.fn(got, data.data() + off, nb);
        EXPECT_EQ(std::memcmp(want, got, sizeof want), 0) << k.name << " offset " << off << " blocks " << nb;
      }
    }
  }
  EXPECT_GE(kernels_run, 1);
  std::printf("sha512 kernels run: %d; compress() uses %s\n", kernels_run, core::active_kernel().name);
}

TEST(sha512, incremental_equals_one_shot_for_every_split_point) {
  std::mt19937_64 rng(2);
  for (std::size_t n : {0u, 1u, 111u, 112u, 127u, 128u, 129u, 255u, 256u, 257u, 300u}) {
    const bytes msg = random_bytes(n, rng);
    const std::string want = hex(openssl_sha512(msg));
    for (std::size_t a = 0; a <= n; ++a) {
      const std::size_t b = a + (n - a) / 2;  // three pieces: [0,a) [a,b) [b,n)
      jsonsig::sha512 h;
      h.update(msg.data(), a);
      h.update(msg.data() + a, b - a);
      h.update(msg.data() + b, n - b);
      ASSERT_EQ(hex(h.finish()), want) << "n=" << n << " split " << a << "," << b;
    }
  }
}

// A kernel that records what it is asked to compress, then runs the reference.
struct recorded_call {
  const unsigned char* p;
  std::size_t nblocks;
};
std::vector<recorded_call>& calls() {
  static std::vector<recorded_call> c;
  return c;
}
void recording_kernel(std::uint64_t* state, const unsigned char* p, std::size_t nblocks) noexcept {
  calls().push_back({p, nblocks});
  core::compress_scalar(state, p, nblocks);
}

TEST(sha512, whole_blocks_are_hashed_straight_from_the_callers_buffer) {
  std::mt19937_64 rng(3);
  const bytes msg = random_bytes(1000, rng);
  jsonsig::detail::sha512_bundled h(&recording_kernel);
  calls().clear();
  h.update(msg.data(), 1000);  // 7 whole blocks from msg itself, 104 bytes buffered
  ASSERT_EQ(calls().size(), 1u);
  EXPECT_EQ(calls()[0].p, msg.data());
  EXPECT_EQ(calls()[0].nblocks, 7u);
  calls().clear();
  h.update(msg.data(), 24 + 256 + 5);  // completes the buffered block, then 2 blocks in place
  ASSERT_EQ(calls().size(), 2u);
  EXPECT_NE(calls()[0].p, msg.data());  // the internal buffer
  EXPECT_EQ(calls()[0].nblocks, 1u);
  EXPECT_EQ(calls()[1].p, msg.data() + 24);
  EXPECT_EQ(calls()[1].nblocks, 2u);
  bytes all(msg.begin(), msg.end());
  all.insert(all.end(), msg.begin(), msg.begin() + 285);
  EXPECT_EQ(hex(h.finish()), hex(openssl_sha512(all)));
}

TEST(sha512, finish_resets_and_reset_discards) {
  jsonsig::sha512 h;
  h.update("some earlier message");
  (void)h.finish();
  h.update("abc");  // reuse after finish: a fresh message
  EXPECT_EQ(hex(h.finish()), fips_examples()[1].digest);
  h.update("garbage that reset() throws away");
  h.reset();
  h.update("abc");
  EXPECT_EQ(hex(h.finish()), fips_examples()[1].digest);
  jsonsig::sha512 moved_from;
  moved_from.update("ab");
  jsonsig::sha512 moved_to(std::move(moved_from));
  moved_to.update("c");
  EXPECT_EQ(hex(moved_to.finish()), fips_examples()[1].digest);
}

// FIPS 180-4 §5.1.2: the length field is the message length in bits as a 128-bit big-endian
// number. Messages of 2^61 bytes and more cannot be hashed in a test, so the bundled state is
// told it has already absorbed that much (test hook), and OpenSSL's SHA512_CTX is given the same
// bit counters (Nl, Nh are in bits). Both then absorb the same tail and must agree.
TEST(sha512, length_field_is_right_for_huge_inputs) {
  __extension__ typedef unsigned __int128 u128;  // gcc and clang; -Wpedantic needs the marker
  std::mt19937_64 rng(4);
  const bytes tail = random_bytes(300, rng);
  const u128 cases[] = {
      0,
      u128{1} << 61,                              // bit length needs the high word
      (u128{1} << 64) - 128,                      // the byte count carries during update()
      (u128{1} << 64) + 128 * 12345,              // high byte word already set
      (u128{1} << 125) - 128,                     // the largest lengths FIPS 180-4 allows
      (u128{0x0123456789abcdefu} << 57) + 128 * 3, // mixed bits in both words
  };
  for (const u128 absorbed : cases) {
    for (std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{111}, std::size_t{112}, std::size_t{300}}) {
      for (const auto& k : core::kernels()) {
        if (!k.runnable) continue;
        jsonsig::detail::sha512_bundled h(k.fn);
        h.set_length_for_testing(static_cast<std::uint64_t>(absorbed >> 64), static_cast<std::uint64_t>(absorbed));
        h.update(tail.data(), n);
        const digest got = h.finish();

        SHA512_CTX ref;
        SHA512_Init(&ref);
        const u128 bits = absorbed * 8;
        ref.Nl = static_cast<std::uint64_t>(bits);
        ref.Nh = static_cast<std::uint64_t>(bits >> 64);
        SHA512_Update(&ref, tail.data(), n);
        digest want{};
        SHA512_Final(want.data(), &ref);
        EXPECT_EQ(hex(got), hex(want)) << "absorbed hi=" << static_cast<std::uint64_t>(absorbed >> 64)
                                       << " lo=" << static_cast<std::uint64_t>(absorbed) << " tail " << n
                                       << " " << k.name;
      }
    }
  }
}

// The independent check above relies on OpenSSL; this one spells out the final block for one
// case by hand: after 2^64 - 128 + 128 bytes the bit length is 2^67, i.e. high word 8, low 0.
TEST(sha512, length_carry_into_high_word_matches_hand_built_padding) {
  std::mt19937_64 rng(5);
  const bytes block = random_bytes(128, rng);
  jsonsig::detail::sha512_bundled h(&core::compress_scalar);
  h.set_length_for_testing(0, ~std::uint64_t{0} - 127);  // 2^64 - 128 bytes
  h.update(block.data(), block.size());                  // now exactly 2^64 bytes
  const digest got = h.finish();

  std::uint64_t st[8];
  for (unsigned i = 0; i < 8; ++i) st[i] = core::initial_state[i];
  core::compress_scalar(st, block.data(), 1);
  unsigned char pad[128] = {0x80};
  core::store_be64(pad + 112, 8);  // 2^64 bytes = 2^67 bits: high word 2^3, low word 0
  core::store_be64(pad + 120, 0);
  core::compress_scalar(st, pad, 1);
  digest want{};
  for (unsigned i = 0; i < 8; ++i) core::store_be64(want.data() + 8 * i, st[i]);
  EXPECT_EQ(hex(got), hex(want));
}

TEST(sha512, destructor_wipes_state_and_buffered_input) {
  using jsonsig::detail::sha512_bundled;
  alignas(sha512_bundled) unsigned char storage[sizeof(sha512_bundled)];
  auto* h = new (storage) sha512_bundled();
  h->update("secret tail that stays buffered");
  bool any_nonzero = false;
  for (unsigned char c : storage) any_nonzero |= (c != 0);
  ASSERT_TRUE(any_nonzero);
  h->~sha512_bundled();
  for (std::size_t i = 0; i < sizeof storage; ++i) EXPECT_EQ(storage[i], 0) << "byte " << i;
}

TEST(sha512, openssl_backend_class_behaves_like_bundled) {
  jsonsig::detail::openssl::sha512 h;
  EXPECT_TRUE(h.uses_openssl());
  h.update("a");
  h.reset();  // discards "a"
  h.update("abc");
  EXPECT_EQ(hex(h.finish()), fips_examples()[1].digest);
  h.update("ab");  // reuse after finish (lazy re-initialisation)
  jsonsig::detail::openssl::sha512 moved(std::move(h));
  moved.update("c");
  EXPECT_EQ(hex(moved.finish()), fips_examples()[1].digest);
  EXPECT_EQ(hex(moved.finish()), fips_examples()[0].digest);  // finish on an empty message
}

}  // namespace
