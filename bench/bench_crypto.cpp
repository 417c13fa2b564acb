// SPDX-License-Identifier: MIT
// SHA-512 and HMAC-SHA-512 throughput: jsonsig's bundled code (production dispatch and every
// compression kernel), jsonsig's OpenSSL backend, and OpenSSL 3 called directly, in one binary.
//
//   bench_crypto --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// Targets (issue text): bundled SHA-512 at 16 KiB >= 0.8x OpenSSL EVP; HMAC over 256 bytes with
// a precomputed key no slower than OpenSSL's EVP_MAC with a reused context. Every benchmark
// checks its output against the bundled code once before timing, so a broken peer cannot post
// a good number.
#include <benchmark/benchmark.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <jsonsig/detail/openssl_backend.hpp>
#include <jsonsig/detail/sha512_bundled.hpp>
#include <jsonsig/detail/sha512_compress.hpp>
#include <jsonsig/hmac.hpp>
#include <jsonsig/sha512.hpp>

namespace {

namespace js = jsonsig::detail;
using digest = std::array<unsigned char, 64>;

const std::vector<std::size_t> kSizes = {64, 256, 1024, 16 * 1024, 1024 * 1024};

const std::vector<unsigned char>& message() {
  static const std::vector<unsigned char> msg = [] {
    std::vector<unsigned char> m(1024 * 1024);
    std::uint64_t x = 0x9E3779B97F4A7C15u;  // xorshift64: reproducible, incompressible bytes
    for (auto& c : m) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      c = static_cast<unsigned char>(x >> 56);
    }
    return m;
  }();
  return msg;
}

const std::string& token() {
  static const std::string t = "bench-token-0123456789abcdef-0123456789abcdef-0123456789abcdef!!";
  return t;
}

digest reference_sha512(std::size_t n) {
  js::sha512_bundled h;
  h.update(message().data(), n);
  return h.finish();
}

digest reference_hmac(std::size_t n) {
  js::hmac_sha512_bundled mac{js::hmac_key_bundled(token())};
  mac.update(message().data(), n);
  return mac.finish();
}

// Times body(out) and checks the result against want once first.
template <class Body>
void run(benchmark::State& state, std::size_t n, const digest& want, Body&& body) {
  digest got{};
  body(got);
  if (got != want) {
    state.SkipWithError("output differs from the bundled reference");
    return;
  }
  for (auto _ : state) {
    body(got);
    benchmark::DoNotOptimize(got.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(n));
}

// ---------------------------------------------------------------------------- SHA-512

void sha512_bundled(benchmark::State& state, std::size_t n) {
  const unsigned char* p = message().data();
  js::sha512_bundled h;
  run(state, n, reference_sha512(n), [&](digest& out) {
    h.update(p, n);
    h.finish(out.data());
  });
  state.SetLabel(js::sha512_core::active_kernel().name);
}

void sha512_jsonsig_openssl_backend(benchmark::State& state, std::size_t n) {
  const unsigned char* p = message().data();
  js::openssl::sha512 h;
  run(state, n, reference_sha512(n), [&](digest& out) {
    h.update(p, n);
    h.finish(out.data());
  });
}

void sha512_openssl_evp(benchmark::State& state, std::size_t n) {  // reused EVP_MD_CTX
  const unsigned char* p = message().data();
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA512", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  run(state, n, reference_sha512(n), [&](digest& out) {
    unsigned int len = 0;
    EVP_DigestInit_ex2(ctx, md, nullptr);
    EVP_DigestUpdate(ctx, p, n);
    EVP_DigestFinal_ex(ctx, out.data(), &len);
  });
  EVP_MD_CTX_free(ctx);
  EVP_MD_free(md);
}

void sha512_openssl_oneshot(benchmark::State& state, std::size_t n) {  // SHA512()
  const unsigned char* p = message().data();
  run(state, n, reference_sha512(n), [&](digest& out) { SHA512(p, n, out.data()); });
}

// The raw compression kernels on whole blocks (no padding), scalar reference vs SIMD.
void compress_kernel(benchmark::State& state, js::sha512_core::compress_fn fn, std::size_t n) {
  std::uint64_t st[8];
  for (unsigned i = 0; i < 8; ++i) st[i] = js::sha512_core::initial_state[i];
  for (auto _ : state) {
    fn(st, message().data(), n / 128);
    benchmark::DoNotOptimize(st);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(n));
}

// ---------------------------------------------------------------------------- HMAC-SHA-512

// Signing as jsonsig does it: the key is precomputed once, each message copies its state.
void hmac_bundled_prekeyed(benchmark::State& state, std::size_t n) {
  const unsigned char* p = message().data();
  const js::hmac_key_bundled key(token());
  run(state, n, reference_hmac(n), [&](digest& out) {
    js::hmac_sha512_bundled mac(key);
    mac.update(p, n);
    mac.finish(out.data());
  });
}

