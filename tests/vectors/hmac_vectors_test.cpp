// SPDX-License-Identifier: MIT
// HMAC-SHA-512 vectors through every implementation in jsonsig (and libcrypto's HMAC() as a
// check on the readers): all [L=64] records of NIST CAVP HMAC.rsp with their truncated tag
// lengths, RFC 4231 test cases 1-7, and Project Wycheproof hmac_sha512_test.json (valid tags
// must match, invalid ones must not). Record counts are asserted.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include <jsonsig/constant_time.hpp>

#include "support.hpp"
#include "vectors/crypto_vectors.hpp"

namespace {

using namespace crypto_vectors;

std::string vec_path(const std::string& name) { return jsonsig_test::shared_dir() + "/vectors/hmac/" + name; }

// Every implementation under test plus OpenSSL's HMAC() (which must agree with the files too:
// if it did not, the fault would be in how this test reads them).
std::vector<std::pair<std::string, mac_fn>> all_macs() {
  auto v = hmac_impls();
  v.emplace_back("libcrypto HMAC()", [](const bytes& k, const bytes& m, std::size_t) { return openssl_hmac(k, m); });
  return v;
}

// True when the leftmost want.size() bytes of the tag equal want (constant-time compare, as a
// verifier would do it).
bool tag_matches(const digest& tag, const bytes& want) {
  return want.size() <= tag.size() && jsonsig::ct_equal(tag.data(), want.data(), want.size());
}

TEST(hmac_vectors, nist_cavp_hmac_rsp_l64_all_375_records) {
  const auto records = parse_rsp(jsonsig_test::read_file(vec_path("HMAC.rsp")));
  const auto macs = all_macs();
  std::size_t n = 0, full = 0, long_keys = 0;
  std::map<std::size_t, std::size_t> per_tlen;
  for (const rsp_record& r : records) {
    if (r.section != "L=64") continue;
    const bytes key = unhex(r.at("Key")), msg = unhex(r.at("Msg")), mac = unhex(r.at("Mac"));
    const std::size_t klen = std::stoul(r.at("Klen")), tlen = std::stoul(r.at("Tlen"));
    ASSERT_EQ(std::stoul(r.at("Count")), n) << "records out of order";
    ASSERT_EQ(key.size(), klen) << "Count=" << n;  // Klen and Tlen are in bytes
    ASSERT_EQ(mac.size(), tlen) << "Count=" << n;
    ASSERT_EQ(msg.size(), 128u) << "Count=" << n;
    for (const auto& [impl, fn] : macs) {
      for (std::size_t chunk : {std::size_t{0}, std::size_t{13}}) {
        const digest tag = fn(key, msg, chunk);
        EXPECT_TRUE(tag_matches(tag, mac)) << "Count=" << n << " Klen=" << klen << " Tlen=" << tlen
                                           << " " << impl << " got " << hex(tag);
      }
    }
    ++per_tlen[tlen];
    if (tlen == 64) ++full;
    if (klen > 128) ++long_keys;
    ++n;
  }
  EXPECT_EQ(n, 375u);
  EXPECT_EQ(full, 75u);
  EXPECT_EQ(long_keys, 150u);  // Klen 139 and 142: hashed first (RFC 2104 §2)
  EXPECT_EQ(per_tlen, (std::map<std::size_t, std::size_t>{{32, 75}, {40, 75}, {48, 75}, {56, 75}, {64, 75}}));
}

TEST(hmac_vectors, rfc4231_all_7_cases) {
  const auto doc = nlohmann::json::parse(jsonsig_test::read_file(vec_path("rfc4231_hmac_sha512.json")));
  const auto macs = all_macs();
  std::size_t n = 0, truncated = 0;
  for (const auto& t : doc.at("tests")) {
    const bytes key = unhex(t.at("key_hex").get<std::string>());
    const bytes data = unhex(t.at("data_hex").get<std::string>());
    const bytes want = unhex(t.at("expected_hex").get<std::string>());
    ASSERT_EQ(key.size(), t.at("key_length").get<std::size_t>());
    ASSERT_EQ(data.size(), t.at("data_length").get<std::size_t>());
    ASSERT_EQ(want.size() * 8, t.at("expected_bits").get<std::size_t>());
    if (t.at("truncated").get<bool>()) ++truncated;
    for (const auto& [impl, fn] : macs) {
      for (std::size_t chunk : {std::size_t{0}, std::size_t{1}}) {
        const digest tag = fn(key, data, chunk);
        EXPECT_TRUE(tag_matches(tag, want)) << "RFC 4231 test case " << t.at("test_case") << " " << impl
                                            << " got " << hex(tag);
      }
    }
    ++n;
  }
  EXPECT_EQ(n, 7u);
  EXPECT_EQ(truncated, 1u);  // test case 5: 128 bits
}

TEST(hmac_vectors, wycheproof_all_174_tests) {
  const auto doc = nlohmann::json::parse(jsonsig_test::read_file(vec_path("hmac_sha512_test.json")));
  ASSERT_EQ(doc.at("algorithm").get<std::string>(), "HMACSHA512");
  const auto macs = all_macs();
  std::size_t n = 0, valid = 0, invalid = 0, truncated = 0;
  for (const auto& group : doc.at("testGroups")) {
    const std::size_t tag_bytes = group.at("tagSize").get<std::size_t>() / 8;  // tagSize is in bits
    const std::size_t key_bytes = group.at("keySize").get<std::size_t>() / 8;
    for (const auto& t : group.at("tests")) {
      const bytes key = unhex(t.at("key").get<std::string>());
      const bytes msg = unhex(t.at("msg").get<std::string>());
      const bytes tag = unhex(t.at("tag").get<std::string>());
      const std::string result = t.at("result").get<std::string>();
      ASSERT_EQ(key.size(), key_bytes) << "tcId " << t.at("tcId");
      ASSERT_EQ(tag.size(), tag_bytes) << "tcId " << t.at("tcId");
      ASSERT_TRUE(result == "valid" || result == "invalid") << "tcId " << t.at("tcId") << ": " << result;
      for (const auto& [impl, fn] : macs) {
        const digest got = fn(key, msg, 0);
        EXPECT_EQ(tag_matches(got, tag), result == "valid")
            << "Wycheproof tcId " << t.at("tcId") << " (" << t.at("comment") << ") " << impl;
      }
      ++(result == "valid" ? valid : invalid);
      if (tag_bytes < 64) ++truncated;
      ++n;
    }
  }
  EXPECT_EQ(n, 174u);
  EXPECT_EQ(doc.at("numberOfTests").get<std::size_t>(), n);
  EXPECT_EQ(valid, 66u);
  EXPECT_EQ(invalid, 108u);
  EXPECT_EQ(truncated, 87u);  // tagSize 256 groups: 81 + 3 + 3
}

}  // namespace
