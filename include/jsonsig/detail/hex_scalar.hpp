// SPDX-License-Identifier: MIT
// Scalar hex kernels: THE reference every SIMD kernel is tested against, and the tail of each.
// Both directions are constant time in the byte/digit values: no branch and no memory index
// depends on them (only on the public length).
#ifndef JSONSIG_DETAIL_HEX_SCALAR_HPP
#define JSONSIG_DETAIL_HEX_SCALAR_HPP

#include <cstddef>
#include <cstdint>

#include "../config.hpp"
#include "../constant_time.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace hex {

/// Writes 2n lowercase hex chars for in[0..n) to out (no NUL).
using encode_fn = void (*)(const unsigned char* in, std::size_t n, char* out) noexcept;
/// Reads 2n chars at in, writes n bytes to out; true iff every char is [0-9a-fA-F]. The n bytes
/// are written either way (unspecified values when false).
using decode_fn = bool (*)(const char* in, std::size_t n, unsigned char* out) noexcept;

/// Secrets: v. v in [0, 15]; no branch, no table, so it is safe even on secret bytes.
inline char nibble_to_hex(unsigned v) noexcept {
  // 9 - v wraps to >= 2^32 - 6 for v > 9, so the shifted value has its low bits set: +39 turns
  // '0' + 10 (':') into 'a'.
  return static_cast<char>('0' + v + (((9u - v) >> 8) & 39u));
}

/// Secrets: c. Returns the value of hex digit c (a byte, 0..255) in [0, 15], or 0 when c is not
/// [0-9a-fA-F], in which case `bad` gets all bits set. Mask arithmetic only, no branch, no table.
inline std::uint32_t hex_to_nibble(std::uint32_t c, std::uint32_t& bad) noexcept {
  const std::uint32_t d = c - 0x30u;            // '0'..'9' -> 0..9; below '0' wraps negative
  const std::uint32_t l = (c | 0x20u) - 0x61u;  // 'a'..'f', 'A'..'F' -> 0..5 (ASCII case bit)
  // Read as signed, d and l lie in [-97, 207]; bit 31 of (x - k) & ~x is then set iff 0 <= x < k.
  const std::uint32_t is_digit = 0u - (((d - 10u) & ~d) >> 31);
  const std::uint32_t is_alpha = 0u - (((l - 6u) & ~l) >> 31);
  bad |= ~(is_digit | is_alpha);
  return (d & is_digit) | ((l + 10u) & is_alpha);
}

/// Secrets: in[0..n). Public: n. The reference encoder.
inline void encode_scalar(const unsigned char* in, std::size_t n, char* out) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = nibble_to_hex(static_cast<unsigned>(in[i]) >> 4u);
    out[2 * i + 1] = nibble_to_hex(static_cast<unsigned>(in[i]) & 0xFu);
  }
}

/// decode_scalar without the final test: returns 0 when all 2n chars are hex digits, else a
/// nonzero mask. The SIMD kernels OR it into their own mask for the tail.
inline std::uint32_t decode_scalar_mask(const char* in, std::size_t n,
                                        unsigned char* out) noexcept {
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t hi = hex_to_nibble(static_cast<unsigned char>(in[2 * i]), bad);
    const std::uint32_t lo = hex_to_nibble(static_cast<unsigned char>(in[2 * i + 1]), bad);
    out[i] = static_cast<unsigned char>((hi << 4) | lo);
  }
  return bad;
}

/// Secrets: in[0..2n) (digit values). Public: n and the returned validity. The reference decoder:
/// every char is read and converted; validity is accumulated as a mask and only looked at once,
/// at the end.
inline bool decode_scalar(const char* in, std::size_t n, unsigned char* out) noexcept {
  return value_barrier(decode_scalar_mask(in, n, out)) == 0;
}

}  // namespace hex
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_HEX_SCALAR_HPP
