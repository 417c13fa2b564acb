// SPDX-License-Identifier: MIT
// NIST CAVP SHAVS vectors for SHA-512 (byte-oriented): every record of SHA512ShortMsg.rsp,
// SHA512LongMsg.rsp and SHA512Monte.rsp, through every SHA-512 implementation in jsonsig
// (the configured jsonsig::sha512, the bundled code on each runnable kernel, the OpenSSL
// backend class). Record counts are asserted so a parsing slip cannot pass silently.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support.hpp"
#include "vectors/crypto_vectors.hpp"

namespace {

using namespace crypto_vectors;

std::vector<rsp_record> load(const std::string& name) {
  return parse_rsp(jsonsig_test::read_file(jsonsig_test::shared_dir() + "/vectors/sha512/" + name));
}

// ShortMsg and LongMsg: Len is in bits; Len = 0 comes with the placeholder Msg = 00.
std::size_t run_msg_file(const std::string& name) {
  std::size_t records = 0;
  const auto impls = sha512_impls();
  for (const rsp_record& r : load(name)) {
    if (r.fields.count("Len") == 0) continue;
    EXPECT_EQ(r.section, "L=64");
    const unsigned long bits = std::stoul(r.at("Len"));
    EXPECT_EQ(bits % 8, 0u) << "byte-oriented file";
    bytes msg = unhex(r.at("Msg"));
    EXPECT_GE(msg.size(), bits / 8);
    msg.resize(bits / 8);
    const std::string want = r.at("MD");
    EXPECT_EQ(want.size(), 128u);
    for (const auto& [impl, fn] : impls) {
      // One update, then pieces of 1 (short messages only), 7 and 128 bytes.
      for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{128}}) {
        if (chunk == 1 && msg.size() > 300) continue;
        EXPECT_EQ(hex(fn(msg, chunk)), want) << name << " Len=" << bits << " " << impl << " chunk=" << chunk;
      }
    }
    ++records;
  }
  return records;
}

TEST(sha512_cavp, short_msg_all_129_records) { EXPECT_EQ(run_msg_file("SHA512ShortMsg.rsp"), 129u); }

TEST(sha512_cavp, long_msg_all_128_records) { EXPECT_EQ(run_msg_file("SHA512LongMsg.rsp"), 128u); }

// SHAVS §6.4 (the SHA-2 Monte Carlo test): for each checkpoint j, MD0 = MD1 = MD2 = Seed; for
// i = 3..1002, MDi = SHA-512(MD(i-3) || MD(i-2) || MD(i-1)); the checkpoint is MD1002, which is
// the next Seed.
TEST(sha512_cavp, monte_carlo_all_100_checkpoints) {
  const auto records = load("SHA512Monte.rsp");
  ASSERT_FALSE(records.empty());
  ASSERT_EQ(records.front().fields.count("Seed"), 1u);
  const bytes seed0 = unhex(records.front().at("Seed"));
  ASSERT_EQ(seed0.size(), 64u);
  for (const auto& [impl, fn] : sha512_impls()) {
    bytes seed = seed0;
    std::size_t checkpoints = 0;
    for (const rsp_record& r : records) {
      if (r.fields.count("COUNT") == 0) continue;
      EXPECT_EQ(std::stoul(r.at("COUNT")), checkpoints);
      bytes md[3] = {seed, seed, seed};
      bytes m(192);
      for (int i = 3; i <= 1002; ++i) {
        std::copy(md[0].begin(), md[0].end(), m.begin());
        std::copy(md[1].begin(), md[1].end(), m.begin() + 64);
        std::copy(md[2].begin(), md[2].end(), m.begin() + 128);
        const digest d = fn(m, 0);
        md[0] = md[1];
        md[1] = md[2];
        md[2].assign(d.begin(), d.end());
      }
      ASSERT_EQ(hex(md[2]), r.at("MD")) << impl << " COUNT=" << checkpoints;
      seed = md[2];
      ++checkpoints;
    }
    EXPECT_EQ(checkpoints, 100u) << impl;
  }
}

// The reader itself: CRLF, both header spellings, comments and the Len = 0 placeholder.
TEST(sha512_cavp, rsp_reader_handles_the_format_surprises) {
  const auto recs = parse_rsp("# c\r\n[L = 64]\r\n\r\nLen = 0\r\nMsg = 00\r\nMD = ab\r\n\r\n[L=32]\nCount = 1\nMac = cd \n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].section, "L=64");
  EXPECT_EQ(recs[0].at("Msg"), "00");
  EXPECT_EQ(recs[0].at("MD"), "ab");
  EXPECT_EQ(recs[1].section, "L=32");
  EXPECT_EQ(recs[1].at("Mac"), "cd");
  EXPECT_THROW(unhex("abc"), std::runtime_error);
  EXPECT_THROW(unhex("zz"), std::runtime_error);
}

}  // namespace
