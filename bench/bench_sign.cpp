// SPDX-License-Identifier: MIT
// End-to-end signing cost: what a client pays per request (sign) and a server pays per request
// (verify), side by side in one binary with a peer and with the floor:
//
//   sign/jsonsig/<doc>           signer::sign(body, err): canonicalize (js profile) streamed into
//                                HMAC-SHA-512 with the signer's precomputed key, lowercase hex
//   verify/jsonsig/<doc>         signer::verify(body, signature): the same plus a constant-time
//                                compare of the decoded signature
//   sign/jsonsig_oneshot/<doc>   jsonsig::sign(body, token, profile::js, err): keys the HMAC on
//                                every call (small bodies only; the key schedule is ~2 blocks)
//   sign/floor/<doc>             HMAC-SHA-512 with jsonsig's precomputed hmac_key over the
//                                already-canonical bytes (canonicalize() ran once, outside the
//                                loop) + hex: what signing would cost if canonicalization were free
//   sign/nlohmann_openssl/<doc>  nlohmann::json::parse(body).dump() (std::map: sorted, compact)
//                                + OpenSSL EVP_MAC HMAC-SHA512 with a reused context + hex: what
//                                a C++ user would write without jsonsig (not byte-identical to
//                                the js profile: nlohmann prints 34.0 and sorts keys by UTF-8
//                                bytes, so it is a speed peer only)
//   sign/bound_simdjson/<doc>    simdjson's DOM parse of the input (padded copy made once) +
//                                the floor: a lower bound for any signer that runs on one thread,
//                                even with key sorting and writing for free. Its throughput
//                                relative to the floor is the best sign / floor ratio such a
//                                signer could reach (bench/report.py shows it next to sign's).
//
// <doc> is body_200B, body_700B, body_1KB, body_4KB (realistic API bodies in bench/data, shared
// with node_sign_bench.mjs) and every /work/shared/corpus document. Bytes/s always counts the
// INPUT size (also for the floor, which hashes the canonical size), so all rows are comparable.
// Targets (issue text): sign/jsonsig >= 0.6x the floor's throughput on every corpus document;
// sign/jsonsig <= 2x the floor's time on the 700-byte body.
//
//   bench_sign --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// Before timing, each benchmark checks its result: jsonsig's signature must equal the floor's
// (same canonical bytes, same key), verify must accept it, nlohmann must parse the document.
// The label of sign/jsonsig rows is the signature's first 16 hex digits, which bench/report.py
// compares with node's signature of the same document.
#include <jsonsig/canonical_writer.hpp>
#include <jsonsig/hex.hpp>
#include <jsonsig/hmac.hpp>
#include <jsonsig/sign.hpp>

#include <benchmark/benchmark.h>

#include "bench_util.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <dirent.h>
#include <string>
#include <utility>
#include <vector>

#if JSONSIG_BENCH_HAVE_NLOHMANN
#include <nlohmann/json.hpp>
#endif
#if JSONSIG_BENCH_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace {

// A realistic API token: 48 random-looking ASCII chars (under the 128-byte HMAC block).
const std::string token = "sk_live_9fQ2vX7mL0pR4tY8wZ1cB6nH3jK5dG0aE2sU7iO9";

struct document {
  std::string name;
  std::string text;
  std::string canonical;  // js profile, computed once
  std::string signature;  // jsonsig's, computed once (checked against the floor)
};

using jsonsig_bench::read_file;

// *.json under dir, sorted by name, as (stem, path).
std::vector<std::pair<std::string, std::string>> json_files(const std::string& dir,
                                                            const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return out;
  while (const dirent* e = readdir(d)) {
    const std::string f = e->d_name;
    if (f.size() > 5 && f.compare(f.size() - 5, 5, ".json") == 0 &&
        f.compare(0, prefix.size(), prefix) == 0)
      out.emplace_back(f.substr(0, f.size() - 5), dir + "/" + f);
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

void set_bytes(benchmark::State& state, const document& doc) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(doc.text.size()));
  state.counters["input_bytes"] = static_cast<double>(doc.text.size());
  state.counters["canonical_bytes"] = static_cast<double>(doc.canonical.size());
}

