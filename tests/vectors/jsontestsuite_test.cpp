// SPDX-License-Identifier: MIT
// JSONTestSuite (nst/JSONTestSuite test_parsing/, see shared/vectors/jsontestsuite/README.md)
// through canonicalize() in every profile:
//  - y_ (must accept): accepted in js and python; in jcs too, except the files I-JSON rejects,
//    listed one by one in jcs_rejected_y with their error.
//  - n_ (must reject): rejected in every profile, with a parse error (never an I-JSON-only code
//    outside jcs); the deep-nesting files with too_deep, not a stack overflow.
//  - i_ (implementation-defined): each of the 35 files is decided in i_decisions, per profile;
//    the table must name exactly the files present (docs/jsontestsuite.md mirrors it).
//  - outputs: for every accepted y_/i_ file, js equals real Node's and python real CPython's
//    (tests/vectors/data/jsontestsuite_outputs.tsv, scripts/gen_jsontestsuite_goldens.mjs).
// The files are raw bytes (invalid UTF-8, UTF-16, 250 kB of nesting): failure messages name the
// file and never print its content.
#include <jsonsig/canonical.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"

namespace {

using jsonsig_test::from_hex;
using jsonsig_test::to_hex;

namespace fs = std::filesystem;
using jsonsig::canonical_options;
using jsonsig::errc;
using jsonsig::error_info;
using jsonsig::profile;

constexpr errc accept = errc::ok;  // "accepted" in the decision tables

const profile all_profiles[] = {profile::js, profile::jcs, profile::python};

std::string suite_dir() {
  return jsonsig_test::shared_dir() + "/vectors/jsontestsuite/test_parsing";
}

std::string read_case(const std::string& name) {
  return jsonsig_test::read_file(suite_dir() + "/" + name);
}

// Sorted names of the regular files in the suite directory that start with `prefix`.
std::vector<std::string> list_files(std::string_view prefix) {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(suite_dir())) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) == 0) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

const char* code_name(errc e) { return jsonsig::describe(e); }

struct outcome {
  std::string out;
  error_info err;
};

