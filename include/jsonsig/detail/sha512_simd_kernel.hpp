// SPDX-License-Identifier: MIT
// One x86-64 SHA-512 compression kernel (FIPS 180-4 §6.4.2), written once and compiled per
// instruction set: sha512_compress.hpp includes this file once per ISA, each time defining
//   JSONSIG_SHA512_KERNEL_NS      the namespace of the kernel (avx2, avx512)
//   JSONSIG_SHA512_KERNEL_TARGET  the target attribute string ("avx2,bmi2", ...)
//   JSONSIG_SHA512_KERNEL_VPROR   1 when AVX-512VL's vprorq/vpternlogq may be used
// and this file #undefs them at the end. It therefore has no include guard on purpose; include
// it only from sha512_compress.hpp, inside namespace jsonsig::<abi>::detail::sha512_core.
//
// The rounds stay scalar (they are one long dependency chain; BMI2 gives the non-destructive
// rorx), while the message schedule (FIPS 180-4 §6.4.2 step 1) runs on the vector units two
// words at a time: W_t and W_{t+1} depend on W_{t-2} and W_{t-1}, never on each other, so a
// 128-bit lane pair has no internal dependency. Each step of the schedule is interleaved with
// two rounds, so the otherwise idle vector ports compute W_{t+16} while the integer ports run
// round t, and W_t + K_t reaches the rounds through a 16-word ring in L1. Same results as
// compress_scalar bit for bit (tests iterate kernels()).
#if !defined(JSONSIG_SHA512_KERNEL_NS) || !defined(JSONSIG_SHA512_KERNEL_TARGET) || \
    !defined(JSONSIG_SHA512_KERNEL_VPROR)
#error "sha512_simd_kernel.hpp is included by sha512_compress.hpp only"
#endif

namespace JSONSIG_SHA512_KERNEL_NS {

#if JSONSIG_SHA512_KERNEL_VPROR
JSONSIG_TARGET(JSONSIG_SHA512_KERNEL_TARGET) JSONSIG_ALWAYS_INLINE __m128i small_sigma0(__m128i x) noexcept {
  return _mm_ternarylogic_epi64(_mm_ror_epi64(x, 1), _mm_ror_epi64(x, 8), _mm_srli_epi64(x, 7), 0x96);  // a^b^c
}
JSONSIG_TARGET(JSONSIG_SHA512_KERNEL_TARGET) JSONSIG_ALWAYS_INLINE __m128i small_sigma1(__m128i x) noexcept {
  return _mm_ternarylogic_epi64(_mm_ror_epi64(x, 19), _mm_ror_epi64(x, 61), _mm_srli_epi64(x, 6), 0x96);
}
#else
JSONSIG_TARGET(JSONSIG_SHA512_KERNEL_TARGET) JSONSIG_ALWAYS_INLINE __m128i small_sigma0(__m128i x) noexcept {
  // rotr 8 is a byte rotation, so one shuffle replaces two shifts and an or.
  const __m128i rot8 = _mm_setr_epi8(1, 2, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 8);
  return _mm_xor_si128(_mm_xor_si128(_mm_srli_epi64(x, 1), _mm_slli_epi64(x, 63)),
                       _mm_xor_si128(_mm_srli_epi64(x, 7), _mm_shuffle_epi8(x, rot8)));
}
JSONSIG_TARGET(JSONSIG_SHA512_KERNEL_TARGET) JSONSIG_ALWAYS_INLINE __m128i small_sigma1(__m128i x) noexcept {
  // The two halves of each rotation have disjoint bits, so or == xor and all five terms fold.
  return _mm_xor_si128(
      _mm_xor_si128(_mm_xor_si128(_mm_srli_epi64(x, 19), _mm_slli_epi64(x, 45)),
                    _mm_xor_si128(_mm_srli_epi64(x, 61), _mm_slli_epi64(x, 3))),
      _mm_srli_epi64(x, 6));
}
#endif

// x[j] holds the word pair W_{s-16}, W_{s-15} (s = next pair to compute) and x[(j+7)&7] the
// newest pair; J is a compile-time constant so x[] lives in registers.
template <unsigned J>
JSONSIG_TARGET(JSONSIG_SHA512_KERNEL_TARGET) JSONSIG_ALWAYS_INLINE void schedule_pair(
    __m128i* x, std::uint64_t* wk, const std::uint64_t* kk) noexcept {
  __m128i w = x[J];
  w = _mm_add_epi64(w, small_sigma0(_mm_alignr_epi8(x[(J + 1) & 7], x[J], 8)));      // W_{s-15}
  w = _mm_add_epi64(w, _mm_alignr_epi8(x[(J + 5) & 7], x[(J + 4) & 7], 8));          // W_{s-7}
  w = _mm_add_epi64(w, small_sigma1(x[(J + 7) & 7]));                                  // W_{s-2}
  x[J] = w;
  _mm_store_si128(reinterpret_cast<__m128i*>(wk + 2 * J),
                  _mm_add_epi64(w, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kk + 2 * J))));
}

