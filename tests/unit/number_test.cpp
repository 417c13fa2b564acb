// SPDX-License-Identifier: MIT
// detail/number.hpp: ES Number::toString and Python float repr of JSON number lexemes.
// References used here: RFC 8785 Appendix B, the cyberphone ES6 sample lines, std::from_chars /
// std::to_chars (libstdc++: fast_float and Ryu) and strtod as independent implementations.
#include <jsonsig/detail/number.hpp>

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

namespace jd = jsonsig::detail;
namespace nc = jsonsig::detail::numconv;

std::string es(std::string_view lex) {
  char out[jd::number_buf_size];
  const std::size_t n = jd::format_es(lex, out);
  return n == 0 ? std::string("<overflow>") : std::string(out, n);
}

std::string py(std::string_view lex) {
  char out[jd::number_buf_size];
  const std::size_t n = jd::format_py_float(lex, out);
  return std::string(out, n);
}

std::string es_of(double d) {
  char out[jd::number_buf_size];
  const std::size_t n = jd::format_double_es(d, out);
  return n == 0 ? std::string("<non-finite>") : std::string(out, n);
}

std::string py_of(double d) {
  char out[jd::number_buf_size];
  const std::size_t n = jd::format_double_py(d, out);
  return std::string(out, n);
}

double from_bits(std::uint64_t b) {
  double d;
  std::memcpy(&d, &b, sizeof d);
  return d;
}

std::uint64_t to_bits(double d) {
  std::uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// --- An independent reference: std::to_chars shortest (Ryu in libstdc++), re-laid out. ---
struct ref_decimal {
  std::string digits;  // no trailing zeros
  int n;               // value = 0.digits * 10^n
};

ref_decimal ref_shortest(double d) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(d), std::chars_format::scientific);
  const std::string s(buf, r.ptr);
  const std::size_t epos = s.find('e');
  ref_decimal out{"", std::atoi(s.c_str() + epos + 1) + 1};
  for (std::size_t i = 0; i < epos; ++i)
    if (s[i] != '.') out.digits += s[i];
  while (out.digits.size() > 1 && out.digits.back() == '0') out.digits.pop_back();
  return out;
}

std::string ref_es(double d) {
  if (!std::isfinite(d)) return "<non-finite>";
  if (d == 0) return "0";
  const ref_decimal r = ref_shortest(d);
  const int k = static_cast<int>(r.digits.size()), n = r.n;
  std::string o = std::signbit(d) ? "-" : "";
  if (k <= n && n <= 21) return o + r.digits + std::string(static_cast<std::size_t>(n - k), '0');
  if (0 < n && n <= 21) return o + r.digits.substr(0, static_cast<std::size_t>(n)) + "." + r.digits.substr(static_cast<std::size_t>(n));
  if (-6 < n && n <= 0) return o + "0." + std::string(static_cast<std::size_t>(-n), '0') + r.digits;
  o += r.digits.substr(0, 1);
  if (k > 1) o += "." + r.digits.substr(1);
  const int e = n - 1;
  return o + (e < 0 ? "e-" : "e+") + std::to_string(std::abs(e));
}

std::string ref_py(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d < 0 ? "-Infinity" : "Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  const ref_decimal r = ref_shortest(d);
  const int k = static_cast<int>(r.digits.size()), n = r.n;
  std::string o = std::signbit(d) ? "-" : "";
  if (-4 < n && n <= 16) {
    if (n <= 0) return o + "0." + std::string(static_cast<std::size_t>(-n), '0') + r.digits;
    if (k <= n) return o + r.digits + std::string(static_cast<std::size_t>(n - k), '0') + ".0";
    return o + r.digits.substr(0, static_cast<std::size_t>(n)) + "." + r.digits.substr(static_cast<std::size_t>(n));
  }
  o += r.digits.substr(0, 1);
  if (k > 1) o += "." + r.digits.substr(1);
  const int e = n - 1;
  std::string ed = std::to_string(std::abs(e));
  if (ed.size() < 2) ed = "0" + ed;
  return o + (e < 0 ? "e-" : "e+") + ed;
}

// Correctly rounded parse by libstdc++'s from_chars; out-of-range decided by strtod.
double ref_parse(const std::string& s) {
  double d = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), d);
  if (r.ec == std::errc::result_out_of_range) d = std::strtod(s.c_str(), nullptr);
  EXPECT_EQ(r.ptr, s.data() + s.size()) << s;
  return d;
}

