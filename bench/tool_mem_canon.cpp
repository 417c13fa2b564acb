// SPDX-License-Identifier: MIT
// A minimal program for peak-RSS measurement (bench/memory.sh runs it under /usr/bin/time -v):
// reads FILE into one std::string of exactly its size, then
//   canon   canonicalize(js) into a std::string and writes it to stdout (as the CLI's canon does)
//   stream  canonicalize_to(js) a stdout sink: no output string is built
//   sign    signer::sign (canonical bytes streamed into the HMAC), prints the signature
// Exit status 0 on success, 1 on invalid JSON or I/O error, 2 on usage error.
// Not a bench_* file on purpose: bench/CMakeLists.txt turns those into Google Benchmark programs.
//   usage: tool_mem_canon canon|stream|sign FILE
#include <jsonsig/canonical_writer.hpp>
#include <jsonsig/sign.hpp>

#include <cstdio>
#include <cstring>
#include <string>

namespace {

bool read_all(const char* path, std::string& out) {
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) return false;
  bool ok = std::fseek(f, 0, SEEK_END) == 0;
  const long size = ok ? std::ftell(f) : -1;
  ok = ok && size >= 0 && std::fseek(f, 0, SEEK_SET) == 0;
  if (ok) {
    out.resize(static_cast<std::size_t>(size));  // one allocation of the input size, no copies
    ok = std::fread(out.data(), 1, out.size(), f) == out.size();
  }
  std::fclose(f);
  return ok;
}

struct file_sink {
  std::FILE* f;
  void write(const char* data, std::size_t n) { std::fwrite(data, 1, n, f); }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: tool_mem_canon canon|stream|sign FILE\n");
    return 2;
  }
  const std::string mode = argv[1];
  std::string input;
  if (!read_all(argv[2], input)) {
    std::fprintf(stderr, "tool_mem_canon: cannot read %s\n", argv[2]);
    return 1;
  }
  jsonsig::error_info err;
  if (mode == "canon") {
    const std::string out = jsonsig::canonicalize(input, jsonsig::profile::js, err);
    if (!err) std::fwrite(out.data(), 1, out.size(), stdout);
  } else if (mode == "stream") {
    file_sink sink{stdout};
    jsonsig::canonical_options opt;
    jsonsig::canonicalize_to(input, sink, opt, err);
  } else if (mode == "sign") {
    const std::string sig = jsonsig::signer("bench-token").sign(input, err);
    if (!err) std::printf("%s\n", sig.c_str());
  } else {
    std::fprintf(stderr, "usage: tool_mem_canon canon|stream|sign FILE\n");
    return 2;
  }
  if (err) {
    std::fprintf(stderr, "tool_mem_canon: invalid JSON at byte %zu\n", err.offset);
    return 1;
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}