JSONSIG_TARGET(JSONSIG_SHA512_KERNEL_TARGET) inline void compress(std::uint64_t* state, const unsigned char* blocks,
                                                 std::size_t nblocks) noexcept {
  const __m128i bswap64 = _mm_setr_epi8(7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8);
  alignas(16) std::uint64_t wk[16];  // W_t + K_t for the next 16 rounds
  for (; nblocks != 0; --nblocks, blocks += 128) {
    __m128i x[8];
    for (unsigned j = 0; j < 8; ++j) {
      x[j] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * j)),
                              bswap64);
      _mm_store_si128(reinterpret_cast<__m128i*>(wk + 2 * j),
                      _mm_add_epi64(x[j], _mm_loadu_si128(reinterpret_cast<const __m128i*>(k + 2 * j))));
    }
    std::uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
    // Rounds 0-63: each pair of rounds consumes wk[2j..2j+1] and refills it with W+K 16 rounds on.
    for (unsigned t = 0; t < 64; t += 16) {
      const std::uint64_t* kk = k + t + 16;
      sha_round(a, b, c, d, e, f, g, h, wk[0]);
      sha_round(h, a, b, c, d, e, f, g, wk[1]);
      schedule_pair<0>(x, wk, kk);
      sha_round(g, h, a, b, c, d, e, f, wk[2]);
      sha_round(f, g, h, a, b, c, d, e, wk[3]);
      schedule_pair<1>(x, wk, kk);
      sha_round(e, f, g, h, a, b, c, d, wk[4]);
      sha_round(d, e, f, g, h, a, b, c, wk[5]);
      schedule_pair<2>(x, wk, kk);
      sha_round(c, d, e, f, g, h, a, b, wk[6]);
      sha_round(b, c, d, e, f, g, h, a, wk[7]);
      schedule_pair<3>(x, wk, kk);
      sha_round(a, b, c, d, e, f, g, h, wk[8]);
      sha_round(h, a, b, c, d, e, f, g, wk[9]);
      schedule_pair<4>(x, wk, kk);
      sha_round(g, h, a, b, c, d, e, f, wk[10]);
      sha_round(f, g, h, a, b, c, d, e, wk[11]);
      schedule_pair<5>(x, wk, kk);
      sha_round(e, f, g, h, a, b, c, d, wk[12]);
      sha_round(d, e, f, g, h, a, b, c, wk[13]);
      schedule_pair<6>(x, wk, kk);
      sha_round(c, d, e, f, g, h, a, b, wk[14]);
      sha_round(b, c, d, e, f, g, h, a, wk[15]);
      schedule_pair<7>(x, wk, kk);
    }
    // Rounds 64-79: the ring already holds their W+K.
    for (unsigned t = 0; t < 16; t += 8) {
      sha_round(a, b, c, d, e, f, g, h, wk[t + 0]);
      sha_round(h, a, b, c, d, e, f, g, wk[t + 1]);
      sha_round(g, h, a, b, c, d, e, f, wk[t + 2]);
      sha_round(f, g, h, a, b, c, d, e, wk[t + 3]);
      sha_round(e, f, g, h, a, b, c, d, wk[t + 4]);
      sha_round(d, e, f, g, h, a, b, c, wk[t + 5]);
      sha_round(c, d, e, f, g, h, a, b, wk[t + 6]);
      sha_round(b, c, d, e, f, g, h, a, wk[t + 7]);
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

}  // namespace JSONSIG_SHA512_KERNEL_NS

#undef JSONSIG_SHA512_KERNEL_NS
#undef JSONSIG_SHA512_KERNEL_TARGET
#undef JSONSIG_SHA512_KERNEL_VPROR
