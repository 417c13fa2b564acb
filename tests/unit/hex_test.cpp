// SPDX-License-Identifier: MIT
// hex.hpp: every kernel against the scalar reference (and the reference against snprintf), at
// every length 0..300 and offset 0..63, all 256 byte values, strict decoding.
#include <jsonsig/hex.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

namespace hx = jsonsig::detail::hex;

std::vector<hx::kernel> runnable_kernels() {
  std::vector<hx::kernel> out;
  for (const hx::kernel& k : hx::kernels())
    if (k.runnable) out.push_back(k);
  return out;
}

// Independent oracles: the C library and a plain character-class test.
std::string printf_hex(const unsigned char* p, std::size_t n) {
  std::string s;
  char buf[3];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", p[i]);
    s += buf;
  }
  return s;
}

bool is_hex_digit(unsigned c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int digit_value(unsigned c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  return static_cast<int>(c - 'A' + 10);
}

std::vector<unsigned char> random_bytes(std::mt19937& rng, std::size_t n) {
  std::vector<unsigned char> v(n);
  for (auto& b : v) b = static_cast<unsigned char>(rng());
  return v;
}

// Upper-cases a random subset of the letters, so decoders see mixed case.
void randomize_case(std::mt19937& rng, std::string& s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'f' && (rng() & 1u)) c = static_cast<char>(c - 'a' + 'A');
}

constexpr std::size_t max_len = 300;
constexpr std::size_t max_off = 64;
constexpr unsigned char guard = 0xA5;  // fill around outputs: catches writes out of range

}  // namespace

TEST(hex, scalar_helpers_on_every_value) {
  const char* digits = "0123456789abcdef";
  for (unsigned v = 0; v < 16; ++v) EXPECT_EQ(hx::nibble_to_hex(v), digits[v]) << v;
  for (unsigned c = 0; c < 256; ++c) {
    std::uint32_t bad = 0;
    const std::uint32_t v = hx::hex_to_nibble(c, bad);
    if (is_hex_digit(c)) {
      EXPECT_EQ(bad, 0u) << c;
      EXPECT_EQ(static_cast<int>(v), digit_value(c)) << c;
    } else {
      EXPECT_NE(bad, 0u) << c;
      EXPECT_EQ(v, 0u) << c;
    }
  }
}

TEST(hex, known_values) {
  const std::array<unsigned char, 5> b{{0x00, 0x01, 0x7f, 0xab, 0xff}};
  EXPECT_EQ(jsonsig::hex_encode(b), "00017fabff");
  EXPECT_EQ(jsonsig::hex_encode(nullptr, 0), "");
  EXPECT_EQ(jsonsig::hex_encode("Jefe", 4), "4a656665");
  std::array<unsigned char, 5> d{};
  ASSERT_TRUE(jsonsig::hex_decode("00017FabFF", d));
  EXPECT_EQ(d, b);
}

TEST(hex, every_kernel_encodes_all_256_byte_values) {
  std::array<unsigned char, 256> all{};
  for (unsigned i = 0; i < 256; ++i) all[i] = static_cast<unsigned char>(i);
  const std::string want = printf_hex(all.data(), all.size());
  // Also reversed and rotated, so every value passes through every SIMD lane position.
  for (const auto& k : runnable_kernels()) {
    for (std::size_t rot = 0; rot < 64; ++rot) {
      std::array<unsigned char, 256> in{};
      for (std::size_t i = 0; i < 256; ++i) in[i] = all[(i + rot) % 256];
      std::string got(512, '?');
      k.encode(in.data(), in.size(), got.data());
      ASSERT_EQ(got, printf_hex(in.data(), in.size())) << k.name << " rot " << rot;
      std::array<unsigned char, 256> back{};
      ASSERT_TRUE(k.decode(got.data(), back.size(), back.data())) << k.name;
      ASSERT_EQ(back, in) << k.name << " rot " << rot;
    }
    std::string got(512, '?');
    k.encode(all.data(), all.size(), got.data());
    EXPECT_EQ(got, want) << k.name;
  }
}

