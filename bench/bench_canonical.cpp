// SPDX-License-Identifier: MIT
// Canonicalization speed, side by side in one binary:
//   jsonsig/js, jsonsig/python   canonicalize() into a std::string (a fresh canonicalizer per call)
//   jsonsig/js_hmac              canonicalize_to() a counting sink (what sign() pays besides
//   SHA-512) nlohmann                     nlohmann::json::parse(text).dump(): its object is a
//   std::map, so
//                                dump() is already sorted and compact (its canonical form)
//   rapidjson_sorted             Document::Parse, std::sort of every object's members by name
//                                (recursively), Writer<StringBuffer>
// over every /work/shared/corpus document (MB/s) and over small API bodies (ns per body).
// Run:  bench_canonical --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// and bench/canonical_ratios.py turns the JSON output into the ratio table.
#include <jsonsig/canonical_writer.hpp>

#include <benchmark/benchmark.h>

#include "bench_util.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#if JSONSIG_BENCH_HAVE_NLOHMANN
#include <nlohmann/json.hpp>
#endif
#if JSONSIG_BENCH_HAVE_RAPIDJSON
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#endif

namespace {

using jsonsig_bench::read_file;

// ---------------------------------------------------------------------------------------------
// Small request bodies, keys deliberately out of order, as a client would send them.

const char* const login_body =
    R"({"username":"alice@example.com","password":"correct horse battery staple","remember":true,"device":{"platform":"ios","id":"8f14e45f-ceea-467f-a0e6-bc2e3f1c2b5a","version":"17.2.1"},"nonce":"b6f1f0c2a9d84e01"})";

const char* const order_body =
    R"({"orderId":"ord_7Hq2LmX9","customer":{"id":48213,"email":"jean.dupont@example.fr","name":"Jean Dupont","tier":"gold"},"currency":"EUR","items":[{"sku":"SKU-10021","name":"Wireless mouse","qty":2,"unitPrice":19.99,"taxRate":0.2},{"sku":"SKU-20417","name":"USB-C hub, 7 ports","qty":1,"unitPrice":49.5,"taxRate":0.2},{"sku":"SKU-30999","name":"Laptop stand","qty":1,"unitPrice":34.0,"taxRate":0.2},{"sku":"SKU-11873","name":"HDMI cable 2m","qty":3,"unitPrice":7.25,"taxRate":0.2}],"shipping":{"method":"express","address":{"street":"12 rue de la Paix","city":"Paris","zip":"75002","country":"FR"},"cost":9.9},"discount":{"code":"WELCOME10","amount":10},"total":171.84,"createdAt":"2024-05-14T09:21:33.512Z","notes":null,"giftWrap":false})";

const char* const profile_body =
    R"({"userId":"u_93f0c1","displayName":"Zoë Ångström","bio":"Café owner in Malmö ☕ — 東京 and São Paulo lover 🌍","locale":"sv-SE","links":["https://example.com/zoe","https://social.example/@zoe"],"preferences":{"theme":"dark","newsletter":true,"notifications":{"email":true,"sms":false,"push":{"enabled":true,"quietHours":[22,7]}}},"updatedFields":["displayName","bio","preferences.theme"],"version":17})";

std::string batch_body() {
  std::string s =
      R"({"source":"sensor-gateway-eu-3","batchId":"9c1e7f02-5d3a-4b8e-b1d2-77a0f3c4e5d6","events":[)";
  for (int i = 0; i < 20; ++i) {
    if (i) s += ',';
    s += R"({"type":"reading","seq":)" + std::to_string(100000 + i) + R"(,"ts":"2024-05-14T09:2)" +
         std::to_string(i % 10) + R"(:00Z","values":{"temperature":)" + std::to_string(20 + i % 7) +
         "." + std::to_string(i % 10) + R"(,"humidity":0.)" + std::to_string(41 + i) +
         R"(,"pressure":1013.)" + std::to_string(i % 9) +
         R"(},"device":{"model":"TH-200","fw":"2.4.1","id":)" + std::to_string(7000 + i) +
         R"(},"ok":true})";
  }
  s += R"(],"count":20,"sentAt":1715678493512})";
  return s;
}

// ---------------------------------------------------------------------------------------------
// The contenders

