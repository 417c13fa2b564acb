// SPDX-License-Identifier: MIT
// Compile-time knobs. Each is 0/1 and tested with #if. Every knob that changes a function body
// is part of the inline ABI namespace, so two vendored copies built with different knobs never
// merge silently in one process.
#ifndef JSONSIG_CONFIG_HPP
#define JSONSIG_CONFIG_HPP

#include "version.hpp"

#if !defined(JSONSIG_EXCEPTIONS) && (defined(__cpp_exceptions) || defined(_CPPUNWIND))
#define JSONSIG_EXCEPTIONS 1  // 0: the throwing overloads are not declared at all
#elif !defined(JSONSIG_EXCEPTIONS)
#define JSONSIG_EXCEPTIONS 0
#endif

#ifndef JSONSIG_USE_OPENSSL  // 1: SHA-512/HMAC through OpenSSL's libcrypto (link it yourself)
#define JSONSIG_USE_OPENSSL 0
#endif

#ifndef JSONSIG_DISABLE_SIMD  // 1: scalar kernels only (for testing or exotic targets)
#define JSONSIG_DISABLE_SIMD 0
#endif

#ifndef JSONSIG_DEFAULT_MAX_DEPTH  // nesting limit of the parser and the sorting writer
#define JSONSIG_DEFAULT_MAX_DEPTH 1024
#endif

#define JSONSIG_ABI_NAME_(ma, mi, ssl, ns) abi_v##ma##_##mi##_s##ssl##n##ns
#define JSONSIG_ABI_NAME(ma, mi, ssl, ns) JSONSIG_ABI_NAME_(ma, mi, ssl, ns)
#define JSONSIG_BEGIN_NAMESPACE                                                            \
  namespace jsonsig {                                                                      \
  inline namespace JSONSIG_ABI_NAME(JSONSIG_VERSION_MAJOR, JSONSIG_VERSION_MINOR,          \
                                    JSONSIG_USE_OPENSSL, JSONSIG_DISABLE_SIMD) {
#define JSONSIG_END_NAMESPACE \
  }                           \
  }

#if defined(__GNUC__) || defined(__clang__)
#define JSONSIG_TARGET(isa) __attribute__((target(isa)))
#define JSONSIG_LIKELY(x) __builtin_expect(!!(x), 1)
#define JSONSIG_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define JSONSIG_NOINLINE __attribute__((noinline))
#define JSONSIG_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define JSONSIG_TARGET(isa)  // MSVC compiles intrinsics without flags
#define JSONSIG_LIKELY(x) (x)
#define JSONSIG_UNLIKELY(x) (x)
#define JSONSIG_NOINLINE __declspec(noinline)
#define JSONSIG_ALWAYS_INLINE __forceinline
#endif

#if (defined(__x86_64__) || defined(_M_X64)) && (defined(__GNUC__) || defined(__clang__)) && \
    !JSONSIG_DISABLE_SIMD
#define JSONSIG_X86_SIMD 1  // SSE2 is baseline on x86-64; wider ISAs are chosen at run time
#else
#define JSONSIG_X86_SIMD 0
#endif

#endif  // JSONSIG_CONFIG_HPP
