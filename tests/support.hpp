// SPDX-License-Identifier: MIT
// Helpers shared by the tests: paths to the shared vectors and whole-file reads.
#ifndef JSONSIG_TESTS_SUPPORT_HPP
#define JSONSIG_TESTS_SUPPORT_HPP

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

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

}  // namespace jsonsig_test

#endif  // JSONSIG_TESTS_SUPPORT_HPP