// Exact decimal text of (2c + 1) * 2^(e2 - 1): the midpoint between c * 2^e2 and (c + 1) * 2^e2.
std::string midpoint_text(std::uint64_t c, int e2) {
  std::vector<int> digits;  // little-endian base 10
  for (std::uint64_t m = 2 * c + 1; m != 0; m /= 10) digits.push_back(static_cast<int>(m % 10));
  auto mul_small = [&digits](int f) {
    int carry = 0;
    for (int& d : digits) {
      const int v = d * f + carry;
      d = v % 10;
      carry = v / 10;
    }
    for (; carry != 0; carry /= 10) digits.push_back(carry % 10);
  };
  int frac_digits = 0;
  if (e2 - 1 >= 0) {
    for (int i = 0; i < e2 - 1; ++i) mul_small(2);
  } else {
    for (int i = 0; i < 1 - e2; ++i) mul_small(5);  // x * 2^-j = x * 5^j / 10^j
    frac_digits = 1 - e2;
  }
  while (static_cast<int>(digits.size()) <= frac_digits) digits.push_back(0);
  std::string s;
  for (std::size_t i = digits.size(); i-- > 0;) {
    s += static_cast<char>('0' + digits[i]);
    if (static_cast<int>(i) == frac_digits && frac_digits != 0) s += '.';
  }
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Published vectors
// ---------------------------------------------------------------------------------------------

TEST(number, rfc8785_appendix_b_samples) {
  const std::string text =
      jsonsig_test::read_file(jsonsig_test::shared_dir() + "/vectors/jcs/rfc8785_number_samples.json");
  std::size_t rows = 0, finite = 0;
  for (std::size_t pos = text.find("\"ieee754_hex\""); pos != std::string::npos;
       pos = text.find("\"ieee754_hex\"", pos + 1)) {
    const std::size_t h0 = text.find('"', text.find(':', pos)) + 1;
    const std::string hex = text.substr(h0, text.find('"', h0) - h0);
    ASSERT_EQ(hex.size(), 16u);
    const double d = from_bits(std::strtoull(hex.c_str(), nullptr, 16));
    const std::size_t j = text.find("\"json\"", pos);
    const std::size_t v0 = text.find_first_not_of(" :", j + 6);
    ++rows;
    if (text.compare(v0, 4, "null") == 0) {  // NaN and Infinity: JCS must reject them
      EXPECT_FALSE(std::isfinite(d)) << hex;
      char out[jd::number_buf_size];
      EXPECT_EQ(jd::format_double_es(d, out), 0u) << hex;
      continue;
    }
    ++finite;
    const std::string want = text.substr(v0 + 1, text.find('"', v0 + 1) - v0 - 1);
    EXPECT_EQ(es_of(d), want) << hex;
    // The expected text read back as a lexeme is the same double and prints the same.
    EXPECT_EQ(to_bits(jd::parse_double(want)), to_bits(d == 0 ? 0.0 : d)) << want;
    EXPECT_EQ(es(want), want) << want;
  }
  EXPECT_EQ(rows, 26u);
  EXPECT_EQ(finite, 24u);
}

TEST(number, es6testfile_readme_samples) {
  const std::string text =
      jsonsig_test::read_file(jsonsig_test::shared_dir() + "/vectors/jcs/es6testfile_readme_samples.txt");
  std::size_t rows = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t eol = text.find('\n', pos);
    const std::string line = text.substr(pos, eol - pos);
    pos = eol == std::string::npos ? text.size() : eol + 1;
    if (line.empty()) continue;
    const std::size_t comma = line.find(',');
    ASSERT_NE(comma, std::string::npos) << line;
    const double d = from_bits(std::strtoull(line.substr(0, comma).c_str(), nullptr, 16));
    EXPECT_EQ(es_of(d), line.substr(comma + 1)) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 7u);
}

// ---------------------------------------------------------------------------------------------
// Hand-picked edge cases (each expected string checked against node and python3)
// ---------------------------------------------------------------------------------------------