void hmac_bundled_oneshot(benchmark::State& state, std::size_t n) {  // rekeys every message
  const std::string_view msg(reinterpret_cast<const char*>(message().data()), n);
  run(state, n, reference_hmac(n), [&](digest& out) {
    js::hmac_sha512_bundled mac{js::hmac_key_bundled(token())};
    mac.update(msg);
    mac.finish(out.data());
  });
}

void hmac_jsonsig_openssl_backend(benchmark::State& state, std::size_t n) {
  const unsigned char* p = message().data();
  const js::openssl::hmac_key key(token());
  run(state, n, reference_hmac(n), [&](digest& out) {
    js::openssl::hmac_sha512 mac(key);
    mac.update(p, n);
    mac.finish(out.data());
  });
}

EVP_MAC_CTX* keyed_evp_mac() {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  EVP_MAC_free(mac);  // the context holds its own reference
  char digest_name[] = "SHA512";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0), OSSL_PARAM_END};
  EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(token().data()), token().size(), params);
  return ctx;
}

// OpenSSL's reused-context pattern: EVP_MAC_init with a null key restarts from the stored key.
void hmac_openssl_mac_reused(benchmark::State& state, std::size_t n) {
  const unsigned char* p = message().data();
  EVP_MAC_CTX* ctx = keyed_evp_mac();
  run(state, n, reference_hmac(n), [&](digest& out) {
    std::size_t len = 0;
    EVP_MAC_init(ctx, nullptr, 0, nullptr);
    EVP_MAC_update(ctx, p, n);
    EVP_MAC_final(ctx, out.data(), &len, out.size());
  });
  EVP_MAC_CTX_free(ctx);
}

// The other reuse pattern: duplicate a keyed context per message (thread-friendly).
void hmac_openssl_mac_dup(benchmark::State& state, std::size_t n) {
  const unsigned char* p = message().data();
  EVP_MAC_CTX* keyed = keyed_evp_mac();
  run(state, n, reference_hmac(n), [&](digest& out) {
    std::size_t len = 0;
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(keyed);
    EVP_MAC_update(ctx, p, n);
    EVP_MAC_final(ctx, out.data(), &len, out.size());
    EVP_MAC_CTX_free(ctx);
  });
  EVP_MAC_CTX_free(keyed);
}

void hmac_openssl_oneshot(benchmark::State& state, std::size_t n) {  // HMAC(): rekeys every call
  const unsigned char* p = message().data();
  run(state, n, reference_hmac(n), [&](digest& out) {
    unsigned int len = 0;
    HMAC(EVP_sha512(), token().data(), static_cast<int>(token().size()), p, n, out.data(), &len);
  });
}

std::string size_name(std::size_t n) {
  if (n >= 1024 * 1024) return std::to_string(n / (1024 * 1024)) + "MiB";
  if (n >= 1024) return std::to_string(n / 1024) + "KiB";
  return std::to_string(n) + "B";
}

int register_all() {
  using fn_t = void (*)(benchmark::State&, std::size_t);
  const std::pair<const char*, fn_t> benches[] = {
      {"sha512/bundled", &sha512_bundled},
      {"sha512/openssl_evp", &sha512_openssl_evp},
      {"sha512/openssl_SHA512", &sha512_openssl_oneshot},
      {"sha512/jsonsig_openssl_backend", &sha512_jsonsig_openssl_backend},
      {"hmac/bundled_prekeyed", &hmac_bundled_prekeyed},
      {"hmac/openssl_mac_reused", &hmac_openssl_mac_reused},
      {"hmac/openssl_mac_dup", &hmac_openssl_mac_dup},
      {"hmac/jsonsig_openssl_backend", &hmac_jsonsig_openssl_backend},
      {"hmac/bundled_oneshot", &hmac_bundled_oneshot},
      {"hmac/openssl_HMAC_oneshot", &hmac_openssl_oneshot},
  };
  for (const auto& b : benches)
    for (std::size_t n : kSizes)
      benchmark::RegisterBenchmark((std::string(b.first) + "/" + size_name(n)).c_str(), b.second, n);
  for (const auto& k : js::sha512_core::kernels()) {
    if (!k.runnable) continue;
    for (std::size_t n : {std::size_t{16 * 1024}, std::size_t{1024 * 1024}})
      benchmark::RegisterBenchmark(
          (std::string("sha512_compress/") + k.name + "/" + size_name(n)).c_str(), compress_kernel,
          k.fn, n);
  }
  return 0;
}

[[maybe_unused]] const int registered = register_all();

}  // namespace

BENCHMARK_MAIN();
