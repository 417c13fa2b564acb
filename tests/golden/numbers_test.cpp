// SPDX-License-Identifier: MIT
// Number goldens recorded from node (JSON.stringify(JSON.parse(x))) and CPython
// (json.dumps(json.loads(x)), json.dumps(float(x))) by scripts/gen_number_goldens.py. Every row is
// checked through both the lexeme path (format_es / format_py_float, with its no-conversion fast
// path) and the double path (format_double_*(parse_double(x)), always Schubfach).
#include <jsonsig/detail/number.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"

namespace {

namespace jd = jsonsig::detail;

// Row counts of the files as generated; a regeneration that changes them updates these.
constexpr std::size_t golden_rows = 4789;

std::vector<std::vector<std::string>> read_rows(const std::string& name) {
  const std::string text = jsonsig_test::read_file(jsonsig_test::source_dir() + "/tests/golden/data/" + name);
  std::vector<std::vector<std::string>> rows;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t eol = text.find('\n', pos);
    const std::string line = text.substr(pos, eol - pos);
    pos = eol == std::string::npos ? text.size() : eol + 1;
    std::vector<std::string> cols;
    for (std::size_t c = 0;;) {
      const std::size_t tab = line.find('\t', c);
      cols.push_back(line.substr(c, tab - c));
      if (tab == std::string::npos) break;
      c = tab + 1;
    }
    rows.push_back(std::move(cols));
  }
  return rows;
}

bool is_integer_lexeme(std::string_view lex) { return lex.find_first_of(".eE") == std::string_view::npos; }

// JSON.stringify writes null for a non-finite number.
std::string js_of_lexeme(std::string_view lex) {
  char out[jd::number_buf_size];
  const std::size_t n = jd::format_es(lex, out);
  return n == 0 ? "null" : std::string(out, n);
}

std::string js_of_double(double d) {
  char out[jd::number_buf_size];
  const std::size_t n = jd::format_double_es(d, out);
  return n == 0 ? "null" : std::string(out, n);
}

std::string py_of_lexeme(std::string_view lex) {
  char out[jd::number_buf_size];
  return std::string(out, jd::format_py_float(lex, out));
}

std::string py_of_double(double d) {
  char out[jd::number_buf_size];
  return std::string(out, jd::format_double_py(d, out));
}

}  // namespace

TEST(numbers_golden, js_matches_node) {
  const auto rows = read_rows("numbers_js.txt");
  ASSERT_EQ(rows.size(), golden_rows);
  std::size_t overflow = 0, bad = 0;
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 2u);
    const std::string& lex = r[0];
    const std::string& want = r[1];
    overflow += want == "null";
    const std::string a = js_of_lexeme(lex), b = js_of_double(jd::parse_double(lex));
    if ((a != want || b != want) && ++bad <= 20) ADD_FAILURE() << lex << ": " << a << " / " << b << " want " << want;
  }
  EXPECT_EQ(bad, 0u);
  EXPECT_GT(overflow, 10u);  // the overflow rows are really there
}

TEST(numbers_golden, python_matches_cpython) {
  const auto rows = read_rows("numbers_py.txt");
  ASSERT_EQ(rows.size(), golden_rows);
  std::size_t ints = 0, bad = 0;
  for (const auto& r : rows) {
    const std::string& lex = r[0];
    std::string want_repr;
    if (is_integer_lexeme(lex)) {
      // json.dumps keeps an int exact: the caller prints the lexeme (only "-0" becomes "0").
      // The third column is json.dumps(float(lex)), which format_py_float must still produce.
      ASSERT_EQ(r.size(), 3u) << lex;
      EXPECT_EQ(r[1], lex == "-0" ? "0" : lex);
      want_repr = r[2];
      ++ints;
    } else {
      ASSERT_EQ(r.size(), 2u) << lex;
      want_repr = r[1];  // json.dumps of a float is its repr ("Infinity" for overflow)
    }
    const std::string a = py_of_lexeme(lex), b = py_of_double(jd::parse_double(lex));
    if ((a != want_repr || b != want_repr) && ++bad <= 20) ADD_FAILURE() << lex << ": " << a << " / " << b << " want " << want_repr;
  }
  EXPECT_EQ(bad, 0u);
  EXPECT_GT(ints, 100u);
}

// Both files list the same lexemes in the same order.
TEST(numbers_golden, files_agree_on_lexemes) {
  const auto js = read_rows("numbers_js.txt");
  const auto py = read_rows("numbers_py.txt");
  ASSERT_EQ(js.size(), py.size());
  for (std::size_t i = 0; i < js.size(); ++i) ASSERT_EQ(js[i][0], py[i][0]) << i;
}