TEST(number, edge_cases_es_and_python) {
  struct row {
    const char* lex;
    const char* es;  // JSON.stringify(JSON.parse(lex)); "<overflow>" where it writes null
    const char* py;  // repr(float(lex)), or json.dumps' Infinity
  };
  const row rows[] = {
      {"0", "0", "0.0"},
      {"-0", "0", "-0.0"},
      {"-0.0", "0", "-0.0"},
      {"0.000e-5", "0", "0.0"},
      {"5e-324", "5e-324", "5e-324"},
      {"-5e-324", "-5e-324", "-5e-324"},
      {"2.4703282292062327e-324", "0", "0.0"},  // just below half the smallest subnormal
      {"2.4703282292062328e-324", "5e-324", "5e-324"},
      {"1.7976931348623157e308", "1.7976931348623157e+308", "1.7976931348623157e+308"},
      {"1.7976931348623159e308", "<overflow>", "Infinity"},
      {"1e21", "1e+21", "1e+21"},
      {"1e20", "100000000000000000000", "1e+20"},
      {"123456789012345680000", "123456789012345680000", "1.2345678901234568e+20"},
      {"1e-7", "1e-7", "1e-07"},
      {"1e-6", "0.000001", "1e-06"},
      {"1.5e-7", "1.5e-7", "1.5e-07"},
      {"0.0001", "0.0001", "0.0001"},
      {"0.00001", "0.00001", "1e-05"},
      {"1e16", "10000000000000000", "1e+16"},
      {"1e15", "1000000000000000", "1000000000000000.0"},
      {"123e-20", "1.23e-18", "1.23e-18"},
      {"9007199254740993", "9007199254740992", "9007199254740992.0"},  // halfway: ties to even
      {"9007199254740995", "9007199254740996", "9007199254740996.0"},
      {"9007199254740993.0000000001", "9007199254740994", "9007199254740994.0"},
      {"1424953923781206.25", "1424953923781206.2", "1424953923781206.2"},
      {"1e400", "<overflow>", "Infinity"},
      {"-1e400", "<overflow>", "-Infinity"},
      {"-1e-400", "0", "-0.0"},
      {"1.0", "1", "1.0"},
      {"100.0", "100", "100.0"},
      {"-65.613616999999977", "-65.61361699999998", "-65.61361699999998"},
      {"43.420273000000009", "43.42027300000001", "43.42027300000001"},
      {"7.2e-05", "0.000072", "7.2e-05"},
      {"333333333.33333329", "333333333.3333333", "333333333.3333333"},
      {"1E+2", "100", "100.0"},
      {"0.1e1", "1", "1.0"},
      {"505874924095815681", "505874924095815700", "5.058749240958157e+17"},
  };
  for (const row& r : rows) {
    EXPECT_EQ(es(r.lex), r.es) << r.lex;
    EXPECT_EQ(py(r.lex), r.py) << r.lex;
  }
}

TEST(number, long_lexemes) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string digits;
    for (int j = 0; j < 800; ++j) digits += static_cast<char>('0' + (j == 0 ? 1 + rng() % 9 : rng() % 10));
    const std::string lexes[] = {
        "0." + digits,
        digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(static_cast<int>(rng() % 600) - 320),
        digits,  // 800-digit integer: overflows
        "0." + std::string(300, '0') + digits,
    };
    for (const std::string& lex : lexes) {
      const double d = ref_parse(lex);
      EXPECT_EQ(to_bits(jd::parse_double(lex)), to_bits(d)) << lex;
      EXPECT_EQ(es(lex), std::isfinite(d) ? ref_es(d) : "<overflow>") << lex;
      EXPECT_EQ(py(lex), ref_py(d)) << lex;
    }
  }
  // 800 digits that are exactly a short value: the zeros past the 19th digit are dropped exactly.
  EXPECT_EQ(es("1" + std::string(799, '0')), "<overflow>");
  EXPECT_EQ(es("1" + std::string(300, '0')), "1e+300");
  EXPECT_EQ(es("0." + std::string(400, '0') + "1" + std::string(399, '0') + "e400"), "0.1");
  EXPECT_EQ(py("123" + std::string(700, '0') + "e-700"), "123.0");
}

// ---------------------------------------------------------------------------------------------
// Differential tests
// ---------------------------------------------------------------------------------------------

