// SPDX-License-Identifier: MIT
// Helpers shared by the tests: paths to the shared vectors, whole-file reads, and the hex and
// TSV handling of the golden files.
#ifndef JSONSIG_TESTS_SUPPORT_HPP
#define JSONSIG_TESTS_SUPPORT_HPP

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jsonsig_test {

/// ../shared next to the source tree (CI and developers have it); JSONSIG_SHARED_DIR overrides.
inline std::string shared_dir() { return JSONSIG_SHARED_DIR; }
inline std::string source_dir() { return JSONSIG_SOURCE_DIR; }

/// The whole file as raw bytes; throws std::runtime_error naming the path when it cannot be read,
/// so a missing vector file fails the test instead of silently passing.
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// 0..15 for a hex digit (lowercase only unless `upper_ok`), else -1.
inline int hex_value(char c, bool upper_ok = false) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (upper_ok && c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Lowercase hex -> bytes; false on anything else (a corrupt golden must fail, not half-decode).
inline bool from_hex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]);
    const int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

/// Bytes -> lowercase hex (test-side, independent of jsonsig::hex_encode).
inline std::string to_hex(std::string_view bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

/// Splits at every `sep` (a TSV line into columns, a file into lines); keeps empty fields.
inline std::vector<std::string> split(std::string_view line, char sep) {
  std::vector<std::string> cols;
  for (std::size_t c = 0;;) {
    const std::size_t at = line.find(sep, c);
    cols.emplace_back(line.substr(c, at == std::string_view::npos ? std::string_view::npos : at - c));
    if (at == std::string_view::npos) return cols;
    c = at + 1;
  }
}

}  // namespace jsonsig_test

#endif  // JSONSIG_TESTS_SUPPORT_HPP