outcome run(std::string_view text, profile p) {
  outcome r;
  r.out = jsonsig::canonicalize(text, p, r.err);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Decision tables (docs/jsontestsuite.md has the same content for readers).

// y_ files that jcs rejects: RFC 8785 §3.1 requires I-JSON (RFC 7493) input.
struct jcs_rejection {
  const char* file;
  errc code;
  const char* why;
};
const jcs_rejection jcs_rejected_y[] = {
    {"y_object_duplicated_key.json", errc::duplicate_key,
     "{\"a\":\"b\",\"a\":\"c\"}: member names must be unique (RFC 7493 §2.3)"},
    {"y_object_duplicated_key_and_value.json", errc::duplicate_key,
     "{\"a\":\"b\",\"a\":\"b\"}: a duplicate even with the same value (RFC 7493 §2.3)"},
};

struct i_decision {
  const char* file;
  errc js;
  errc jcs;
  errc python;
  const char* why;
};

#define JSONSIG_NON_FINITE                                                                      \
  "overflows to +-Infinity: js null (JSON.stringify), python Infinity (json.dumps allow_nan), " \
  "jcs rejects (RFC 8785 §3.2.2.3, RFC 7493 §2.2)"
#define JSONSIG_LONE                                                                          \
  "\\u escape of a lone surrogate: js and python keep it and print it escaped (well-formed " \
  "JSON.stringify, json.dumps ensure_ascii), jcs rejects (RFC 8785 §3.1, RFC 7493 §2.1)"
#define JSONSIG_BAD_UTF8 "not UTF-8 (RFC 8259 §8.1, RFC 3629): invalid utf-8 in every profile"

const i_decision i_decisions[] = {
    // Numbers (RFC 8259 §6 leaves range and precision to the implementation).
    {"i_number_double_huge_neg_exp.json", accept, accept, accept,
     "123.456e-789 underflows to 0: js/jcs 0, python 0.0"},
    {"i_number_huge_exp.json", accept, errc::non_finite_number, accept, JSONSIG_NON_FINITE},
    {"i_number_neg_int_huge_exp.json", accept, errc::non_finite_number, accept, JSONSIG_NON_FINITE},
    {"i_number_pos_double_huge_exp.json", accept, errc::non_finite_number, accept,
     JSONSIG_NON_FINITE},
    {"i_number_real_neg_overflow.json", accept, errc::non_finite_number, accept, JSONSIG_NON_FINITE},
    {"i_number_real_pos_overflow.json", accept, errc::non_finite_number, accept, JSONSIG_NON_FINITE},
    {"i_number_real_underflow.json", accept, accept, accept,
     "123e-10000000 underflows to 0: js/jcs 0, python 0.0"},
    {"i_number_too_big_neg_int.json", accept, accept, accept,
     "30-digit integer: js/jcs print the nearest double, python keeps the exact int"},
    {"i_number_too_big_pos_int.json", accept, accept, accept,
     "1e20 as an integer: js/jcs 100000000000000000000 (a double), python the exact int"},
    {"i_number_very_big_negative_int.json", accept, accept, accept,
     "48-digit integer: nearest double in js/jcs, exact in python (far below its 4300 digits)"},
    // Escaped lone surrogates (RFC 8259 §8.2: behaviour unpredictable).
    {"i_object_key_lone_2nd_surrogate.json", accept, errc::lone_surrogate, accept,
     JSONSIG_LONE " (here in a key)"},
    {"i_string_1st_surrogate_but_2nd_missing.json", accept, errc::lone_surrogate, accept,
     JSONSIG_LONE},
    {"i_string_1st_valid_surrogate_2nd_invalid.json", accept, errc::lone_surrogate, accept,
     JSONSIG_LONE " (\\uD888 then \\u1234)"},
    {"i_string_incomplete_surrogate_and_escape_valid.json", accept, errc::lone_surrogate, accept,
     JSONSIG_LONE},
    {"i_string_incomplete_surrogate_pair.json", accept, errc::lone_surrogate, accept,
     JSONSIG_LONE " (low surrogate alone)"},
    {"i_string_incomplete_surrogates_escape_valid.json", accept, errc::lone_surrogate, accept,
     JSONSIG_LONE " (two high surrogates)"},
    {"i_string_invalid_lonely_surrogate.json", accept, errc::lone_surrogate, accept, JSONSIG_LONE},
    {"i_string_invalid_surrogate.json", accept, errc::lone_surrogate, accept, JSONSIG_LONE},
    {"i_string_inverted_surrogates_U+1D11E.json", accept, errc::lone_surrogate, accept,
     JSONSIG_LONE " (low before high: two lone surrogates)"},
    {"i_string_lone_second_surrogate.json", accept, errc::lone_surrogate, accept, JSONSIG_LONE},
    // Raw bytes that are not UTF-8.
    {"i_string_UTF-16LE_with_BOM.json", errc::invalid_utf8, errc::invalid_utf8, errc::invalid_utf8,
     "UTF-16LE with BOM: byte 0xFF is never UTF-8; " JSONSIG_BAD_UTF8},
    {"i_string_UTF-8_invalid_sequence.json", errc::invalid_utf8, errc::invalid_utf8,
     errc::invalid_utf8, "0xFA lead byte; " JSONSIG_BAD_UTF8},
    {"i_string_UTF8_surrogate_U+D800.json", errc::invalid_utf8, errc::invalid_utf8,
     errc::invalid_utf8, "ED A0 80 encodes a surrogate (RFC 3629 §3); " JSONSIG_BAD_UTF8},
    {"i_string_invalid_utf-8.json", errc::invalid_utf8, errc::invalid_utf8, errc::invalid_utf8,
     "0xFF; " JSONSIG_BAD_UTF8},
    {"i_string_iso_latin_1.json", errc::invalid_utf8, errc::invalid_utf8, errc::invalid_utf8,
     "Latin-1 0xE9; " JSONSIG_BAD_UTF8},
    {"i_string_lone_utf8_continuation_byte.json", errc::invalid_utf8, errc::invalid_utf8,
     errc::invalid_utf8, "0x81 continuation byte alone; " JSONSIG_BAD_UTF8},
    {"i_string_not_in_unicode_range.json", errc::invalid_utf8, errc::invalid_utf8,
     errc::invalid_utf8, "F4 BF BF BF is above U+10FFFF; " JSONSIG_BAD_UTF8},
    {"i_string_overlong_sequence_2_bytes.json", errc::invalid_utf8, errc::invalid_utf8,
     errc::invalid_utf8, "overlong C0 AF; " JSONSIG_BAD_UTF8},
    {"i_string_overlong_sequence_6_bytes.json", errc::invalid_utf8, errc::invalid_utf8,
     errc::invalid_utf8, "6-byte form FC ..; " JSONSIG_BAD_UTF8},
    {"i_string_overlong_sequence_6_bytes_null.json", errc::invalid_utf8, errc::invalid_utf8,
     errc::invalid_utf8, "6-byte overlong NUL; " JSONSIG_BAD_UTF8},
    {"i_string_truncated-utf-8.json", errc::invalid_utf8, errc::invalid_utf8, errc::invalid_utf8,
     "E0 then FF: truncated sequence; " JSONSIG_BAD_UTF8},
    // UTF-16 without a BOM: the NUL bytes are not JSON tokens or whitespace.
    {"i_string_utf16BE_no_BOM.json", errc::syntax, errc::syntax, errc::syntax,
     "UTF-16BE: JSON exchanged between systems MUST be UTF-8 (RFC 8259 §8.1); byte 0 is NUL"},
    {"i_string_utf16LE_no_BOM.json", errc::syntax, errc::syntax, errc::syntax,
     "UTF-16LE: JSON exchanged between systems MUST be UTF-8 (RFC 8259 §8.1); NUL after '['"},
    // Structure.
    {"i_structure_500_nested_arrays.json", accept, accept, accept,
     "500 levels is within the default max_depth (JSONSIG_DEFAULT_MAX_DEPTH, 1024)"},
    {"i_structure_UTF-8_BOM_empty_object.json", errc::syntax, errc::syntax, errc::syntax,
     "UTF-8 BOM: RFC 8259 §8.1 lets parsers ignore it, we reject it (a signature must cover "
     "exactly what the peer parses); JSON.parse and json.loads(str) reject it too"},
};

#undef JSONSIG_NON_FINITE
#undef JSONSIG_LONE
#undef JSONSIG_BAD_UTF8

// n_ files whose only fault is nesting beyond any sane depth: they must stop at max_depth.
const char* const deep_n_files[] = {
    "n_structure_100000_opening_arrays.json",  // 100000 '['
    "n_structure_open_array_object.json",      // '[{"":' x 50000
};

errc expected_y(const std::string& file, profile p) {
  if (p != profile::jcs) return accept;
  for (const jcs_rejection& r : jcs_rejected_y)
    if (file == r.file) return r.code;
  return accept;
}

const i_decision* find_i(const std::string& file) {
  for (const i_decision& d : i_decisions)
    if (file == d.file) return &d;
  return nullptr;
}

errc decision_for(const i_decision& d, profile p) {
  return p == profile::js ? d.js : p == profile::jcs ? d.jcs : d.python;
}

// The expected code of a y_ or i_ file in profile p (the i_ table must know the file).
errc expected(const std::string& file, profile p) {
  if (file.compare(0, 2, "y_") == 0) return expected_y(file, p);
  const i_decision* d = find_i(file);
  return d != nullptr ? decision_for(*d, p) : errc::invalid_argument;  // unknown: cannot match
}

// ---------------------------------------------------------------------------------------------

TEST(jsontestsuite, file_counts) {
  EXPECT_EQ(list_files("y_").size(), 95u);
  EXPECT_EQ(list_files("n_").size(), 188u);
  EXPECT_EQ(list_files("i_").size(), 35u);
  EXPECT_EQ(list_files("").size(), 95u + 188u + 35u) << "a file without a y_/n_/i_ prefix";
}

TEST(jsontestsuite, y_files_accepted_except_listed_jcs_rejections) {
  const std::vector<std::string> files = list_files("y_");
  for (const jcs_rejection& r : jcs_rejected_y)
    EXPECT_TRUE(std::binary_search(files.begin(), files.end(), r.file))
        << "jcs_rejected_y names a missing file: " << r.file;
  std::size_t jcs_rejected = 0;
  for (const std::string& f : files) {
    const std::string text = read_case(f);
    for (const profile p : all_profiles) {
      const outcome r = run(text, p);
      const errc want = expected_y(f, p);
      EXPECT_EQ(r.err.code, want) << f << " in " << jsonsig::to_string(p) << ": got "
                                  << code_name(r.err.code) << ", want " << code_name(want);
      if (want != accept) {
        ++jcs_rejected;
        EXPECT_TRUE(r.out.empty()) << f;
        EXPECT_LE(r.err.offset, text.size()) << f;
      }
    }
  }
  EXPECT_EQ(jcs_rejected, std::size(jcs_rejected_y));
}

TEST(jsontestsuite, n_files_rejected_in_every_profile) {
  const std::vector<std::string> files = list_files("n_");
  ASSERT_FALSE(files.empty());
  for (const std::string& f : files) {
    const std::string text = read_case(f);
    for (const profile p : all_profiles) {
      const outcome r = run(text, p);
      ASSERT_TRUE(r.err) << f << " accepted in " << jsonsig::to_string(p);
      EXPECT_TRUE(r.out.empty()) << f;
      EXPECT_LE(r.err.offset, text.size()) << f;
      // duplicate_key / lone_surrogate / non_finite_number are I-JSON rules: outside jcs a
      // rejection must come from RFC 8259 itself.
      if (p != profile::jcs) {
        EXPECT_NE(r.err.code, errc::duplicate_key) << f;
        EXPECT_NE(r.err.code, errc::lone_surrogate) << f;
        EXPECT_NE(r.err.code, errc::non_finite_number) << f;
      }
      EXPECT_NE(r.err.code, errc::bad_signature) << f;
      EXPECT_NE(r.err.code, errc::invalid_argument) << f;
      EXPECT_NE(r.err.code, errc::io) << f;
    }
    // The throwing overload reports the same failure as jsonsig::error.
    EXPECT_THROW((void)jsonsig::canonicalize(text, profile::js), jsonsig::error) << f;
  }
}

// Offset of the n-th (1-based) '[' or '{' byte in text; text.size() when there are fewer.
std::size_t nth_bracket(std::string_view text, std::size_t n) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((text[i] == '[' || text[i] == '{') && --n == 0) return i;
  return text.size();
}

