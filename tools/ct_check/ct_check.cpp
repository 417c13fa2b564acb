// SPDX-License-Identifier: MIT
// jsonsig_ct_check: statistical evidence that signer::verify does not leak, through its timing,
// how much of the expected MAC a forged signature got right. The method is dudect's
// (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", DATE 2017):
//
//   1. Two classes of inputs, chosen at random for each measurement (so drift, frequency
//      scaling and other processes hit both classes alike): class A is the correct signature
//      with its LAST byte wrong, class B the correct signature with its FIRST byte wrong (or a
//      random signature, --class-b random). An early-exit comparison takes longer for A.
//   2. Time each call (rdtsc on x86-64, else steady_clock).
//   3. Welch's t-test between the classes on all measurements, on measurements cropped at 100
//      percentiles of the first batch (cropping removes the long tail of interrupts; dudect
//      uses thresholds 1 - 0.5^(10 (k+1) / 100)), and a second-order test on squared centred
//      values. The largest |t| over the tests with >= 10000 measurements is reported.
//   4. |t| < 4.5: no evidence of a leak at this sample size (the usual TVLA threshold);
//      |t| >= 4.5: evidence of a timing difference between the classes.
//
// The same harness runs a deliberately leaky comparison (a byte loop that stops at the first
// difference, the naive memcmp) as a positive control: it must show a large |t|, or the run
// proves nothing (too few measurements, too much noise). Exit status: 0 the constant-time
// targets show no evidence and every control detected its leak; 1 a constant-time target shows
// evidence of a leak; 3 a control went undetected (inconclusive run); 2 usage error.
//
// Timing tests are statistical and sensitive to the machine: run on demand (not in ctest), on an
// idle machine if possible, and with more measurements when the verdict is close.
#include <jsonsig/constant_time.hpp>
#include <jsonsig/hex.hpp>
#include <jsonsig/sign.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <x86intrin.h>
#define CT_CHECK_HAVE_RDTSC 1
#else
#define CT_CHECK_HAVE_RDTSC 0
#endif

namespace {

constexpr double t_threshold = 4.5;               // TVLA's threshold for |t|
constexpr std::size_t percentile_count = 100;     // dudect: DUDECT_NUMBER_PERCENTILES
constexpr std::size_t enough_measurements = 10000;  // dudect: tests below this are not reported
constexpr std::size_t batch_size = 10000;         // measurements between statistics updates
constexpr std::size_t skip_per_batch = 10;        // dudect discards the first few of a batch

// ---- timer -------------------------------------------------------------------------------------

bool use_rdtsc = CT_CHECK_HAVE_RDTSC != 0;

inline std::uint64_t now() noexcept {
#if CT_CHECK_HAVE_RDTSC
  if (use_rdtsc) {
    _mm_lfence();  // earlier instructions finish before the timestamp is read
    return __rdtsc();
  }
#endif
  return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
}

// ---- Welch's t-test with Welford's online mean and variance ------------------------------------

class welch {
 public:
  void push(double x, int cls) {
    n_[cls] += 1;
    const double delta = x - mean_[cls];
    mean_[cls] += delta / n_[cls];
    m2_[cls] += delta * (x - mean_[cls]);
  }
  double n(int cls) const { return n_[cls]; }
  double mean(int cls) const { return mean_[cls]; }
  double total() const { return n_[0] + n_[1]; }
  double t() const {
    if (n_[0] < 2 || n_[1] < 2) return 0;
    const double v0 = m2_[0] / (n_[0] - 1), v1 = m2_[1] / (n_[1] - 1);
    const double den = std::sqrt(v0 / n_[0] + v1 / n_[1]);
    return den > 0 ? (mean_[0] - mean_[1]) / den : 0;
  }

