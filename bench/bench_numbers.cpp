// SPDX-License-Identifier: MIT
// Number conversion cost per number lexeme, over every number of canada.json, marine_ik.json,
// mesh.json and numbers.json (lexemes found by a simple scan that skips strings):
//   jsonsig_es        format_es(lex): the js/jcs profile (no-conversion fast path when it applies)
//   jsonsig_py        format_py_float(lex) over the float lexemes (python prints ints verbatim)
//   jsonsig_slow_es   format_double_es(parse_double(lex)): always decimal->double->shortest
//   jsonsig_parse     parse_double(lex) alone
//   std_charconv      std::from_chars + std::to_chars shortest (libstdc++: fast_float + Ryu)
//   rapidjson_full    rapidjson::Reader<kParseFullPrecisionFlag> + the Writer's dtoa (Grisu2)
//   rapidjson_default rapidjson::Reader<kParseDefaultFlags> (not correctly rounded) + dtoa
// The "per_number" counter (seconds per number, e.g. 41.2n = 41.2 ns) is the figure to quote,
// from the _median row of the repetitions (CPU time). The RapidJSON
// peers parse each lexeme as a one-number document, so they include a Reader set-up each time.
#include <jsonsig/detail/number.hpp>

#include <benchmark/benchmark.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#if defined(JSONSIG_BENCH_HAVE_RAPIDJSON)
#include <rapidjson/internal/dtoa.h>
#include <rapidjson/internal/itoa.h>
#include <rapidjson/reader.h>
#endif

namespace {

namespace jd = jsonsig::detail;

constexpr int repetitions = 7;
const char* const corpora[] = {"canada.json", "marine_ik.json", "mesh.json", "numbers.json"};

struct lexeme_set {
  std::string text;                        // the whole file (the views point into it)
  std::vector<std::string_view> all;       // every number
  std::vector<std::string_view> floats;    // those with '.', 'e' or 'E'
  std::vector<std::string> nul_terminated; // copies for RapidJSON's StringStream
  std::size_t bytes = 0;
};

std::string read_corpus(const char* name) {
  const std::string path = std::string(JSONSIG_SHARED_DIR) + "/corpus/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Numbers outside strings: a '-' or digit starts one, it runs over [0-9+-.eE].
const lexeme_set& lexemes(const char* name) {
  static std::vector<std::pair<std::string, lexeme_set>> cache;
  for (const auto& c : cache)
    if (c.first == name) return c.second;
  lexeme_set s;
  s.text = read_corpus(name);
  const std::string& t = s.text;
  for (std::size_t i = 0; i < t.size();) {
    const char c = t[i];
    if (c == '"') {
      for (++i; i < t.size() && t[i] != '"'; ++i)
        if (t[i] == '\\') ++i;
      ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t j = i;
      while (j < t.size() && std::string_view("0123456789+-.eE").find(t[j]) != std::string_view::npos) ++j;
      const std::string_view lex(t.data() + i, j - i);
      s.all.push_back(lex);
      if (lex.find_first_of(".eE") != std::string_view::npos) s.floats.push_back(lex);
      s.nul_terminated.emplace_back(lex);
      s.bytes += lex.size();
      i = j;
    } else {
      ++i;
    }
  }
  cache.emplace_back(name, std::move(s));
  return cache.back().second;
}

void finish(benchmark::State& state, std::size_t numbers, std::size_t bytes) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * numbers));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  // Seconds per number, printed with an SI prefix: "41.2n" is 41.2 ns.
  state.counters["per_number"] = benchmark::Counter(
      static_cast<double>(numbers), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["numbers"] = static_cast<double>(numbers);
}

template <class Fn>
void run_over(benchmark::State& state, const std::vector<std::string_view>& lexes, Fn fn) {
  char out[64];
  std::size_t bytes = 0;
  for (std::string_view l : lexes) bytes += l.size();
  for (auto _ : state) {
    std::size_t total = 0;
    for (std::string_view l : lexes) total += fn(l, out);
    benchmark::DoNotOptimize(total);
    benchmark::ClobberMemory();
  }
  finish(state, lexes.size(), bytes);
}

