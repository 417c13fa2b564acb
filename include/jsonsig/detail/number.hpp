// SPDX-License-Identifier: MIT
// Number text for the three profiles: a JSON number lexeme (RFC 8259 §6) is re-printed as
//   - js / jcs: ECMAScript Number::toString of the nearest double (ECMA-262 §6.1.6.1.20,
//     RFC 8785 §3.2.2.3), which is what JSON.stringify(JSON.parse(text)) writes;
//   - python:   repr(float(lexeme)) (CPython's float_repr_style 'short'), what json.dumps writes.
//
// Three stages, all written here:
//   1. scan:    lexeme -> sign, w (first 19 significant digits), q, with value = w * 10^q.
//   2. convert: only when the lexeme's digits are not already the answer (see fast path below):
//               decimal -> double with Clinger's exact fast path, then Eisel-Lemire (Lemire,
//               "Number Parsing at a Gigabyte per Second", SPE 2021), then an exact fallback
//               (std::from_chars where the library has it, else a big-integer comparison);
//               double -> shortest digits with Schubfach (Giulietti, "The Schubfach way to
//               render doubles", 2020), the algorithm behind Java 19's Double.toString.
//   3. layout:  the digits and the decimal exponent are placed by the ES or the Python rules.
// Lexemes of 16 or 17 significant digits (what printf("%.17g") writes; all of canada.json) take
// a shorter road, stage 2c: the shortest digits are found on the lexeme's own decimal grid from
// Eisel-Lemire's product, and are usually written by patching the lexeme's last two digits.
//
// VARIABLE TIME: inputs must be public (numbers are JSON text, which is public).
#ifndef JSONSIG_DETAIL_NUMBER_HPP
#define JSONSIG_DETAIL_NUMBER_HPP

#include <cfloat>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <system_error>

#include "../config.hpp"
#include "pow10_table.hpp"

#if JSONSIG_X86_SIMD
#include <emmintrin.h>  // SSE2: baseline on x86-64
#endif