TEST(hex, every_kernel_matches_scalar_at_every_length_and_offset) {
  std::mt19937 rng(20240601);
  const auto ks = runnable_kernels();
  std::vector<unsigned char> in_buf(max_len + max_off);
  std::vector<char> out_buf(2 * max_len + max_off + 64);
  std::vector<char> hex_buf(2 * max_len + max_off);
  std::vector<unsigned char> dec_buf(max_len + max_off + 64);
  for (std::size_t len = 0; len <= max_len; ++len) {
    for (std::size_t off = 0; off < max_off; ++off) {
      const std::vector<unsigned char> data = random_bytes(rng, len);
      std::string want(2 * len, '\0');
      hx::encode_scalar(data.data(), len, want.data());
      ASSERT_EQ(want, printf_hex(data.data(), len));
      std::string mixed = want;
      randomize_case(rng, mixed);
      // Output offset differs from input offset so misalignment of each is exercised alone.
      const std::size_t out_off = (off * 37 + len) % max_off;
      std::copy(data.begin(), data.end(), in_buf.begin() + static_cast<std::ptrdiff_t>(off));
      std::copy(mixed.begin(), mixed.end(), hex_buf.begin() + static_cast<std::ptrdiff_t>(off));
      for (const auto& k : ks) {
        std::fill(out_buf.begin(), out_buf.end(), static_cast<char>(guard));
        k.encode(in_buf.data() + off, len, out_buf.data() + out_off);
        ASSERT_EQ(std::string(out_buf.data() + out_off, 2 * len), want)
            << k.name << " len " << len << " off " << off;
        for (std::size_t i = 0; i < out_buf.size(); ++i) {
          if (i < out_off || i >= out_off + 2 * len) {
            ASSERT_EQ(static_cast<unsigned char>(out_buf[i]), guard)
                << k.name << " wrote outside, len " << len << " at " << i;
          }
        }

        std::fill(dec_buf.begin(), dec_buf.end(), guard);
        ASSERT_TRUE(k.decode(hex_buf.data() + off, len, dec_buf.data() + out_off))
            << k.name << " len " << len << " off " << off;
        ASSERT_TRUE(std::equal(data.begin(), data.end(),
                               dec_buf.begin() + static_cast<std::ptrdiff_t>(out_off)))
            << k.name << " len " << len << " off " << off;
        for (std::size_t i = 0; i < dec_buf.size(); ++i) {
          if (i < out_off || i >= out_off + len) {
            ASSERT_EQ(dec_buf[i], guard) << k.name << " wrote outside, len " << len << " at " << i;
          }
        }
      }
    }
  }
}

// Exact-size heap buffers, so that under -fsanitize=address any read or write past either end
// (e.g. a SIMD block or mask that is one too wide) is reported, not absorbed by slack.
TEST(hex, kernels_touch_only_their_exact_buffers) {
  std::mt19937 rng(3);
  for (std::size_t len = 0; len <= max_len; ++len) {
    const std::vector<unsigned char> data = random_bytes(rng, len);
    std::string want(2 * len, '\0');
    hx::encode_scalar(data.data(), len, want.data());
    for (const auto& k : runnable_kernels()) {
      const std::unique_ptr<unsigned char[]> in(new unsigned char[len]);
      std::copy(data.begin(), data.end(), in.get());
      const std::unique_ptr<char[]> hex(new char[2 * len]);
      k.encode(in.get(), len, hex.get());
      ASSERT_EQ(std::string(hex.get(), 2 * len), want) << k.name << ' ' << len;
      const std::unique_ptr<unsigned char[]> back(new unsigned char[len]);
      ASSERT_TRUE(k.decode(hex.get(), len, back.get())) << k.name << ' ' << len;
      ASSERT_TRUE(std::equal(data.begin(), data.end(), back.get())) << k.name << ' ' << len;
    }
  }
}

