// SPDX-License-Identifier: MIT
// The twelve benchmark documents of shared/corpus, canonicalized in each profile, must be
// byte-identical to what the references print (node for js, npm canonicalize for jcs, python3 for
// python). The outputs are megabytes, so scripts/gen_goldens.mjs records only their length and
// SHA-512 in tests/golden/data/corpus_digests.tsv; this test hashes jsonsig's output with
// OpenSSL's SHA512() and compares both.
#include <jsonsig/canonical.hpp>

#include <openssl/sha.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support.hpp"

namespace {

using jsonsig_test::split;

constexpr std::size_t corpus_files = 12;
constexpr std::array<jsonsig::profile, 3> profiles = {jsonsig::profile::js, jsonsig::profile::jcs,
                                                      jsonsig::profile::python};

std::string sha512_hex(std::string_view bytes) {
  unsigned char md[SHA512_DIGEST_LENGTH];
  SHA512(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), md);
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : md) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

struct digest_row {
  std::size_t length = 0;
  std::string sha512;
};

// (file name, profile name) -> recorded length and digest.
std::map<std::pair<std::string, std::string>, digest_row> read_digests(std::size_t& malformed) {
  std::map<std::pair<std::string, std::string>, digest_row> rows;
  malformed = 0;
  const std::string text =
      jsonsig_test::read_file(jsonsig_test::source_dir() + "/tests/golden/data/corpus_digests.tsv");
  for (const std::string& line : split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cols = split(line, '\t');
    if (cols.size() != 4 || cols[3].size() != 2 * SHA512_DIGEST_LENGTH ||
        cols[2].find_first_not_of("0123456789") != std::string::npos || cols[2].empty()) {
      ++malformed;
      continue;
    }
    digest_row r;
    r.length = std::stoul(cols[2]);
    r.sha512 = cols[3];
    if (!rows.emplace(std::make_pair(cols[0], cols[1]), r).second) ++malformed;  // a repeated row
  }
  return rows;
}

std::vector<std::string> corpus_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(jsonsig_test::shared_dir() + "/corpus")) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") names.push_back(entry.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(corpus, digests_cover_every_file_and_profile) {
  std::size_t malformed = 0;
  const auto rows = read_digests(malformed);
  EXPECT_EQ(malformed, 0u);
  EXPECT_EQ(rows.size(), corpus_files * profiles.size());
  const std::vector<std::string> names = corpus_names();
  ASSERT_EQ(names.size(), corpus_files);
  for (const std::string& name : names) {
    for (jsonsig::profile p : profiles) {
      EXPECT_EQ(rows.count({name, std::string(jsonsig::to_string(p))}), 1u) << name << " " << jsonsig::to_string(p);
    }
  }
}

TEST(corpus, canonical_output_matches_the_references) {
  std::size_t malformed = 0;
  const auto rows = read_digests(malformed);
  const std::vector<std::string> names = corpus_names();
  ASSERT_EQ(names.size(), corpus_files);
  std::size_t compared = 0;
  for (const std::string& name : names) {
    const std::string doc = jsonsig_test::read_file(jsonsig_test::shared_dir() + "/corpus/" + name);
    for (jsonsig::profile p : profiles) {
      const auto it = rows.find({name, std::string(jsonsig::to_string(p))});
      if (it == rows.end()) {
        ADD_FAILURE() << "no recorded digest for " << name << " " << jsonsig::to_string(p);
        continue;
      }
      jsonsig::error_info err;
      const std::string out = jsonsig::canonicalize(doc, p, err);
      if (err) {
        ADD_FAILURE() << name << " [" << jsonsig::to_string(p) << "]: rejected (" << jsonsig::describe(err.code)
                      << " at byte " << err.offset << "), the reference accepted it";
        continue;
      }
      EXPECT_EQ(out.size(), it->second.length) << name << " [" << jsonsig::to_string(p) << "]: output length";
      EXPECT_EQ(sha512_hex(out), it->second.sha512) << name << " [" << jsonsig::to_string(p) << "]: output SHA-512";
      ++compared;
    }
  }
  EXPECT_EQ(compared, corpus_files * profiles.size());
}

}  // namespace
