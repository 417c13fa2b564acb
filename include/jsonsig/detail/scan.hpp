// SPDX-License-Identifier: MIT
// Byte-class scans over string bodies, shared by the parser and the escapers, and the kernel
// table (scalar reference, SSE2, AVX2) for them and for UTF-8 validation (STYLE.md §6).
//
//   string_special  first '"', '\\' or control byte (< 0x20): where a JSON string body stops
//                   being plain text (RFC 8259 §7); also reports whether a byte >= 0x80 came
//                   before it, so only such runs go through UTF-8 validation.
//   py_special      first byte Python's ensure_ascii json.dumps rewrites: '"', '\\' and every
//                   byte outside 0x20..0x7E (Lib/json/encoder.py, ESCAPE_ASCII).
#ifndef JSONSIG_DETAIL_SCAN_HPP
#define JSONSIG_DETAIL_SCAN_HPP

#include <array>
#include <cstddef>
#include <cstdint>

#include "../config.hpp"
#include "cpu.hpp"
#include "utf8.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace scan {

/// Index of the first '"', '\\' or byte < 0x20 in p[0..n), or n. Sets `high` nonzero when a
/// byte >= 0x80 occurs before that index (and leaves it alone otherwise).
using string_special_fn = std::size_t (*)(const char* p, std::size_t n, unsigned& high) noexcept;
/// Index of the first byte in p[0..n) that Python's ensure_ascii output escapes, or n.
using py_special_fn = std::size_t (*)(const char* p, std::size_t n) noexcept;

inline bool is_string_special(unsigned char c) noexcept {
  return c == '"' || c == '\\' || c < 0x20;
}
inline bool is_py_special(unsigned char c) noexcept {
  return c == '"' || c == '\\' || c < 0x20 || c > 0x7E;
}

/// THE references.
inline std::size_t string_special_scalar(const char* p, std::size_t n, unsigned& high) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (is_string_special(c)) return i;
    high |= c & 0x80u;
  }
  return n;
}

inline std::size_t py_special_scalar(const char* p, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i)
    if (is_py_special(static_cast<unsigned char>(p[i]))) return i;
  return n;
}

#if JSONSIG_X86_SIMD
namespace sse2 {

/// Mask of the bytes of v that are '"', '\\' or < 0x20.
inline unsigned special_mask(__m128i v) noexcept {
  const __m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  const __m128i b = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  // v <= 0x1F (unsigned) <=> max(v, 0x1F) == 0x1F
  const __m128i c = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(q, b), c)));
}

inline std::size_t string_special(const char* p, std::size_t n, unsigned& high) noexcept {
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const unsigned m = special_mask(v);
    const auto h = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (m != 0) {
      const unsigned at = static_cast<unsigned>(__builtin_ctz(m));
      if ((h & ((1u << at) - 1u)) != 0) high |= 0x80u;
      return i + at;
    }
    if (h != 0) high |= 0x80u;
  }
  return i + string_special_scalar(p + i, n - i, high);
}

/// Mask of the bytes of v that Python's ensure_ascii output escapes.
inline unsigned py_special_mask(__m128i v) noexcept {
  const __m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  const __m128i b = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  // Outside 0x20..0x7E <=> (v - 0x20) mod 256 >= 0x5F <=> min(v - 0x20, 0x5F) == 0x5F
  const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(0x20));
  const __m128i o = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(0x5F)), _mm_set1_epi8(0x5F));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(q, b), o)));
}

inline std::size_t py_special(const char* p, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const unsigned m = py_special_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
    if (m != 0) return i + static_cast<unsigned>(__builtin_ctz(m));
  }
  return i + py_special_scalar(p + i, n - i);
}

}  // namespace sse2

namespace avx2 {

JSONSIG_TARGET("avx2")
inline std::size_t string_special(const char* p, std::size_t n, unsigned& high) noexcept {
  std::size_t i = 0;
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i bslash = _mm256_set1_epi8('\\');
  const __m256i ctl = _mm256_set1_epi8(0x1F);
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i s =
        _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, bslash)),
                        _mm256_cmpeq_epi8(_mm256_max_epu8(v, ctl), ctl));
    const auto m = static_cast<std::uint32_t>(_mm256_movemask_epi8(s));
    const auto h = static_cast<std::uint32_t>(_mm256_movemask_epi8(v));
    if (m != 0) {
      const unsigned at = static_cast<unsigned>(__builtin_ctz(m));
      if ((h & ((std::uint32_t{1} << at) - 1u)) != 0) high |= 0x80u;
      return i + at;
    }
    if (h != 0) high |= 0x80u;
  }
  return i + sse2::string_special(p + i, n - i, high);
}