void jsonsig_es(benchmark::State& state, const char* corpus) {
  run_over(state, lexemes(corpus).all, [](std::string_view l, char* o) { return jd::format_es(l, o); });
}

void jsonsig_py(benchmark::State& state, const char* corpus) {
  run_over(state, lexemes(corpus).floats, [](std::string_view l, char* o) { return jd::format_py_float(l, o); });
}

void jsonsig_slow_es(benchmark::State& state, const char* corpus) {
  run_over(state, lexemes(corpus).all,
           [](std::string_view l, char* o) { return jd::format_double_es(jd::parse_double(l), o); });
}

void jsonsig_parse(benchmark::State& state, const char* corpus) {
  run_over(state, lexemes(corpus).all, [](std::string_view l, char*) {
    const double d = jd::parse_double(l);
    benchmark::DoNotOptimize(d);
    return std::size_t{1};
  });
}

void std_charconv(benchmark::State& state, const char* corpus) {
  run_over(state, lexemes(corpus).all, [](std::string_view l, char* o) {
    double d = 0;
    std::from_chars(l.data(), l.data() + l.size(), d);
    return static_cast<std::size_t>(std::to_chars(o, o + 64, d).ptr - o);
  });
}

#if defined(JSONSIG_BENCH_HAVE_RAPIDJSON)
// What rapidjson::Writer does per number: dtoa (Grisu2) for doubles, itoa for integers.
struct rapidjson_sink : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, rapidjson_sink> {
  char* out = nullptr;
  std::size_t len = 0;
  bool Double(double d) { return set(rapidjson::internal::dtoa(d, out)); }
  bool Int(int i) { return set(rapidjson::internal::i32toa(i, out)); }
  bool Uint(unsigned u) { return set(rapidjson::internal::u32toa(u, out)); }
  bool Int64(std::int64_t i) { return set(rapidjson::internal::i64toa(i, out)); }
  bool Uint64(std::uint64_t u) { return set(rapidjson::internal::u64toa(u, out)); }
  bool set(char* end) {
    len = static_cast<std::size_t>(end - out);
    return true;
  }
};

template <unsigned Flags>
void rapidjson_peer(benchmark::State& state, const char* corpus) {
  const lexeme_set& s = lexemes(corpus);
  char out[64];
  rapidjson_sink sink;
  sink.out = out;
  for (auto _ : state) {
    std::size_t total = 0;
    for (const std::string& l : s.nul_terminated) {
      rapidjson::Reader reader;
      rapidjson::StringStream in(l.c_str());
      reader.Parse<Flags>(in, sink);
      total += sink.len;
    }
    benchmark::DoNotOptimize(total);
    benchmark::ClobberMemory();
  }
  finish(state, s.all.size(), s.bytes);
}
#endif

void register_all() {
  for (const char* c : corpora) {
    const std::string tag = std::string("/") + c;
    auto reg = [&](const char* name, void (*fn)(benchmark::State&, const char*)) {
      benchmark::RegisterBenchmark((std::string(name) + tag).c_str(), fn, c)
          ->Repetitions(repetitions)
          ->ReportAggregatesOnly(true)
          ->Unit(benchmark::kMicrosecond);
    };
    reg("jsonsig_es", jsonsig_es);
    reg("jsonsig_py", jsonsig_py);
    reg("jsonsig_slow_es", jsonsig_slow_es);
    reg("jsonsig_parse", jsonsig_parse);
    reg("std_charconv", std_charconv);
#if defined(JSONSIG_BENCH_HAVE_RAPIDJSON)
    reg("rapidjson_full", rapidjson_peer<rapidjson::kParseFullPrecisionFlag>);
    reg("rapidjson_default", rapidjson_peer<rapidjson::kParseDefaultFlags>);
#endif
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