 private:
  double n_[2] = {0, 0};
  double mean_[2] = {0, 0};
  double m2_[2] = {0, 0};
};

// ---- what is measured --------------------------------------------------------------------------

// The positive control: compares like a naive memcmp, stopping at the first differing byte, so
// its time grows with the length of the matching prefix. Never use this on secrets.
// noinline + volatile reads: the compiler may neither fold it into the caller's constants nor
// turn it into a library call with a different shape.
JSONSIG_NOINLINE bool leaky_equal(const unsigned char* a, const unsigned char* b,
                                           std::size_t n) noexcept {
  const volatile unsigned char* va = a;
  const volatile unsigned char* vb = b;
  for (std::size_t i = 0; i < n; ++i)
    if (va[i] != vb[i]) return false;  // VARIABLE TIME on purpose
  return true;
}

// verify's work with the leaky comparison in place of ct_equal: the same canonicalization,
// HMAC and hex decoding, so the control runs under the same noise as the real thing.
bool leaky_verify(const jsonsig::signer& s, std::string_view json, std::string_view sig_hex) {
  if (sig_hex.size() != jsonsig::signature_size) return false;
  std::array<unsigned char, 64> mac{};
  jsonsig::error_info err;
  if (!s.sign(json, mac, err)) return false;
  std::array<unsigned char, 64> given{};
  if (!jsonsig::hex_decode(sig_hex, given.data())) return false;
  return leaky_equal(mac.data(), given.data(), given.size());
}

enum class role { ct, control, info };  // expected constant time / must leak / just reported

struct target {
  const char* name;
  role kind;
  // Runs the operation on input `in` (a signature: hex for the verify targets, 64 raw bytes
  // for the comparison targets) and returns its result.
  std::function<bool(std::string_view in)> run;
  bool hex_inputs;
};

// ---- the measurement loop ------------------------------------------------------------------------

struct options {
  std::size_t measurements = 1000000;
  bool class_b_random = false;
  std::uint64_t seed = 0x6a736f6e736967ULL;
  std::size_t body_bytes = 0;  // extra padding in the body (0: a small API body)
  std::vector<std::string> targets;
};

struct result {
  double max_t = 0;
  std::string test;  // which test gave max_t
  double n = 0;
  double mean_a = 0, mean_b = 0;  // of the test that gave max_t (squares for the 2nd order)
};

double percentile(const std::vector<std::uint64_t>& sorted, double q) {
  const std::size_t at = static_cast<std::size_t>(q * static_cast<double>(sorted.size()));
  return static_cast<double>(sorted[std::min(at, sorted.size() - 1)]);
}

volatile bool result_sink;  // keeps every result alive so no call is optimised away

result measure(const target& tg, const std::string& correct, const options& opt,
               std::mt19937_64& rng) {
  // class 0 = A (last byte wrong), class 1 = B (first byte wrong, or random).
  std::string a = correct, b = correct;
  if (tg.hex_inputs) {
    a[127] = a[127] == '0' ? '1' : '0';
    b[0] = b[0] == '0' ? '1' : '0';
  } else {
    a[63] = static_cast<char>(a[63] ^ 1);
    b[0] = static_cast<char>(b[0] ^ 1);
  }
  // As in dudect, every measurement has its own input in one batch buffer, written before the
  // batch is timed: the input's address then varies per measurement and is independent of its
  // class. (Copying each class from its own string was measurably not: the two source
  // addresses left different cache state behind, and even code that never reads the
  // signature showed |t| > 10 between the classes.)
  const std::size_t len = correct.size();
  std::vector<char> inputs(batch_size * len);

  std::vector<welch> tests(2 + percentile_count);  // [0] all, [1..100] cropped, [101] 2nd order
  std::vector<double> crop(percentile_count, 0);
  std::vector<std::uint64_t> times(batch_size);
  std::vector<int> classes(batch_size);
  const std::size_t batches = (opt.measurements + batch_size - 1) / batch_size + 1;  // +warm-up
  for (std::size_t batch = 0; batch < batches; ++batch) {
    for (std::size_t i = 0; i < batch_size; ++i) {
      classes[i] = static_cast<int>(rng() & 1);
      char* in = inputs.data() + i * len;
      if (classes[i] == 0 || !opt.class_b_random) {
        std::memcpy(in, (classes[i] == 0 ? a : b).data(), len);
      } else {
        unsigned char raw[64];
        for (unsigned char& c : raw) c = static_cast<unsigned char>(rng());
        if (tg.hex_inputs) jsonsig::hex_encode(raw, sizeof raw, in);
        else std::memcpy(in, raw, sizeof raw);
      }
    }
    for (std::size_t i = 0; i < batch_size; ++i) {
      const std::string_view in(inputs.data() + i * len, len);
      const std::uint64_t t0 = now();
      const bool r = tg.run(in);
      const std::uint64_t t1 = now();
      result_sink = r;
      times[i] = t1 - t0;
    }
    if (batch == 0) {
      // Warm-up batch: only sets the cropping thresholds, as dudect's prepare_percentiles.
      std::vector<std::uint64_t> sorted(times);
      std::sort(sorted.begin(), sorted.end());
      for (std::size_t k = 0; k < percentile_count; ++k)
        crop[k] = percentile(sorted, 1 - std::pow(0.5, 10 * static_cast<double>(k + 1) /
                                                           static_cast<double>(percentile_count)));
      continue;
    }
    for (std::size_t i = skip_per_batch; i < batch_size; ++i) {
      const double x = static_cast<double>(times[i]);
      const int c = classes[i];
      tests[0].push(x, c);
      for (std::size_t k = 0; k < percentile_count; ++k)
        if (x < crop[k]) tests[1 + k].push(x, c);
      if (tests[0].total() > enough_measurements) {
        const double centred = x - tests[0].mean(c);
        tests[1 + percentile_count].push(centred * centred, c);
      }
    }
  }
  result res;
  for (std::size_t k = 0; k < tests.size(); ++k) {
    if (tests[k].total() < enough_measurements) continue;
    const double t = std::fabs(tests[k].t());
    if (t > res.max_t || res.test.empty()) {
      res.max_t = t;
      res.n = tests[k].total();
      res.mean_a = tests[k].mean(0);
      res.mean_b = tests[k].mean(1);
      res.test = k == 0                      ? std::string("uncropped")
                 : k <= percentile_count ? "cropped p" + std::to_string(k)
                                           : std::string("2nd order");
    }
  }
  return res;
}

// ---- command line --------------------------------------------------------------------------------

const char* const usage =
    "usage: jsonsig_ct_check [--measurements N] [--target NAME]... [--class-b first|random]\n"
    "                        [--timer rdtsc|clock] [--body-bytes N] [--seed S]\n"
    "\n"
    "dudect-style timing test (Welch's t-test, percentile cropping) of signer::verify, with\n"
    "deliberately leaky positive controls. Targets (default: verify and leaky_verify):\n"
    "  verify        jsonsig::signer::verify(body, signature)            constant time expected\n"
    "  leaky_verify  the same work, compared with an early-exit byte loop  control: must leak\n"
    "  mac_matches   verify's compare alone: hex decode + ct_equal        constant time expected\n"
    "  hex_decode    hex_decode of the signature alone (public input)     constant time expected\n"
    "  ct_equal      jsonsig::ct_equal on the 64-byte MACs alone          constant time expected\n"
    "  leaky_equal   the early-exit byte loop alone                       control: must leak\n"
    "  memcmp        std::memcmp on the 64-byte MACs (informational; libc's vector memcmp\n"
    "                may or may not show its early exit at this size)\n"
    "  all           every target above\n"
    "Class A: the correct signature with its last byte wrong; class B: its first byte wrong\n"
    "(or a fresh random signature with --class-b random). Default: 1000000 measurements per\n"
    "target. |t| < 4.5: no evidence of leakage. Exit 0 pass, 1 leak, 3 control undetected.\n";

bool parse_count(const char* s, std::size_t& out) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0' || s[0] == '-') return false;
  out = static_cast<std::size_t>(v);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "jsonsig_ct_check: %s needs a value\n", argv[i]);
        std::exit(2);
      }
      return argv[++i];
    };
    std::size_t n = 0;
    if (a == "-h" || a == "--help") {
      std::fputs(usage, stdout);
      return 0;
    } else if (a == "--measurements") {
      if (!parse_count(value(), n) || n < 3 * enough_measurements) {
        std::fprintf(stderr, "jsonsig_ct_check: --measurements needs an integer >= %zu\n",
                     3 * enough_measurements);
        return 2;
      }
      opt.measurements = n;
    } else if (a == "--target") {
      opt.targets.emplace_back(value());
    } else if (a == "--class-b") {
      const std::string_view v = value();
      if (v != "first" && v != "random") {
        std::fprintf(stderr, "jsonsig_ct_check: --class-b is first or random\n");
        return 2;
      }
      opt.class_b_random = v == "random";
    } else if (a == "--timer") {
      const std::string_view v = value();
      if (v == "clock") {
        use_rdtsc = false;
      } else if (v == "rdtsc" && CT_CHECK_HAVE_RDTSC) {
        use_rdtsc = true;
      } else {
        std::fprintf(stderr, "jsonsig_ct_check: --timer is rdtsc (x86-64 only) or clock\n");
        return 2;
      }
    } else if (a == "--body-bytes") {
      if (!parse_count(value(), n) || n > (1u << 24)) {
        std::fprintf(stderr, "jsonsig_ct_check: --body-bytes needs an integer <= 16777216\n");
        return 2;
      }
      opt.body_bytes = n;
    } else if (a == "--seed") {
      if (!parse_count(value(), n)) {
        std::fprintf(stderr, "jsonsig_ct_check: --seed needs an integer\n");
        return 2;
      }
      opt.seed = n;
    } else {
      std::fprintf(stderr, "jsonsig_ct_check: unknown argument '%s'\n%s", argv[i], usage);
      return 2;
    }
  }
  if (opt.targets.empty()) opt.targets = {"verify", "leaky_verify"};

  std::mt19937_64 rng(opt.seed);
  std::string token(32, '\0');
  for (char& c : token) c = static_cast<char>(rng());
  std::string body = R"({"orderId":"A-1","amount":12.5,"items":[{"sku":"x","qty":2}],"note":")";
  body.append(opt.body_bytes, 'x');
  body += "\"}";
  const jsonsig::signer signer(token);
  const std::string sig = signer.sign(body);
  std::array<unsigned char, 64> mac{};
  jsonsig::error_info err;
  signer.sign(body, mac, err);
  const std::string mac_bytes(reinterpret_cast<const char*>(mac.data()), mac.size());
  if (!signer.verify(body, sig) || leaky_verify(signer, body, sig) != true) {
    std::fprintf(stderr, "jsonsig_ct_check: self-check failed: verify rejects its own signature\n");
    return 2;
  }

  const auto equal_target = [&](auto cmp) {
    return [&mac, cmp](std::string_view in) {
      return cmp(mac.data(), reinterpret_cast<const unsigned char*>(in.data()), mac.size());
    };
  };
  const std::vector<target> all = {
      {"verify", role::ct, [&](std::string_view in) { return signer.verify(body, in); }, true},
      {"leaky_verify", role::control,
       [&](std::string_view in) { return leaky_verify(signer, body, in); }, true},
      {"mac_matches", role::ct,
       [&](std::string_view in) { return jsonsig::detail::mac_matches(mac.data(), in); }, true},
      {"hex_decode", role::ct,
       [&](std::string_view in) {
         std::array<unsigned char, 64> out{};
         return jsonsig::hex_decode(in, out.data()) && out[0] == 0;
       },
       true},
      {"ct_equal", role::ct,
       equal_target([](const unsigned char* x, const unsigned char* y, std::size_t n) {
         return jsonsig::ct_equal(x, y, n);
       }),
       false},
      {"leaky_equal", role::control, equal_target(&leaky_equal), false},
      {"memcmp", role::info,
       equal_target([](const unsigned char* x, const unsigned char* y, std::size_t n) {
         return std::memcmp(x, y, n) == 0;
       }),
       false},
  };
  std::vector<const target*> chosen;
  for (const std::string& name : opt.targets) {
    bool found = false;
    for (const target& t : all) {
      if (name == "all" || name == t.name) {
        if (std::find(chosen.begin(), chosen.end(), &t) == chosen.end()) chosen.push_back(&t);
        found = true;
      }
    }
    if (!found) {
      std::fprintf(stderr, "jsonsig_ct_check: unknown target '%s'\n%s", name.c_str(), usage);
      return 2;
    }
  }

  std::printf("jsonsig_ct_check: %zu measurements per target (+1 warm-up batch of %zu), timer %s,\n"
              "  class A = correct signature with the last byte wrong, class B = %s; body %zu bytes\n",
              opt.measurements, batch_size, use_rdtsc ? "rdtsc (cycles)" : "steady_clock (ns)",
              opt.class_b_random ? "a random signature" : "the first byte wrong", body.size());
  // tau = t / sqrt(n): about (4.5 / tau)^2 measurements make such an effect visible.
  // mean A / mean B: of the test that gave max |t| (squared deviations for the 2nd order test).
  std::printf("%-13s %-8s %9s %10s  %-15s %10s %10s  %s\n", "target", "role", "max |t|", "tau",
              "test", "mean A", "mean B", "verdict");
  int status = 0;
  for (const target* t : chosen) {
    const result r = measure(*t, t->hex_inputs ? sig : mac_bytes, opt, rng);
    const bool leak = r.max_t >= t_threshold;
    const char* verdict = leak ? "evidence of leakage" : "no evidence of leakage";
    const char* note = t->kind == role::info      ? ""
                       : t->kind == role::control ? (leak ? " (control detected: ok)"
                                                          : " (CONTROL NOT DETECTED)")
                                                  : (leak ? " (FAIL)" : " (ok)");
    std::printf("%-13s %-8s %9.2f %10.5f  %-15s %10.1f %10.1f  %s%s\n", t->name,
                t->kind == role::ct ? "ct" : t->kind == role::control ? "control" : "info",
                r.max_t, r.n > 0 ? r.max_t / std::sqrt(r.n) : 0.0, r.test.c_str(), r.mean_a,
                r.mean_b, verdict, note);
    std::fflush(stdout);
    if (t->kind == role::ct && leak) status = 1;
    if (t->kind == role::control && !leak && status == 0) status = 3;
  }
  jsonsig::secure_wipe(mac.data(), mac.size());
  jsonsig::secure_wipe(token.data(), token.size());
  return status;
}