JSONSIG_TARGET("avx2")
inline std::size_t py_special(const char* p, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i d = _mm256_sub_epi8(v, _mm256_set1_epi8(0x20));
    const __m256i lim = _mm256_set1_epi8(0x5F);
    const __m256i s = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                                                      _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\'))),
                                      _mm256_cmpeq_epi8(_mm256_min_epu8(d, lim), lim));
    const auto m = static_cast<std::uint32_t>(_mm256_movemask_epi8(s));
    if (m != 0) return i + static_cast<unsigned>(__builtin_ctz(m));
  }
  return i + sse2::py_special(p + i, n - i);
}

}  // namespace avx2
#endif  // JSONSIG_X86_SIMD

/// One implementation of every text scan (one entry, so a test can never pair kernels of two
/// ISAs by mistake).
struct kernel {
  const char* name;
  utf8::validate_fn validate_utf8;  // nullptr when not compiled in
  string_special_fn string_special;
  py_special_fn py_special;
  bool runnable;  // compiled in and supported by this CPU
};

inline constexpr std::size_t kernel_count = 3;

/// Every kernel, slowest first (the preference order); tests and benches iterate this.
inline std::array<kernel, kernel_count> kernels() noexcept {
#if JSONSIG_X86_SIMD
  const cpu::features& f = cpu::get();
  return {{{"scalar", &utf8::validate_scalar, &string_special_scalar, &py_special_scalar, true},
           {"sse2", &utf8::sse2::validate, &sse2::string_special, &sse2::py_special, true},
           {"avx2", &utf8::avx2::validate, &avx2::string_special, &avx2::py_special, f.avx2}}};
#else
  return {{{"scalar", &utf8::validate_scalar, &string_special_scalar, &py_special_scalar, true},
           {"sse2", nullptr, nullptr, nullptr, false},
           {"avx2", nullptr, nullptr, nullptr, false}}};
#endif
}

/// The kernel the library uses: the last runnable entry, chosen once (thread-safe static).
inline const kernel& best_kernel() noexcept {
  static const kernel k = [] {
    kernel best = kernels()[0];
    for (const kernel& c : kernels())
      if (c.runnable) best = c;
    return best;
  }();
  return k;
}

/// string_special with the first 32 bytes inline (SSE2 is baseline on x86-64): most keys and
/// values end there, so the indirect call is paid only by long strings.
JSONSIG_ALWAYS_INLINE std::size_t find_string_special(const char* p, std::size_t n,
                                                      unsigned& high) noexcept {
#if JSONSIG_X86_SIMD
  std::size_t i = 0;
  for (; i < 32 && i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const unsigned m = sse2::special_mask(v);
    const auto h = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (m != 0) {
      const unsigned at = static_cast<unsigned>(__builtin_ctz(m));
      if ((h & ((1u << at) - 1u)) != 0) high |= 0x80u;
      return i + at;
    }
    if (h != 0) high |= 0x80u;
  }
  if (n - i < 16) return i + string_special_scalar(p + i, n - i, high);
  return i + best_kernel().string_special(p + i, n - i, high);
#else
  return string_special_scalar(p, n, high);
#endif
}

/// py_special with the first 32 bytes inline (as find_string_special). `readable` >= n bytes
/// at p may be read: with 16 of them a short string takes one load, whatever its length.
JSONSIG_ALWAYS_INLINE std::size_t find_py_special(const char* p, std::size_t n,
                                                  std::size_t readable) noexcept {
#if JSONSIG_X86_SIMD
  std::size_t i = 0;
  for (; i < 32 && i < n && readable - i >= 16; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    unsigned m = sse2::py_special_mask(v);
    if (n - i < 16) m |= ~0u << (n - i);  // bytes past the end count as a stop
    if (m != 0) {
      const std::size_t at = i + static_cast<unsigned>(__builtin_ctz(m));
      return at < n ? at : n;
    }
  }
  if (i >= n) return n;
  if (n - i < 16) return i + py_special_scalar(p + i, n - i);
  return i + best_kernel().py_special(p + i, n - i);
#else
  (void)readable;
  return py_special_scalar(p, n);
#endif
}

JSONSIG_ALWAYS_INLINE std::size_t find_py_special(const char* p, std::size_t n) noexcept {
  return find_py_special(p, n, n);
}

inline bool validate_utf8(const char* p, std::size_t n) noexcept {
  return best_kernel().validate_utf8(p, n);
}

}  // namespace scan
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_SCAN_HPP
