// SPDX-License-Identifier: MIT
// RFC 8785 (JCS) test data in the jcs profile (shared/vectors/jcs, see its README.md):
//  - cyberphone/json-canonicalization testdata: input/*.json canonicalizes to output/*.json byte
//    for byte, output equals outhex/*.txt decoded, and output is a fixed point;
//  - RFC 8785 Appendix B, Table 1 (rfc8785_number_samples.json): each IEEE 754 value, written
//    as a JSON lexeme that parses back to the same double, serializes as the RFC says; NaN and
//    Infinity, which have no JCS form, are errors;
//  - the 7 sample lines of the upstream ES6 number file (es6testfile_readme_samples.txt).
#include <jsonsig/canonical.hpp>
#include <jsonsig/json_parser.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"

namespace {

namespace fs = std::filesystem;
using jsonsig::errc;
using jsonsig::error_info;
using jsonsig::profile;

std::string jcs_dir() { return jsonsig_test::shared_dir() + "/vectors/jcs"; }

// Sorted stems of dir/*.<ext>.
std::vector<std::string> stems(const std::string& dir, const std::string& ext) {
  std::vector<std::string> out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

// outhex format: two-digit hex bytes separated by spaces and newlines. false on anything else.
bool decode_outhex(std::string_view text, std::string& out) {
  out.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\n' || text[i] == '\r') {
      ++i;
      continue;
    }
    if (i + 1 >= text.size()) return false;
    const int hi = jsonsig_test::hex_value(text[i], true);
    const int lo = jsonsig_test::hex_value(text[i + 1], true);
    if (hi < 0 || lo < 0) return false;
    if (i + 2 < text.size() && text[i + 2] != ' ' && text[i + 2] != '\n' && text[i + 2] != '\r')
      return false;  // exactly two digits per byte
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

// 1-16 hex digits of IEEE 754 binary64 bits (big-endian, leading zeros optional) -> the double.
bool double_from_bits_hex(std::string_view hex, double& d, std::uint64_t& bits) {
  if (hex.empty() || hex.size() > 16) return false;
  bits = 0;
  for (const char c : hex) {
    const int v = jsonsig_test::hex_value(c, true);
    if (v < 0) return false;
    bits = (bits << 4) | static_cast<std::uint64_t>(v);
  }
  std::memcpy(&d, &bits, sizeof d);
  return true;
}

std::uint64_t bits_of(double d) {
  std::uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// A JSON lexeme for finite d with 17 significant digits, enough for any double to parse back to
// itself (IEEE 754-2008 §5.12.2: 17 digits round-trip binary64).
std::string lexeme17(double d) {
  char buf[40];
  const int n = std::snprintf(buf, sizeof buf, "%.17g", d);
  return std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string canon_jcs(std::string_view json, error_info& err) {
  return jsonsig::canonicalize(json, profile::jcs, err);
}

std::string build_jcs_number(double d, error_info& err) {
  jsonsig::builder b(profile::jcs);
  b.number(d);
  return b.finish(err);
}

// ---------------------------------------------------------------------------------------------

TEST(jcs_vectors, cyberphone_testdata_byte_for_byte) {
  const std::vector<std::string> names = stems(jcs_dir() + "/input", ".json");
  ASSERT_EQ(names.size(), 6u);
  EXPECT_EQ(stems(jcs_dir() + "/output", ".json"), names);
  EXPECT_EQ(stems(jcs_dir() + "/outhex", ".txt"), names);

  jsonsig::canonical_options opt;
  opt.prof = profile::jcs;
  jsonsig::canonicalizer reused(opt);  // one object for all six: state must not leak between calls
  for (const std::string& name : names) {
    const std::string input = jsonsig_test::read_file(jcs_dir() + "/input/" + name + ".json");
    const std::string want = jsonsig_test::read_file(jcs_dir() + "/output/" + name + ".json");
    std::string from_hex;
    ASSERT_TRUE(decode_outhex(jsonsig_test::read_file(jcs_dir() + "/outhex/" + name + ".txt"),
                              from_hex))
        << name;
    EXPECT_EQ(from_hex, want) << name << ": output/ and outhex/ disagree";
    ASSERT_FALSE(want.empty()) << name;

    error_info err;
    EXPECT_EQ(canon_jcs(input, err), want) << name;
    EXPECT_FALSE(err) << name << ": " << jsonsig::format_error(err, input);
    EXPECT_EQ(reused.canonicalize(input, err), want) << name;
    EXPECT_FALSE(err) << name;
    // RFC 8785 output is itself canonical: a second pass changes nothing.
    EXPECT_EQ(canon_jcs(want, err), want) << name;
    EXPECT_FALSE(err) << name << ": " << jsonsig::format_error(err, want);
  }
}

// rfc8785_number_samples.json, read with the library's own strict parser (the file is plain JSON:
// {"tests": [{"ieee754_hex": "...", "json": "..." | null, "comment"?: "...", "error"?: true}]}).
struct number_sample {
  std::string hex;
  std::string json;
  bool json_null = false;
  bool has_json = false;
  bool error = false;
};

struct samples_reader {
  std::vector<number_sample> rows;
  std::size_t depth = 0;
  std::string top_key;
  std::string row_key;
  bool in_tests = false;
  bool unexpected = false;  // a value of a shape the format does not describe

  void on_object_begin(std::size_t) {
    ++depth;
    if (in_tests && depth == 3) rows.emplace_back();
    if (in_tests && depth > 3) unexpected = true;
  }
  void on_object_end(std::size_t) { --depth; }
  void on_array_begin(std::size_t) {
    ++depth;
    if (depth == 2 && top_key == "tests") in_tests = true;
    else if (in_tests) unexpected = true;
  }
  void on_array_end(std::size_t) {
    if (depth == 2) in_tests = false;
    --depth;
  }
  void on_key(const jsonsig::json_string& k) {
    if (depth == 1) top_key = std::string(k.view());
    if (depth == 3) row_key = std::string(k.view());
  }
  void on_string(const jsonsig::json_string& s) {
    if (!in_tests || depth != 3) return;
    if (row_key == "ieee754_hex") {
      rows.back().hex = std::string(s.view());
    } else if (row_key == "json") {
      rows.back().json = std::string(s.view());
      rows.back().has_json = true;
    } else if (row_key != "comment") {
      unexpected = true;
    }
  }
  void on_number(const jsonsig::json_number&) {
    if (in_tests) unexpected = true;
  }
  void on_literal(jsonsig::json_literal lit, std::size_t) {
    if (!in_tests || depth != 3) return;
    if (row_key == "json" && lit == jsonsig::json_literal::null_value) {
      rows.back().json_null = true;
    } else if (row_key == "error" && lit == jsonsig::json_literal::true_value) {
      rows.back().error = true;
    } else {
      unexpected = true;
    }
  }
};

TEST(jcs_vectors, rfc8785_appendix_b_number_samples) {
  const std::string path = jcs_dir() + "/rfc8785_number_samples.json";
  const std::string text = jsonsig_test::read_file(path);
  samples_reader reader;
  jsonsig::json_parser parser;
  error_info perr;
  parser.parse(text, reader, perr);
  ASSERT_FALSE(perr) << jsonsig::format_error(perr, text);
  ASSERT_FALSE(reader.unexpected) << path << " has a shape this test does not know";
  ASSERT_EQ(reader.rows.size(), 26u);  // RFC 8785 Appendix B, Table 1

  std::size_t finite = 0;
  std::size_t rejected = 0;
  for (const number_sample& row : reader.rows) {
    SCOPED_TRACE(row.hex);
    ASSERT_EQ(row.hex.size(), 16u);
    double d = 0;
    std::uint64_t bits = 0;
    ASSERT_TRUE(double_from_bits_hex(row.hex, d, bits));
    const std::string lex = lexeme17(d);
    error_info err;

    if (row.error) {
      // NaN and Infinity: "a serializer must reject them" (RFC 8785 §3.2.2.3). The file gives
      // no JSON text (json null), so check every way such a value could reach the writer.
      EXPECT_TRUE(row.json_null && !row.has_json);
      ASSERT_FALSE(std::isfinite(d));
      ++rejected;
      // printf's spelling ("nan", "inf") is not a JSON number.
      EXPECT_EQ(canon_jcs("[" + lex + "]", err), "");
      EXPECT_EQ(err.code, errc::syntax) << lex;
      // A builder double is refused outright.
      EXPECT_EQ(build_jcs_number(d, err), "");
      EXPECT_EQ(err.code, errc::non_finite_number);
      if (std::isinf(d)) {
        // Infinity's only JSON spelling is a lexeme that overflows, e.g. 1e400.
        const std::string over = std::signbit(d) ? "[-1e400]" : "[1e400]";
        EXPECT_EQ(canon_jcs(over, err), "");
        EXPECT_EQ(err.code, errc::non_finite_number);
      }
      continue;
    }

    ASSERT_TRUE(row.has_json && !row.json_null);
    ASSERT_TRUE(std::isfinite(d));
    ++finite;
    // The 17-digit lexeme denotes exactly this double (strtod, round to nearest).
    EXPECT_EQ(bits_of(std::strtod(lex.c_str(), nullptr)), bits) << lex;

    const std::string want = "[" + row.json + "]";
    EXPECT_EQ(canon_jcs("[" + lex + "]", err), want) << "from " << lex;
    EXPECT_FALSE(err) << jsonsig::describe(err.code);
    // The RFC's string is canonical already.
    EXPECT_EQ(canon_jcs(want, err), want);
    EXPECT_FALSE(err) << jsonsig::describe(err.code);
    // And a double handed to the builder prints the same.
    EXPECT_EQ(build_jcs_number(d, err), row.json);
    EXPECT_FALSE(err) << jsonsig::describe(err.code);
  }
  EXPECT_EQ(finite, 24u);
  EXPECT_EQ(rejected, 2u);
}

// The upstream README's sample lines of es6testfile100m.txt: "<hex bits, leading zeros
// dropped>,<expected>".
TEST(jcs_vectors, es6testfile_readme_samples) {
  const std::string text = jsonsig_test::read_file(jcs_dir() + "/es6testfile_readme_samples.txt");
  std::size_t lines = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) continue;
    ++lines;
    SCOPED_TRACE(line);
    const std::size_t comma = line.find(',');
    ASSERT_NE(comma, std::string::npos);
    double d = 0;
    std::uint64_t bits = 0;
    ASSERT_TRUE(double_from_bits_hex(std::string_view(line).substr(0, comma), d, bits));
    ASSERT_TRUE(std::isfinite(d));
    const std::string lex = lexeme17(d);
    EXPECT_EQ(bits_of(std::strtod(lex.c_str(), nullptr)), bits) << lex;
    error_info err;
    EXPECT_EQ(canon_jcs("[" + lex + "]", err), "[" + line.substr(comma + 1) + "]") << lex;
    EXPECT_FALSE(err) << jsonsig::describe(err.code);
  }
  EXPECT_EQ(lines, 7u);
}

}  // namespace
