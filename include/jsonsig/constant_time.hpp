// SPDX-License-Identifier: MIT
// Constant-time helpers for secrets: comparison without early exit and a wipe the compiler
// cannot elide. What is secret in jsonsig: the token, the keyed HMAC states and the expected MAC
// inside verify. Lengths are always public.
#ifndef JSONSIG_CONSTANT_TIME_HPP
#define JSONSIG_CONSTANT_TIME_HPP

#include <cstddef>
#include <cstdint>

#include "config.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {

/// Hides `v` from the optimiser so mask arithmetic is not turned back into a branch.
inline std::uint32_t value_barrier(std::uint32_t v) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __asm__ __volatile__("" : "+r"(v));
  return v;
#else
  volatile std::uint32_t t = v;  // MSVC: a volatile round trip does the same job
  return t;
#endif
}

}  // namespace detail

/// Secrets: a, b (contents). Public: n. True when a[0..n) == b[0..n).
/// Constant time: yes (every byte is read; no branch depends on the contents).
inline bool ct_equal(const void* a, const void* b, std::size_t n) noexcept {
  const auto* pa = static_cast<const unsigned char*>(a);
  const auto* pb = static_cast<const unsigned char*>(b);
  std::uint32_t diff = 0;
  for (std::size_t i = 0; i < n; ++i) diff |= static_cast<std::uint32_t>(pa[i] ^ pb[i]);
  diff = detail::value_barrier(diff);
  return ((diff - 1u) >> 31) != 0;  // 0 -> wraps to 0xffffffff -> true; 1..255 -> false
}

/// Overwrites n bytes at p with zeros in a way the compiler may not remove as a dead store
/// (volatile writes plus a memory clobber).
inline void secure_wipe(void* p, std::size_t n) noexcept {
  if (p == nullptr || n == 0) return;
  volatile unsigned char* vp = static_cast<volatile unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i) vp[i] = 0;
#if defined(__GNUC__) || defined(__clang__)
  __asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_CONSTANT_TIME_HPP