// ---------------------------------------------------------------------------------------------
// jsonsig

void sign_jsonsig(benchmark::State& state, const document* doc) {
  const jsonsig::signer s(token);
  for (auto _ : state) {
    jsonsig::error_info err;
    std::string sig = s.sign(doc->text, err);
    benchmark::DoNotOptimize(sig.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, *doc);
  state.SetLabel(doc->signature.substr(0, 16));
}

void sign_jsonsig_oneshot(benchmark::State& state, const document* doc) {
  jsonsig::error_info err;
  if (jsonsig::sign(doc->text, token, jsonsig::profile::js, err) != doc->signature) {
    state.SkipWithError("one-shot sign differs from signer::sign");
    return;
  }
  for (auto _ : state) {
    std::string sig = jsonsig::sign(doc->text, token, jsonsig::profile::js, err);
    benchmark::DoNotOptimize(sig.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, *doc);
}

void verify_jsonsig(benchmark::State& state, const document* doc) {
  const jsonsig::signer s(token);
  std::string wrong = doc->signature;
  wrong[127] = wrong[127] == '0' ? '1' : '0';
  if (!s.verify(doc->text, doc->signature) || s.verify(doc->text, wrong)) {
    state.SkipWithError("verify does not accept exactly the right signature");
    return;
  }
  for (auto _ : state) {
    bool ok = s.verify(doc->text, doc->signature);
    benchmark::DoNotOptimize(ok);
    benchmark::ClobberMemory();
  }
  set_bytes(state, *doc);
}

// The floor: only the HMAC (precomputed key) and the hex of the already-canonical bytes.
void sign_floor(benchmark::State& state, const document* doc) {
  const jsonsig::hmac_key key(token);
  const std::string& canon = doc->canonical;
  for (auto _ : state) {
    jsonsig::hmac_sha512 mac(key);
    mac.update(canon);
    std::array<unsigned char, 64> tag = mac.finish();
    std::string sig = jsonsig::hex_encode(tag);
    benchmark::DoNotOptimize(sig.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, *doc);
}

#if JSONSIG_BENCH_HAVE_SIMDJSON
// The bound: parse (simdjson DOM, parser reused, so no allocation in the loop) + the floor. A
// one-thread signer must at least read the whole input before it can emit the first member of a
// root object (the smallest key may be the last one in the text), then hash the canonical bytes.
void sign_bound_simdjson(benchmark::State& state, const document* doc) {
  const jsonsig::hmac_key key(token);
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(doc->text);
  if (parser.parse(padded).error() != simdjson::SUCCESS) {
    state.SkipWithError("simdjson rejected the document");
    return;
  }
  for (auto _ : state) {
    simdjson::dom::element root;
    const auto error = parser.parse(padded).get(root);
    benchmark::DoNotOptimize(error);
    benchmark::DoNotOptimize(root);
    jsonsig::hmac_sha512 mac(key);
    mac.update(doc->canonical);
    std::array<unsigned char, 64> tag = mac.finish();
    std::string sig = jsonsig::hex_encode(tag);
    benchmark::DoNotOptimize(sig.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, *doc);
}
#endif

// ---------------------------------------------------------------------------------------------
// nlohmann::json + OpenSSL

#if JSONSIG_BENCH_HAVE_NLOHMANN
struct evp_mac {
  EVP_MAC_CTX* ctx = nullptr;
  evp_mac() {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);  // the context holds its own reference
    char digest_name[] = "SHA512";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0), OSSL_PARAM_END};
    EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(token.data()), token.size(), params);
  }
  ~evp_mac() { EVP_MAC_CTX_free(ctx); }
  evp_mac(const evp_mac&) = delete;
  evp_mac& operator=(const evp_mac&) = delete;

  std::string sign(const std::string& msg) {
    std::array<unsigned char, 64> tag{};
    std::size_t len = 0;
    EVP_MAC_init(ctx, nullptr, 0, nullptr);  // restart from the stored key
    EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
    EVP_MAC_final(ctx, tag.data(), &len, tag.size());
    return jsonsig::hex_encode(tag);
  }
};