TEST(jsontestsuite, deep_nesting_is_too_deep_not_a_crash) {
  const std::vector<std::string> files = list_files("n_");
  for (const char* f : deep_n_files) {
    ASSERT_TRUE(std::binary_search(files.begin(), files.end(), f)) << "missing " << f;
    const std::string text = read_case(f);
    for (const profile p : all_profiles) {
      const outcome r = run(text, p);
      EXPECT_EQ(r.err.code, errc::too_deep) << f << " in " << jsonsig::to_string(p) << ": "
                                            << code_name(r.err.code);
      // It stops at the first bracket past JSONSIG_DEFAULT_MAX_DEPTH (these files have no
      // brackets inside strings, so counting bytes finds it).
      EXPECT_EQ(r.err.offset, nth_bracket(text, JSONSIG_DEFAULT_MAX_DEPTH + 1)) << f;
    }
  }
}

TEST(jsontestsuite, i_table_names_exactly_the_files_present) {
  const std::vector<std::string> files = list_files("i_");
  std::set<std::string> in_table;
  for (const i_decision& d : i_decisions) {
    EXPECT_TRUE(in_table.insert(d.file).second) << "listed twice: " << d.file;
    EXPECT_TRUE(std::binary_search(files.begin(), files.end(), std::string(d.file)))
        << "decided but not in the suite: " << d.file;
  }
  for (const std::string& f : files)
    EXPECT_EQ(in_table.count(f), 1u) << "undecided i_ file (add it to i_decisions and the doc): " << f;
  EXPECT_EQ(std::size(i_decisions), 35u);
}

