// SPDX-License-Identifier: MIT
// Positive control for ctgrind_test.cpp: the same marking applied to comparisons that DO branch
// on secret bytes (an early-exit byte loop, std::memcmp, and a table lookup indexed by a secret
// nibble). Under valgrind's memcheck each must be reported ("Conditional jump or move depends on
// uninitialised value(s)" / "Use of uninitialised value"), which shows that the harness catches
// what it is meant to catch: ctest's ct_ctgrind_control_valgrind_<test> entries run each test
// below alone under valgrind and pass only if memcheck reports errors for it (tools/
// CMakeLists.txt). Without valgrind this is a plain test of the results.
#include <jsonsig/constant_time.hpp>

#include <gtest/gtest.h>
#include <valgrind/memcheck.h>

#include <array>
#include <cstddef>
#include <cstring>

namespace {

void classify(const void* p, std::size_t n) { (void)VALGRIND_MAKE_MEM_UNDEFINED(p, n); }
void declassify(const void* p, std::size_t n) { (void)VALGRIND_MAKE_MEM_DEFINED(p, n); }

// VARIABLE TIME on purpose: exits at the first differing byte.
JSONSIG_NOINLINE bool leaky_equal(const unsigned char* a, const unsigned char* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// VARIABLE TIME on purpose: a memory index that depends on the secret.
JSONSIG_NOINLINE char leaky_hex_digit(unsigned v) { return "0123456789abcdef"[v & 15u]; }

std::array<unsigned char, 64> mac_like(unsigned seed) {
  std::array<unsigned char, 64> m{};
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = static_cast<unsigned char>(i * 7 + seed);
  return m;
}

TEST(ctgrind_control, early_exit_compare_of_a_secret) {
  std::array<unsigned char, 64> secret = mac_like(1), given = mac_like(1);
  given[63] ^= 1;
  classify(secret.data(), secret.size());
  bool eq = leaky_equal(secret.data(), given.data(), secret.size());  // reported under valgrind
  declassify(&eq, sizeof eq);
  EXPECT_FALSE(eq);
  declassify(secret.data(), secret.size());
  EXPECT_TRUE(leaky_equal(secret.data(), mac_like(1).data(), secret.size()));
}

TEST(ctgrind_control, memcmp_of_a_secret) {
  std::array<unsigned char, 64> secret = mac_like(2), given = mac_like(2);
  classify(secret.data(), secret.size());
  int r = std::memcmp(secret.data(), given.data(), secret.size());  // reported under valgrind
  declassify(&r, sizeof r);
  EXPECT_EQ(r, 0);
}

TEST(ctgrind_control, table_lookup_by_a_secret) {
  unsigned v = 11;
  classify(&v, sizeof v);
  char c = leaky_hex_digit(v);  // "Use of uninitialised value" of an address under valgrind
  declassify(&c, sizeof c);
  EXPECT_EQ(c, 'b');
}

TEST(ctgrind_control, the_constant_time_compare_gives_the_same_answers) {
  std::array<unsigned char, 64> a = mac_like(3), b = mac_like(3);
  EXPECT_TRUE(jsonsig::ct_equal(a.data(), b.data(), a.size()));
  EXPECT_TRUE(leaky_equal(a.data(), b.data(), a.size()));
  b[0] ^= 0x80;
  EXPECT_FALSE(jsonsig::ct_equal(a.data(), b.data(), a.size()));
  EXPECT_FALSE(leaky_equal(a.data(), b.data(), a.size()));
}

}  // namespace