void sign_nlohmann_openssl(benchmark::State& state, const document* doc) {
  evp_mac mac;
  // The peer must at least be a correct HMAC: on the js canonical bytes it must give jsonsig's
  // signature, and it must parse the document.
  if (mac.sign(doc->canonical) != doc->signature) {
    state.SkipWithError("OpenSSL HMAC differs from jsonsig on the canonical bytes");
    return;
  }
  if (!nlohmann::json::accept(doc->text)) {
    state.SkipWithError("nlohmann rejected the document");
    return;
  }
  for (auto _ : state) {
    std::string sig = mac.sign(nlohmann::json::parse(doc->text).dump());
    benchmark::DoNotOptimize(sig.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, *doc);
}
#endif

// ---------------------------------------------------------------------------------------------

bool prepare(document& d) {
  jsonsig::error_info err;
  d.canonical = jsonsig::canonicalize(d.text, jsonsig::profile::js, err);
  if (err) return false;
  d.signature = jsonsig::signer(token).sign(d.text, err);
  if (err) return false;
  jsonsig::hmac_sha512 mac{jsonsig::hmac_key(token)};
  mac.update(d.canonical);
  return jsonsig::hex_encode(mac.finish()) == d.signature;
}

void register_doc(const document* d, bool small) {
  using fn_t = void (*)(benchmark::State&, const document*);
  std::vector<std::pair<std::string, fn_t>> benches = {
      {"sign/jsonsig/", &sign_jsonsig},
      {"verify/jsonsig/", &verify_jsonsig},
      {"sign/floor/", &sign_floor},
  };
  if (small) benches.emplace_back("sign/jsonsig_oneshot/", &sign_jsonsig_oneshot);
#if JSONSIG_BENCH_HAVE_NLOHMANN
  benches.emplace_back("sign/nlohmann_openssl/", &sign_nlohmann_openssl);
#endif
#if JSONSIG_BENCH_HAVE_SIMDJSON
  if (!small) benches.emplace_back("sign/bound_simdjson/", &sign_bound_simdjson);
#endif
  for (const auto& b : benches) {
    auto* r = benchmark::RegisterBenchmark((b.first + d->name).c_str(), b.second, d);
    if (!small) r->Unit(benchmark::kMicrosecond);
  }
}

}  // namespace

int main(int argc, char** argv) {
  static std::vector<document> docs;  // reserved below: the benchmarks keep pointers
  const auto bodies = json_files(std::string(JSONSIG_SOURCE_DIR) + "/bench/data", "body_");
  const auto corpus = json_files(std::string(JSONSIG_SHARED_DIR) + "/corpus", "");
  docs.reserve(bodies.size() + corpus.size());
  std::size_t n_bodies = 0;
  for (const auto* list : {&bodies, &corpus}) {
    for (const auto& f : *list) {
      document d{f.first, read_file(f.second), {}, {}};
      if (d.text.empty() || !prepare(d)) {
        std::fprintf(stderr, "bench_sign: cannot sign %s, skipped\n", f.second.c_str());
        continue;
      }
      docs.push_back(std::move(d));
    }
    if (list == &bodies) n_bodies = docs.size();
  }
  // Bodies first (ns per body), then the corpus (MB/s), so a --benchmark_filter on either works.
  for (std::size_t i = 0; i < docs.size(); ++i) register_doc(&docs[i], i < n_bodies);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
