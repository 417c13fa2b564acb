// SPDX-License-Identifier: MIT
// AVX-512BW hex kernels: 64 bytes <-> 128 chars per step, a ragged tail as one overlapping step,
// and inputs under 64 bytes as one step with masked loads and stores (AVX-512 suppresses faults
// in masked-off lanes), so no scalar loop ever runs.
// Constant time for the same reasons as the SSSE3/AVX2 kernels; the masks depend only on the
// public length, and validity lives in a k-mask that is OR-accumulated and tested once.
#ifndef JSONSIG_DETAIL_HEX_AVX512_HPP
#define JSONSIG_DETAIL_HEX_AVX512_HPP

#include "hex_scalar.hpp"

#if JSONSIG_X86_SIMD
#include <immintrin.h>

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace hex {
namespace avx512bw {

/// The k lowest bits set, k in [0, 64].
inline std::uint64_t low_bits(std::size_t k) noexcept {
  return k >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << k) - 1u;
}

// GCC 12's _mm512_broadcast_i32x4 and _mm512_permutexvar_epi64 pass _mm512_undefined_epi32()
// as the merge source, which -Wmaybe-uninitialized flags once inlined (GCC PR 105593, fixed in
// 12.3). The zero-masking forms with an all-ones mask are the same instruction without it.
inline constexpr __mmask8 all_qwords = 0xFF;

/// Secrets: v. 64 bytes -> 128 chars in (a, b). Helpers carry the target attribute too: GCC
/// refuses to inline an AVX-512 intrinsic into a function without it (and lambdas lack it).
JSONSIG_TARGET("avx512bw")
inline void encode_step(__m512i v, __m512i& a, __m512i& b) noexcept {
  const __m512i digits =
      _mm512_maskz_broadcast_i32x4(0xFFFF, _mm_setr_epi8('0', '1', '2', '3', '4', '5', '6', '7',
                                                         '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'));
  const __m512i low4 = _mm512_set1_epi8(0x0F);
  // Qwords -> (0 4 | 1 5 | 2 6 | 3 7): each in-lane unpack then emits output in order, bytes
  // 0..31 from unpacklo and 32..63 from unpackhi.
  v = _mm512_maskz_permutexvar_epi64(all_qwords, _mm512_setr_epi64(0, 4, 1, 5, 2, 6, 3, 7), v);
  const __m512i hi = _mm512_shuffle_epi8(digits, _mm512_and_si512(_mm512_srli_epi16(v, 4), low4));
  const __m512i lo = _mm512_shuffle_epi8(digits, _mm512_and_si512(v, low4));
  a = _mm512_unpacklo_epi8(hi, lo);
  b = _mm512_unpackhi_epi8(hi, lo);
}

JSONSIG_TARGET("avx512bw")
inline void encode64(const unsigned char* in, char* out) noexcept {
  __m512i a, b;
  encode_step(_mm512_loadu_si512(in), a, b);
  _mm512_storeu_si512(out, a);
  _mm512_storeu_si512(out + 64, b);
}

/// Secrets: in[0..n). Public: n. in and out must not overlap.
JSONSIG_TARGET("avx512bw")
inline void encode(const unsigned char* in, std::size_t n, char* out) noexcept {
  if (n >= 64) {
    std::size_t i = 0;
    for (; i + 64 <= n; i += 64) encode64(in + i, out + 2 * i);
    // Overlapping last block, as in ssse3: measured faster on Zen 4 than masked stores.
    if (i < n) encode64(in + n - 64, out + 2 * (n - 64));
    return;
  }
  // Under one block: masked load/stores touch exactly in[0..n) and out[0..2n).
  __m512i a, b;
  encode_step(_mm512_maskz_loadu_epi8(low_bits(n), in), a, b);
  _mm512_mask_storeu_epi8(out, low_bits(2 * n), a);
  if (2 * n > 64) _mm512_mask_storeu_epi8(out + 64, low_bits(2 * n - 64), b);
}

/// Secrets: c. As ssse3::nibbles with k-masks; `bad` collects non-digits among the `live` lanes.
JSONSIG_TARGET("avx512bw")
inline __m512i nibbles(__m512i c, std::uint64_t live, std::uint64_t& bad) noexcept {
  const __m512i d = _mm512_sub_epi8(c, _mm512_set1_epi8('0'));
  const __m512i l =
      _mm512_sub_epi8(_mm512_or_si512(c, _mm512_set1_epi8(0x20)), _mm512_set1_epi8('a'));
  const __mmask64 is_digit = _mm512_cmple_epu8_mask(d, _mm512_set1_epi8(9));
  const __mmask64 is_alpha = _mm512_cmple_epu8_mask(l, _mm512_set1_epi8(5));
  bad |= live & ~static_cast<std::uint64_t>(is_digit | is_alpha);
  return _mm512_or_si512(_mm512_maskz_mov_epi8(is_digit, d),
                         _mm512_maskz_add_epi8(is_alpha, l, _mm512_set1_epi8(10)));
}

/// Secrets: a, b (128 chars). Returns the 64 decoded bytes.
JSONSIG_TARGET("avx512bw")
inline __m512i decode_step(__m512i a, __m512i b, std::uint64_t live_a, std::uint64_t live_b,
                           std::uint64_t& bad) noexcept {
  const __m512i weights = _mm512_set1_epi16(0x0110);  // see ssse3::decode
  const __m512i wa = _mm512_maddubs_epi16(nibbles(a, live_a, bad), weights);
  const __m512i wb = _mm512_maddubs_epi16(nibbles(b, live_b, bad), weights);
  // The in-lane pack interleaves qwords (a0 b0 | a1 b1 | a2 b2 | a3 b3); gather a's, then b's.
  return _mm512_maskz_permutexvar_epi64(all_qwords, _mm512_setr_epi64(0, 2, 4, 6, 1, 3, 5, 7),
                                        _mm512_packus_epi16(wa, wb));
}

/// Secrets: in[0..2n) (digit values). Public: n and the returned validity. in and out must
/// not overlap.
JSONSIG_TARGET("avx512bw")
inline bool decode(const char* in, std::size_t n, unsigned char* out) noexcept {
  constexpr std::uint64_t all = ~std::uint64_t{0};
  std::uint64_t bad = 0;
  if (n >= 64) {
    std::size_t i = 0;
    for (; i + 64 <= n; i += 64) {
      const __m512i a = _mm512_loadu_si512(in + 2 * i);
      const __m512i b = _mm512_loadu_si512(in + 2 * i + 64);
      _mm512_storeu_si512(out + i, decode_step(a, b, all, all, bad));
    }
    if (i < n) {  // overlapping last block, as in encode
      const __m512i a = _mm512_loadu_si512(in + 2 * (n - 64));
      const __m512i b = _mm512_loadu_si512(in + 2 * (n - 64) + 64);
      _mm512_storeu_si512(out + n - 64, decode_step(a, b, all, all, bad));
    }
  } else if (n > 0) {
    // 1..63 bytes <- 2..126 chars; masked-off lanes load as 0 and are not judged.
    const std::size_t t = 2 * n;
    const std::uint64_t live_a = low_bits(t);
    const std::uint64_t live_b = t > 64 ? low_bits(t - 64) : 0;
    const __m512i a = _mm512_maskz_loadu_epi8(live_a, in);
    // Not even a masked load past the end: forming that pointer would itself be undefined.
    const __m512i b = t > 64 ? _mm512_maskz_loadu_epi8(live_b, in + 64) : _mm512_setzero_si512();
    _mm512_mask_storeu_epi8(out, low_bits(n), decode_step(a, b, live_a, live_b, bad));
  }
  return value_barrier(static_cast<std::uint32_t>(bad | (bad >> 32))) == 0;
}

}  // namespace avx512bw
}  // namespace hex
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_X86_SIMD
#endif  // JSONSIG_DETAIL_HEX_AVX512_HPP