// The shortest-digits core (Schubfach) against Ryu on random bit patterns, every small
// subnormal, and both sides of every binade boundary.
TEST(number, doubles_match_ryu) {
  std::mt19937_64 rng(1);
  std::vector<double> cases;
  for (int i = 0; i < 300000; ++i) cases.push_back(from_bits(rng()));
  for (std::uint64_t t = 1; t < 20000; ++t) cases.push_back(from_bits(t));
  for (std::uint64_t e = 1; e < 2047; ++e)
    for (std::uint64_t j = 0; j < 3; ++j) {
      cases.push_back(from_bits((e << 52) + j));
      cases.push_back(from_bits((e << 52) - 1 - j));
    }
  cases.push_back(std::numeric_limits<double>::quiet_NaN());
  cases.push_back(std::numeric_limits<double>::infinity());
  cases.push_back(-std::numeric_limits<double>::infinity());
  std::size_t mismatches = 0;
  for (double d : cases) {
    const std::string a = es_of(d), b = py_of(d);
    if (a != ref_es(d) || b != ref_py(d)) {
      if (++mismatches <= 10) ADD_FAILURE() << std::hexfloat << d << ": " << a << " vs " << ref_es(d) << ", " << b << " vs " << ref_py(d);
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

// Lexemes of every shape: the fast path (no binary conversion), the slow path
// (format_double_es(parse_double(lex))) and the references all agree.
TEST(number, fast_path_equals_slow_path_on_random_lexemes) {
  std::mt19937_64 rng(2);
  std::size_t mismatches = 0, fast_eligible = 0;
  for (int i = 0; i < 200000; ++i) {
    const int nd = 1 + static_cast<int>(rng() % 22);
    std::string digits;
    for (int j = 0; j < nd; ++j) digits += static_cast<char>('0' + (j == 0 ? 1 + rng() % 9 : rng() % 10));
    if (rng() % 3 == 0) digits += std::string(rng() % 4, '0');  // trailing zeros
    const int len = static_cast<int>(digits.size());
    std::string lex = rng() % 2 ? "-" : "";
    switch (rng() % 5) {
      case 0:
        lex += digits.substr(0, 1) + (len > 1 ? "." + digits.substr(1) : "") + "e" +
               std::to_string(static_cast<int>(rng() % 660) - 340);
        break;
      case 1: {
        const int p = 1 + static_cast<int>(rng() % static_cast<unsigned>(len));
        lex += digits.substr(0, static_cast<std::size_t>(p)) + (p < len ? "." + digits.substr(static_cast<std::size_t>(p)) : "");
        break;
      }
      case 2:
        lex += "0." + std::string(rng() % 9, '0') + digits;
        break;
      case 3:
        lex += digits + "E+" + std::to_string(rng() % 300);
        break;
      default: {
        char buf[40];
        const double x = from_bits(rng());
        if (!std::isfinite(x)) continue;
        const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific,
                                     15 + static_cast<int>(rng() % 3));
        lex += std::string(buf, r.ptr);
      }
    }
    if (nd <= 15) ++fast_eligible;
    const double d = ref_parse(lex);
    const std::string want_es = std::isfinite(d) ? ref_es(d) : "<overflow>";
    const std::string got_fast = es(lex), got_slow = es_of(jd::parse_double(lex));
    const bool ok = to_bits(jd::parse_double(lex)) == to_bits(d) && got_fast == want_es &&
                    (got_slow == want_es || (!std::isfinite(d) && got_slow == "<non-finite>")) &&
                    py(lex) == ref_py(d) && py_of(jd::parse_double(lex)) == ref_py(d);
    if (!ok && ++mismatches <= 10) ADD_FAILURE() << lex << ": es " << got_fast << " / " << got_slow << " want " << want_es;
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GT(fast_eligible, 50000u);  // the fast path really was exercised
}

// Exact midpoints between neighbouring doubles (ties to even), and one unit of 10^-25 either
// side of them: the cases where Eisel-Lemire must give up and the exact fallback decides.
TEST(number, halfway_cases_round_to_even) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 300; ++i) {
    const std::uint64_t c = (std::uint64_t{1} << 52) | (rng() & ((std::uint64_t{1} << 52) - 1));
    const int e2 = i < 250 ? static_cast<int>(rng() % 160) - 100 : static_cast<int>(rng() % 2000) - 1074;
    const std::string mid = midpoint_text(c, e2);
    const std::string lexes[] = {mid, mid + (mid.find('.') == std::string::npos ? ".0" : "") + "0000000000000000000000001"};
    for (const std::string& lex : lexes) {
      const double d = ref_parse(lex);
      EXPECT_EQ(to_bits(jd::parse_double(lex)), to_bits(d)) << lex;
      EXPECT_EQ(es(lex), std::isfinite(d) ? ref_es(d) : "<overflow>") << lex;
    }
    // On the midpoint itself the result has an even significand.
    const double at = jd::parse_double(mid);
    ASSERT_TRUE(std::isfinite(at)) << mid;
    EXPECT_EQ(to_bits(at) & 1u, 0u) << mid;
  }
  // 2^53 + 1 and friends, from the brief.
  EXPECT_EQ(jd::parse_double("9007199254740993"), 9007199254740992.0);
  EXPECT_EQ(jd::parse_double("9007199254740993.000000000000000000001"), 9007199254740994.0);
  EXPECT_EQ(jd::parse_double("9007199254740992.999999999999999999999"), 9007199254740992.0);
}

// The library's own exact fallback (used where the standard library has no floating-point
// from_chars) against from_chars, on the inputs that reach a fallback: midpoints and their
// neighbours (including past the 800 kept digits), subnormals, the overflow threshold and
// random 15-19 digit text.
TEST(number, exact_fallback_matches_from_chars) {
  std::size_t checked = 0, mismatches = 0;
  auto check = [&](const std::string& lex) {
    const nc::decimal_parts r = nc::scan(lex);
    ASSERT_TRUE(r.w != 0 && r.q >= -342 && r.q <= 308) << lex;  // exact_bits' precondition
    std::uint64_t want = to_bits(std::fabs(ref_parse(lex)));
    const std::uint64_t got = nc::exact_bits(lex, r);
    ++checked;
    if (got != want && ++mismatches <= 10) ADD_FAILURE() << lex << ": " << std::hex << got << " want " << want;
  };
  std::mt19937_64 rng(8);
  for (int i = 0; i < 600; ++i) {
    std::uint64_t c = rng() & ((std::uint64_t{1} << 52) - 1);
    int e2 = -1074;  // even i: subnormal midpoints
    if (i % 2 != 0) {
      c |= std::uint64_t{1} << 52;
      e2 = static_cast<int>(rng() % 2046) - 1074;
    }
    if (i < 20) {  // the overflow threshold, halfway between DBL_MAX and 2^1024
      c = (std::uint64_t{1} << 53) - 1;
      e2 = 971;
    }
    if (c == 0) continue;
    std::string mid = midpoint_text(c, e2);
    if (mid.find('.') == std::string::npos) mid += ".0";
    check(mid);
    check(mid + "0000000000000000000000000001");  // above
    check(mid + std::string(900, '0'));             // exactly the midpoint, past 800 digits
    check(mid + std::string(900, '0') + "1");       // above, only in the dropped tail
    std::string below = mid;                         // below: ...5 -> ...4999...
    std::size_t j = below.size() - 1;
    while (below[j] == '0' || below[j] == '.') --j;
    --below[j];
    check(below + "99999999999999999999");
  }
  for (int i = 0; i < 100000; ++i) {
    const double x = from_bits(i < 5000 ? static_cast<std::uint64_t>(i + 1) : rng() >> 1);  // small subnormals first
    if (!std::isfinite(x) || x == 0) continue;
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, 14 + static_cast<int>(rng() % 6));
    check(std::string(buf, r.ptr));
  }
  for (const char* s : {"1.7976931348623158e308", "1.7976931348623159e308", "2.4703282292062327e-324",
                        "2.4703282292062328e-324", "9007199254740993", "1e-342", "9.9e308"})
    check(s);
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GT(checked, 100000u);
}

