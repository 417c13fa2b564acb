// SPDX-License-Identifier: MIT
// Hex throughput per kernel at 64 B (one HMAC-SHA512 digest), 127 B (a ragged tail), 1 KiB and
// 64 KiB, both directions, plus the dispatched public entry points. Sizes are input bytes
// (encode) / output bytes (decode), so the two are comparable. Reported as repetitions with
// mean/median/stddev; quote the median.
#include <jsonsig/hex.hpp>

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

namespace {

namespace hx = jsonsig::detail::hex;

constexpr std::size_t sizes[] = {64, 127, 1024, 64 * 1024};
constexpr int repetitions = 9;

std::vector<unsigned char> random_bytes(std::size_t n) {
  std::mt19937 rng(42);
  std::vector<unsigned char> v(n);
  for (auto& b : v) b = static_cast<unsigned char>(rng());
  return v;
}

void encode_bench(benchmark::State& state, hx::encode_fn fn) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<unsigned char> in = random_bytes(n);
  std::string out(2 * n, '\0');
  for (auto _ : state) {
    fn(in.data(), n, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void decode_bench(benchmark::State& state, hx::decode_fn fn) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<unsigned char> bytes = random_bytes(n);
  std::string in(2 * n, '\0');
  hx::encode_scalar(bytes.data(), n, in.data());
  std::vector<unsigned char> out(n);
  for (auto _ : state) {
    const bool ok = fn(in.data(), n, out.data());
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  if (!fn(in.data(), n, out.data()) || out != bytes) state.SkipWithError("decode mismatch");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void public_encode(const unsigned char* in, std::size_t n, char* out) noexcept {
  jsonsig::hex_encode(in, n, out);
}

bool public_decode(const char* in, std::size_t n, unsigned char* out) noexcept {
  return jsonsig::hex_decode(std::string_view(in, 2 * n), out);
}

void configure(benchmark::internal::Benchmark* b) {
  for (std::size_t s : sizes) b->Arg(static_cast<std::int64_t>(s));
  b->Repetitions(repetitions)->ReportAggregatesOnly(true);
}

}  // namespace

int main(int argc, char** argv) {
  for (const hx::kernel& k : hx::kernels()) {
    if (!k.runnable) continue;
    configure(benchmark::RegisterBenchmark((std::string("hex_encode/") + k.name).c_str(),
                                           encode_bench, k.encode));
  }
  configure(benchmark::RegisterBenchmark("hex_encode/dispatched", encode_bench, &public_encode));
  for (const hx::kernel& k : hx::kernels()) {
    if (!k.runnable) continue;
    configure(benchmark::RegisterBenchmark((std::string("hex_decode/") + k.name).c_str(),
                                           decode_bench, k.decode));
  }
  configure(benchmark::RegisterBenchmark("hex_decode/dispatched", decode_bench, &public_decode));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
