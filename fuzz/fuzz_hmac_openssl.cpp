// SPDX-License-Identifier: MIT
// SHA-512 and HMAC-SHA-512, fed in fuzz-chosen chunks, against OpenSSL's one-shot
// EVP_Digest / HMAC(): jsonsig::sha512 / hmac_sha512 (whatever backend this build uses) and
// the bundled implementation (jsonsig::detail::sha512_bundled / hmac_sha512_bundled, present
// in every configuration), plus each runnable compression kernel against the scalar one.
//
// Input layout: byte 0 flags (bit 0: chunk sizes scaled by 17, so chunks straddle blocks);
// byte 1 key length L (0..255: empty, short, exactly one block, longer than a block and hashed);
// L key bytes; byte K, then K % 16 chunk sizes (one byte each); the rest is the message, cut
// into the chunk sizes in turn (a 0 means an empty update()).
#include <jsonsig/hmac.hpp>
#include <jsonsig/sha512.hpp>
#include <jsonsig/detail/sha512_bundled.hpp>
#include <jsonsig/detail/sha512_compress.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_common.hpp"

namespace {

using digest = std::array<unsigned char, 64>;

struct plan {
  std::vector<std::size_t> sizes;
};

// Calls f(ptr, n) over consecutive chunks covering msg, sizes taken from the plan in turn
// (cycling; each planned size is used at least once, zeros included). Before chunk number
// `hook` (at most sizes.size(), so it is always reached) calls between() once.
template <class F, class G>
void feed(std::string_view msg, const plan& pl, F&& f, std::size_t hook, G&& between) {
  bool any_nonzero = false;
  for (std::size_t s : pl.sizes) any_nonzero = any_nonzero || s != 0;
  std::size_t pos = 0;
  for (std::size_t i = 0;; ++i) {
    if (i == hook) between();
    const std::size_t left = msg.size() - pos;
    if (left == 0 && i >= pl.sizes.size()) break;
    std::size_t n = left;
    if (i < pl.sizes.size() || any_nonzero) {
      n = pl.sizes[i % pl.sizes.size()];
      if (n > left) n = left;
    }
    f(msg.data() + pos, n);
    pos += n;
  }
}

template <class F>
void feed(std::string_view msg, const plan& pl, F&& f) {
  feed(msg, pl, std::forward<F>(f), static_cast<std::size_t>(-1), [] {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::cursor in(data, size);
  const std::uint8_t flags = in.byte();
  const std::string_view key = in.bytes(in.byte());
  plan pl;
  const std::size_t k = in.byte() % 16u;
  for (std::size_t i = 0; i < k; ++i) pl.sizes.push_back(in.byte() * ((flags & 1u) != 0 ? 17u : 1u));
  const std::string_view msg = in.rest();
  const std::size_t hook = pl.sizes.empty() ? 0 : flags % (pl.sizes.size() + 1);

  // The references: OpenSSL one-shot.
  digest want_hash{}, want_mac{};
  unsigned int len = 0;
  FUZZ_CHECK(EVP_Digest(msg.data(), msg.size(), want_hash.data(), &len, EVP_sha512(), nullptr) == 1);
  FUZZ_CHECK(len == 64);
  len = 0;
  // OpenSSL 3's HMAC() fails on a null key pointer even for length 0; give it a valid one.
  static const unsigned char no_key = 0;
  const void* key_ptr = key.empty() ? static_cast<const void*>(&no_key) : key.data();
  FUZZ_CHECK(HMAC(EVP_sha512(), key_ptr, static_cast<int>(key.size()),
                  reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), want_mac.data(),
                  &len) != nullptr);
  FUZZ_CHECK(len == 64);

  // SHA-512, public type: chunked; finish() restarts it; reset() discards a partial message.
  {
    jsonsig::sha512 h;
    feed(msg, pl, [&](const char* p, std::size_t n) { h.update(p, n); });
    FUZZ_CHECK(h.finish() == want_hash);
    h.update(msg);
    FUZZ_CHECK(h.finish() == want_hash);
    h.update(key.data(), key.size());
    h.reset();
    feed(msg, pl, [&](const char* p, std::size_t n) { h.update(p, n); });
    FUZZ_CHECK(h.finish() == want_hash);
    // A move in the middle carries the partial state along.
    jsonsig::sha512 a;
    jsonsig::sha512 b;
    jsonsig::sha512* cur = &a;
    feed(msg, pl, [&](const char* p, std::size_t n) { cur->update(p, n); }, hook, [&] {
      b = std::move(a);
      cur = &b;
    });
    FUZZ_CHECK(b.finish() == want_hash);
    FUZZ_CHECK(jsonsig::sha512_digest(msg) == want_hash);
  }

  // SHA-512, bundled: chunked, and a copy taken between chunks finishes the same message.
  {
    jsonsig::detail::sha512_bundled h;
    jsonsig::detail::sha512_bundled copy;
    bool copied = false;
    feed(msg, pl, [&](const char* p, std::size_t n) {
      h.update(p, n);
      if (copied) copy.update(p, n);
    }, hook, [&] {
      copy = h;
      copied = true;
    });
    FUZZ_CHECK(h.finish() == want_hash);
    FUZZ_CHECK(copied);
    FUZZ_CHECK(copy.finish() == want_hash);
  }

  // Every runnable compression kernel == the scalar reference over the message's whole blocks.
  {
    namespace core = jsonsig::detail::sha512_core;
    const std::size_t blocks = msg.size() / 128;
    std::uint64_t ref[8];
    std::memcpy(ref, core::initial_state, sizeof ref);
    const auto* p = reinterpret_cast<const unsigned char*>(msg.data());
    if (blocks != 0) core::compress_scalar(ref, p, blocks);
    for (const core::kernel& kn : core::kernels()) {
      if (!kn.runnable) continue;
      std::uint64_t st[8];
      std::memcpy(st, core::initial_state, sizeof st);
      // Block by block and all at once must agree too (multi-block loops carry state).
      if (blocks != 0) kn.fn(st, p, blocks);
      FUZZ_CHECK(std::memcmp(st, ref, sizeof st) == 0);
      std::memcpy(st, core::initial_state, sizeof st);
      for (std::size_t i = 0; i < blocks; ++i) kn.fn(st, p + 128 * i, 1);
      FUZZ_CHECK(std::memcmp(st, ref, sizeof st) == 0);
    }
  }

  // HMAC, public type: chunked; finish() restarts with the same key; key copies are equal.
  {
    const jsonsig::hmac_key hk(key);
    jsonsig::hmac_sha512 m(hk);
    feed(msg, pl, [&](const char* p, std::size_t n) { m.update(p, n); });
    FUZZ_CHECK(m.finish() == want_mac);
    feed(msg, pl, [&](const char* p, std::size_t n) { m.update(p, n); });
    FUZZ_CHECK(m.finish() == want_mac);

    const jsonsig::hmac_key copy = hk;  // NOLINT: the copy is the point
    jsonsig::hmac_sha512 a(copy);
    jsonsig::hmac_sha512 b(key);
    jsonsig::hmac_sha512* cur = &a;
    feed(msg, pl, [&](const char* p, std::size_t n) { cur->update(p, n); }, hook, [&] {
      b = std::move(a);
      cur = &b;
    });
    FUZZ_CHECK(b.finish() == want_mac);
    FUZZ_CHECK(jsonsig::hmac_sha512_digest(key, msg) == want_mac);
    const jsonsig::hmac_key from_ptr(key.data(), key.size());
    jsonsig::hmac_sha512 c(from_ptr);
    c.update(msg);
    FUZZ_CHECK(c.finish() == want_mac);
  }

  // HMAC, bundled.
  {
    const jsonsig::detail::hmac_key_bundled hk(key);
    jsonsig::detail::hmac_sha512_bundled m(hk);
    jsonsig::detail::hmac_sha512_bundled copy(hk);
    bool copied = false;
    feed(msg, pl, [&](const char* p, std::size_t n) {
      m.update(p, n);
      if (copied) copy.update(p, n);
    }, hook, [&] {
      copy = m;
      copied = true;
    });
    FUZZ_CHECK(m.finish() == want_mac);
    FUZZ_CHECK(copy.finish() == want_mac);
    m.update(msg);
    FUZZ_CHECK(m.finish() == want_mac);
  }
  return 0;
}
