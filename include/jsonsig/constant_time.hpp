// SPDX-License-Identifier: MIT
// Constant-time helpers for secrets: comparison without early exit and a wipe the compiler
// cannot elide. What is secret in jsonsig: the token, the keyed HMAC states and the expected MAC
// inside verify. Lengths are always public.
#ifndef JSONSIG_CONSTANT_TIME_HPP
#define JSONSIG_CONSTANT_TIME_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "config.hpp"

// Build with -DJSONSIG_CTGRIND=1 to run under valgrind's memcheck with secrets marked undefined
// (tests/ct): ct_declassify then tells memcheck which secret-derived values are public results.
#if defined(JSONSIG_CTGRIND) && JSONSIG_CTGRIND
#include <valgrind/memcheck.h>
#endif

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

/// Overwrites n bytes at p with zeros in a way the compiler may not remove as a dead store.
inline void secure_wipe(void* p, std::size_t n) noexcept {
  if (p == nullptr || n == 0) return;
#if defined(__GNUC__) || defined(__clang__)
  // memset at full speed, then an asm statement that may read all memory through p: the stores
  // are observable, so they cannot be elided (the explicit_bzero technique; ~10x faster than
  // byte-wise volatile stores on a 344-byte key state).
  std::memset(p, 0, n);
  __asm__ __volatile__("" : : "r"(p) : "memory");
#else
  volatile unsigned char* vp = static_cast<volatile unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i) vp[i] = 0;
#endif
}

/// Marks n bytes at p, computed from secrets, as a public result (e.g. the bool verify returns)
/// before the library branches on them. A no-op unless built with JSONSIG_CTGRIND, where it tells
/// valgrind's memcheck that the bytes are declassified (tests/ct/ctgrind_test.cpp).
inline void ct_declassify(const void* p, std::size_t n) noexcept {
#if defined(JSONSIG_CTGRIND) && JSONSIG_CTGRIND
  (void)VALGRIND_MAKE_MEM_DEFINED(p, n);
#else
  (void)p;
  (void)n;
#endif
}

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_CONSTANT_TIME_HPP
