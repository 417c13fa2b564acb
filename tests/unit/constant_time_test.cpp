// SPDX-License-Identifier: MIT
#include <jsonsig/constant_time.hpp>

#include <gtest/gtest.h>

#include <array>

TEST(constant_time, ct_equal_matches_memcmp_on_every_single_byte_difference) {
  std::array<unsigned char, 64> a{}, b{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = b[i] = static_cast<unsigned char>(i * 7);
  EXPECT_TRUE(jsonsig::ct_equal(a.data(), b.data(), a.size()));
  EXPECT_TRUE(jsonsig::ct_equal(a.data(), b.data(), 0));
  for (std::size_t i = 0; i < b.size(); ++i) {
    for (unsigned bit = 0; bit < 8; ++bit) {
      b[i] = static_cast<unsigned char>(b[i] ^ (1u << bit));
      EXPECT_FALSE(jsonsig::ct_equal(a.data(), b.data(), b.size())) << i << ' ' << bit;
      b[i] = static_cast<unsigned char>(b[i] ^ (1u << bit));
    }
  }
}

TEST(constant_time, secure_wipe_zeroes_exactly_the_range) {
  std::array<unsigned char, 32> buf;
  buf.fill(0xAB);
  jsonsig::secure_wipe(buf.data() + 4, 20);
  for (std::size_t i = 0; i < buf.size(); ++i)
    EXPECT_EQ(buf[i], (i >= 4 && i < 24) ? 0 : 0xAB) << i;
  jsonsig::secure_wipe(nullptr, 10);  // tolerated
}