// Schubfach's g is (T >> 2) + 1 with the +1 kept inside the low 63 bits (number.hpp relies on it).
TEST(number, pow10_table_low_bits_never_all_ones) {
  for (int e = -292; e <= 324; ++e) {
    const auto& t = nc::pow10_entry(e);
    const std::uint64_t low63 = ((t.lo >> 2) | (t.hi << 62)) & nc::mask63;
    EXPECT_NE(low63, nc::mask63) << e;
    EXPECT_NE(t.hi >> 63, 0u) << e;  // normalized: 2^127 <= T < 2^128
  }
}

TEST(number, parse_double_matches_strtod_on_random_17_digit_text) {
  std::mt19937_64 rng(4);
  for (int i = 0; i < 100000; ++i) {
    const double x = from_bits(rng());
    if (!std::isfinite(x)) continue;
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, 16);
    const std::string lex(buf, r.ptr);
    ASSERT_EQ(to_bits(jd::parse_double(lex)), to_bits(std::strtod(lex.c_str(), nullptr))) << lex;
    ASSERT_EQ(to_bits(jd::parse_double(lex)), to_bits(x)) << lex;  // 17 digits round-trip
  }
}

TEST(number, non_finite_doubles) {
  EXPECT_EQ(py_of(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(py_of(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(py_of(-std::numeric_limits<double>::infinity()), "-Infinity");
  char out[jd::number_buf_size];
  EXPECT_EQ(jd::format_double_es(std::numeric_limits<double>::quiet_NaN(), out), 0u);
  EXPECT_EQ(jd::format_double_es(-std::numeric_limits<double>::infinity(), out), 0u);
  EXPECT_EQ(es_of(-0.0), "0");
  EXPECT_EQ(py_of(-0.0), "-0.0");
  EXPECT_EQ(jd::parse_double("1e309"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(jd::parse_double("-1e99999999999999999999"), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::signbit(jd::parse_double("-1e-99999999999999999999")));
  EXPECT_EQ(jd::parse_double("1e-99999999999999999999"), 0.0);
}

// ---------------------------------------------------------------------------------------------
// The 16-17 digit route (shortest_on_grid, plain_long, format_long_decimal)
// ---------------------------------------------------------------------------------------------

namespace {

// d rounded to 17 significant digits, then moved by `ulps` units of its last digit, as
// "-?D.DDDDDDDDDDDDDDDDe<exp>" (scientific) or, when `plain` and the point fits, "-?I.F".
std::string seventeen_digits(const std::string& sci, int ulps, bool plain) {
  const std::size_t e = sci.find('e');
  std::string m = sci.substr(0, e);
  int ex = std::atoi(sci.c_str() + e + 1);
  const bool neg = m[0] == '-';
  if (neg) m.erase(0, 1);
  m.erase(1, 1);  // the digits
  for (int u = 0; u < ulps; ++u) {  // +1 in the last place, with carries
    int k = static_cast<int>(m.size()) - 1;
    while (k >= 0 && m[static_cast<std::size_t>(k)] == '9') m[static_cast<std::size_t>(k--)] = '0';
    if (k < 0) return "";
    ++m[static_cast<std::size_t>(k)];
  }
  for (int u = 0; u > ulps; --u) {  // -1
    int k = static_cast<int>(m.size()) - 1;
    while (k >= 0 && m[static_cast<std::size_t>(k)] == '0') m[static_cast<std::size_t>(k--)] = '9';
    if (k <= 0 && m[0] == '1') return "";
    --m[static_cast<std::size_t>(k)];
  }
  std::string out = neg ? "-" : "";
  const int point = ex + 1;  // digits before the point
  if (plain && point >= 1 && point <= 3) return out + m.substr(0, static_cast<std::size_t>(point)) + "." + m.substr(static_cast<std::size_t>(point));
  if (plain && point <= 0 && point > -6) return out + "0." + std::string(static_cast<std::size_t>(-point), '0') + m;
  return out + m.substr(0, 1) + "." + m.substr(1) + "e" + std::to_string(ex);
}

// Every entry point on lex against the references; counts lexemes the grid path decided.
struct grid_checker {
  std::size_t checked = 0, decided = 0, mismatches = 0;
  void operator()(const std::string& lex) {
    if (lex.empty()) return;
    const double d = ref_parse(lex);
    if (!std::isfinite(d) || d == 0) return;
    ++checked;
    const std::string want_es = ref_es(d), want_py = ref_py(d);
    bool ok = es(lex) == want_es && py(lex) == want_py;
    const std::size_t dot = lex.find('.');
    if (dot != std::string::npos && lex.find_first_of("eE") == std::string::npos) {
      char out[jd::number_buf_size];
      const std::size_t n = jd::format_long_decimal(false, lex, dot, out);
      if (n != 0) ok = ok && std::string(out, n) == want_es;
      const std::size_t m = jd::format_long_decimal(true, lex, dot, out);
      if (m != 0) ok = ok && std::string(out, m) == want_py;
    }
    const nc::decimal_parts r = nc::scan(lex);
    if (!r.truncated && r.w >= 1000000000000000u && r.w < 100000000000000000u && r.q >= -322 && r.q <= 290) {
      nc::decimal_fp dec{};
      std::uint64_t tail = 0;
      if (nc::shortest_on_grid(r.w, r.w % 100, static_cast<int>(r.q), dec, tail)) {
        ++decided;
        const ref_decimal ref = ref_shortest(d);
        // dec.f * 10^dec.e == 0.digits * 10^n, trailing zeros aside
        std::string digits = std::to_string(dec.f);
        const int n = static_cast<int>(digits.size()) + dec.e;
        while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
        ok = ok && digits == ref.digits && n == ref.n && tail == dec.f - (r.w - r.w % 100);
      }
    }
    if (!ok && ++mismatches <= 10) ADD_FAILURE() << lex << ": es " << es(lex) << " want " << want_es;
  }
};

}  // namespace

// Random doubles printed with 17 and 16 significant digits (what printf("%.17g") and friends
// write, as in canada.json), plain and in exponent form, and one or two units of the last digit
// either side (other points of the same grid, often in the same rounding interval).
TEST(number_grid, random_sixteen_and_seventeen_digit_lexemes) {
  std::mt19937_64 rng(11);
  grid_checker check;
  for (int i = 0; i < 150000; ++i) {
    double x = from_bits(rng() >> 1);
    if (i % 2 == 0) x = std::ldexp(1.0 + static_cast<double>(rng() >> 12) * 0x1p-52, static_cast<int>(rng() % 40) - 10);
    if (!std::isfinite(x) || x == 0) continue;
    if (rng() % 2) x = -x;
    char buf[48];
    const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, 15 + static_cast<int>(rng() % 2));
    const std::string sci(buf, r.ptr);
    const int ulps = static_cast<int>(rng() % 5) - 2;
    check(seventeen_digits(sci, ulps, rng() % 4 != 0));
  }
  EXPECT_EQ(check.mismatches, 0u);
  EXPECT_GT(check.decided, check.checked * 9 / 10);  // the route really was taken
}

// 17-digit decimals next to the ends of rounding intervals: the exact midpoints between
// neighbouring doubles rounded to 17 digits, and a few units of the last digit either side.
// The grid path must refuse or agree; ties to even are decided elsewhere.
TEST(number_grid, seventeen_digit_lexemes_next_to_midpoints) {
  std::mt19937_64 rng(12);
  grid_checker check;
  for (int i = 0; i < 3000; ++i) {
    const std::uint64_t c = (std::uint64_t{1} << 52) | (rng() & ((std::uint64_t{1} << 52) - 1));
    const int e2 = static_cast<int>(rng() % 200) - 120;
    const std::string mid = midpoint_text(c, e2);  // exact
    // Scientific form of the midpoint's first 17 significant digits (truncated).
    std::string digits;
    int point = 0;
    bool seen = false;
    for (char ch : mid) {
      if (ch == '.') {
        seen = true;
        continue;
      }
      if (digits.empty() && ch == '0') {
        if (seen) --point;
        continue;
      }
      if (!seen) ++point;
      digits += ch;
    }
    digits.resize(17, '0');
    const std::string sci = digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(point - 1);
    for (int u = -3; u <= 3; ++u) check(seventeen_digits(sci, u, i % 2 == 0));
  }
  EXPECT_EQ(check.mismatches, 0u);
  EXPECT_GT(check.checked, 15000u);
}

// Powers of two (lopsided intervals: refused by the grid path), dyadic values that sit on a grid
// point or halfway between two (refused as near ties), and values whose shortest form is short
// so that the grid answer carries out of the last two digits ("...6999999977" -> "...7").
TEST(number_grid, powers_of_two_dyadics_and_carries) {
  std::mt19937_64 rng(13);
  grid_checker check;
  for (int k = -1020; k <= 1020; ++k) {
    const double p = std::ldexp(1.0, k);
    for (double x : {p, std::nextafter(p, 0.0), std::nextafter(p, 2 * p)}) {
      char buf[48];
      const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, 16);
      for (int u = -1; u <= 1; ++u) check(seventeen_digits(std::string(buf, r.ptr), u, true));
    }
  }
  for (int i = 0; i < 20000; ++i) {
    // m / 2^j: exact binary fractions; and short decimals (6 to 9 digits) printed with 17.
    const double dy = static_cast<double>(rng() % 100000) / static_cast<double>(1u << (rng() % 20));
    const double sh = static_cast<double>(rng() % 1000000000) / std::pow(10.0, static_cast<double>(rng() % 9 + 1));
    for (double x : {dy, sh, -sh}) {
      if (x == 0) continue;
      char buf[48];
      const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, 16);
      for (int u = -1; u <= 1; ++u) check(seventeen_digits(std::string(buf, r.ptr), u, true));
    }
  }
  EXPECT_EQ(check.mismatches, 0u);
  EXPECT_GT(check.checked, 100000u);
}

// format_long_decimal declines what is not its shape, and the writer then uses format_es.
TEST(number_grid, format_long_decimal_shapes) {
  char out[jd::number_buf_size];
  for (const char* lex : {"1.2345678901234567", "-65.613616999999977", "123.45678901234567",
                          "43.420273000000009", "-2.3999999999999999"}) {
    const std::string_view l(lex);
    const std::size_t n = jd::format_long_decimal(false, l, l.find('.'), out);
    ASSERT_NE(n, 0u) << lex;
    EXPECT_EQ(std::string(out, n), ref_es(ref_parse(lex))) << lex;
  }
  // Short, four integer digits, a leading "0.", more than 17 digits: not this route.
  for (const char* lex : {"1.5", "1234.5678901234567", "0.12345678901234567", "1.23456789012345678",
                          "12.3456789012345"}) {
    const std::string_view l(lex);
    EXPECT_EQ(jd::format_long_decimal(false, l, l.find('.'), out), 0u) << lex;
  }
}

// ---------------------------------------------------------------------------------------------
// Internals and buffer bounds
// ---------------------------------------------------------------------------------------------

TEST(number, swar_digit_helpers_are_exact) {
  for (std::uint64_t x = 0; x < 10000; ++x) ASSERT_EQ((x * 10486) >> 20, x / 100) << x;
  for (std::uint64_t x = 0; x < 100; ++x) ASSERT_EQ((x * 103) >> 10, x / 10) << x;
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200000; ++i) {
    const std::uint32_t n = i < 100 ? static_cast<std::uint32_t>(i) : static_cast<std::uint32_t>(rng() % 100000000);
    char text[9];
    std::snprintf(text, sizeof text, "%08u", static_cast<unsigned>(n));
    const std::uint64_t v = nc::split_eight_digits(n);
    for (int b = 0; b < 8; ++b) ASSERT_EQ(static_cast<int>((v >> (8 * b)) & 0xFF), text[b] - '0') << n;
    ASSERT_EQ(nc::parse_eight_digits(nc::load_le64(text)), n);
    for (int len = 1; len <= 8; ++len)
      ASSERT_EQ(nc::leading_digits_value(nc::load_le64(text), len), std::strtoul(std::string(text, static_cast<std::size_t>(len)).c_str(), nullptr, 10));
  }
  char mixed[8] = {'1', '2', '.', '4', 'e', '5', '6', '7'};
  EXPECT_EQ(nc::digit_run_length(nc::load_le64(mixed)), 2);
  EXPECT_TRUE(nc::is_eight_digits(nc::load_le64("98765432")));
  EXPECT_FALSE(nc::is_eight_digits(nc::load_le64("9876543:")));
  for (int c = 0; c < 256; ++c) {  // every byte value, at every position
    for (int pos = 0; pos < 8; ++pos) {
      char w[8] = {'0', '0', '0', '0', '0', '0', '0', '0'};
      w[pos] = static_cast<char>(c);
      const bool digit = c >= '0' && c <= '9';
      EXPECT_EQ(nc::digit_run_length(nc::load_le64(w)), digit ? 8 : pos) << c << " at " << pos;
    }
  }
}

// Every formatter writes at most number_buf_size bytes (the rest of a larger buffer is untouched)
// and returns at most that, on the longest layouts and on random input.
TEST(number, writes_stay_inside_number_buf_size) {
  std::vector<std::string> lexes = {"-0.0000012345678901234567", "-1.2345678901234567e-308",
                                    "-0.0012345678901234567",   "-1234567890123456.7",
                                    "-123456789012345680000",   "-1.7976931348623157e308",
                                    "-2.2250738585072014e-308", "-5e-324"};
  std::mt19937_64 rng(6);
  for (int i = 0; i < 20000; ++i) {
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, from_bits(rng()), std::chars_format::general, 17);
    const std::string s(buf, r.ptr);
    if (s.find_first_of("in") == std::string::npos) lexes.push_back(s);
  }
  for (const std::string& lex : lexes) {
    for (int which = 0; which < 4; ++which) {
      char out[64];
      std::memset(out, '#', sizeof out);
      const double d = jd::parse_double(lex);
      const std::size_t n = which == 0 ? jd::format_es(lex, out)
                            : which == 1 ? jd::format_py_float(lex, out)
                            : which == 2 ? jd::format_double_es(d, out)
                                         : jd::format_double_py(d, out);
      ASSERT_LE(n, 25u) << lex;
      for (std::size_t j = jd::number_buf_size; j < sizeof out; ++j) ASSERT_EQ(out[j], '#') << lex;
    }
  }
}

// Text outside the grammar never crashes (the parser validates first; this is defence in depth).
TEST(number, garbage_does_not_crash) {
  const char* junk[] = {"", "-", "--1", ".5", "1.", "1e", "1e+", "e5", "abc", "0x1p3", "1.2.3",
                        "12345678901234567890123456789.5.5", "-.e", "00000000000001", "1e-",
                        "\xff\xff\xff\xff\xff\xff\xff\xff\xff"};
  for (const char* j : junk) {
    char out[jd::number_buf_size];
    EXPECT_LE(jd::format_es(j, out), jd::number_buf_size) << j;
    EXPECT_LE(jd::format_py_float(j, out), jd::number_buf_size) << j;
    (void)jd::parse_double(j);
  }
}