JSONSIG_BEGIN_NAMESPACE
namespace detail {

/// Size of the `out` buffer every formatter below needs. The longest outputs are 25 bytes
/// (ES "-0.0000012345678901234567"; Python "-0.0012345678901234567" and
/// "-1.2345678901234567e-308" are 24). The formatters copy fixed-size blocks and may write
/// bytes past the returned length, never past out + number_buf_size.
inline constexpr std::size_t number_buf_size = 32;

namespace numconv {

// ---------------------------------------------------------------------------------------------
// Small portable helpers
// ---------------------------------------------------------------------------------------------

#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 uint128_t;  // __extension__: -Wpedantic-clean
#endif

struct u128 {
  std::uint64_t hi;
  std::uint64_t lo;
};

inline u128 umul128(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
  const uint128_t p = static_cast<uint128_t>(a) * b;
  return {static_cast<std::uint64_t>(p >> 64), static_cast<std::uint64_t>(p)};
#else
  const std::uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
  const std::uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const std::uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
  return {p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (p00 & 0xFFFFFFFFu)};
#endif
}

// The low 64 bits of (hi:lo) >> n, 0 < n < 64.
inline std::uint64_t shr128(std::uint64_t hi, std::uint64_t lo, int n) noexcept {
  return (lo >> n) | (hi << (64 - n));
}

inline int clz64(std::uint64_t x) noexcept {  // x != 0
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_clzll(x);
#else
  int n = 0;
  for (; (x >> 63) == 0; x <<= 1) ++n;
  return n;
#endif
}

inline int ctz64(std::uint64_t x) noexcept {  // x != 0
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_ctzll(x);
#else
  int n = 0;
  for (; (x & 1u) == 0; x >>= 1) ++n;
  return n;
#endif
}

// The SWAR code below treats byte 0 of a 64-bit word as the first character in memory.
inline std::uint64_t load_le64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

inline void store_le64(char* p, std::uint64_t v) noexcept {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  std::memcpy(p, &v, 8);
}

inline double bits_to_double(std::uint64_t bits) noexcept {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

inline std::uint64_t double_to_bits(double d) noexcept {
  std::uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

inline constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;
inline constexpr std::uint64_t inf_bits = 0x7FF0000000000000u;
inline constexpr std::uint64_t frac_mask = (std::uint64_t{1} << 52) - 1;

inline bool is_digit(char c) noexcept {
  return static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned{'0'} < 10u;
}

inline unsigned digit_value(char c) noexcept {
  return static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned{'0'};
}

// True when all 8 bytes of v are ASCII digits (each byte: high nibble 3, low nibble + 6 < 16).
inline bool is_eight_digits(std::uint64_t v) noexcept {
  return ((v & 0xF0F0F0F0F0F0F0F0u) | (((v + 0x0606060606060606u) & 0xF0F0F0F0F0F0F0F0u) >> 4)) ==
         0x3333333333333333u;
}

// The value of 8 digit values 0..9 (byte 0 most significant). Step 1 forms 2-digit numbers in
// bytes 0, 2, 4, 6; step 2 combines them with two multiplies whose useful sums land in bits
// 32..63 (no lane overflows: every partial sum stays below 10^8 < 2^32).
inline std::uint32_t eight_digit_value(std::uint64_t v) noexcept {
  v = v * 10 + (v >> 8);
  const std::uint64_t lanes02 = v & 0x000000FF000000FFu;          // pairs 0 and 2
  const std::uint64_t lanes13 = (v >> 16) & 0x000000FF000000FFu;  // pairs 1 and 3
  return static_cast<std::uint32_t>(
      (lanes02 * (100 + (std::uint64_t{1000000} << 32)) + lanes13 * (1 + (std::uint64_t{10000} << 32))) >>
      32);
}

inline std::uint32_t parse_eight_digits(std::uint64_t v) noexcept {  // 8 ASCII digits
  return eight_digit_value(v - 0x3030303030303030u);
}

// Number of leading bytes of v (in memory order) that are ASCII digits, 0..8. With x = v - '0'
// and y = v + 0x46 bytewise, bit 7 of x | y is set exactly for the bytes outside '0'..'9'
// (below: x wraps to 0xD0..0xFF; 0x3A..0xAF: y >= 0x80; 0xB0 and up: x >= 0x80). Borrows and
// carries between bytes start only at such a byte, so they cannot hide the first one.
inline int digit_run_length(std::uint64_t v) noexcept {
  const std::uint64_t bad = ((v - 0x3030303030303030u) | (v + 0x4646464646464646u)) & 0x8080808080808080u;
  return bad == 0 ? 8 : ctz64(bad) / 8;
}

// The value of the first len (1..8) ASCII digits of v. Subtracting '0' can borrow only out of a
// non-digit byte, i.e. into bytes after the run, which the shift discards; the shift moves the
// run to the most significant end over zero digits.
inline std::uint32_t leading_digits_value(std::uint64_t v, int len) noexcept {
  return eight_digit_value((v - 0x3030303030303030u) << (8 * (8 - len)));
}

// The 8 decimal digits of n < 10^8 as byte values 0..9, byte 0 most significant. Each split is a
// multiply-shift that is exact on its range: x*10486 >> 20 == x/100 for x < 10^4 and
// x*103 >> 10 == x/10 for x < 100 (checked exhaustively in tests/unit/number_test.cpp).
inline std::uint64_t split_eight_digits(std::uint32_t n) noexcept {
  const std::uint64_t x = (n / 10000) | (std::uint64_t{n % 10000} << 32);  // 4-digit lanes
  const std::uint64_t hundreds = ((x * 10486) >> 20) & 0x0000007F0000007Fu;
  const std::uint64_t y = hundreds | ((x - hundreds * 100) << 16);  // 2-digit lanes
  const std::uint64_t tens = ((y * 103) >> 10) & 0x000F000F000F000Fu;
  return tens | ((y - tens * 10) << 8);  // 1-digit lanes
}

// ---------------------------------------------------------------------------------------------
// Stage 1: scanning a lexeme
// ---------------------------------------------------------------------------------------------

// value = (-1)^neg * w * 10^q when !truncated; otherwise the exact value lies strictly between
// w * 10^q and (w + 1) * 10^q. w holds the first nd <= 19 significant digits (w < 10^nd) and may
// end in zeros.
struct decimal_parts {
  std::uint64_t w = 0;
  std::int64_t q = 0;
  int nd = 0;
  bool neg = false;
  bool truncated = false;
  // Set only by the one-pass scan, for a grammatical lexeme without an exponent part:
  // 1 = integer ("123"), 2 = with a fraction ("12.30"). The lexeme is then already in fixed
  // notation, which format_lexeme can copy.
  std::uint8_t plain = 0;
};

inline constexpr int max_digits = 19;  // 10^19 - 1 < 2^64

// Appends the digit run at p to w; digits past the 19th only move q (integer part) or set
// `truncated`. Returns the end of the run. frac: the run is after the decimal point.
inline const char* scan_digits(const char* p, const char* end, decimal_parts& r, bool frac) noexcept {
  // Eight at a time while they fit: the common canada.json lexeme has a 15-digit fraction.
  while (r.nd <= max_digits - 8 && end - p >= 8) {
    const std::uint64_t v = load_le64(p);
    if (!is_eight_digits(v)) break;
    r.w = r.w * 100000000u + parse_eight_digits(v);
    r.nd += 8;
    if (frac) r.q -= 8;
    p += 8;
  }
  for (; p != end && is_digit(*p); ++p) {
    if (r.nd < max_digits) {
      r.w = r.w * 10 + digit_value(*p);
      ++r.nd;
      if (frac) --r.q;
    } else {
      if (!frac) ++r.q;
      r.truncated |= *p != '0';
    }
  }
  return p;
}

inline void scan_exponent(const char* p, const char* end, decimal_parts& r) noexcept {
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool eneg = false;
    if (p != end && (*p == '+' || *p == '-')) {
      eneg = *p == '-';
      ++p;
    }
    // Saturate: any |exponent| >= 10^9 under- or overflows whatever the (finite) digits are.
    std::int64_t e = 0;
    for (; p != end && is_digit(*p); ++p)
      if (e < 1000000000) e = e * 10 + digit_value(*p);
    r.q += eneg ? -e : e;
  }
}

// Any length, one digit at a time past the 8-digit blocks. Accepts any text without undefined
// behaviour; for a lexeme of the RFC 8259 grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// the result is exact as documented at decimal_parts.
JSONSIG_NOINLINE inline decimal_parts scan_any(std::string_view lex) noexcept {
  decimal_parts r;
  const char* p = lex.data();
  const char* const end = p + lex.size();
  if (p != end && *p == '-') {
    r.neg = true;
    ++p;
  }
  while (p != end && *p == '0') ++p;  // leading zeros are not significant
  p = scan_digits(p, end, r, false);
  if (p != end && *p == '.') {
    ++p;
    if (r.nd == 0) {  // "0.000123": the zeros only move the decimal point
      const char* z = p;
      while (p != end && *p == '0') ++p;
      r.q -= p - z;
    }
    p = scan_digits(p, end, r, true);
  }
  scan_exponent(p, end, r);
  return r;
}

inline constexpr std::uint32_t small_pow10[9] = {1,      10,      100,      1000,     10000,
                                                 100000, 1000000, 10000000, 100000000};

// 8 bytes of the lexeme from p in memory order, zeros past its end, never reading outside
// [begin, end). Needs end - begin >= 8: near the end it loads the last 8 bytes and shifts.
struct lexeme_reader {
  const char* begin;
  const char* end;
  std::uint64_t load(const char* p) const noexcept {
    if (end - p >= 8) return load_le64(p);
    if (p >= end) return 0;
    return load_le64(end - 8) >> (8 * (8 - (end - p)));
  }
  char at(const char* p) const noexcept { return p < end ? *p : '\0'; }
};

inline constexpr std::uint64_t pow10_u64[17] = {1u,
                                               10u,
                                               100u,
                                               1000u,
                                               10000u,
                                               100000u,
                                               1000000u,
                                               10000000u,
                                               100000000u,
                                               1000000000u,
                                               10000000000u,
                                               100000000000u,
                                               1000000000000u,
                                               10000000000000u,
                                               100000000000000u,
                                               1000000000000000u,
                                               10000000000000000u};

// The common shapes (integer part of at most 18 digits, fraction of at most 16, 19 significant
// digits in all: every number of canada.json, marine_ik.json, mesh.json and numbers.json) take
// one pass: the integer part digit by digit (it is short in practice), the fraction in at most
// two 8-byte blocks with no per-digit loop. Anything else is rescanned by scan_any.
JSONSIG_ALWAYS_INLINE decimal_parts scan(std::string_view lex) noexcept {
  const char* p = lex.data();
  const char* const end = p + lex.size();
  decimal_parts r;
  if (p != end && *p == '-') {
    r.neg = true;
    ++p;
  }
  const char* const int_begin = p;
  std::uint64_t w = 0;
  for (; p != end && is_digit(*p); ++p) w = w * 10 + digit_value(*p);  // wraps only when > 19 digits
  const int int_len = static_cast<int>(p - int_begin);
  if (int_len > 18 || (int_len > 1 && *int_begin == '0')) return scan_any(lex);
  r.w = w;
  r.nd = w != 0 ? int_len : 0;  // "0" is not a significant digit
  const bool has_point = p != end && *p == '.';
  if (has_point) {
    ++p;
    if (end - p < 8 || lex.size() < 8) {  // short: digit by digit (few digits)
      if (r.nd == 0)
        for (; p != end && *p == '0'; ++p) --r.q;
      const char* const f = p;
      for (; p != end && is_digit(*p); ++p) w = w * 10 + digit_value(*p);
      const int len = static_cast<int>(p - f);
      if (r.nd + len > max_digits) return scan_any(lex);
      r.w = w;
      r.nd += len;
      r.q -= len;
    } else {
      const lexeme_reader in{lex.data(), end};
      if (r.nd == 0) {  // "0.000123": the zeros only move the decimal point
        for (;;) {
          const std::uint64_t v = in.load(p);
          const std::uint64_t nonzero = v ^ 0x3030303030303030u;  // zero bytes where v has '0'
          const int z = nonzero == 0 ? 8 : ctz64(nonzero) / 8;
          p += z;
          r.q -= z;
          if (z < 8) break;
        }
      }
      const std::uint64_t v1 = in.load(p);
      const int len1 = digit_run_length(v1);
      std::uint64_t frac;
      int len = len1;
      if (len1 == 8) {
        const std::uint64_t v2 = in.load(p + 8);
        const int len2 = digit_run_length(v2);
        if (len2 == 8) return scan_any(lex);
        frac = std::uint64_t{parse_eight_digits(v1)} * small_pow10[len2];
        if (len2 != 0) frac += leading_digits_value(v2, len2);
        len += len2;
      } else {
        frac = len1 != 0 ? leading_digits_value(v1, len1) : 0;
      }
      if (r.nd + len > max_digits) return scan_any(lex);
      r.w = w * pow10_u64[len] + frac;
      r.nd += len;
      r.q -= len;
      p += len;
    }
  }
  if (p != end) {
    scan_exponent(p, end, r);
  } else {
    r.plain = static_cast<std::uint8_t>(int_len == 0 || p[-1] == '.' ? 0 : has_point ? 2 : 1);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Stage 2a: decimal -> double (correctly rounded, ties to even)
// ---------------------------------------------------------------------------------------------

// v = c * 2^q for a finite nonzero double (sign dropped).
struct binary_fp {
  std::uint64_t c;
  int q;
};

inline binary_fp decompose(double v) noexcept;

inline const u128_pair& pow10_entry(int e) noexcept {  // e in [pow10_min_exp, pow10_max_exp]
  return pow10_significands[e - pow10_min_exp];
}

// Eisel-Lemire: the double nearest to w * 10^q, or false when the 128-bit truncated product
// cannot decide the rounding (then the caller uses an exact method). Follows the formulation in
// Nigel Tao, "The Eisel-Lemire ParseNumberF64 Algorithm" (2020): since the table significands
// are rounded down, the true product lies in [P, P + w) and a carry into the kept bits is only
// possible when the checked bits are all ones. Requires w != 0 and q in [-342, 308].
JSONSIG_ALWAYS_INLINE bool eisel_lemire(std::uint64_t w, int q, binary_fp& out) noexcept {
  const int lz = clz64(w);
  w <<= lz;
  // 217706 / 2^16 approximates log2(10); floor(q * log2 10) is exact on [-342, 324]
  // (checked by scripts/gen_pow10_table.py).
  std::uint64_t exp2 =
      static_cast<std::uint64_t>(((217706 * q) >> 16) + 64 + 1023) - static_cast<std::uint64_t>(lz);
  const u128_pair& t = pow10_entry(q);
  u128 x = umul128(w, t.hi);
  if ((x.hi & 0x1FF) == 0x1FF && x.lo + w < x.lo) {
    const u128 y = umul128(w, t.lo);
    u128 merged{x.hi, x.lo + y.hi};
    if (merged.lo < x.lo) ++merged.hi;
    if ((merged.hi & 0x1FF) == 0x1FF && merged.lo + 1 == 0 && y.lo + w < y.lo) return false;
    x = merged;
  }
  const std::uint64_t msb = x.hi >> 63;
  std::uint64_t mant = x.hi >> (msb + 9);  // 54 bits: 53 kept + 1 rounding bit
  exp2 -= 1 ^ msb;
  // Exactly halfway in the product with an even result: the true value may be above it
  // (truncated table) or exactly on it (ties to even); do not guess.
  if (x.lo == 0 && (x.hi & 0x1FF) == 0 && (mant & 3) == 1) return false;
  mant += mant & 1;
  mant >>= 1;
  if ((mant >> 53) != 0) {
    mant >>= 1;
    ++exp2;
  }
  if (exp2 - 1 >= 0x7FF - 1) return false;  // subnormal or overflow: leave it to the exact path
  out = {mant, static_cast<int>(exp2) - 1075};  // mant has its hidden bit: 2^52 <= mant < 2^53
  return true;
}

inline double compose(const binary_fp& b, bool neg) noexcept {  // a normal double
  const std::uint64_t bits = (static_cast<std::uint64_t>(b.q + 1075) << 52) | (b.c & frac_mask);
  return bits_to_double(bits | (neg ? sign_bit : 0));
}

// ---- Exact fallback by big-integer comparison (Clinger's "AlgorithmR" idea, bounded) ----------
//
// For the rare lexemes the fast paths leave (Eisel-Lemire ambiguous, more than 19 digits whose
// tail matters, subnormal or near-overflow results): start from an estimate within one unit in
// the last place, then move to a neighbour while the exact decimal value lies beyond the
// midpoint on that side (ties to the even significand, IEEE 754 roundTiesToEven).

// Unsigned big integer, 32-bit limbs, little-endian. 4096 bits bound every operand below: the
// kept digits (at most 801, 2661 bits) scaled by at most 5^1125 or 2^1100 stay under 2800 bits.
class bigint {
 public:
  static constexpr int capacity = 128;

  explicit bigint(std::uint64_t v = 0) noexcept {
    limb_[0] = static_cast<std::uint32_t>(v);
    limb_[1] = static_cast<std::uint32_t>(v >> 32);
    n_ = limb_[1] != 0 ? 2 : limb_[0] != 0 ? 1 : 0;
  }

  void mul_add(std::uint32_t m, std::uint32_t add) noexcept {  // *this = *this * m + add
    std::uint64_t carry = add;
    for (int i = 0; i < n_; ++i) {
      const std::uint64_t t = std::uint64_t{limb_[i]} * m + carry;
      limb_[i] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    if (carry != 0 && n_ < capacity) limb_[n_++] = static_cast<std::uint32_t>(carry);
  }

  void mul_pow5(int e) noexcept {
    for (; e >= 13; e -= 13) mul_add(1220703125u, 0);  // 5^13 < 2^32
    std::uint32_t m = 1;
    for (; e > 0; --e) m *= 5;
    mul_add(m, 0);
  }

  void shift_left(int bits) noexcept {
    if (n_ == 0) return;
    const int words = bits / 32, rem = bits % 32;
    if (n_ + words + 1 > capacity) return;  // cannot happen within the documented bounds
    if (rem != 0) {
      limb_[n_] = 0;
      for (int i = n_; i > 0; --i) limb_[i] = (limb_[i] << rem) | (limb_[i - 1] >> (32 - rem));
      limb_[0] <<= rem;
      ++n_;
      if (limb_[n_ - 1] == 0) --n_;
    }
    if (words != 0) {
      for (int i = n_ - 1; i >= 0; --i) limb_[i + words] = limb_[i];
      for (int i = 0; i < words; ++i) limb_[i] = 0;
      n_ += words;
    }
  }

  friend int compare(const bigint& a, const bigint& b) noexcept {
    if (a.n_ != b.n_) return a.n_ < b.n_ ? -1 : 1;
    for (int i = a.n_ - 1; i >= 0; --i)
      if (a.limb_[i] != b.limb_[i]) return a.limb_[i] < b.limb_[i] ? -1 : 1;
    return 0;
  }

 private:
  std::uint32_t limb_[capacity + 1] = {};
  int n_ = 0;
};

// The decimal value D * 10^E of a lexeme: its first 800 significant digits, and when a nonzero
// digit follows them one more digit 1, which keeps every comparison with a double midpoint (at
// most 767 significant digits) on the correct side.
struct exact_decimal {
  bigint d;
  std::int64_t e = 0;
  bool zero = true;
};

inline exact_decimal read_exact(std::string_view lex) noexcept {
  constexpr int max_kept = 800;
  exact_decimal x;
  const char* p = lex.data();
  const char* const end = p + lex.size();
  if (p != end && *p == '-') ++p;
  int kept = 0;
  bool sticky = false, frac = false;
  std::uint32_t chunk = 0;
  int chunk_len = 0;
  for (; p != end; ++p) {
    if (*p == '.') {
      frac = true;
      continue;
    }
    if (!is_digit(*p)) break;
    const unsigned dv = digit_value(*p);
    if (kept == 0 && dv == 0) {  // a leading zero: only moves the point when in the fraction
      x.e -= frac;
      continue;
    }
    if (kept < max_kept) {
      chunk = chunk * 10 + dv;
      if (++chunk_len == 9) {
        x.d.mul_add(1000000000u, chunk);
        chunk = 0;
        chunk_len = 0;
      }
      ++kept;
      x.e -= frac;
    } else {
      sticky |= dv != 0;
      x.e += !frac;
    }
  }
  if (chunk_len != 0) x.d.mul_add(small_pow10[chunk_len], chunk);
  if (sticky) {
    x.d.mul_add(10, 1);
    --x.e;
  }
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool eneg = false;
    if (p != end && (*p == '+' || *p == '-')) {
      eneg = *p == '-';
      ++p;
    }
    std::int64_t ev = 0;
    for (; p != end && is_digit(*p); ++p)
      if (ev < 1000000000) ev = ev * 10 + digit_value(*p);
    x.e += eneg ? -ev : ev;
  }
  x.zero = kept == 0;
  return x;
}

// sign(D * 10^E - (2c + 1) * 2^(q - 1)): the decimal against the midpoint above c * 2^q.
inline int compare_with_midpoint(const exact_decimal& x, std::uint64_t c, int q) noexcept {
  bigint a = x.d, b(2 * c + 1);
  const int e = static_cast<int>(x.e);
  if (e >= 0) a.mul_pow5(e);
  else b.mul_pow5(-e);
  const int t = e - (q - 1);  // remaining power of two, on a's side
  if (t >= 0) a.shift_left(t);
  else b.shift_left(-t);
  return compare(a, b);
}

inline binary_fp decompose_bits(std::uint64_t bits) noexcept {  // bits of a non-negative double
  const std::uint64_t frac = bits & frac_mask;
  const int be = static_cast<int>(bits >> 52);
  if (be == 0) return {frac, -1074};
  return {frac | (std::uint64_t{1} << 52), be - 1075};
}

// Bits of a non-negative double within one unit in the last place of w * 10^q (w != 0, q in
// [-342, 308]): Eisel-Lemire's first product, with subnormal and overflow results kept.
inline std::uint64_t estimate_bits(std::uint64_t w, int q) noexcept {
  const int lz = clz64(w);
  w <<= lz;
  const u128 x = umul128(w, pow10_entry(q).hi);
  const int msb = static_cast<int>(x.hi >> 63);
  std::uint64_t mant = x.hi >> (msb + 9);  // 54 bits
  int exp2 = ((217706 * q) >> 16) + 64 + 1023 - lz - (1 ^ msb);
  if (exp2 <= 0) {  // subnormal: the bit pattern is the significand itself
    const int shift = 1 - exp2;
    if (shift >= 60) return 0;
    return ((mant >> shift) + 1) >> 1;  // may carry into 2^52: the smallest normal, still right
  }
  mant = (mant + 1) >> 1;
  if ((mant >> 53) != 0) {
    mant >>= 1;
    ++exp2;
  }
  if (exp2 >= 0x7FF) return inf_bits;
  return (static_cast<std::uint64_t>(exp2) << 52) | (mant & frac_mask);
}

// The correctly rounded double (magnitude bits; the caller applies the sign) of a lexeme whose
// decimal exponent is in range (w != 0, q in [-342, 308] as scanned).
inline std::uint64_t exact_bits(std::string_view lex, const decimal_parts& r) noexcept {
  const exact_decimal x = read_exact(lex);
  if (x.zero) return 0;
  std::uint64_t bits = estimate_bits(r.w, static_cast<int>(r.q));
  for (int step = 0; step < 8; ++step) {  // the estimate is off by at most one step
    if (bits < inf_bits) {
      const binary_fp b = decompose_bits(bits);
      const int cmp = compare_with_midpoint(x, b.c, b.q);
      if (cmp > 0 || (cmp == 0 && (b.c & 1) != 0)) {
        ++bits;  // DBL_MAX + 1 ulp is the bit pattern of infinity
        continue;
      }
    }
    if (bits > 0) {
      const binary_fp below = decompose_bits(bits - 1);
      const int cmp = compare_with_midpoint(x, below.c, below.q);
      if (cmp < 0 || (cmp == 0 && (below.c & 1) == 0)) {
        --bits;
        continue;
      }
    }
    break;
  }
  return bits;
}

inline double exact_fallback(std::string_view lex, const decimal_parts& r) noexcept {
  const std::uint64_t sign = r.neg ? sign_bit : 0;
#if defined(__cpp_lib_to_chars)
  // The standard library's correctly rounded parser (libstdc++ 12: fast_float) is faster on
  // subnormals; exact_bits is used where it is missing (and tested against it everywhere).
  double d = 0;
  const std::from_chars_result res = std::from_chars(lex.data(), lex.data() + lex.size(), d);
  if (res.ec == std::errc::result_out_of_range) {
    // Reported for underflow to zero and overflow to infinity alike (d is left unchanged);
    // the decimal exponent tells which: overflow needs a value >= 1.
    const bool big = static_cast<std::int64_t>(r.nd) + r.q > 0;
    return bits_to_double((big ? inf_bits : 0) | sign);
  }
  if (res.ec == std::errc{}) return d;
#endif
  return bits_to_double(exact_bits(lex, r) | sign);
}

enum class value_kind { zero, finite, infinite };

// The double nearest to r: its kind, and c, q when finite and nonzero (sign in r.neg).
JSONSIG_ALWAYS_INLINE value_kind convert(const decimal_parts& r, std::string_view lex, binary_fp& out) noexcept {
  if (r.w == 0) return value_kind::zero;
#if FLT_EVAL_METHOD == 0  // no excess precision: one IEEE multiply or divide rounds once
  // Clinger's fast path: w and 10^|q| are exact doubles, so one correctly rounded operation.
  static constexpr double exact_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                           1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                           1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (!r.truncated && r.w <= (std::uint64_t{1} << 53) && r.q >= -22 && r.q <= 22) {
    const double d = static_cast<double>(r.w);
    out = decompose(r.q < 0 ? d / exact_pow10[-r.q] : d * exact_pow10[r.q]);
    return value_kind::finite;
  }
#endif
  // w < 10^19, so below 10^-343 the value is under half the smallest subnormal (2.47e-324),
  // and at 10^309 and above it is beyond DBL_MAX (even when digits were dropped).
  if (r.q < pow10_min_exp) return value_kind::zero;
  if (r.q > 308) return value_kind::infinite;
  if (eisel_lemire(r.w, static_cast<int>(r.q), out)) {
    binary_fp upper{};
    // Dropped digits: the value lies in (w, w+1) * 10^q; rounding is monotonic, so equal
    // results at both ends decide it.
    if (!r.truncated || (eisel_lemire(r.w + 1, static_cast<int>(r.q), upper) && upper.c == out.c && upper.q == out.q))
      return value_kind::finite;
  }
  const double d = exact_fallback(lex, r);
  if (d == 0) return value_kind::zero;
  if (d - d != 0) return value_kind::infinite;
  out = decompose(d);
  return value_kind::finite;
}

JSONSIG_ALWAYS_INLINE double to_double(const decimal_parts& r, std::string_view lex) noexcept {
  binary_fp b{};
  switch (convert(r, lex, b)) {
    case value_kind::zero:
      return bits_to_double(r.neg ? sign_bit : 0);
    case value_kind::infinite:
      return bits_to_double(inf_bits | (r.neg ? sign_bit : 0));
    case value_kind::finite:
      break;
  }
  const double d = b.c < (std::uint64_t{1} << 52) ? bits_to_double(b.c) : compose(b, false);  // subnormal: q = -1074
  return r.neg ? -d : d;
}

// ---------------------------------------------------------------------------------------------
// Stage 2b: double -> shortest digits (Schubfach)
// ---------------------------------------------------------------------------------------------

// value = f * 10^e; f < 10^17 and may end in zeros.
struct decimal_fp {
  std::uint64_t f;
  int e;
};

// Fixed-point logarithms, exact on the ranges used (checked by scripts/gen_pow10_table.py).
// Right shifts of negative values are arithmetic on every compiler this library supports
// (implementation-defined before C++20, and defined as such by GCC, Clang and MSVC).
inline int flog10_pow2(int q) noexcept {  // floor(q log10 2), q in [-1077, 972]
  return static_cast<int>((std::int64_t{q} * 661971961083) >> 41);
}
inline int flog10_three_quarters_pow2(int q) noexcept {  // floor(log10(3/4 * 2^q))
  return static_cast<int>((std::int64_t{q} * 661971961083 - 274743187321) >> 41);
}
inline int flog2_pow10(int e) noexcept {  // floor(e log2 10), e in [-342, 324]
  return static_cast<int>((std::int64_t{e} * 913124641741) >> 38);
}

inline constexpr std::uint64_t mask63 = (std::uint64_t{1} << 63) - 1;

// Schubfach's r_o(cp * g * 2^-127): the floor, with the lowest bit set when inexact ("round to
// odd"), where g = g1 * 2^63 + g0 (paper §9.9, figure 8).
inline std::uint64_t round_to_odd(std::uint64_t g1, std::uint64_t g0, std::uint64_t cp) noexcept {
  const std::uint64_t x1 = umul128(g0, cp).hi;
  const u128 y = umul128(g1, cp);
  const std::uint64_t z = (y.lo >> 1) + x1;
  const std::uint64_t vbp = y.hi + (z >> 63);
  return vbp | (((z & mask63) + mask63) >> 63);
}

// The shortest decimal in the rounding interval of v = c * 2^q (c > 0), the closest to v when
// several have that length, the even one on a tie: ECMA-262 Number::toString step 5 and
// CPython's repr (dtoa mode 0) ask for exactly this. Giulietti's algorithm for binary64, minus
// Java's rule that a result has at least 2 digits: Java widens the search for c < 3 subnormals
// (printing 4.9E-324) and skips the one-digit-shorter candidates when s < 100; here the shorter
// candidates are always tried, which is what makes 5e-324 and 1e-323 come out. Ryu (libstdc++'s
// std::to_chars) makes the same choices: number_test compares the two on 340k doubles, and the
// goldens compare both routes with node and CPython; no difference has been found.
JSONSIG_ALWAYS_INLINE decimal_fp shortest(std::uint64_t c, int q) noexcept {
  constexpr int q_min = -1074;
  constexpr std::uint64_t c_min = std::uint64_t{1} << 52;
  const std::uint64_t out = c & 1;  // odd significand: interval ends excluded
  const std::uint64_t cb = c << 2;
  const std::uint64_t cbr = cb + 2;
  std::uint64_t cbl;
  int k;
  if (c != c_min || q == q_min) {
    cbl = cb - 2;
    k = flog10_pow2(q);
  } else {  // at a power of two the lower neighbour is twice as close
    cbl = cb - 1;
    k = flog10_three_quarters_pow2(q);
  }
  const int h = q + flog2_pow10(-k) + 2;  // in [1, 4]
  // g = floor(10^-k * 2^-r) + 1 on 126 bits = (T >> 2) + 1 for the 128-bit truncated T, split
  // as g1 * 2^63 + g0. The +1 never carries out of the low 63 bits: no entry of the table has
  // them all ones (scripts/gen_pow10_table.py asserts it; number_test re-checks every entry).
  const u128_pair& t = pow10_entry(-k);
  const std::uint64_t g1 = t.hi >> 1;
  const std::uint64_t g0 = (((t.lo >> 2) | (t.hi << 62)) & mask63) + 1;

  const std::uint64_t vb = round_to_odd(g1, g0, cb << h);
  const std::uint64_t vbl = round_to_odd(g1, g0, cbl << h);
  const std::uint64_t vbr = round_to_odd(g1, g0, cbr << h);

  const std::uint64_t s = vb >> 2;
  // One digit shorter: the interval is narrower than 10^(k+1), so at most one multiple of
  // 10^(k+1) lies in it (paper §9.3).
  const std::uint64_t sp10 = s / 10 * 10;
  const std::uint64_t tp10 = sp10 + 10;
  const bool upin = vbl + out <= sp10 << 2;
  const bool wpin = (tp10 << 2) + out <= vbr;
  if (upin != wpin) return {upin ? sp10 : tp10, k};
  // Otherwise s * 10^k or (s + 1) * 10^k; both can be inside, then the closer (even on a tie).
  // (A branchless selection measured no faster on canada.json.)
  const std::uint64_t tt = s + 1;
  const bool uin = vbl + out <= s << 2;
  const bool win = (tt << 2) + out <= vbr;
  if (uin != win) return {uin ? s : tt, k};
  const std::uint64_t mid = (s + tt) << 1;  // 4 * (s + 1/2)
  const bool pick_s = vb < mid || (vb == mid && (s & 1) == 0);
  return {pick_s ? s : tt, k};
}

inline binary_fp decompose(double v) noexcept {
  const std::uint64_t bits = double_to_bits(v);
  const std::uint64_t frac = bits & frac_mask;
  const int be = static_cast<int>((bits >> 52) & 0x7FF);
  if (be == 0) return {frac, -1074};
  return {frac | (std::uint64_t{1} << 52), be - 1075};
}

// v finite and nonzero (sign ignored).
JSONSIG_ALWAYS_INLINE decimal_fp shortest(double v) noexcept {
  const binary_fp b = decompose(v);
  // Integers below 2^53 are their own shortest form (interval half-width <= 1/2): a shortcut
  // for the builder API, where doubles are often small integers.
  if (b.q < 0 && b.q > -53) {
    const std::uint64_t f = b.c >> -b.q;
    if ((f << -b.q) == b.c) return {f, 0};
  }
  return shortest(b.c, b.q);
}

// ---------------------------------------------------------------------------------------------
// Stage 2c: lexeme -> shortest digits in one step, for 16 and 17 significant digits
// ---------------------------------------------------------------------------------------------

// Most long lexemes (canada.json: 17 digits such as 43.420273000000009) were printed by some
// program with 17 digits and have a shorter form. The input decimal D = w * 10^q is a point of
// the grid w' * 10^q, and so is the answer: the rounding interval of x = round(D) is one ulp
// wide, 0.11 to 22.2 grid steps for 16 or 17 digits, and it contains D, so the shortest decimal
// in it is the grid point there with the most trailing zeros (a decimal with fewer significant
// digits is a multiple of a larger power of ten; one finer than the grid has more digits than
// D). Of the points with the most trailing zeros, the one closest to x (ECMA-262
// Number::toString step 5, CPython's dtoa mode 0; print_digits later drops the zeros).
//
// Instead of Eisel-Lemire's product followed by Schubfach's three, this takes Eisel-Lemire's
// full 192-bit product, whose bits below the significand are D - x, and one more 64-bit product
// that turns them into grid steps; then integer arithmetic with no data-dependent branch (the
// general route's branches mispredict on data like canada.json's, and its dependency chain is
// longer). Positions are in grid steps from W - 1000, W = w - w mod 100, with 40 fraction bits:
//   X:      x, in [977, 1123) steps;  RG: half an ulp, at most 11.1 steps;
//   range:  the grid points in [X - RG, X + RG];
//   digits: that range is narrower than 23 steps, so a multiple of 100 in it is the only one
//           and has the most trailing zeros; else the multiples of 10 there, else all the
//           points; of those, the nearest to X. All three scales are computed and the answer
//           is selected with masks.
// Scaling: a unit of rem is 2^(e2-53) (e2: the exponent of x's last significand bit), a grid
// step 10^q, so a unit is 2^(e2-53) * 10^-q steps; with 10^-q = M * 2^(f-63), M the high word of
// the table entry of -q and f = floor(-q log2 10), rem * 2^40 units = (rem * M) >> (s + 64) steps
// where s = 12 - f - e2 = lz + (1 - msb) + (q != 0) (as floor(a) + floor(-a) = -1 for the
// non-integer a = q log2 10), in [7, 16].
// Error bound: rem is below the exact D - x by less than 2 units (truncated table entry and
// product), 2 units are under 2^-47 steps, and each truncated product or shift loses less than
// 2^-40 steps: X and RG are within 2^-38 of the truth. Every decision is kept 2^-30 away from a
// tie or an integer; otherwise (an end of the interval on or next to a grid point, where ties
// to even and which end is closed would matter; x next to a grid point or halfway between two)
// and where the estimate does not apply (x at a power of two, where the interval is lopsided;
// a result of 10^17 or more) this returns false and the caller takes the general route. (A
// carry out of the truncated part of the product moves the 138-bit prefix that holds c, the
// rounding bit and rem by one unit at most, which the margins cover; where it would flip msb,
// c is 2^53 and refused.) number_test checks this path against that route and
// against Ryu.
// Requires 10^15 <= w < 10^17 (all the digits, none dropped) and q in [-322, 290], so that
// 10^-307 <= D < 10^307 and x is a normal double.
// low2 = w mod 100; tail: f - (w - low2), the new last two digits when below 100 (no carry into
// the others).
JSONSIG_ALWAYS_INLINE bool shortest_on_grid(std::uint64_t w, std::uint64_t low2, int q,
                                            decimal_fp& out, std::uint64_t& tail) noexcept {
  const int lz = clz64(w);  // 7..14
  const std::uint64_t wn = w << lz;
  const u128_pair& t = pow10_entry(q);
  const u128 x = umul128(wn, t.hi);
  const u128 y = umul128(wn, t.lo);
  // P = wn * T = p2:p1:p0 (192 bits; p0 is not needed). The exact product is below P + 2^64.
  const std::uint64_t p1 = x.lo + y.hi;
  const std::uint64_t p2 = x.hi + (p1 < x.lo ? 1u : 0u);
  const int msb = static_cast<int>(p2 >> 63);  // P >= 2^190
  // The 53 top bits of P are x's significand rounded down, the next one the rounding bit; a unit
  // is bit 85 + msb of P, so the 53 bits below the significand give rem = D - (x rounded down)
  // in units.
  const std::uint64_t rem = shr128(p2, p1, 21 + msb) & ((std::uint64_t{1} << 53) - 1);
  const std::uint64_t up = rem >> 52;  // the rounding bit: x = D - rem + 2^53 units
  const std::uint64_t c = (p2 >> (10 + msb)) + up;
  const std::uint64_t m = pow10_entry(-q).hi;
  const int s = lz + (1 - msb) + (q != 0 ? 1 : 0);
  constexpr int fb = 40;                                     // fraction bits
  const std::uint64_t rg = m >> (s + 12);                    // 2^52 units
  const std::uint64_t low = low2 + 1000;
  const std::uint64_t xs = (low << fb) - (umul128(rem, m).hi >> s) + ((rg << 1) & (0 - up));
  const std::uint64_t lo_end = xs - rg, hi_end = xs + rg;
  // Floors at scale 1, 10 and 100 (x * 52429 >> 19 == x / 10 and x * 5243 >> 19 == x / 100
  // below 43699; here x < 1200).
  const std::uint64_t l1 = lo_end >> fb, h1 = hi_end >> fb;
  const std::uint64_t l10 = (l1 * 52429) >> 19, h10 = (h1 * 52429) >> 19;
  const std::uint64_t l100 = (l1 * 5243) >> 19, h100 = (h1 * 5243) >> 19;
  const std::uint64_t x1 = xs >> fb;
  const std::uint64_t near1 = (xs + (std::uint64_t{1} << (fb - 1))) >> fb;
  const std::uint64_t near10 = ((x1 + 5) * 52429) >> 19;  // round(X / 10) = floor((floor(X) + 5) / 10)
  // Candidates (l, h] at each scale; the nearest clamped into them.
  const std::uint64_t m1 = near1 <= l1 ? l1 + 1 : near1 > h1 ? h1 : near1;
  const std::uint64_t m10 = near10 <= l10 ? l10 + 1 : near10 > h10 ? h10 : near10;
  const std::uint64_t has10 = 0 - static_cast<std::uint64_t>(h10 > l10);  // all ones or zero
  const std::uint64_t has100 = 0 - static_cast<std::uint64_t>(h100 > l100);
  std::uint64_t v = m1;
  v ^= (v ^ (m10 * 10)) & has10;
  v ^= (v ^ (h100 * 100)) & has100;
  const std::uint64_t f = w - low + v;
  // Within eps of a multiple of `period` (a power of two): (v + eps) mod period < 2 eps.
  constexpr std::uint64_t one = std::uint64_t{1} << fb, eps = one >> 30;
  const auto near_multiple = [](std::uint64_t pos, std::uint64_t period) {
    return ((pos + eps) & (period - 1)) < 2 * eps;
  };
  // A power of two (c is 2^52 or, rounded up, 2^53); the ends near an integer; X near an
  // integer or a half.
  if (JSONSIG_UNLIKELY((c & frac_mask) == 0 || near_multiple(lo_end, one) ||
                       near_multiple(hi_end, one) || near_multiple(xs, one / 2) ||
                       f >= pow10_u64[16] * 10))
    return false;
  out = {f, q};
  tail = v - 1000;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Stage 3: layout
// ---------------------------------------------------------------------------------------------

// 17 digit places, then '0' padding so that "digits followed by zeros" up to 21 characters is a
// plain copy from the first significant digit.
struct digit_buffer {
  char b[48];
};

struct digit_run {
  const char* first;  // first significant digit
  int k;              // significant digits, trailing zeros excluded
  int nd;             // digits of f (k plus its trailing zeros)
};

#if JSONSIG_X86_SIMD
// The 16 decimal digits of v < 10^16 as byte values 0..9, most significant first, with SSE2
// (baseline on x86-64): the two 8-digit halves are split into 4-, 2- and 1-digit lanes in
// parallel by multiply-shift divisions, each exact on its range (x < 2^32: x*0xD1B71759 >> 45 ==
// x/10000; x < 43699: x*5243 >> 19 == x/100; x < 16389: x*6554 >> 16 == x/10).
inline __m128i sixteen_digit_values(std::uint64_t v) noexcept {
  const std::uint64_t hi = v / 100000000, lo = v % 100000000;
  const __m128i x = _mm_set_epi64x(static_cast<long long>(lo), static_cast<long long>(hi));
  const __m128i q4 = _mm_srli_epi64(_mm_mul_epu32(x, _mm_set1_epi32(static_cast<int>(0xD1B71759u))), 45);
  const __m128i r4 = _mm_sub_epi32(x, _mm_mul_epu32(q4, _mm_set1_epi32(10000)));
  const __m128i y = _mm_or_si128(q4, _mm_slli_epi64(r4, 32));  // 32-bit lanes < 10^4
  const __m128i q2 = _mm_srli_epi16(_mm_mulhi_epu16(y, _mm_set1_epi16(5243)), 3);
  const __m128i r2 = _mm_sub_epi16(y, _mm_mullo_epi16(q2, _mm_set1_epi16(100)));
  const __m128i z = _mm_or_si128(q2, _mm_slli_epi32(r2, 16));  // 16-bit lanes < 100
  const __m128i q1 = _mm_mulhi_epu16(z, _mm_set1_epi16(6554));
  const __m128i r1 = _mm_sub_epi16(z, _mm_mullo_epi16(q1, _mm_set1_epi16(10)));
  return _mm_or_si128(q1, _mm_slli_epi16(r1, 8));  // bytes < 10
}
#endif

// Writes f < 10^17 right-aligned in 17 places; finds its first and last nonzero digits from the
// digit byte values, so neither a digit count nor a division loop is needed.
JSONSIG_ALWAYS_INLINE digit_run print_digits(std::uint64_t f, digit_buffer& buf) noexcept {
  int lead, trail;
#if JSONSIG_X86_SIMD
  const std::uint64_t top = f / 10000000000000000u;
  const __m128i d = sixteen_digit_values(f - top * 10000000000000000u);
  const __m128i ascii0 = _mm_set1_epi8('0');
  buf.b[0] = static_cast<char>('0' + top);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(buf.b + 1), _mm_add_epi8(d, ascii0));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(buf.b + 17), ascii0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(buf.b + 32), ascii0);
  // bit i set when digit i of the low 16 is nonzero
  const unsigned nz = ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(d, _mm_setzero_si128()))) & 0xFFFFu;
  if (top != 0) lead = 0;
  else lead = 1 + ctz64(nz);  // f != 0
  trail = nz != 0 ? clz64(nz) - 48 : 16;
#else
  const std::uint64_t hi9 = f / 100000000;
  const std::uint32_t top = static_cast<std::uint32_t>(hi9 / 100000000);
  const std::uint64_t mid = split_eight_digits(static_cast<std::uint32_t>(hi9 % 100000000));
  const std::uint64_t low = split_eight_digits(static_cast<std::uint32_t>(f % 100000000));
  constexpr std::uint64_t ascii0 = 0x3030303030303030u;
  buf.b[0] = static_cast<char>('0' + top);
  store_le64(buf.b + 1, mid + ascii0);
  store_le64(buf.b + 9, low + ascii0);
  store_le64(buf.b + 17, ascii0);
  store_le64(buf.b + 25, ascii0);
  store_le64(buf.b + 33, ascii0);
  if (top != 0) lead = 0;
  else if (mid != 0) lead = 1 + ctz64(mid) / 8;
  else lead = 9 + ctz64(low) / 8;  // f != 0
  if (low != 0) trail = clz64(low) / 8;
  else if (mid != 0) trail = 8 + clz64(mid) / 8;
  else trail = 16;
#endif
  return {buf.b + lead, 17 - lead - trail, 17 - lead};
}

// The layouts copy fixed-size blocks (8, 16 or 24 bytes: plain moves, no memcpy call) and then
// advance by the real length. Worst cases, with s = 1 for a sign: "0." + 5 zeros + a 24-byte
// block is s + 31 bytes; every other case stays below s + 26. Hence number_buf_size = 32. The
// source d always has 24 readable bytes (digit_buffer).
template <std::size_t N>
inline void copy_block(char* o, const char* d) noexcept {
  std::memcpy(o, d, N);
}

// d[0..n) '.' d[n..k) for 0 < n < k <= 17: the tail is at most 8 bytes when n >= 9.
inline char* write_point_inside(char* o, const char* d, int k, int n) noexcept {
  copy_block<16>(o, d);
  o[n] = '.';
  if (k - n <= 8) copy_block<8>(o + n + 1, d + n);
  else copy_block<16>(o + n + 1, d + n);
  return o + k + 1;
}

// "0." then z (0..5) zeros then d[0..k).
inline char* write_leading_zeros(char* o, const char* d, int k, int z) noexcept {
  store_le64(o, 0x3030303030302E30u);  // "0.000000" in memory order
  copy_block<24>(o + 2 + z, d);
  return o + 2 + z + k;
}

inline char* write_exponent(char* o, int e, bool two_digits_min) noexcept {
  if (e < 0) {
    *o++ = '-';
    e = -e;
  } else {
    *o++ = '+';
  }
  const unsigned u = static_cast<unsigned>(e);
  if (u >= 100) {
    *o++ = static_cast<char>('0' + u / 100);
    *o++ = static_cast<char>('0' + u / 10 % 10);
  } else if (u >= 10 || two_digits_min) {
    *o++ = static_cast<char>('0' + u / 10);
  }
  *o++ = static_cast<char>('0' + u % 10);
  return o;
}

// d[0] '.' d[1..k) (or just d[0]), then 'e' and the exponent of 10^(n-1).
inline char* write_scientific(char* o, const char* d, int k, int n, bool py) noexcept {
  o[0] = d[0];
  o[1] = '.';
  copy_block<16>(o + 2, d + 1);
  o += k > 1 ? k + 1 : 1;
  *o++ = 'e';
  return write_exponent(o, n - 1, py);
}

// ECMA-262 Number::toString(x) steps 6-10 for x = 0.d[0..k) * 10^n, with 1 <= k <= 17 and
// d[k..24) '0'.
JSONSIG_ALWAYS_INLINE std::size_t layout_es(bool neg, const char* d, int k, int n, char* out) noexcept {
  char* o = out;
  *o = '-';
  o += neg;
  if (n > 0 && n <= 21) {
    if (k <= n) {  // the digits, then n - k zeros
      copy_block<24>(o, d);
      o += n;
    } else {
      o = write_point_inside(o, d, k, n);
    }
  } else if (n <= 0 && n > -6) {
    o = write_leading_zeros(o, d, k, -n);
  } else {
    o = write_scientific(o, d, k, n, false);
  }
  return static_cast<std::size_t>(o - out);
}

// CPython's repr: PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0) formats the digits of
// _Py_dg_dtoa mode 0 with decpt = n: exponent form when n <= -4 or n > 16, sign always and at
// least two exponent digits; otherwise fixed with at least one digit after the point.
JSONSIG_ALWAYS_INLINE std::size_t layout_py(bool neg, const char* d, int k, int n, char* out) noexcept {
  char* o = out;
  *o = '-';
  o += neg;
  if (n > -4 && n <= 16) {
    if (n <= 0) {
      o = write_leading_zeros(o, d, k, -n);
    } else if (k <= n) {
      copy_block<16>(o, d);
      o += n;
      o[0] = '.';
      o[1] = '0';
      o += 2;
    } else {
      o = write_point_inside(o, d, k, n);
    }
  } else {
    o = write_scientific(o, d, k, n, true);
  }
  return static_cast<std::size_t>(o - out);
}

enum class style { es, py };

inline std::size_t write_zero(style st, bool neg, char* out) noexcept {
  if (st == style::es) {  // ECMA-262 step 2: -0 prints "0"
    out[0] = '0';
    return 1;
  }
  std::memcpy(out, "-0.0", 4);
  if (neg) return 4;
  std::memcpy(out, "0.0", 3);
  return 3;
}

// x finite and nonzero.
JSONSIG_ALWAYS_INLINE std::size_t write_decimal(style st, bool neg, decimal_fp dec, char* out) noexcept {
  digit_buffer buf;
  const digit_run run = print_digits(dec.f, buf);
  const int n = run.nd + dec.e;
  return st == style::es ? layout_es(neg, run.first, run.k, n, out) : layout_py(neg, run.first, run.k, n, out);
}

inline std::size_t write_finite(style st, double x, char* out) noexcept {
  return write_decimal(st, (double_to_bits(x) & sign_bit) != 0, shortest(x), out);
}

inline std::size_t write_infinite(style st, bool neg, char* out) noexcept {
  if (st == style::es) return 0;
  std::memcpy(out, "-Infinity", 9);
  if (neg) return 9;
  std::memcpy(out, "Infinity", 8);
  return 8;
}

inline std::size_t write_double(style st, double x, char* out) noexcept {
  const std::uint64_t bits = double_to_bits(x);
  const bool neg = (bits & sign_bit) != 0;
  if ((bits & inf_bits) == inf_bits) {  // NaN or infinity
    if (st == style::py && (bits & frac_mask) != 0) {
      std::memcpy(out, "NaN", 3);
      return 3;
    }
    return write_infinite(st, neg, out);
  }
  if ((bits & ~sign_bit) == 0) return write_zero(st, neg, out);
  return write_finite(st, x, out);
}

// Copies 16 <= n <= 32 bytes with two overlapping 16-byte moves, reading only src[0..n).
inline void copy_16_to_32(char* out, const char* src, std::size_t n) noexcept {
  copy_block<16>(out, src);
  copy_block<16>(out + n - 16, src + n - 16);
}

// Copies n <= number_buf_size bytes with at most two overlapping fixed-size moves, reading only
// src[0..n).
inline void copy_short(char* out, const char* src, std::size_t n) noexcept {
  if (n >= 16) {
    copy_16_to_32(out, src, n);
  } else if (n >= 8) {
    copy_block<8>(out, src);
    copy_block<8>(out + n - 8, src + n - 8);
  } else if (n >= 4) {
    copy_block<4>(out, src);
    copy_block<4>(out + n - 4, src + n - 4);
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] = src[i];
  }
}

// A lexeme without exponent, with k <= 15 significant digits (so the fast-path argument at
// format_lexeme applies) and a point position inside the profile's fixed-notation range, is already the
// answer up to trailing fraction zeros: ES drops them and a bare '.', Python keeps one digit
// after the point. Returns 0 when this shortcut does not apply.
inline std::size_t copy_fixed(style st, const decimal_parts& r, std::string_view lex, char* out) noexcept {
  const std::int64_t n = r.nd + r.q;  // decimal point position of 0.DIGITS
  if (r.plain == 1) {                 // an integer: ES prints it as is below 10^21
    if (st != style::es || r.nd > 15) return 0;
    copy_short(out, lex.data(), lex.size());
    return lex.size();
  }
  std::size_t keep = lex.size();
  while (lex[keep - 1] == '0') --keep;  // stops at the point at the latest
  const std::size_t zeros = lex.size() - keep;
  if (r.nd - static_cast<int>(zeros) > 15) return 0;
  if (st == style::es) {
    if (n <= -6 || n > 21) return 0;
    keep -= lex[keep - 1] == '.';
  } else {
    if (n <= -4 || n > 16) return 0;
    keep += lex[keep - 1] == '.';
  }
  if (keep > number_buf_size) return 0;
  copy_short(out, lex.data(), keep);
  return keep;
}

// lex, a plain "-?I.F" lexeme of 16 to 32 bytes whose fraction has at least two digits, with its
// last two digits replaced by those of tail (< 100), then without trailing fraction zeros; ES
// drops a bare '.', Python keeps ".0" (as copy_fixed). Returns 0 when the last 8 bytes would
// all be zeros (the stripping would go further).
JSONSIG_ALWAYS_INLINE std::size_t patch_tail(style st, std::string_view lex, unsigned tail, char* out) noexcept {
  const std::size_t n = lex.size();
  copy_16_to_32(out, lex.data(), n);
  const unsigned tens = (tail * 103) >> 10;  // tail / 10 for tail < 100
  // The last 8 bytes, patched in a register (bytes 6 and 7 are the last two in memory order).
  const std::uint64_t last8 = (load_le64(lex.data() + n - 8) & 0x0000FFFFFFFFFFFFu) |
                              (std::uint64_t{'0' + tens} << 48) |
                              (std::uint64_t{'0' + tail - 10 * tens} << 56);
  store_le64(out + n - 8, last8);
  const std::uint64_t nonzero = last8 ^ 0x3030303030303030u;  // zero bytes where '0'
  if (nonzero == 0) return 0;
  const int keep = (63 - clz64(nonzero)) / 8 + 1;  // bytes up to the last non-'0'
  const bool point = ((last8 >> (8 * (keep - 1))) & 0xFFu) == '.';
  const std::size_t len = n - 8 + static_cast<std::size_t>(keep);
  return st == style::es ? len - (point ? 1 : 0) : len + (point ? 1 : 0);
}

// The shape of most long lexemes in practice (canada.json: "-65.613616999999977"), in a
// compact routine of its own: "-?I.F" with I of int_len = 1 to 3 digits not starting with 0, F
// of frac_len <= 16 digits, 16 or 17 digits in all (so at least 17 bytes), no exponent. Reads
// the digits with two 8-byte loads from the end, then shortest_on_grid and patch_tail. Returns 0
// whenever shortest_on_grid declines.
JSONSIG_ALWAYS_INLINE std::size_t plain_long(style st, std::string_view lex, bool neg, int int_len,
                                             int frac_len, char* out) noexcept {
  const char* const end = lex.data() + lex.size();
  const char* const s = lex.data() + (neg ? 1 : 0);
  // The fraction is the last frac_len (13..16) bytes: bytes before it in the first block are
  // replaced by '0' (no borrow crosses a byte then).
  const std::uint64_t keep = ~std::uint64_t{0} << (8 * (16 - frac_len));
  const std::uint64_t a = (load_le64(end - 16) & keep) | (0x3030303030303030u & ~keep);
  const std::uint64_t b = load_le64(end - 8);
  const std::uint64_t w = leading_digits_value(load_le64(s), int_len) * pow10_u64[frac_len] +
                          std::uint64_t{parse_eight_digits(a)} * 100000000u + parse_eight_digits(b);
  decimal_fp dec;
  std::uint64_t tail;
  // w mod 100 from the last two digit bytes.
  const std::uint64_t low2 = ((b >> 48) & 0xFu) * 10 + ((b >> 56) & 0xFu);
  if (!shortest_on_grid(w, low2, -frac_len, dec, tail)) return 0;
  // The point stays after I (1 to 3 digits: fixed notation in both profiles).
  if (tail < 100) {
    const std::size_t len = patch_tail(st, lex, static_cast<unsigned>(tail), out);
    if (len != 0) return len;
  } else if (tail == 100) {
    // A carry out of the last two digits ("65.613616999999977" -> "65.613617"): the last digit
    // before them that is not a 9 goes up by one, and the 9s after it and the two digits become
    // zeros, which are dropped. Looked for among the 8 bytes before the last two (all in the
    // fraction, which has 13 or more digits); beyond them, or at the point, the general route.
    const std::uint64_t before = load_le64(end - 10);
    const std::uint64_t not9 = before ^ 0x3939393939393939u;  // zero bytes where '9'
    if (not9 != 0) {
      const int k = (63 - clz64(not9)) / 8;  // the last byte that is not '9'
      if (((before >> (8 * k)) & 0xFFu) != '.') {
        const std::size_t len = lex.size() - 10 + static_cast<std::size_t>(k) + 1;
        copy_16_to_32(out, lex.data(), lex.size());
        out[len - 1] = static_cast<char>(out[len - 1] + 1);
        return len;
      }
    }
  }
  return write_decimal(st, neg, dec, out);
}

// True when "-?I.F" with the point at lex[dot] has the shape plain_long handles.
inline bool plain_long_shape(std::string_view lex, std::size_t dot, bool neg) noexcept {
  const std::size_t int_len = dot - (neg ? 1 : 0), frac_len = lex.size() - dot - 1;
  return int_len - 1 < 3 && lex[dot - int_len] != '0' && frac_len <= 16 &&
         int_len + frac_len >= 16;
}

// The grid route for a scanned lexeme of 16 or 17 digits (10^15 <= r.w < 10^17, q in
// [-322, 290], none dropped); 0 when it declines. Out of line, so that format_lexeme stays
// compact for the short lexemes most documents have.
JSONSIG_NOINLINE inline std::size_t format_on_grid(style st, const decimal_parts& r,
                                                   std::string_view lex, char* out) noexcept {
  decimal_fp dec;
  std::uint64_t tail;
  if (!shortest_on_grid(r.w, r.w % 100, static_cast<int>(r.q), dec, tail)) return 0;
  // Usually only the last two digits change (no carry into the others): then the answer is the
  // lexeme with those two digits replaced, when it is in the fixed notation the profile prints
  // for that magnitude (n as in copy_fixed).
  const std::int64_t n = r.nd + r.q;
  if (r.plain == 2 && r.q <= -2 && tail < 100 &&
      (st == style::es ? n > -6 && n <= 21 : n > -4 && n <= 16)) {
    const std::size_t len = patch_tail(st, lex, static_cast<unsigned>(tail), out);
    if (len != 0) return len;
  }
  return write_decimal(st, r.neg, dec, out);
}

// Fast path, no binary conversion: when the lexeme has k <= 15 significant digits and its value
// D = 0.d1..dk * 10^n has n in [-306, 308] (so 10^-307 <= D < 10^308: inside the normal range,
// away from subnormals and DBL_MAX), the shortest round-trip digits of x = nearest double to D are
// d1..dk themselves. Proof: DBL_DIG = 15 (C11 §5.2.4.2.2; 10^15 < 2^52) means every decimal of
// at most 15 significant digits in the normal range survives decimal -> double -> 15-digit
// decimal unchanged, so two different such decimals never round to the same double. A shorter
// string s (m < k digits) with round(s) = x, or another k-digit one, would be a second <= 15-digit
// decimal rounding to x: impossible. Hence D is the unique shortest, and ECMA-262's "closest"
// rule and CPython's tie rule have nothing to choose. Only the point or exponent moves.
inline std::size_t format_lexeme(style st, std::string_view lex, char* out) noexcept {
  const decimal_parts r = scan(lex);
  if (r.w == 0) return write_zero(st, r.neg, out);
  // Past 15 digits only trailing fraction zeros can bring k down to 15.
  if (r.plain != 0 && !r.truncated && (r.nd <= 15 || lex.back() == '0')) {
    const std::size_t len = copy_fixed(st, r, lex, out);
    if (len != 0) return len;
  }
  // nd 16 or 17 qualifies only with trailing zeros; test that without printing.
  if (!r.truncated && (r.nd <= 15 || (r.nd == 16 && r.w % 10 == 0) || (r.nd == 17 && r.w % 100 == 0))) {
    digit_buffer buf;
    const digit_run run = print_digits(r.w, buf);
    const std::int64_t n = r.nd + r.q;
    if (n >= -306 && n <= 308) {
      const int ni = static_cast<int>(n);
      return st == style::es ? layout_es(r.neg, run.first, run.k, ni, out)
                             : layout_py(r.neg, run.first, run.k, ni, out);
    }
  }
  if (!r.truncated && r.w >= pow10_u64[15] && r.w < pow10_u64[16] * 10 && r.q >= -322 &&
      r.q <= 290) {
    const std::size_t len = format_on_grid(st, r, lex, out);
    if (len != 0) return len;
  }
  binary_fp b{};
  switch (convert(r, lex, b)) {
    case value_kind::zero:
      return write_zero(st, r.neg, out);
    case value_kind::infinite:
      return write_infinite(st, r.neg, out);
    case value_kind::finite:
      break;
  }
  return write_decimal(st, r.neg, shortest(b.c, b.q), out);
}

}  // namespace numconv