TEST(jsontestsuite, i_files_decided_as_documented) {
  for (const std::string& f : list_files("i_")) {
    const i_decision* d = find_i(f);
    if (d == nullptr) continue;  // reported by i_table_names_exactly_the_files_present
    const std::string text = read_case(f);
    for (const profile p : all_profiles) {
      const outcome r = run(text, p);
      const errc want = decision_for(*d, p);
      EXPECT_EQ(r.err.code, want) << f << " in " << jsonsig::to_string(p) << ": got "
                                  << code_name(r.err.code) << ", want " << code_name(want)
                                  << " (" << d->why << ")";
      if (want != accept) {
        EXPECT_TRUE(r.out.empty()) << f;
      }
    }
  }
}

// The 500-level decision is a consequence of max_depth, not of the parser's stack.
TEST(jsontestsuite, i_structure_500_nested_arrays_follows_max_depth) {
  const std::string text = read_case("i_structure_500_nested_arrays.json");
  for (const profile p : all_profiles) {
    canonical_options opt;
    opt.prof = p;
    opt.max_depth = 500;
    error_info err;
    EXPECT_EQ(jsonsig::canonicalize(text, opt, err), text) << jsonsig::to_string(p);
    EXPECT_FALSE(err);
    opt.max_depth = 499;
    (void)jsonsig::canonicalize(text, opt, err);
    EXPECT_EQ(err.code, errc::too_deep);
    EXPECT_EQ(err.offset, 499u);
  }
}

// ---------------------------------------------------------------------------------------------
// Differential: the engine's bytes equal what Node and CPython produce for the same file.

struct reference_row {
  std::string js;      // hex, or "error:<class>"
  std::string python;  // hex, or "error:<class>"
};

