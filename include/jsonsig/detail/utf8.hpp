// SPDX-License-Identifier: MIT
// UTF-8 validation (RFC 3629 §4, Unicode 15 Table 3-7 "Well-Formed UTF-8 Byte Sequences") and
// the WTF-8 helpers the canonical writer needs for lone surrogates.
//
//   find_invalid_scalar  the reference: offset of the first byte of the first ill-formed sequence
//   sse2::validate       16 ASCII bytes per step, the reference's step for anything else
//   avx2::validate       Keiser & Lemire, "Validating UTF-8 In Less Than One Instruction Per
//                        Byte" (2021), lookup algorithm: three nibble tables classify every
//                        pair of adjacent bytes, a saturating subtract checks 3rd/4th bytes.
//
// The kernels only answer "valid or not"; the caller reruns the reference on failure to get the
// offset, so every kernel reports exactly the same error position.
//
// WTF-8 (https://simonsapin.github.io/wtf-8/) is UTF-8 extended with the 3-byte forms
// ED A0..BF 80..BF for U+D800..U+DFFF. The parser stores a lone surrogate from a \u escape that
// way, so JS/Python strings that hold one still compare (and sort) correctly as bytes.
#ifndef JSONSIG_DETAIL_UTF8_HPP
#define JSONSIG_DETAIL_UTF8_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "../config.hpp"

#if JSONSIG_X86_SIMD
#include <immintrin.h>
#endif

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace utf8 {

/// Length of the well-formed UTF-8 sequence that starts at p[0] (avail >= 1 bytes readable),
/// or 0 when p[0..] does not start one (bad lead, bad or missing continuation, overlong form,
/// surrogate, beyond U+10FFFF). Table 3-7 of the Unicode Standard, row by row.
inline std::size_t sequence_length(const unsigned char* p, std::size_t avail) noexcept {
  const unsigned c = p[0];
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // E0 80..9F would be overlong
    if (c == 0xED) hi = 0x9F;  // ED A0..BF would be a surrogate
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // F0 80..8F would be overlong
    if (c == 0xF4) hi = 0x8F;  // F4 90.. would exceed U+10FFFF
  } else {
    return 0;  // 80..C1 (continuation, overlong 2-byte lead) and F5..FF
  }
  if (avail < len) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if ((p[k] & 0xC0u) != 0x80u) return 0;
  return len;
}

/// THE reference. Offset of the lead byte of the first ill-formed sequence in p[0..n), or n
/// when all of it is well-formed. A truncated sequence is reported at its lead byte.
inline std::size_t find_invalid_scalar(const char* s, std::size_t n) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  std::size_t i = 0;
  while (i < n) {
    const std::size_t len = sequence_length(p + i, n - i);
    if (len == 0) return i;
    i += len;
  }
  return n;
}

using validate_fn = bool (*)(const char* s, std::size_t n) noexcept;

inline bool validate_scalar(const char* s, std::size_t n) noexcept {
  return find_invalid_scalar(s, n) == n;
}

/// Decodes the code point of the (already validated) UTF-8 or WTF-8 sequence at p, of `len`
/// bytes (1..4).
inline std::uint32_t decode(const unsigned char* p, std::size_t len) noexcept {
  switch (len) {
    case 1:
      return p[0];
    case 2:
      return (std::uint32_t{p[0] & 0x1Fu} << 6) | (p[1] & 0x3Fu);
    case 3:
      return (std::uint32_t{p[0] & 0x0Fu} << 12) | (std::uint32_t{p[1] & 0x3Fu} << 6) |
             (p[2] & 0x3Fu);
    default:
      return (std::uint32_t{p[0] & 0x07u} << 18) | (std::uint32_t{p[1] & 0x3Fu} << 12) |
             (std::uint32_t{p[2] & 0x3Fu} << 6) | (p[3] & 0x3Fu);
  }
}

/// Bytes of a sequence from its lead byte, for valid UTF-8/WTF-8 (continuation bytes give 1 so
/// a caller stepping through bytes always advances).
inline std::size_t lead_length(unsigned char c) noexcept {
  return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/// Writes cp (<= 0x10FFFF; surrogates allowed, giving WTF-8) and returns the byte count.
inline std::size_t encode(std::uint32_t cp, char* out) noexcept {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0u | (cp >> 6));
    out[1] = static_cast<char>(0x80u | (cp & 0x3Fu));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0u | (cp >> 12));
    out[1] = static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
    out[2] = static_cast<char>(0x80u | (cp & 0x3Fu));
    return 3;
  }
  out[0] = static_cast<char>(0xF0u | (cp >> 18));
  out[1] = static_cast<char>(0x80u | ((cp >> 12) & 0x3Fu));
  out[2] = static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
  out[3] = static_cast<char>(0x80u | (cp & 0x3Fu));
  return 4;
}