void run_jsonsig(benchmark::State& state, const std::string& doc, jsonsig::profile p) {
  jsonsig::canonical_options opt;
  opt.prof = p;
  for (auto _ : state) {
    jsonsig::error_info err;
    std::string out = jsonsig::canonicalize(doc, opt, err);
    if (err) {
      state.SkipWithError("jsonsig rejected the document");
      break;
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.size()));
}

void run_jsonsig_counting(benchmark::State& state, const std::string& doc) {
  jsonsig::canonical_options opt;
  for (auto _ : state) {
    jsonsig::error_info err;
    jsonsig::counting_sink sink;
    jsonsig::canonicalize_to(doc, sink, opt, err);
    benchmark::DoNotOptimize(sink.count);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.size()));
}

#if JSONSIG_BENCH_HAVE_NLOHMANN
void run_nlohmann(benchmark::State& state, const std::string& doc) {
  for (auto _ : state) {
    std::string out = nlohmann::json::parse(doc).dump();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.size()));
}
#endif

#if JSONSIG_BENCH_HAVE_RAPIDJSON
// Recursive member sort (the peer as a user would write it; recursion is fine here).
void sort_members(rapidjson::Value& v) {
  if (v.IsObject()) {
    std::sort(
        v.MemberBegin(), v.MemberEnd(),
        [](const rapidjson::Value::Member& a, const rapidjson::Value::Member& b) {
          const rapidjson::SizeType la = a.name.GetStringLength(), lb = b.name.GetStringLength();
          const int c = std::memcmp(a.name.GetString(), b.name.GetString(), la < lb ? la : lb);
          return c < 0 || (c == 0 && la < lb);
        });
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) sort_members(m->value);
  } else if (v.IsArray()) {
    for (auto e = v.Begin(); e != v.End(); ++e) sort_members(*e);
  }
}

void run_rapidjson(benchmark::State& state, const std::string& doc) {
  for (auto _ : state) {
    rapidjson::Document d;
    d.Parse(doc.data(), doc.size());
    if (d.HasParseError()) {
      state.SkipWithError("rapidjson rejected the document");
      break;
    }
    sort_members(d);
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    d.Accept(w);
    benchmark::DoNotOptimize(sb.GetString());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.size()));
}
#endif

void register_all(const std::string& group, const std::string& name, const std::string* doc) {
  const std::string base = group + "/" + name + "/";
  benchmark::RegisterBenchmark((base + "jsonsig_js").c_str(), [doc](benchmark::State& s) {
    run_jsonsig(s, *doc, jsonsig::profile::js);
  });
  benchmark::RegisterBenchmark((base + "jsonsig_python").c_str(), [doc](benchmark::State& s) {
    run_jsonsig(s, *doc, jsonsig::profile::python);
  });
  benchmark::RegisterBenchmark((base + "jsonsig_js_nostring").c_str(),
                               [doc](benchmark::State& s) { run_jsonsig_counting(s, *doc); });
#if JSONSIG_BENCH_HAVE_RAPIDJSON
  benchmark::RegisterBenchmark((base + "rapidjson_sorted").c_str(),
                               [doc](benchmark::State& s) { run_rapidjson(s, *doc); });
#endif
#if JSONSIG_BENCH_HAVE_NLOHMANN
  benchmark::RegisterBenchmark((base + "nlohmann").c_str(),
                               [doc](benchmark::State& s) { run_nlohmann(s, *doc); });
#endif
}

}  // namespace

int main(int argc, char** argv) {
  static std::vector<std::pair<std::string, std::string>> docs;  // stable addresses below
  const std::string dir = std::string(JSONSIG_SHARED_DIR) + "/corpus/";
  for (const char* name :
       {"apache_builds", "canada", "citm_catalog", "github_events", "gsoc-2018", "instruments",
        "marine_ik", "mesh", "numbers", "random", "twitter", "update-center"}) {
    std::string text = read_file(dir + name + ".json");
    if (!text.empty()) docs.emplace_back(name, std::move(text));
  }
  static std::vector<std::pair<std::string, std::string>> bodies = {{"login", login_body},
                                                                    {"profile", profile_body},
                                                                    {"order", order_body},
                                                                    {"batch", batch_body()}};
  for (const auto& d : docs) register_all("corpus", d.first, &d.second);
  for (const auto& b : bodies)
    register_all("body", b.first + "_" + std::to_string(b.second.size()) + "B", &b.second);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
