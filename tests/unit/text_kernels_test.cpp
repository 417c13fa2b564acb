// SPDX-License-Identifier: MIT
// detail/utf8.hpp and detail/scan.hpp: the scalar references against independent oracles, and
// every kernel (scalar, sse2, avx2) against the references: all 1-, 2- and 3-byte sequences,
// 4-byte leads with every second byte, every byte value at lengths 0..300 and start offsets
// 0..63 (so every 16/32-byte block boundary and tail is crossed).
#include <jsonsig/detail/scan.hpp>
#include <jsonsig/detail/utf8.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

namespace sc = jsonsig::detail::scan;
namespace u8 = jsonsig::detail::utf8;

std::vector<sc::kernel> runnable_kernels() {
  std::vector<sc::kernel> out;
  for (const sc::kernel& k : sc::kernels())
    if (k.runnable) out.push_back(k);
  return out;
}

// Independent oracle: decode by the bit pattern of the lead byte, then reject overlong forms,
// surrogates and code points above U+10FFFF (RFC 3629 §3 and §4). Returns the length of the
// sequence at p, or 0.
std::size_t oracle_sequence(const unsigned char* p, std::size_t avail) {
  const unsigned c = p[0];
  std::size_t len;
  std::uint32_t cp;
  if ((c & 0x80) == 0) return 1;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (avail < len) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  const std::uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len]) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp > 0x10FFFF) return 0;
  return len;
}

std::size_t oracle_first_invalid(const std::string& s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t len = oracle_sequence(p + i, s.size() - i);
    if (len == 0) return i;
    i += len;
  }
  return s.size();
}

// Runs every kernel on `bytes` placed at offsets around 16/32-byte boundaries.
void expect_kernels_agree(const std::string& bytes, bool valid) {
  static const std::vector<sc::kernel> ks = runnable_kernels();
  for (std::size_t pad : {0u, 13u, 29u, 30u, 31u}) {
    const std::string s = std::string(pad, 'a') + bytes + std::string(5, 'b');
    for (const sc::kernel& k : ks) {
      ASSERT_EQ(k.validate_utf8(s.data(), s.size()), valid) << k.name << " pad " << pad;
      // The sequence as the very end of the input (no padding after it).
      const std::string t = std::string(pad, 'a') + bytes;
      ASSERT_EQ(k.validate_utf8(t.data(), t.size()), valid) << k.name << " at end, pad " << pad;
    }
  }
}

TEST(utf8, reference_matches_oracle_on_all_short_sequences) {
  std::string s;
  for (unsigned a = 0; a < 256; ++a) {
    s.assign(1, static_cast<char>(a));
    ASSERT_EQ(u8::find_invalid_scalar(s.data(), s.size()), oracle_first_invalid(s)) << a;
    for (unsigned b = 0; b < 256; ++b) {
      s.assign({static_cast<char>(a), static_cast<char>(b)});
      ASSERT_EQ(u8::find_invalid_scalar(s.data(), s.size()), oracle_first_invalid(s))
          << a << ' ' << b;
      if (a < 0xC0) continue;
      for (unsigned c = 0; c < 256; ++c) {
        s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
        ASSERT_EQ(u8::find_invalid_scalar(s.data(), s.size()), oracle_first_invalid(s));
      }
    }
  }
}

TEST(utf8, every_kernel_agrees_on_all_one_and_two_byte_sequences) {
  for (unsigned a = 0; a < 256; ++a) {
    expect_kernels_agree(std::string(1, static_cast<char>(a)), a < 0x80);
    for (unsigned b = 0; b < 256; ++b) {
      const std::string s{static_cast<char>(a), static_cast<char>(b)};
      expect_kernels_agree(s, oracle_first_invalid(s) == s.size());
      if (HasFatalFailure()) return;
    }
  }
}

TEST(utf8, every_kernel_agrees_on_all_three_byte_sequences) {
  const std::vector<sc::kernel> ks = runnable_kernels();
  std::string s(40, 'a');
  for (unsigned a = 0xC0; a < 0x100; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      for (unsigned c = 0; c < 256; ++c) {
        const std::string seq{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        const bool valid = oracle_first_invalid(seq) == seq.size();
        // Straddling the first 32-byte block boundary (bytes 30, 31, 32).
        s[30] = seq[0];
        s[31] = seq[1];
        s[32] = seq[2];
        for (const sc::kernel& k : ks)
          ASSERT_EQ(k.validate_utf8(s.data(), s.size()), valid)
              << k.name << ' ' << a << ' ' << b << ' ' << c;
      }
    }
  }
}

TEST(utf8, every_kernel_agrees_on_four_byte_sequences) {
  const unsigned tails[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xC2, 0xF0, 0xFF};
  for (unsigned a = 0xE0; a < 0x100; ++a)
    for (unsigned b = 0; b < 256; ++b)
      for (unsigned c : tails)
        for (unsigned d : tails) {
          const std::string s{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                              static_cast<char>(d)};
          expect_kernels_agree(s, oracle_first_invalid(s) == s.size());
          if (HasFatalFailure()) return;
        }
}

