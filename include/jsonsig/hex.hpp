// SPDX-License-Identifier: MIT
// Lowercase hex encoding and strict hex decoding, with SSSE3 / AVX2 / AVX-512BW kernels chosen
// once at run time (detail/hex_dispatch.hpp) and a scalar reference everywhere else.
//
// Constant time: both directions, with respect to the byte and digit values. No branch and no
// memory index depends on them; the SIMD kernels look digits up only with in-register shuffles.
// What is NOT hidden: the length (always public), and, for decoding, whether the input was
// valid (the returned bool; it is computed with masks over every char and tested once, after
// all chars were read, so it does not reveal *where* the first bad char is). `verify` relies on
// this when it decodes a caller-supplied signature before ct_equal'ing it with the secret MAC.
#ifndef JSONSIG_HEX_HPP
#define JSONSIG_HEX_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "config.hpp"
#include "detail/hex_dispatch.hpp"

JSONSIG_BEGIN_NAMESPACE

/// Writes the 2n lowercase hex chars of in[0..n) to out (no NUL). in may be null when n == 0.
/// Constant time: yes. Thread-safe.
inline void hex_encode(const void* in, std::size_t n, char* out) noexcept {
  detail::hex::encode(static_cast<const unsigned char*>(in), n, out);
}

/// The 2n lowercase hex chars of in[0..n). Throws only what std::string throws
/// (std::bad_alloc, std::length_error). Constant time: yes.
inline std::string hex_encode(const void* in, std::size_t n) {
  // n > SIZE_MAX / 2 would wrap 2n; asking for SIZE_MAX makes std::string report length_error.
  std::string out(n <= SIZE_MAX / 2 ? 2 * n : SIZE_MAX, '\0');
  hex_encode(in, n, out.data());
  return out;
}

/// Hex of a fixed-size byte array, e.g. a 64-byte HMAC-SHA512 digest -> 128 chars.
template <std::size_t N>
std::string hex_encode(const std::array<unsigned char, N>& a) {
  return hex_encode(a.data(), N);
}

/// Strict decode: true iff hex.size() is even and every char is [0-9a-fA-F]; then
/// out[0, hex.size() / 2) holds the bytes. On false, out's first hex.size() / 2 bytes are zeroed (an
/// odd length writes nothing). Constant time: yes in the digit values (see the file comment);
/// returns at once on an odd length, which is public.
inline bool hex_decode(std::string_view hex, unsigned char* out) noexcept {
  if (hex.size() % 2 != 0) return false;
  const std::size_t n = hex.size() / 2;
  const bool ok = detail::hex::decode(hex.data(), n, out);
  // The branch is on the result, which the caller learns anyway; zeroing leaves no half-decoded
  // (partly attacker-chosen) bytes behind for code that forgets to check.
  if (!ok && n != 0) std::memset(out, 0, n);
  return ok;
}

/// Decodes exactly 2N chars into a; false (a zeroed, unless the length was wrong, in which case
/// a is untouched) when the length differs or a char is not a hex digit.
template <std::size_t N>
bool hex_decode(std::string_view hex, std::array<unsigned char, N>& a) noexcept {
  if (hex.size() != 2 * N) return false;
  return hex_decode(hex, a.data());
}

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_HEX_HPP
