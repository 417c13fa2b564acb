// SPDX-License-Identifier: MIT
// The hex kernel table and the run-time choice among its entries.
#ifndef JSONSIG_DETAIL_HEX_DISPATCH_HPP
#define JSONSIG_DETAIL_HEX_DISPATCH_HPP

#include <array>

#include "cpu.hpp"
#include "hex_avx2.hpp"
#include "hex_avx512.hpp"
#include "hex_scalar.hpp"
#include "hex_ssse3.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace hex {

/// One implementation of both directions (one entry rather than two tables, so that tests,
/// benches and the dispatcher can never pair an encoder with another ISA's decoder).
struct kernel {
  const char* name;
  encode_fn encode;  // nullptr when not compiled in (then runnable is false)
  decode_fn decode;
  bool runnable;  // compiled in and supported by this CPU
};

inline constexpr std::size_t kernel_count = 4;

/// Every kernel, slowest first; tests and benches iterate this. The dispatcher takes the last
/// runnable entry, so the order is the preference order.
inline std::array<kernel, kernel_count> kernels() noexcept {
#if JSONSIG_X86_SIMD
  const cpu::features& f = cpu::get();
  return {{{"scalar", &encode_scalar, &decode_scalar, true},
           {"ssse3", &ssse3::encode, &ssse3::decode, f.ssse3},
           {"avx2", &avx2::encode, &avx2::decode, f.avx2},
           {"avx512bw", &avx512bw::encode, &avx512bw::decode, f.avx512bw}}};
#else
  return {{{"scalar", &encode_scalar, &decode_scalar, true},
           {"ssse3", nullptr, nullptr, false},
           {"avx2", nullptr, nullptr, false},
           {"avx512bw", nullptr, nullptr, false}}};
#endif
}

/// The kernel hex_encode / hex_decode use: chosen once per process (thread-safe static).
inline const kernel& best_kernel() noexcept {
  static const kernel k = [] {
    kernel best = kernels()[0];
    for (const kernel& c : kernels())
      if (c.runnable) best = c;
    return best;
  }();
  return k;
}

inline void encode(const unsigned char* in, std::size_t n, char* out) noexcept {
  best_kernel().encode(in, n, out);
}

inline bool decode(const char* in, std::size_t n, unsigned char* out) noexcept {
  return best_kernel().decode(in, n, out);
}

}  // namespace hex
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_HEX_DISPATCH_HPP
