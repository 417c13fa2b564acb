// SPDX-License-Identifier: MIT
// Helpers shared by the benchmark programs.
#ifndef JSONSIG_BENCH_UTIL_HPP
#define JSONSIG_BENCH_UTIL_HPP

#include <fstream>
#include <sstream>
#include <string>

namespace jsonsig_bench {

/// The whole file as bytes; empty when it cannot be read (the caller skips that document).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace jsonsig_bench

#endif  // JSONSIG_BENCH_UTIL_HPP
