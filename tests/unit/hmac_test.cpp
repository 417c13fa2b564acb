// SPDX-License-Identifier: MIT
// jsonsig::hmac_key / jsonsig::hmac_sha512 and their implementations: RFC 2104 key handling at
// the block-size edges, key copies, single-use semantics, wiping, and the OpenSSL backend's
// fallback when libcrypto cannot allocate. (RFC 4231, NIST and Wycheproof vectors are in
// tests/vectors/hmac_vectors_test.cpp.)
#include <openssl/crypto.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include <jsonsig/hmac.hpp>

#include "vectors/crypto_vectors.hpp"

namespace {

using namespace crypto_vectors;

// ---- libcrypto allocation failure injection (installed before OpenSSL allocates anything)
std::atomic<bool> fail_openssl_allocs{false};
void* test_malloc(std::size_t n, const char*, int) { return fail_openssl_allocs ? nullptr : std::malloc(n); }
void* test_realloc(void* p, std::size_t n, const char*, int) {
  return fail_openssl_allocs ? nullptr : std::realloc(p, n);
}
void test_free(void* p, const char*, int) { std::free(p); }
const bool hooks_installed = CRYPTO_set_mem_functions(&test_malloc, &test_realloc, &test_free) == 1;

struct failing_allocs {  // RAII: libcrypto allocations fail while this lives
  failing_allocs() { fail_openssl_allocs = true; }
  ~failing_allocs() { fail_openssl_allocs = false; }
};

bytes random_bytes(std::size_t n, std::mt19937_64& rng) {
  bytes b(n);
  for (auto& c : b) c = static_cast<unsigned char>(rng());
  return b;
}

TEST(hmac, public_api_shape) {
  static_assert(std::is_nothrow_copy_constructible_v<jsonsig::hmac_key>);
  static_assert(std::is_nothrow_copy_assignable_v<jsonsig::hmac_key>);
  static_assert(std::is_nothrow_move_constructible_v<jsonsig::hmac_sha512>);
  static_assert(!std::is_copy_constructible_v<jsonsig::hmac_sha512>);
  static_assert(!std::is_convertible_v<std::string_view, jsonsig::hmac_key>, "explicit");
  static_assert(!std::is_convertible_v<std::string_view, jsonsig::hmac_sha512>, "explicit");
  // RFC 4231 test case 2, through each entry point.
  const char* want =
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fd"
      "caeab1a34d4a6b4b636e070a38bce737";
  EXPECT_EQ(hex(jsonsig::hmac_sha512_digest("Jefe", "what do ya want for nothing?")), want);
  jsonsig::hmac_sha512 direct(std::string_view("Jefe"));
  direct.update("what do ya want ");
  direct.update(std::string_view("for nothing?"));
  EXPECT_EQ(hex(direct.finish()), want);
  const jsonsig::hmac_key key(std::string_view("Jefe"));
  jsonsig::hmac_sha512 mac(key);
  mac.update("what do ya want for nothing?", 28);
  unsigned char out[64];
  mac.finish(out);
  EXPECT_EQ(hex(out, 64), want);
}

// RFC 2104 §2: keys longer than the 128-byte block are hashed first; shorter ones are
// zero-padded. Every length around the edges, against libcrypto's HMAC().
TEST(hmac, key_lengths_around_the_block_size_match_libcrypto) {
  std::mt19937_64 rng(10);
  const bytes msg = random_bytes(200, rng);
  const auto impls = hmac_impls();
  for (std::size_t klen : {0u, 1u, 20u, 63u, 64u, 65u, 111u, 112u, 127u, 128u, 129u, 131u, 200u, 255u, 256u, 257u, 300u}) {
    const bytes key = random_bytes(klen, rng);
    for (std::size_t mlen : {0u, 1u, 111u, 112u, 128u, 200u}) {
      const bytes m(msg.begin(), msg.begin() + static_cast<std::ptrdiff_t>(mlen));
      const std::string want = hex(openssl_hmac(key, m));
      for (const auto& [impl, fn] : impls) EXPECT_EQ(hex(fn(key, m, 0)), want) << impl << " klen=" << klen << " mlen=" << mlen;
    }
  }
  // A key that is the SHA-512 of a long key gives the same MAC (that is what hashing means).
  const bytes long_key = random_bytes(129, rng);
  const digest hk = openssl_sha512(long_key);
  EXPECT_EQ(hex(jsonsig::hmac_sha512_digest(std::string_view(reinterpret_cast<const char*>(long_key.data()), 129), "m")),
            hex(jsonsig::hmac_sha512_digest(std::string_view(reinterpret_cast<const char*>(hk.data()), 64), "m")));
}

TEST(hmac, empty_key_and_null_pointers) {
  const jsonsig::hmac_key key(nullptr, 0);
  jsonsig::hmac_sha512 mac(key);
  mac.update(nullptr, 0);
  EXPECT_EQ(hex(mac.finish()), hex(openssl_hmac({}, {})));
}

TEST(hmac, copied_and_reassigned_keys_sign_identically_and_outlive_nothing) {
  std::mt19937_64 rng(11);
  const bytes k1 = random_bytes(40, rng), k2 = random_bytes(150, rng), msg = random_bytes(333, rng);
  const std::string want1 = hex(openssl_hmac(k1, msg)), want2 = hex(openssl_hmac(k2, msg));
  auto sign = [&](const jsonsig::hmac_key& k) {
    jsonsig::hmac_sha512 mac(k);
    mac.update(msg.data(), msg.size());
    return hex(mac.finish());
  };
  jsonsig::hmac_key original(k1.data(), k1.size());
  const jsonsig::hmac_key copy(original);
  EXPECT_EQ(sign(original), want1);
  EXPECT_EQ(sign(original), want1);  // a key object signs any number of messages
  EXPECT_EQ(sign(copy), want1);
  jsonsig::hmac_key other(k2.data(), k2.size());
  other = original;  // copy assignment replaces the key
  EXPECT_EQ(sign(other), want1);
  original = jsonsig::hmac_key(k2.data(), k2.size());  // move assignment
  EXPECT_EQ(sign(original), want2);
  EXPECT_EQ(sign(copy), want1);  // copies are independent
  // The computation does not reference the key after construction.
  auto* heap_key = new jsonsig::hmac_key(k1.data(), k1.size());
  jsonsig::hmac_sha512 mac(*heap_key);
  delete heap_key;
  mac.update(msg.data(), msg.size());
  EXPECT_EQ(hex(mac.finish()), want1);
}

TEST(hmac, finish_is_final_and_idempotent) {
  const jsonsig::hmac_key key(std::string_view("k"));
  jsonsig::hmac_sha512 mac(key);
  mac.update("message");
  const digest first = mac.finish();
  mac.update("ignored after finish");
  EXPECT_EQ(mac.finish(), first);
  EXPECT_EQ(hex(first), hex(openssl_hmac({'k'}, {'m', 'e', 's', 's', 'a', 'g', 'e'})));
  jsonsig::hmac_sha512 moved(std::move(mac));
  EXPECT_EQ(moved.finish(), first);
  // Same contract in each implementation.
  jsonsig::detail::hmac_sha512_bundled b{jsonsig::detail::hmac_key_bundled(std::string_view("k"))};
  b.update("message");
  EXPECT_EQ(b.finish(), first);
  b.update("x");
  EXPECT_EQ(b.finish(), first);
  jsonsig::detail::openssl::hmac_sha512 o{jsonsig::detail::openssl::hmac_key(std::string_view("k"))};
  o.update("message");
  EXPECT_EQ(o.finish(), first);
  o.update("x");
  EXPECT_EQ(o.finish(), first);
}

// Returns true when the 64 bytes of `words` occur anywhere in [p, p+n).
bool contains(const unsigned char* p, std::size_t n, const std::uint64_t* words) {
  for (std::size_t i = 0; i + 64 <= n; ++i)
    if (std::memcmp(p + i, words, 64) == 0) return true;
  return false;
}

TEST(hmac, key_schedule_is_wiped_on_destruction) {
  using jsonsig::detail::hmac_key_bundled;
  alignas(hmac_key_bundled) unsigned char storage[sizeof(hmac_key_bundled)];
  auto* key = new (storage) hmac_key_bundled(std::string_view("a token"));
  bool any_nonzero = false;
  for (unsigned char c : storage) any_nonzero |= (c != 0);
  ASSERT_TRUE(any_nonzero);
  key->~hmac_key_bundled();
  for (std::size_t i = 0; i < sizeof storage; ++i) EXPECT_EQ(storage[i], 0) << "byte " << i;
}

TEST(hmac, unfinished_computation_wipes_its_chaining_values) {
  using jsonsig::detail::hmac_key_bundled;
  using jsonsig::detail::hmac_sha512_bundled;
  const hmac_key_bundled key(std::string_view("a token"));
  alignas(hmac_sha512_bundled) unsigned char storage[sizeof(hmac_sha512_bundled)];
  auto* mac = new (storage) hmac_sha512_bundled(key);
  mac->update("a partial message");  // less than a block: the state is still the keyed midstate
  ASSERT_TRUE(contains(storage, sizeof storage, key.inner()));
  ASSERT_TRUE(contains(storage, sizeof storage, key.outer()));
  mac->~hmac_sha512_bundled();
  EXPECT_FALSE(contains(storage, sizeof storage, key.inner()));
  EXPECT_FALSE(contains(storage, sizeof storage, key.outer()));
}

TEST(hmac, finished_computation_holds_no_key_schedule) {
  using jsonsig::detail::hmac_key_bundled;
  using jsonsig::detail::hmac_sha512_bundled;
  const hmac_key_bundled key(std::string_view("a token"));
  hmac_sha512_bundled mac(key);
  mac.update("message");
  (void)mac.finish();
  const auto* p = reinterpret_cast<const unsigned char*>(&mac);
  EXPECT_FALSE(contains(p, sizeof mac, key.inner()));
  EXPECT_FALSE(contains(p, sizeof mac, key.outer()));
}

// The OpenSSL backend never fails: when libcrypto cannot allocate, every object computes with
// the bundled code and the bytes are the same.
TEST(hmac, openssl_backend_falls_back_when_libcrypto_cannot_allocate) {
  ASSERT_TRUE(hooks_installed) << "CRYPTO_set_mem_functions came too late";
  ASSERT_NE(jsonsig::detail::openssl::sha512_md(), nullptr);  // fetched while allocation works
  std::mt19937_64 rng(12);
  const bytes key = random_bytes(150, rng), msg = random_bytes(300, rng);
  const std::string want_mac = hex(openssl_hmac(key, msg)), want_hash = hex(openssl_sha512(msg));
  using namespace jsonsig::detail::openssl;
  const hmac_key good_key(key.data(), key.size());
  ASSERT_TRUE(good_key.uses_openssl());
  {
    failing_allocs fail;
    sha512 h;
    EXPECT_FALSE(h.uses_openssl());
    h.update(msg.data(), msg.size());
    EXPECT_EQ(hex(h.finish()), want_hash);

    const hmac_key bad_key(key.data(), key.size());
    EXPECT_FALSE(bad_key.uses_openssl());
    hmac_sha512 m1(bad_key);
    EXPECT_FALSE(m1.uses_openssl());
    m1.update(msg.data(), msg.size());
    EXPECT_EQ(hex(m1.finish()), want_mac);

    hmac_sha512 m2(good_key);  // copying the key's contexts fails
    EXPECT_FALSE(m2.uses_openssl());
    m2.update(msg.data(), msg.size());
    EXPECT_EQ(hex(m2.finish()), want_mac);

    const hmac_key copied(good_key);  // so does copying the key
    EXPECT_FALSE(copied.uses_openssl());
    hmac_sha512 m3(copied);
    m3.update(msg.data(), msg.size());
    EXPECT_EQ(hex(m3.finish()), want_mac);
  }
  // A hash whose re-initialisation after finish() fails continues in the bundled code.
  sha512 h;
  ASSERT_TRUE(h.uses_openssl());
  h.update("abc");
  (void)h.finish();
  {
    failing_allocs fail;
    h.update(msg.data(), msg.size());
    EXPECT_FALSE(h.uses_openssl());
    EXPECT_EQ(hex(h.finish()), want_hash);
  }
  // With allocation back, new objects use OpenSSL again.
  hmac_sha512 m4(good_key);
  EXPECT_TRUE(m4.uses_openssl());
  m4.update(msg.data(), msg.size());
  EXPECT_EQ(hex(m4.finish()), want_mac);
}

}  // namespace
