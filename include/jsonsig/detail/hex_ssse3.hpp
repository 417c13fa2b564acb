// SPDX-License-Identifier: MIT
// SSSE3 hex kernels: 16 bytes <-> 32 chars per step; a ragged tail is one overlapping step, and
// only inputs under 8 bytes go through the scalar reference.
// Constant time like the reference: the only "lookup" is PSHUFB on a register-resident digit
// table, an in-register shuffle whose latency does not depend on the index values (unlike a
// memory table, it touches no cache line chosen by the data).
#ifndef JSONSIG_DETAIL_HEX_SSSE3_HPP
#define JSONSIG_DETAIL_HEX_SSSE3_HPP

#include "hex_scalar.hpp"

#if JSONSIG_X86_SIMD
#include <immintrin.h>

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace hex {
namespace ssse3 {

/// Secrets: v (8 or 16 bytes). Hex of v's bytes 0..7 in lo, 8..15 in hi.
JSONSIG_TARGET("ssse3")
inline void encode_step(__m128i v, __m128i& lo_half, __m128i& hi_half) noexcept {
  const __m128i digits =
      _mm_setr_epi8('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f');
  const __m128i low4 = _mm_set1_epi8(0x0F);
  // No 8-bit shift exists: shift 16-bit lanes and mask off the bits pulled in from the neighbour.
  const __m128i hi = _mm_shuffle_epi8(digits, _mm_and_si128(_mm_srli_epi16(v, 4), low4));
  const __m128i lo = _mm_shuffle_epi8(digits, _mm_and_si128(v, low4));
  lo_half = _mm_unpacklo_epi8(hi, lo);
  hi_half = _mm_unpackhi_epi8(hi, lo);
}

JSONSIG_TARGET("ssse3")
inline void encode16(const unsigned char* in, char* out) noexcept {
  __m128i a, b;
  encode_step(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in)), a, b);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), a);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), b);
}

JSONSIG_TARGET("ssse3")
inline void encode8(const unsigned char* in, char* out) noexcept {
  __m128i a, b;
  encode_step(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(in)), a, b);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), a);
}

/// Secrets: in[0..n). Public: n. in and out must not overlap.
JSONSIG_TARGET("ssse3")
inline void encode(const unsigned char* in, std::size_t n, char* out) noexcept {
  if (n >= 16) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) encode16(in + i, out + 2 * i);
    // A ragged tail is one more block ending exactly at n: it rewrites some output with the
    // same chars, which beats a scalar loop. Its position depends only on the public n.
    if (i < n) encode16(in + n - 16, out + 2 * (n - 16));
  } else if (n >= 8) {
    encode8(in, out);
    encode8(in + n - 8, out + 2 * (n - 8));
  } else {
    encode_scalar(in, n, out);
  }
}

/// Secrets: c. Nibble values of 16 hex chars (0 where not a digit); `ok` keeps 0xFF only in
/// lanes that have always been digits. Mirrors hex_to_nibble with unsigned byte compares.
JSONSIG_TARGET("ssse3")
inline __m128i nibbles(__m128i c, __m128i& ok) noexcept {
  const __m128i d = _mm_sub_epi8(c, _mm_set1_epi8('0'));
  const __m128i l = _mm_sub_epi8(_mm_or_si128(c, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  // x <= k (unsigned) iff min(x, k) == x: SSE has no unsigned byte compare.
  const __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
  const __m128i is_alpha = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(5)), l);
  ok = _mm_and_si128(ok, _mm_or_si128(is_digit, is_alpha));
  return _mm_or_si128(_mm_and_si128(is_digit, d),
                      _mm_and_si128(is_alpha, _mm_add_epi8(l, _mm_set1_epi8(10))));
}

/// Secrets: c (16 chars). 8 bytes as 16-bit lanes: PMADDUBSW with bytes (16, 1) per pair folds
/// "hi lo" into hi * 16 + lo <= 255.
JSONSIG_TARGET("ssse3")
inline __m128i decode_step(__m128i c, __m128i& ok) noexcept {
  return _mm_maddubs_epi16(nibbles(c, ok), _mm_set1_epi16(0x0110));
}

JSONSIG_TARGET("ssse3")
inline void decode16(const char* in, unsigned char* out, __m128i& ok) noexcept {
  const __m128i a = decode_step(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in)), ok);
  const __m128i b = decode_step(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 16)), ok);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_packus_epi16(a, b));
}

JSONSIG_TARGET("ssse3")
inline void decode8(const char* in, unsigned char* out, __m128i& ok) noexcept {
  const __m128i a = decode_step(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in)), ok);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(out), _mm_packus_epi16(a, a));
}

/// Secrets: in[0..2n) (digit values). Public: n and the returned validity. in and out must
/// not overlap (the ragged-tail block re-reads input after output was written).
JSONSIG_TARGET("ssse3")
inline bool decode(const char* in, std::size_t n, unsigned char* out) noexcept {
  __m128i ok = _mm_set1_epi8(-1);
  if (n >= 16) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) decode16(in + 2 * i, out + i, ok);
    if (i < n) decode16(in + 2 * (n - 16), out + n - 16, ok);  // overlapping tail, see encode
  } else if (n >= 8) {
    decode8(in, out, ok);
    decode8(in + 2 * (n - 8), out + n - 8, ok);
  } else {
    return decode_scalar(in, n, out);
  }
  return value_barrier(static_cast<std::uint32_t>(_mm_movemask_epi8(ok)) ^ 0xFFFFu) == 0;
}

}  // namespace ssse3
}  // namespace hex
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_X86_SIMD
#endif  // JSONSIG_DETAIL_HEX_SSSE3_HPP