TEST(hex, decode_rejects_every_non_hex_byte_at_every_position) {
  std::mt19937 rng(7);
  const auto ks = runnable_kernels();
  // Byte counts around each kernel's block size (16, 32, 64) and its tail handling.
  for (std::size_t n : {1u, 2u, 7u, 8u, 15u, 16u, 17u, 31u, 32u, 33u, 48u, 63u, 64u, 65u, 95u, 127u,
                        128u, 129u, 150u}) {
    const std::vector<unsigned char> data = random_bytes(rng, n);
    std::string good(2 * n, '\0');
    hx::encode_scalar(data.data(), n, good.data());
    randomize_case(rng, good);
    std::vector<unsigned char> out(n);
    for (std::size_t pos = 0; pos < good.size(); ++pos) {
      std::string bad = good;
      for (unsigned c = 0; c < 256; ++c) {
        if (is_hex_digit(c)) continue;
        bad[pos] = static_cast<char>(c);
        for (const auto& k : ks)
          ASSERT_FALSE(k.decode(bad.data(), n, out.data()))
              << k.name << " n " << n << " pos " << pos << " byte " << c;
        std::fill(out.begin(), out.end(), guard);
        ASSERT_FALSE(jsonsig::hex_decode(bad, out.data())) << n << ' ' << pos << ' ' << c;
        for (unsigned char b : out) ASSERT_EQ(b, 0) << "rejected output is zeroed";
      }
      for (const char c : std::string("0123456789abcdefABCDEF")) {  // and every digit is fine
        bad[pos] = c;
        for (const auto& k : ks) ASSERT_TRUE(k.decode(bad.data(), n, out.data())) << k.name;
      }
    }
  }
}

TEST(hex, decode_rejects_odd_lengths_and_writes_nothing) {
  std::string s(2 * max_len + 1, 'a');
  std::vector<unsigned char> out(max_len + 1, guard);
  for (std::size_t len = 1; len <= s.size(); len += 2) {
    EXPECT_FALSE(jsonsig::hex_decode(std::string_view(s.data(), len), out.data())) << len;
    for (unsigned char b : out) ASSERT_EQ(b, guard) << len;
  }
}

TEST(hex, decode_accepts_upper_lower_and_mixed_case) {
  std::array<unsigned char, 8> a{}, b{}, c{};
  ASSERT_TRUE(jsonsig::hex_decode("0123456789abcdef", a));
  ASSERT_TRUE(jsonsig::hex_decode("0123456789ABCDEF", b));
  ASSERT_TRUE(jsonsig::hex_decode("0123456789aBcDeF", c));
  const std::array<unsigned char, 8> want{{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}};
  EXPECT_EQ(a, want);
  EXPECT_EQ(b, want);
  EXPECT_EQ(c, want);
  unsigned char none = guard;
  EXPECT_TRUE(jsonsig::hex_decode("", &none));
  EXPECT_EQ(none, guard);
}

TEST(hex, decode_rejects_common_near_misses) {
  std::array<unsigned char, 2> a{};
  // Each is 4 chars; "\xb0" is '0' with the high bit set, "\0" an embedded NUL.
  for (const char* s : {"0x12", "12 4", " 123", "123g", "12:4", "12/4", "12@4", "12G4", "12`4",
                        "\xb0\xb1\xb2\xb3", "12\n4",
                        "12\0"
                        "4"}) {
    const std::string_view v(s, 4);
    EXPECT_FALSE(jsonsig::hex_decode(v, a)) << s;
  }
  // The array overload checks the exact length (here 2 bytes = 4 chars).
  const std::array<unsigned char, 2> sentinel{{guard, guard}};
  a = sentinel;
  EXPECT_FALSE(jsonsig::hex_decode("12", a));
  EXPECT_FALSE(jsonsig::hex_decode("123456", a));
  EXPECT_EQ(a, sentinel);
  EXPECT_TRUE(jsonsig::hex_decode("beEF", a));
  EXPECT_EQ(a, (std::array<unsigned char, 2>{{0xbe, 0xef}}));
}

TEST(hex, public_api_round_trip_and_string_overload) {
  std::mt19937 rng(99);
  for (std::size_t len = 0; len <= max_len; ++len) {
    const std::vector<unsigned char> data = random_bytes(rng, len);
    const std::string h = jsonsig::hex_encode(data.data(), data.size());
    ASSERT_EQ(h, printf_hex(data.data(), len));
    std::vector<unsigned char> back(len + 1, guard);
    ASSERT_TRUE(jsonsig::hex_decode(h, back.data())) << len;
    ASSERT_TRUE(std::equal(data.begin(), data.end(), back.begin())) << len;
    ASSERT_EQ(back[len], guard) << len;
  }
}

TEST(hex, dispatcher_uses_a_runnable_kernel_that_agrees_with_scalar) {
  const hx::kernel& k = hx::best_kernel();
  ASSERT_TRUE(k.runnable);
  ASSERT_NE(k.encode, nullptr);
  ASSERT_NE(k.decode, nullptr);
  // The choice is the last runnable entry of the table.
  const auto ks = runnable_kernels();
  EXPECT_STREQ(k.name, ks.back().name);
}
