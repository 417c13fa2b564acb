// SPDX-License-Identifier: MIT
// jsonsig against the real references, byte for byte, per profile:
//   js      node JSON.stringify(sortDeep(JSON.parse(text)))
//   jcs     npm canonicalize (the RFC 8785 reference implementation) plus the I-JSON checks
//   python  python3 json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))
// The recorded cases are tests/golden/data/canonical_cases.tsv, written by scripts/gen_goldens.mjs
// (see scripts/README.md); nothing expected here is computed by jsonsig or typed by hand. The live
// test generates fresh documents and asks node and python3 themselves when they are installed.
#include <jsonsig/canonical.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "prop/json_gen.hpp"
#include "support.hpp"

namespace {

using jsonsig_test::from_hex;
using jsonsig_test::to_hex;
using jsonsig_test::split;

// What the file holds at the time of writing; a regeneration may add cases but a file that lost
// most of them (truncated, wrong branch) must fail.
constexpr std::size_t min_cases = 800;

constexpr std::array<jsonsig::profile, 3> profiles = {jsonsig::profile::js, jsonsig::profile::jcs,
                                                      jsonsig::profile::python};

struct golden_case {
  std::string name;
  std::string input;
  std::array<std::string, 3> expected;  // per profile: bytes, or "error" in `fails`
  std::array<bool, 3> fails{};
};

// Printable ASCII view of bytes[from, from + n) for failure messages: a backslash doubled, other
// bytes outside 0x20..0x7e as \xNN.
std::string escaped(std::string_view bytes, std::size_t from = 0, std::size_t n = 80) {
  std::string out;
  if (from > 0) out += "...";
  for (std::size_t i = from; i < bytes.size() && i < from + n; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '\\') {
      out += "\\\\";
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      static const char digits[] = "0123456789abcdef";
      out += "\\x";
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  if (from + n < bytes.size()) out += "...";
  return out;
}

std::size_t first_difference(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return i;
  }
  return n;
}

// Empty when `actual` (err set or not) is what the reference printed; else a one-paragraph report.
std::string compare(std::string_view input, bool ref_fails, const std::string& ref_out, const std::string& actual,
                    const jsonsig::error_info& err) {
  if (ref_fails) {
    if (err) return {};
    return "reference rejects the input, jsonsig accepted it and wrote " + std::to_string(actual.size()) +
           " bytes: " + escaped(actual) + "\n  input: " + escaped(input);
  }
  if (err) {
    return "jsonsig rejected the input (" + std::string(jsonsig::describe(err.code)) + " at byte " +
           std::to_string(err.offset) + "), reference wrote: " + escaped(ref_out) + "\n  input: " + escaped(input);
  }
  if (actual == ref_out) return {};
  const std::size_t at = first_difference(ref_out, actual);
  const std::size_t from = at > 30 ? at - 30 : 0;
  return "first difference at output byte " + std::to_string(at) + " (expected " + std::to_string(ref_out.size()) +
         " bytes, got " + std::to_string(actual.size()) + ")\n  expected: " + escaped(ref_out, from) +
         "\n  actual:   " + escaped(actual, from) + "\n  input: " + escaped(input);
}

struct golden_file {
  std::vector<golden_case> cases;
  std::size_t declared = 0;  // the "#cases" line
  std::vector<std::string> problems;
};

const golden_file& golden() {
  static const golden_file file = [] {
    golden_file f;
    const std::string text =
        jsonsig_test::read_file(jsonsig_test::source_dir() + "/tests/golden/data/canonical_cases.tsv");
    std::size_t line_no = 0;
    for (const std::string& line : split(text, '\n')) {
      ++line_no;
      if (line.empty()) continue;
      const std::vector<std::string> cols = split(line, '\t');
      if (line[0] == '#') {
        if (cols.size() == 2 && cols[0] == "#cases") f.declared = std::stoul(cols[1]);
        continue;
      }
      golden_case c;
      bool ok = cols.size() == 5 && from_hex(cols[1], c.input);
      if (ok) {
        c.name = cols[0];
        for (std::size_t p = 0; p < 3; ++p) {
          c.fails[p] = cols[2 + p] == "error";
          ok = ok && (c.fails[p] || from_hex(cols[2 + p], c.expected[p]));
        }
      }
      if (!ok) {
        f.problems.push_back("malformed line " + std::to_string(line_no));
        continue;
      }
      f.cases.push_back(std::move(c));
    }
    return f;
  }();
  return file;
}

TEST(canonical_golden, file_is_complete) {
  const golden_file& f = golden();
  EXPECT_TRUE(f.problems.empty()) << f.problems.size() << " malformed lines, first: "
                                  << (f.problems.empty() ? "" : f.problems[0]);
  EXPECT_EQ(f.cases.size(), f.declared) << "the #cases line and the rows disagree";
  EXPECT_GE(f.cases.size(), min_cases);
  std::set<std::string> names;
  std::array<std::size_t, 3> outputs{}, errors{};
  for (const golden_case& c : f.cases) {
    EXPECT_TRUE(names.insert(c.name).second) << "duplicate case name " << c.name;
    for (std::size_t p = 0; p < 3; ++p) ++(c.fails[p] ? errors : outputs)[p];
  }
  // Each profile must be exercised on both sides: outputs to match and inputs to reject.
  for (std::size_t p = 0; p < 3; ++p) {
    EXPECT_GE(outputs[p], 500u) << jsonsig::to_string(profiles[p]);
    EXPECT_GE(errors[p], 50u) << jsonsig::to_string(profiles[p]);
  }
}

void check_profile(std::size_t p) {
  const jsonsig::profile prof = profiles[p];
  const golden_file& f = golden();
  ASSERT_GE(f.cases.size(), min_cases);
  std::size_t mismatches = 0;
  for (const golden_case& c : f.cases) {
    jsonsig::error_info err;
    const std::string out = jsonsig::canonicalize(c.input, prof, err);
    const std::string report = compare(c.input, c.fails[p], c.expected[p], out, err);
    if (!report.empty()) {
      ++mismatches;
      ADD_FAILURE() << "case " << c.name << " [" << jsonsig::to_string(prof) << "]: " << report;
      continue;
    }
#if JSONSIG_EXCEPTIONS
    // The throwing overload is the same function with a different way to report failure.
    if (c.fails[p]) {
      EXPECT_THROW((void)jsonsig::canonicalize(c.input, prof), jsonsig::error) << c.name;
    } else {
      EXPECT_EQ(jsonsig::canonicalize(c.input, prof), out) << c.name;
    }
#endif
  }
  EXPECT_EQ(mismatches, 0u) << "of " << f.cases.size() << " cases";
}

TEST(canonical_golden, js_matches_node) { check_profile(0); }
TEST(canonical_golden, jcs_matches_rfc8785_reference) { check_profile(1); }
TEST(canonical_golden, python_matches_cpython) { check_profile(2); }

// ---------------------------------------------------------------------------------------------
// Live differential test

bool references_installed() {
  return std::system("command -v node >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1") == 0;
}

// Runs `command` and returns its standard output; `status` gets pclose's result.
std::string run(const std::string& command, int& status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    status = -1;
    return out;
  }
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  status = pclose(pipe);
  return out;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

TEST(canonical_golden, live_against_node_and_python) {
  if (!references_installed()) {
    // Nothing to ask; the recorded cases still have to be there (the profile tests check them).
    std::printf("node or python3 not on PATH: live differential test limited to the recorded goldens\n");
    ASSERT_GE(golden().cases.size(), min_cases);
    ASSERT_EQ(golden().cases.size(), golden().declared);
    return;
  }
  // Fresh documents each run; the seed is printed so a failure can be replayed with
  // JSONSIG_GOLDEN_SEED=<seed>.
  std::uint64_t seed = std::random_device{}();
  if (const char* s = std::getenv("JSONSIG_GOLDEN_SEED")) seed = std::strtoull(s, nullptr, 10);
  SCOPED_TRACE("JSONSIG_GOLDEN_SEED=" + std::to_string(seed));
  constexpr int count = 30;
  std::vector<std::string> docs;
  std::string hex_lines;
  for (int i = 0; i < count; ++i) {
    json_gen::options o;
    // A third are I-JSON clean, so that jcs gets outputs to compare and not only rejections.
    const bool clean = i % 3 == 0;
    o.lone_surrogates = o.duplicate_keys = o.overflow_numbers = !clean;
    o.max_depth = 1 + i % 5;
    const json_gen::value v = json_gen::document(o)(rc::Random(seed + static_cast<std::uint64_t>(i)), 40).value();
    json_gen::write_style st;
    st.permute = clean;
    docs.push_back(json_gen::to_json(v, static_cast<std::uint32_t>(seed) + static_cast<std::uint32_t>(i), st));
    hex_lines += docs.back().empty() ? std::string("-") : to_hex(docs.back());
    hex_lines += '\n';
  }
  char path[] = "/tmp/jsonsig_golden_live_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  const bool written = write(fd, hex_lines.data(), hex_lines.size()) == static_cast<ssize_t>(hex_lines.size());
  close(fd);
  int status = 0;
  const std::string answer =
      written ? run("node " + shell_quote(jsonsig_test::source_dir() + "/scripts/gen_goldens.mjs") + " --refs " +
                        shell_quote(path),
                    status)
              : std::string();
  std::remove(path);
  ASSERT_TRUE(written);
  ASSERT_EQ(status, 0) << "scripts/gen_goldens.mjs --refs failed";
  std::vector<std::string> lines = split(answer, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  ASSERT_EQ(lines.size(), docs.size());

  std::array<std::size_t, 3> compared_outputs{};
  bool jcs_available = true;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const std::vector<std::string> cols = split(lines[i], '\t');
    ASSERT_EQ(cols.size(), 3u) << "reference line " << i;
    for (std::size_t p = 0; p < 3; ++p) {
      if (cols[p] == "-") {  // the npm package is not installed: no jcs reference
        jcs_available = false;
        continue;
      }
      const bool fails = cols[p] == "error";
      std::string expected;
      ASSERT_TRUE(fails || from_hex(cols[p], expected)) << "reference line " << i;
      jsonsig::error_info err;
      const std::string out = jsonsig::canonicalize(docs[i], profiles[p], err);
      const std::string report = compare(docs[i], fails, expected, out, err);
      EXPECT_TRUE(report.empty()) << "document " << i << " [" << jsonsig::to_string(profiles[p]) << "]: " << report;
      if (!fails) ++compared_outputs[p];
    }
  }
  if (!jcs_available) std::printf("npm canonicalize not installed (npm install --prefix scripts): jcs not compared\n");
  // The generator makes valid JSON, so the references must have produced output to compare.
  EXPECT_GE(compared_outputs[0], static_cast<std::size_t>(count) * 9 / 10);
  EXPECT_GE(compared_outputs[2], static_cast<std::size_t>(count) * 9 / 10);
  if (jcs_available) {
    EXPECT_GE(compared_outputs[1], static_cast<std::size_t>(count) / 3);
  }
}

}  // namespace
