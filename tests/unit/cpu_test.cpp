// SPDX-License-Identifier: MIT
// detail/cpu.hpp: prints what this machine offers and which hex kernels run, and checks the
// detection against CPUID/XGETBV read directly (Intel SDM Vol. 2A, CPUID leaves 1 and 7;
// XCR0 bits per SDM Vol. 1 §13.3).
#include <jsonsig/detail/cpu.hpp>
#include <jsonsig/hex.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <set>
#include <string>

#if JSONSIG_X86_SIMD
#include <cpuid.h>
#endif

namespace cpu = jsonsig::detail::cpu;
namespace hx = jsonsig::detail::hex;

namespace {

#if JSONSIG_X86_SIMD
cpu::features from_cpuid() {
  cpu::features f;
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (__get_cpuid(1, &a, &b, &c, &d) == 0) return f;
  f.ssse3 = (c >> 9) & 1u;
  const bool osxsave = (c >> 27) & 1u;
  unsigned long long xcr0 = 0;
  if (osxsave) {
    unsigned lo = 0, hi = 0;
    __asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    xcr0 = (static_cast<unsigned long long>(hi) << 32) | lo;
  }
  const bool avx_state = osxsave && (xcr0 & 0x6u) == 0x6u;      // SSE + YMM
  const bool zmm_state = avx_state && (xcr0 & 0xE0u) == 0xE0u;  // opmask, ZMM0-15 hi, ZMM16-31
  const bool avx = avx_state && ((c >> 28) & 1u);
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d) == 0) return f;
  f.avx2 = avx && ((b >> 5) & 1u);
  f.avx512bw = zmm_state && ((b >> 16) & 1u) && ((b >> 30) & 1u);  // AVX512F and AVX512BW
  f.avx512vbmi = f.avx512bw && ((c >> 1) & 1u);
  return f;
}
#endif

}  // namespace

TEST(cpu, prints_features_and_runnable_kernels) {
  const cpu::features& f = cpu::get();
  std::printf("cpu: ssse3=%d avx2=%d avx512bw=%d avx512vbmi=%d\n", f.ssse3, f.avx2, f.avx512bw,
              f.avx512vbmi);
  std::string line = "hex kernels:";
  for (const auto& k : hx::kernels())
    line += std::string(" ") + k.name + (k.runnable ? "=yes" : "=no");
  std::printf("%s\nhex dispatch: %s\n", line.c_str(), hx::best_kernel().name);
  SUCCEED();
}

#if JSONSIG_X86_SIMD
TEST(cpu, detection_matches_raw_cpuid_and_xgetbv) {
  const cpu::features want = from_cpuid();
  const cpu::features got = cpu::detect();
  EXPECT_EQ(got.ssse3, want.ssse3);
  EXPECT_EQ(got.avx2, want.avx2);
  EXPECT_EQ(got.avx512bw, want.avx512bw);
  EXPECT_EQ(got.avx512vbmi, want.avx512vbmi);
  // The cached copy is the same as a fresh query.
  EXPECT_EQ(cpu::get().avx2, got.avx2);
  EXPECT_EQ(cpu::get().avx512bw, got.avx512bw);
}
#else
TEST(cpu, simd_disabled_reports_nothing) {
  const cpu::features f = cpu::detect();
  EXPECT_FALSE(f.ssse3 || f.avx2 || f.avx512bw || f.avx512vbmi);
}
#endif

TEST(cpu, kernel_table_is_consistent) {
  const auto ks = hx::kernels();
  ASSERT_STREQ(ks[0].name, "scalar");
  EXPECT_TRUE(ks[0].runnable);
  std::set<std::string> names;
  for (const auto& k : ks) {
    EXPECT_TRUE(names.insert(k.name).second) << "duplicate " << k.name;
    if (k.runnable) {
      EXPECT_NE(k.encode, nullptr) << k.name;
      EXPECT_NE(k.decode, nullptr) << k.name;
    }
  }
  const cpu::features& f = cpu::get();
  EXPECT_EQ(ks[1].runnable, f.ssse3);
  EXPECT_EQ(ks[2].runnable, f.avx2);
  EXPECT_EQ(ks[3].runnable, f.avx512bw);
  // Real hardware has no gaps in this chain: a sanity check on the detection itself.
  EXPECT_TRUE(!f.avx512bw || f.avx2);
  EXPECT_TRUE(!f.avx2 || f.ssse3);
}