// Mostly valid text (every sequence length) with random damage, at every length 0..300.
TEST(utf8, every_kernel_agrees_on_damaged_text) {
  const std::vector<sc::kernel> ks = runnable_kernels();
  std::mt19937 rng(12345);
  const char* pieces[] = {"a",
                          "~",
                          "\xc3\xa9",
                          "\xdf\xbf",
                          "\xe2\x82\xac",
                          "\xef\xbf\xbf",
                          "\xed\x9f\xbf",
                          "\xf0\x9f\x98\x82",
                          "\xf4\x8f\xbf\xbf"};
  alignas(64) char buf[512];
  for (int round = 0; round < 4000; ++round) {
    std::string s;
    const std::size_t want = rng() % 301;
    while (s.size() < want) s += pieces[rng() % 9];
    s.resize(want);  // may cut a sequence: invalid
    const int damage = static_cast<int>(rng() % 3);
    for (int d = 0; d < damage && !s.empty(); ++d)
      s[rng() % s.size()] = static_cast<char>(rng() & 0xFF);
    const std::size_t bad = oracle_first_invalid(s);
    ASSERT_EQ(u8::find_invalid_scalar(s.data(), s.size()), bad);
    const std::size_t off = rng() % 64;
    std::memcpy(buf + off, s.data(), s.size());
    for (const sc::kernel& k : ks)
      ASSERT_EQ(k.validate_utf8(buf + off, s.size()), bad == s.size())
          << k.name << " round " << round;
  }
}

TEST(utf8, encode_decode_round_trip_including_wtf8_surrogates) {
  char out[4];
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const std::size_t n = u8::encode(cp, out);
    ASSERT_EQ(u8::lead_length(static_cast<unsigned char>(out[0])), n);
    ASSERT_EQ(u8::decode(reinterpret_cast<const unsigned char*>(out), n), cp);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    ASSERT_EQ(u8::sequence_length(reinterpret_cast<const unsigned char*>(out), n),
              surrogate ? 0u : n);
    if (n == 3) {
      ASSERT_EQ(u8::is_wtf8_surrogate(reinterpret_cast<const unsigned char*>(out)), surrogate);
    }
  }
}

// string_special / py_special: each kernel against its reference for every byte value at the
// special position, with and without a non-ASCII byte before it, all lengths and alignments.
TEST(scan, every_kernel_matches_reference_exhaustively) {
  const std::vector<sc::kernel> ks = runnable_kernels();
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n <= 100; ++n) lengths.push_back(n);
  for (std::size_t n : {127u, 128u, 129u, 191u, 255u, 256u, 257u, 300u}) lengths.push_back(n);
  alignas(64) char buf[64 + 320 + 16];
  for (std::size_t n : lengths) {
    for (std::size_t off = 0; off < 64; ++off) {
      char* p = buf + off;
      for (unsigned b = 0; b < 256; ++b) {
        for (int variant = 0; variant < 4; ++variant) {
          std::memset(p, 'x', n);
          if (n == 0) {
            if (b != 0 || variant != 0) continue;
          } else {
            const std::size_t at = variant == 0   ? 0
                                   : variant == 1 ? n - 1
                                   : variant == 2 ? n / 2
                                                  : n / 3;
            p[at] = static_cast<char>(b);
            if (variant >= 2 && at > 0) p[at / 2] = static_cast<char>(0xC3);  // non-ASCII earlier
          }
          unsigned want_high = 0;
          const std::size_t want = sc::string_special_scalar(p, n, want_high);
          const std::size_t want_py = sc::py_special_scalar(p, n);
          for (const sc::kernel& k : ks) {
            unsigned high = 0;
            ASSERT_EQ(k.string_special(p, n, high), want) << k.name << " n=" << n << " b=" << b;
            ASSERT_EQ(high != 0, want_high != 0) << k.name << " n=" << n << " b=" << b;
            ASSERT_EQ(k.py_special(p, n), want_py) << k.name << " n=" << n << " b=" << b;
          }
          unsigned high = 0;
          ASSERT_EQ(sc::find_string_special(p, n, high), want);
          ASSERT_EQ(high != 0, want_high != 0);
          // With readable bytes past the end (a string inside a larger buffer), whatever they hold.
          std::memset(p + n, variant % 2 == 0 ? '"' : 'x', 16);
          ASSERT_EQ(sc::find_py_special(p, n, n + 16), want_py) << "n=" << n << " b=" << b;
          ASSERT_EQ(sc::find_py_special(p, n), want_py);
        }
      }
    }
  }
}

TEST(scan, references_classify_bytes_as_specified) {
  for (unsigned c = 0; c < 256; ++c) {
    const auto b = static_cast<unsigned char>(c);
    EXPECT_EQ(sc::is_string_special(b), c == '"' || c == '\\' || c < 0x20) << c;
    EXPECT_EQ(sc::is_py_special(b), c == '"' || c == '\\' || c < 0x20 || c >= 0x7F) << c;
  }
  unsigned high = 0;
  EXPECT_EQ(sc::string_special_scalar("ab\xc3\xa9\"", 5, high), 4u);
  EXPECT_NE(high, 0u);
  high = 0;
  EXPECT_EQ(sc::string_special_scalar("ab\"\xc3\xa9", 5, high), 2u);
  EXPECT_EQ(high, 0u);  // only bytes before the stop count
}

TEST(scan, kernels_listed) {
  const auto ks = sc::kernels();
  EXPECT_STREQ(ks[0].name, "scalar");
  EXPECT_TRUE(ks[0].runnable);
  for (const auto& k : ks) {
    std::printf("text kernel %-6s %s\n", k.name, k.runnable ? "runs" : "not available");
    if (k.runnable) {
      EXPECT_NE(k.validate_utf8, nullptr);
      EXPECT_NE(k.string_special, nullptr);
      EXPECT_NE(k.py_special, nullptr);
    }
  }
  EXPECT_TRUE(sc::best_kernel().runnable);
}

}  // namespace