/// ES Number::toString (ECMA-262 §6.1.6.1.20, RFC 8785 §3.2.2.3) of the double nearest to
/// `lex`, a lexeme already validated against the RFC 8259 number grammar. Writes at most
/// number_buf_size bytes to `out` and returns the length, or 0 when the value overflows to
/// +-Infinity (JSON.stringify writes null there; JCS rejects it). -0 gives "0".
/// Not constant time (numbers are public). Thread-safe; no allocation.
inline std::size_t format_es(std::string_view lex, char* out) noexcept {
  return numconv::format_lexeme(numconv::style::es, lex, out);
}

/// CPython repr(float(lex)) for a non-integer lexeme (json.dumps(json.loads(...)) of a float):
/// "1.0", "1e-05", "1e+16", "-0.0"; overflow gives "Infinity" / "-Infinity". Always > 0.
inline std::size_t format_py_float(std::string_view lex, char* out) noexcept {
  return numconv::format_lexeme(numconv::style::py, lex, out);
}

/// For a writer that already knows a lexeme's shape: `lex` is a valid RFC 8259 number without
/// exponent whose '.' is lex[dot]. When it has 16 or 17 significant digits, 1 to 3 of them
/// before the point (the usual output of printf("%.17g") and friends), writes what format_es
/// (python: format_py_float) writes and returns the length; otherwise, or in the rare cases the
/// fast route cannot decide, returns 0 and the caller uses format_es / format_py_float.
JSONSIG_ALWAYS_INLINE std::size_t format_long_decimal(bool python, std::string_view lex,
                                                      std::size_t dot, char* out) noexcept {
  const bool neg = lex[0] == '-';
  if (lex.size() < 17 || !numconv::plain_long_shape(lex, dot, neg)) return 0;
  return numconv::plain_long(python ? numconv::style::py : numconv::style::es, lex, neg,
                             static_cast<int>(dot - (neg ? 1 : 0)),
                             static_cast<int>(lex.size() - dot - 1), out);
}

/// ES form of a double (the builder API); 0 for NaN and +-Infinity.
inline std::size_t format_double_es(double d, char* out) noexcept {
  return numconv::write_double(numconv::style::es, d, out);
}

/// Python repr form of a double; "NaN", "Infinity", "-Infinity" as json.dumps writes them.
inline std::size_t format_double_py(double d, char* out) noexcept {
  return numconv::write_double(numconv::style::py, d, out);
}

/// The double nearest to a valid lexeme, ties to even (as JSON.parse and float() read it);
/// +-inf on overflow, +-0 on underflow.
inline double parse_double(std::string_view lex) noexcept {
  return numconv::to_double(numconv::scan(lex), lex);
}

}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_NUMBER_HPP
