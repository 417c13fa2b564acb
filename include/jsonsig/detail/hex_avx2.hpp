// SPDX-License-Identifier: MIT
// AVX2 hex kernels: 32 bytes <-> 64 chars per step, a ragged tail as one overlapping step, and
// inputs under 32 bytes through the SSSE3 kernel.
// Same arithmetic as hex_ssse3.hpp; the extra work is undoing AVX2's per-128-bit-lane
// unpack/pack with one cross-lane qword permute. Constant time for the same reasons (register
// shuffles and compares only, nothing indexed by data in memory).
#ifndef JSONSIG_DETAIL_HEX_AVX2_HPP
#define JSONSIG_DETAIL_HEX_AVX2_HPP

#include "hex_scalar.hpp"
#include "hex_ssse3.hpp"

#if JSONSIG_X86_SIMD
#include <immintrin.h>

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace hex {
namespace avx2 {

/// Secrets: in[0..32). 64 chars to out.
JSONSIG_TARGET("avx2")
inline void encode32(const unsigned char* in, char* out) noexcept {
  const __m256i digits = _mm256_setr_epi8(
      '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f',  //
      '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f');
  const __m256i low4 = _mm256_set1_epi8(0x0F);
  __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in));
  // Qwords (0 1 | 2 3) -> (0 2 | 1 3): the in-lane unpacks below then yield bytes 0..15 in
  // the low result and 16..31 in the high one, each already in output order.
  v = _mm256_permute4x64_epi64(v, 0xD8);
  const __m256i hi = _mm256_shuffle_epi8(digits, _mm256_and_si256(_mm256_srli_epi16(v, 4), low4));
  const __m256i lo = _mm256_shuffle_epi8(digits, _mm256_and_si256(v, low4));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), _mm256_unpacklo_epi8(hi, lo));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 32), _mm256_unpackhi_epi8(hi, lo));
}

/// Secrets: in[0..n). Public: n. in and out must not overlap.
JSONSIG_TARGET("avx2")
inline void encode(const unsigned char* in, std::size_t n, char* out) noexcept {
  if (n < 32) return ssse3::encode(in, n, out);  // AVX2 implies SSSE3
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) encode32(in + i, out + 2 * i);
  if (i < n) encode32(in + n - 32, out + 2 * (n - 32));  // overlapping tail, as in ssse3
}

/// Secrets: c. As ssse3::nibbles, 32 chars at a time.
JSONSIG_TARGET("avx2")
inline __m256i nibbles(__m256i c, __m256i& ok) noexcept {
  const __m256i d = _mm256_sub_epi8(c, _mm256_set1_epi8('0'));
  const __m256i l =
      _mm256_sub_epi8(_mm256_or_si256(c, _mm256_set1_epi8(0x20)), _mm256_set1_epi8('a'));
  const __m256i is_digit = _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(9)), d);
  const __m256i is_alpha = _mm256_cmpeq_epi8(_mm256_min_epu8(l, _mm256_set1_epi8(5)), l);
  ok = _mm256_and_si256(ok, _mm256_or_si256(is_digit, is_alpha));
  return _mm256_or_si256(_mm256_and_si256(is_digit, d),
                         _mm256_and_si256(is_alpha, _mm256_add_epi8(l, _mm256_set1_epi8(10))));
}

/// Secrets: in[0..64). 32 bytes to out; `ok` as in nibbles.
JSONSIG_TARGET("avx2")
inline void decode32(const char* in, unsigned char* out, __m256i& ok) noexcept {
  const __m256i weights = _mm256_set1_epi16(0x0110);  // see ssse3::decode_step
  const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in));
  const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + 32));
  const __m256i wa = _mm256_maddubs_epi16(nibbles(a, ok), weights);  // out bytes 0..15
  const __m256i wb = _mm256_maddubs_epi16(nibbles(b, ok), weights);  // out bytes 16..31
  // The in-lane pack gives qwords (0..7 16..23 | 8..15 24..31); reorder them.
  const __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi16(wa, wb), 0xD8);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), packed);
}

/// Secrets: in[0..2n) (digit values). Public: n and the returned validity. in and out must
/// not overlap.
JSONSIG_TARGET("avx2")
inline bool decode(const char* in, std::size_t n, unsigned char* out) noexcept {
  if (n < 32) return ssse3::decode(in, n, out);
  __m256i ok = _mm256_set1_epi8(-1);
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) decode32(in + 2 * i, out + i, ok);
  if (i < n) decode32(in + 2 * (n - 32), out + n - 32, ok);  // overlapping tail
  return value_barrier(~static_cast<std::uint32_t>(_mm256_movemask_epi8(ok))) == 0;
}

}  // namespace avx2
}  // namespace hex
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_X86_SIMD
#endif  // JSONSIG_DETAIL_HEX_AVX2_HPP
