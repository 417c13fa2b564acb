// SPDX-License-Identifier: MIT
// The SHA-512 compression function (FIPS 180-4 §6.4.2): a portable scalar reference and, on
// x86-64, faster kernels chosen once at run time. Every kernel has the same signature and must
// give bit-identical results; tests/unit/sha512_test.cpp and tests/prop/crypto_prop.cpp compare
// each runnable kernel against the scalar reference.
//
// Portability: words are assembled from bytes with shifts (never a pointer cast), so the code
// is correct on any endianness and has no alignment or aliasing requirement; compilers turn the
// byte assembly into one load plus bswap/movbe.
#ifndef JSONSIG_DETAIL_SHA512_COMPRESS_HPP
#define JSONSIG_DETAIL_SHA512_COMPRESS_HPP

#include <array>
#include <cstddef>
#include <cstdint>

#include "../config.hpp"

#if JSONSIG_X86_SIMD
#include <immintrin.h>
#endif

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace sha512_core {

/// Compresses `nblocks` consecutive 128-byte blocks at `blocks` into `state` (8 words, FIPS
/// 180-4 §6.4.2). `blocks` may have any alignment. Constant time: yes (no secret-dependent
/// branch or index).
using compress_fn = void (*)(std::uint64_t* state, const unsigned char* blocks,
                             std::size_t nblocks) noexcept;

// FIPS 180-4 §4.2.3: the first 64 bits of the fractional parts of the cube roots of the first
// 80 primes.
inline constexpr std::uint64_t k[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817};

// FIPS 180-4 §5.3.5: the initial hash value H(0) of SHA-512.
inline constexpr std::uint64_t initial_state[8] = {
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

/// Big-endian 64-bit load from any address (FIPS 180-4 §3.1: words are big-endian).
inline std::uint64_t load_be64(const unsigned char* p) noexcept {
  return (std::uint64_t{p[0]} << 56) | (std::uint64_t{p[1]} << 48) | (std::uint64_t{p[2]} << 40) |
         (std::uint64_t{p[3]} << 32) | (std::uint64_t{p[4]} << 24) | (std::uint64_t{p[5]} << 16) |
         (std::uint64_t{p[6]} << 8) | std::uint64_t{p[7]};
}

/// Big-endian 64-bit store to any address.
inline void store_be64(unsigned char* p, std::uint64_t v) noexcept {
  for (int i = 7; i >= 0; --i) {
    p[i] = static_cast<unsigned char>(v & 0xFFu);
    v >>= 8;
  }
}

// n is always a constant in 1..63 here, so neither shift is by 64 (which would be UB); the
// compilers emit a single ror/rorx.
template <unsigned N>
constexpr std::uint64_t rotr(std::uint64_t x) noexcept {
  static_assert(N > 0 && N < 64, "rotate amount");
  return (x >> N) | (x << (64u - N));
}

// FIPS 180-4 §4.1.3, (4.8) and (4.10)-(4.13); Maj (4.9) is inlined in sha_round().
constexpr std::uint64_t ch(std::uint64_t x, std::uint64_t y, std::uint64_t z) noexcept {
  return ((y ^ z) & x) ^ z;  // == (x & y) ^ (~x & z), one op fewer
}
constexpr std::uint64_t big_sigma0(std::uint64_t x) noexcept {
  return rotr<28>(x) ^ rotr<34>(x) ^ rotr<39>(x);
}
constexpr std::uint64_t big_sigma1(std::uint64_t x) noexcept {
  return rotr<14>(x) ^ rotr<18>(x) ^ rotr<41>(x);
}
constexpr std::uint64_t small_sigma0(std::uint64_t x) noexcept {
  return rotr<1>(x) ^ rotr<8>(x) ^ (x >> 7);
}
constexpr std::uint64_t small_sigma1(std::uint64_t x) noexcept {
  return rotr<19>(x) ^ rotr<61>(x) ^ (x >> 6);
}

// One round of FIPS 180-4 §6.4.2 step 3 with the variables renamed instead of shifted: the
// caller rotates the argument order, so only d and h are written. Of the shapes tried on
// gcc 12 and clang 14 (T1 split in two, Ch as (e&f)+(~e&g), adds one by one), this one was
// fastest or tied: T1 summed in one expression, and Maj as ((a^b) & (b^c)) ^ b so that the
// compiler reuses a^b as the next round's b^c.
JSONSIG_ALWAYS_INLINE void sha_round(std::uint64_t a, std::uint64_t b, std::uint64_t c,
                                     std::uint64_t& d, std::uint64_t e, std::uint64_t f,
                                     std::uint64_t g, std::uint64_t& h, std::uint64_t kw) noexcept {
  const std::uint64_t t1 = h + kw + ch(e, f, g) + big_sigma1(e);
  d += t1;
  h = t1 + (big_sigma0(a) + (((a ^ b) & (b ^ c)) ^ b));
}

// W_t for t >= 16 (FIPS 180-4 §6.4.2 step 1) over a rolling 16-word window: w[i & 15] holds
// W_{t-16} on entry and W_t on exit.
JSONSIG_ALWAYS_INLINE std::uint64_t schedule(std::uint64_t* w, unsigned i) noexcept {
  w[i & 15u] += small_sigma1(w[(i + 14u) & 15u]) + w[(i + 9u) & 15u] + small_sigma0(w[(i + 1u) & 15u]);
  return w[i & 15u];
}

/// THE reference kernel: portable C++17, any endianness. Constant time: yes.
inline void compress_scalar(std::uint64_t* state, const unsigned char* blocks,
                            std::size_t nblocks) noexcept {
  for (; nblocks != 0; --nblocks, blocks += 128) {
    std::uint64_t w[16];
    for (unsigned i = 0; i < 16; ++i) w[i] = load_be64(blocks + 8 * i);
    std::uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
    // Rounds 0-15 use the message words directly.
    for (unsigned t = 0; t < 16; t += 8) {
      sha_round(a, b, c, d, e, f, g, h, k[t + 0] + w[t + 0]);
      sha_round(h, a, b, c, d, e, f, g, k[t + 1] + w[t + 1]);
      sha_round(g, h, a, b, c, d, e, f, k[t + 2] + w[t + 2]);
      sha_round(f, g, h, a, b, c, d, e, k[t + 3] + w[t + 3]);
      sha_round(e, f, g, h, a, b, c, d, k[t + 4] + w[t + 4]);
      sha_round(d, e, f, g, h, a, b, c, k[t + 5] + w[t + 5]);
      sha_round(c, d, e, f, g, h, a, b, k[t + 6] + w[t + 6]);
      sha_round(b, c, d, e, f, g, h, a, k[t + 7] + w[t + 7]);
    }
    // Rounds 16-79 extend the schedule in place, eight at a time (t is a multiple of 8, so
    // t & 15 is 0 or 8 and the window indices stay compile-time offsets from it).
    for (unsigned t = 16; t < 80; t += 8) {
      const unsigned j = t & 15u;
      sha_round(a, b, c, d, e, f, g, h, k[t + 0] + schedule(w, j + 0));
      sha_round(h, a, b, c, d, e, f, g, k[t + 1] + schedule(w, j + 1));
      sha_round(g, h, a, b, c, d, e, f, k[t + 2] + schedule(w, j + 2));
      sha_round(f, g, h, a, b, c, d, e, k[t + 3] + schedule(w, j + 3));
      sha_round(e, f, g, h, a, b, c, d, k[t + 4] + schedule(w, j + 4));
      sha_round(d, e, f, g, h, a, b, c, k[t + 5] + schedule(w, j + 5));
      sha_round(c, d, e, f, g, h, a, b, k[t + 6] + schedule(w, j + 6));
      sha_round(b, c, d, e, f, g, h, a, k[t + 7] + schedule(w, j + 7));
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
}

#if JSONSIG_X86_SIMD
// x86-64 kernels: the same code (sha512_simd_kernel.hpp) compiled for two instruction sets.
// The rounds stay scalar (one long dependency chain; BMI2 gives the non-destructive rorx);
// the message schedule runs on the vector units, which are otherwise idle.
#define JSONSIG_SHA512_KERNEL_NS avx2  // AVX2 + BMI2: Haswell / Zen 1 and later
#define JSONSIG_SHA512_KERNEL_TARGET "avx2,bmi2"
#define JSONSIG_SHA512_KERNEL_VPROR 0
#include "sha512_simd_kernel.hpp"
#define JSONSIG_SHA512_KERNEL_NS avx512  // + AVX-512VL: vprorq and vpternlogq on 128-bit lanes
#define JSONSIG_SHA512_KERNEL_TARGET "avx2,bmi2,avx512f,avx512vl"
#define JSONSIG_SHA512_KERNEL_VPROR 1
#include "sha512_simd_kernel.hpp"
#endif  // JSONSIG_X86_SIMD

/// One compression kernel: its name, entry point and whether this CPU can run it.
struct kernel {
  const char* name;
  compress_fn fn;
  bool runnable;
};

/// Every kernel compiled into this build, the scalar reference first. Tests and benches
/// iterate this; production code calls compress().
inline std::array<kernel, 3> kernels() noexcept {
#if JSONSIG_X86_SIMD
  // Called before main() (e.g. a static signer), GCC needs the CPU model initialised first.
  __builtin_cpu_init();
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2");
  const bool avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
  return {{{"scalar", &compress_scalar, true},
           {"avx2", &avx2::compress, avx2},
           {"avx512", &avx512::compress, avx512}}};
#else
  return {{{"scalar", &compress_scalar, true}, {"avx2", nullptr, false}, {"avx512", nullptr, false}}};
#endif
}

/// The kernel compress() uses: the last runnable entry of kernels(), chosen once (thread-safe).
inline const kernel& active_kernel() noexcept {
  static const kernel chosen = [] {
    kernel best{"scalar", &compress_scalar, true};
    for (const kernel& kn : kernels())
      if (kn.runnable) best = kn;
    return best;
  }();
  return chosen;
}

/// Production entry: compresses nblocks 128-byte blocks with the best kernel for this CPU.
/// Constant time: yes (the choice depends only on the CPU).
inline void compress(std::uint64_t* state, const unsigned char* blocks, std::size_t nblocks) noexcept {
  active_kernel().fn(state, blocks, nblocks);
}

}  // namespace sha512_core
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_SHA512_COMPRESS_HPP
