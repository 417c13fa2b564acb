// SPDX-License-Identifier: MIT
// Replays saved inputs through a fuzz target without libFuzzer, so that every build (any
// compiler, JSONSIG_FUZZ_REPLAY=ON) runs the regressions and seeds as ordinary ctest tests:
//
//   fuzz_replay_<target> FILE_OR_DIR...
//
// A directory stands for every regular file under it (recursively, in sorted order). A path
// that does not exist is an error, and so is replaying nothing at all: a mistyped seed path
// must not turn into a test that passes without testing. A violated property traps, which
// fails the test with the offending file named just before.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool read_all(const fs::path& p, std::vector<std::uint8_t>& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> found;
      for (fs::recursive_directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) found.push_back(it->path());
      }
      if (ec) {
        std::fprintf(stderr, "error: cannot list %s: %s\n", argv[i], ec.message().c_str());
        return 2;
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(arg, ec)) {
      files.push_back(arg);
    } else {
      std::fprintf(stderr, "error: no such file or directory: %s\n", argv[i]);
      return 2;
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "error: nothing to replay\n");
    return 2;
  }

  std::vector<std::uint8_t> buf;
  std::size_t bytes = 0;
  for (const fs::path& f : files) {
    if (!read_all(f, buf)) {
      std::fprintf(stderr, "error: cannot read %s\n", f.string().c_str());
      return 2;
    }
    // Named first and flushed, so a trap inside the target is attributed to its input.
    std::fprintf(stderr, "replay %s (%zu bytes)\n", f.string().c_str(), buf.size());
    std::fflush(stderr);
    // A copy of exactly the input's size (not the vector's spare capacity): ASan then catches
    // a read one byte past the end, as under libFuzzer.
    std::vector<std::uint8_t> exact(buf.begin(), buf.end());
    LLVMFuzzerTestOneInput(exact.empty() ? nullptr : exact.data(), exact.size());
    bytes += buf.size();
  }
  std::printf("replayed %zu inputs, %zu bytes\n", files.size(), bytes);
  return 0;
}