/// True when p[0..3) is a WTF-8 surrogate (ED A0..BF xx); needs 3 readable bytes.
inline bool is_wtf8_surrogate(const unsigned char* p) noexcept {
  return p[0] == 0xED && p[1] >= 0xA0;
}

#if JSONSIG_X86_SIMD
namespace sse2 {

/// ASCII fast path, 16 bytes per step; any block with a high bit goes through the reference's
/// step until the next 16-byte boundary it reaches.
inline bool validate(const char* s, std::size_t n) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  std::size_t i = 0;
  while (i < n) {
    if (n - i >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const int high = _mm_movemask_epi8(v);
      if (high == 0) {
        i += 16;
        continue;
      }
      i +=
          static_cast<unsigned>(__builtin_ctz(static_cast<unsigned>(high)));  // skip its ASCII head
    }
    const std::size_t len = sequence_length(p + i, n - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace sse2

namespace avx2 {

// Error bits of the lookup algorithm (Keiser & Lemire 2021, §6). Each names one way a pair
// (previous byte, current byte) can be ill-formed; the three tables below are indexed by the
// high nibble of the previous byte, its low nibble and the high nibble of the current byte, and
// an error is present where all three agree on some bit.
inline constexpr std::uint8_t too_short = 1 << 0;       // lead followed by a lead or by ASCII
inline constexpr std::uint8_t too_long = 1 << 1;        // ASCII followed by a continuation
inline constexpr std::uint8_t overlong_3 = 1 << 2;      // E0 80..9F
inline constexpr std::uint8_t too_large = 1 << 3;       // F4 90..BF, F5..FF 80..BF
inline constexpr std::uint8_t surrogate = 1 << 4;       // ED A0..BF
inline constexpr std::uint8_t overlong_2 = 1 << 5;      // C0..C1 xx
inline constexpr std::uint8_t too_large_1000 = 1 << 6;  // F5..FF 80..8F
inline constexpr std::uint8_t overlong_4 = 1 << 6;  // F0 80..8F (shares the bit: same 2nd nibble)
inline constexpr std::uint8_t two_conts = 1 << 7;   // continuation after continuation
inline constexpr std::uint8_t carry =
    too_short | too_long | two_conts;  // not decided by the low nibble

// clang-format off
// Indexed by prev >> 4.
alignas(32) inline constexpr std::uint8_t byte_1_high[32] = {
    too_long, too_long, too_long, too_long, too_long, too_long, too_long, too_long,  // 0x
    two_conts, two_conts, two_conts, two_conts,                                       // 8x-Bx
    too_short | overlong_2,                                                          // Cx
    too_short,                                                                       // Dx
    too_short | overlong_3 | surrogate,                                              // Ex
    too_short | too_large | too_large_1000 | overlong_4,                             // Fx
    too_long, too_long, too_long, too_long, too_long, too_long, too_long, too_long,
    two_conts, two_conts, two_conts, two_conts,
    too_short | overlong_2,
    too_short,
    too_short | overlong_3 | surrogate,
    too_short | too_large | too_large_1000 | overlong_4};

// Indexed by prev & 0x0F.
alignas(32) inline constexpr std::uint8_t byte_1_low[32] = {
    carry | overlong_3 | overlong_2 | overlong_4,  // x0
    carry | overlong_2,                            // x1
    carry, carry,                                  // x2 x3
    carry | too_large,                             // x4
    carry | too_large | too_large_1000,            // x5
    carry | too_large | too_large_1000, carry | too_large | too_large_1000,  // x6 x7
    carry | too_large | too_large_1000, carry | too_large | too_large_1000,  // x8 x9
    carry | too_large | too_large_1000, carry | too_large | too_large_1000,  // xA xB
    carry | too_large | too_large_1000,                                      // xC
    carry | too_large | too_large_1000 | surrogate,                          // xD
    carry | too_large | too_large_1000, carry | too_large | too_large_1000,  // xE xF
    carry | overlong_3 | overlong_2 | overlong_4,
    carry | overlong_2,
    carry, carry,
    carry | too_large,
    carry | too_large | too_large_1000,
    carry | too_large | too_large_1000, carry | too_large | too_large_1000,
    carry | too_large | too_large_1000, carry | too_large | too_large_1000,
    carry | too_large | too_large_1000, carry | too_large | too_large_1000,
    carry | too_large | too_large_1000,
    carry | too_large | too_large_1000 | surrogate,
    carry | too_large | too_large_1000, carry | too_large | too_large_1000};

// Indexed by cur >> 4.
alignas(32) inline constexpr std::uint8_t byte_2_high[32] = {
    too_short, too_short, too_short, too_short, too_short, too_short, too_short, too_short,  // 0x-7x
    too_long | overlong_2 | two_conts | overlong_3 | too_large_1000 | overlong_4,           // 8x
    too_long | overlong_2 | two_conts | overlong_3 | too_large,                             // 9x
    too_long | overlong_2 | two_conts | surrogate | too_large,                              // Ax
    too_long | overlong_2 | two_conts | surrogate | too_large,                              // Bx
    too_short, too_short, too_short, too_short,                                             // Cx-Fx
    too_short, too_short, too_short, too_short, too_short, too_short, too_short, too_short,
    too_long | overlong_2 | two_conts | overlong_3 | too_large_1000 | overlong_4,
    too_long | overlong_2 | two_conts | overlong_3 | too_large,
    too_long | overlong_2 | two_conts | surrogate | too_large,
    too_long | overlong_2 | two_conts | surrogate | too_large,
    too_short, too_short, too_short, too_short};

// A sequence may not be cut at the end of the input: the last byte may not be a lead, the one
// before it not a 3/4-byte lead, the one before that not a 4-byte lead (subs_epu8 > 0 = cut).
alignas(32) inline constexpr std::uint8_t incomplete_max[32] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0xDF, 0xBF};
// clang-format on

struct state {
  __m256i prev_input;
  __m256i prev_incomplete;
  __m256i error;
};

JSONSIG_TARGET("avx2")
inline __m256i load32(const std::uint8_t* t) noexcept {
  return _mm256_load_si256(reinterpret_cast<const __m256i*>(t));
}

// The last N bytes of `prev` followed by the first 32-N of `cur` (N = 1, 2, 3).
template <int N>
JSONSIG_TARGET("avx2")
inline __m256i prev_bytes(__m256i cur, __m256i prev) noexcept {
  return _mm256_alignr_epi8(cur, _mm256_permute2x128_si256(prev, cur, 0x21), 16 - N);
}

JSONSIG_TARGET("avx2")
inline void check_block(state& st, __m256i in) noexcept {
  if (_mm256_movemask_epi8(in) == 0) {
    // All ASCII: only a sequence cut by the previous block's end can be wrong here.
    st.error = _mm256_or_si256(st.error, st.prev_incomplete);
    st.prev_incomplete = _mm256_setzero_si256();
    st.prev_input = in;
    return;
  }
  const __m256i nib = _mm256_set1_epi8(0x0F);
  const __m256i prev1 = prev_bytes<1>(in, st.prev_input);
  const __m256i b1h =
      _mm256_shuffle_epi8(load32(byte_1_high), _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nib));
  const __m256i b1l = _mm256_shuffle_epi8(load32(byte_1_low), _mm256_and_si256(prev1, nib));
  const __m256i b2h =
      _mm256_shuffle_epi8(load32(byte_2_high), _mm256_and_si256(_mm256_srli_epi16(in, 4), nib));
  const __m256i special = _mm256_and_si256(_mm256_and_si256(b1h, b1l), b2h);
  // The 3rd byte of a 3/4-byte sequence and the 4th of a 4-byte one must be continuations
  // following a continuation: exactly where `special` holds two_conts (0x80).
  const __m256i prev2 = prev_bytes<2>(in, st.prev_input);
  const __m256i prev3 = prev_bytes<3>(in, st.prev_input);
  const __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  const __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  const __m256i must23 =
      _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  st.error = _mm256_or_si256(st.error, _mm256_xor_si256(must23, special));
  st.prev_incomplete = _mm256_subs_epu8(in, load32(incomplete_max));
  st.prev_input = in;
}

JSONSIG_TARGET("avx2")
inline bool validate(const char* s, std::size_t n) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  state st{_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    check_block(st, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)));
    if (((i >> 5) & 7) == 7 && !_mm256_testz_si256(st.error, st.error)) return false;  // early out
  }
  // The tail, zero padded; always one such block (possibly all zeros), so a sequence cut by the
  // end of the input is seen as a lead followed by ASCII.
  alignas(32) unsigned char tail[32] = {};
  if (n > i) std::memcpy(tail, p + i, n - i);
  check_block(st, _mm256_load_si256(reinterpret_cast<const __m256i*>(tail)));
  return _mm256_testz_si256(st.error, st.error) != 0;
}

}  // namespace avx2
#endif  // JSONSIG_X86_SIMD

}  // namespace utf8
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_UTF8_HPP
