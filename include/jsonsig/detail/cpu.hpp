// SPDX-License-Identifier: MIT
// Run-time CPU feature detection for the SIMD kernels. Each kernel is compiled with
// JSONSIG_TARGET("<isa>") and only called after the matching flag here says the CPU (and the OS,
// for the AVX/AVX-512 register state) supports it.
#ifndef JSONSIG_DETAIL_CPU_HPP
#define JSONSIG_DETAIL_CPU_HPP

#include "../config.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace cpu {

/// What the running CPU offers. All false when JSONSIG_X86_SIMD is 0 (non-x86, MSVC, or
/// JSONSIG_DISABLE_SIMD), so the dispatchers fall back to their scalar reference.
struct features {
  bool ssse3 = false;
  bool avx2 = false;
  bool avx512bw = false;  // AVX-512 Foundation + Byte/Word
  bool avx512vbmi = false;
};

/// Queries the CPU afresh. libgcc's / compiler-rt's __builtin_cpu_supports also checks XGETBV,
/// so "avx2" / "avx512bw" are reported only when the OS saves the YMM / ZMM state.
inline features detect() noexcept {
  features f;
#if JSONSIG_X86_SIMD
  // Needed only before static constructors have run; harmless (idempotent) otherwise.
  __builtin_cpu_init();
  f.ssse3 = __builtin_cpu_supports("ssse3") != 0;
  f.avx2 = __builtin_cpu_supports("avx2") != 0;
  f.avx512bw = __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512bw") != 0;
  f.avx512vbmi = f.avx512bw && __builtin_cpu_supports("avx512vbmi") != 0;
#endif
  return f;
}

/// The features of this process's CPU, detected once (thread-safe function-local static).
inline const features& get() noexcept {
  static const features f = detect();
  return f;
}

}  // namespace cpu
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_CPU_HPP