std::map<std::string, reference_row> load_references() {
  const std::string path =
      jsonsig_test::source_dir() + "/tests/vectors/data/jsontestsuite_outputs.tsv";
  const std::string tsv = jsonsig_test::read_file(path);
  std::map<std::string, reference_row> rows;
  std::size_t pos = 0;
  while (pos < tsv.size()) {
    std::size_t eol = tsv.find('\n', pos);
    if (eol == std::string::npos) eol = tsv.size();
    const std::string line = tsv.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos || line.find('\t', t2 + 1) != std::string::npos) {
      ADD_FAILURE() << "malformed row in " << path << ": " << line.substr(0, 80);
      continue;
    }
    const std::string file = line.substr(0, t1);
    const bool fresh =
        rows.emplace(file, reference_row{line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)})
            .second;
    EXPECT_TRUE(fresh) << "two rows for " << file;
  }
  return rows;
}

bool is_error(const std::string& column) { return column.compare(0, 6, "error:") == 0; }

TEST(jsontestsuite, outputs_equal_node_and_python) {
  const std::map<std::string, reference_row> refs = load_references();
  std::vector<std::string> files = list_files("y_");
  const std::vector<std::string> i_files = list_files("i_");
  files.insert(files.end(), i_files.begin(), i_files.end());

  for (const auto& row : refs)
    EXPECT_TRUE(std::find(files.begin(), files.end(), row.first) != files.end())
        << "stale golden row (regenerate): " << row.first;

  std::size_t compared = 0;
  std::size_t expected_compared = 0;
  for (const std::string& f : files) {
    const std::string text = read_case(f);
    const auto it = refs.find(f);
    for (const profile p : {profile::js, profile::python}) {
      const errc want = expected(f, p);
      if (want == accept) ++expected_compared;
      const outcome r = run(text, p);
      if (r.err) continue;  // the decision tests above report unexpected rejections
      // Accepted: a reference must exist. Every accepted file is valid UTF-8 (the engine
      // rejects anything else), so the generator has a row for it.
      if (it == refs.end()) {
        ADD_FAILURE() << f << " accepted in " << jsonsig::to_string(p)
                      << " but has no golden row (regenerate the TSV)";
        continue;
      }
      const std::string& ref = p == profile::js ? it->second.js : it->second.python;
      EXPECT_EQ(to_hex(r.out), ref) << f << " in " << jsonsig::to_string(p)
                                    << (is_error(ref) ? ": the reference rejects it" : "");
      ++compared;
    }
    // A valid-UTF-8 file the engine rejects in js/python: the reference rejects it too (so far
    // only the BOM file; divergences belong in docs/jsontestsuite.md).
    if (it != refs.end()) {
      for (const profile p : {profile::js, profile::python}) {
        if (expected(f, p) == accept) continue;
        const std::string& ref = p == profile::js ? it->second.js : it->second.python;
        EXPECT_TRUE(is_error(ref)) << f << ": rejected in " << jsonsig::to_string(p)
                                   << " but the reference accepts it";
      }
    }
  }
  EXPECT_EQ(compared, expected_compared);
  // 95 y_ files and the 10 number, 10 surrogate and the nesting i_ files, in both profiles.
  EXPECT_EQ(compared, 2u * (95u + 21u));
}

// jcs has no tool of its own here; it prints numbers and strings as ECMAScript does (RFC 8785
// §3.2.2), so canonicalizing Node's output in jcs must give what the engine makes of the file:
// a check that the engine reads each accepted value as Node does. (Key order is jcs's own and
// checked against the RFC 8785 vectors in jcs_vectors_test.)
TEST(jsontestsuite, jcs_agrees_with_node_values) {
  const std::map<std::string, reference_row> refs = load_references();
  std::vector<std::string> files = list_files("y_");
  const std::vector<std::string> i_files = list_files("i_");
  files.insert(files.end(), i_files.begin(), i_files.end());
  std::size_t checked = 0;
  for (const std::string& f : files) {
    if (expected(f, profile::jcs) != accept) continue;
    const outcome direct = run(read_case(f), profile::jcs);
    const auto it = refs.find(f);
    ASSERT_TRUE(it != refs.end()) << f;
    std::string node_out;
    ASSERT_TRUE(from_hex(it->second.js, node_out)) << f << ": " << it->second.js.substr(0, 40);
    const outcome via_node = run(node_out, profile::jcs);
    EXPECT_FALSE(via_node.err) << f << ": " << jsonsig::format_error(via_node.err, node_out);
    EXPECT_FALSE(direct.err) << f;
    EXPECT_EQ(to_hex(direct.out), to_hex(via_node.out)) << f;
    ++checked;
  }
  EXPECT_EQ(checked, 93u + 6u);  // y_ minus the two duplicate-key files, plus 6 i_ files
}

}  // namespace
