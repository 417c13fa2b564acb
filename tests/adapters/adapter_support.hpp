// SPDX-License-Identifier: MIT
// The checks every DOM adapter test runs, over the 12 corpus documents and the golden hard
// cases (tests/golden/data/canonical_cases.tsv), in four configurations (js, jcs, python, and js
// with reject_duplicates):
//
//  1. serialization: canonicalize(dom) == canonicalize(<the DOM's own serialization of dom>),
//     bytes or error code, unless the DOM holds a non-finite double (Boost.JSON reads 1e400 as
//     Infinity and writes "Infinity", which is not JSON; RapidJSON's Writer fails): then the
//     serialization must not canonicalize, and check 2 alone applies.
//  2. original text: canonicalize(dom) == canonicalize(original text), or the difference has
//     one of the causes the adapter documents for that DOM, each found independently of the
//     adapter: a leading UTF-8 BOM (DOMs that skip it; JSON.parse and jsonsig reject it), a
//     duplicate key in the text (DOMs that merge them), an integer beyond 64 bits in
//     the python profile (DOMs that make it a double), a lone surrogate escape (DOMs that store
//     it as invalid UTF-8), or a number that the DOM's parser rounds differently from strtod.
//
// A Traits class describes one DOM (see nlohmann_test.cpp for the members). With
// ADAPTER_TEST_VERBOSE=1 in the environment every difference from the text is printed with its
// cause.
#ifndef JSONSIG_TESTS_ADAPTER_SUPPORT_HPP
#define JSONSIG_TESTS_ADAPTER_SUPPORT_HPP

#include <jsonsig/canonical.hpp>
#include <jsonsig/json_parser.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support.hpp"

namespace adapter_test {

/// A canonicalization result: error code and bytes (empty on error).
struct outcome {
  jsonsig::errc code = jsonsig::errc::ok;
  std::string bytes;
  bool operator==(const outcome& o) const { return code == o.code && bytes == o.bytes; }
  bool operator!=(const outcome& o) const { return !(*this == o); }
};

/// Printable without dumping raw bytes to the terminal: non-ASCII and controls as \xNN, cut.
inline std::string safe(std::string_view s, std::size_t limit = 240) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < s.size() && out.size() < limit; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  if (out.size() >= limit) out += "...";
  return out;
}

inline std::ostream& operator<<(std::ostream& os, const outcome& o) {
  if (o.code != jsonsig::errc::ok) return os << "error(" << jsonsig::describe(o.code) << ")";
  return os << "'" << safe(o.bytes) << "'";
}

inline outcome ok(std::string bytes) { return outcome{jsonsig::errc::ok, std::move(bytes)}; }
inline outcome fails(jsonsig::errc e) { return outcome{e, {}}; }

inline jsonsig::canonical_options opts(jsonsig::profile p) {
  jsonsig::canonical_options o;
  o.prof = p;
  return o;
}

inline outcome of_text(std::string_view text, const jsonsig::canonical_options& opt) {
  jsonsig::error_info err;
  outcome o;
  o.bytes = jsonsig::canonicalize(text, opt, err);
  o.code = err.code;
  return o;
}

template <class Dom>
outcome of_dom(const Dom& dom, const jsonsig::canonical_options& opt) {
  jsonsig::error_info err;
  outcome o;
  o.bytes = jsonsig::canonicalize(dom, opt, err);
  o.code = err.code;
  if (err) {
    EXPECT_TRUE(o.bytes.empty());
  }
  return o;
}

struct config {
  const char* name;
  jsonsig::canonical_options opt;
};

inline std::vector<config> configs() {
  std::vector<config> out;
  for (auto p : {jsonsig::profile::js, jsonsig::profile::jcs, jsonsig::profile::python}) {
    jsonsig::canonical_options o;
    o.prof = p;
    out.push_back({p == jsonsig::profile::js    ? "js"
                   : p == jsonsig::profile::jcs ? "jcs"
                                                : "python",
                   o});
  }
  jsonsig::canonical_options o;
  o.reject_duplicates = true;
  out.push_back({"js+reject_duplicates", o});
  return out;
}

struct text_case {
  std::string name;
  std::string input;
};

/// The inputs of tests/golden/data/canonical_cases.tsv (name \t hex input \t js \t jcs \t python).
inline std::vector<text_case> golden_cases() {
  const std::string tsv = jsonsig_test::read_file(jsonsig_test::source_dir() +
                                                  "/tests/golden/data/canonical_cases.tsv");
  std::vector<text_case> out;
  std::size_t pos = 0;
  while (pos < tsv.size()) {
    std::size_t eol = tsv.find('\n', pos);
    if (eol == std::string::npos) eol = tsv.size();
    const std::string_view line(tsv.data() + pos, eol - pos);
    pos = eol + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = line.find('\t', t1 + 1);
    if (t1 == std::string_view::npos || t2 == std::string_view::npos) {
      ADD_FAILURE() << "malformed golden line: " << safe(line);
      continue;
    }
    std::string bytes;
    if (!jsonsig_test::from_hex(line.substr(t1 + 1, t2 - t1 - 1), bytes))
      ADD_FAILURE() << "bad hex in " << safe(line.substr(0, t1));
    out.push_back({std::string(line.substr(0, t1)), bytes});
  }
  return out;
}

/// The benchmark corpus (12 documents).
inline std::vector<text_case> corpus_docs() {
  std::vector<text_case> out;
  for (const auto& e :
       std::filesystem::directory_iterator(jsonsig_test::shared_dir() + "/corpus")) {
    if (e.path().extension() != ".json") continue;
    out.push_back({e.path().filename().string(), jsonsig_test::read_file(e.path().string())});
  }
  std::sort(out.begin(), out.end(),
            [](const text_case& a, const text_case& b) { return a.name < b.name; });
  return out;
}

/// What jsonsig's own parser sees in the original text.
struct text_facts {
  bool valid = false;  // parses with the default (js) options
  bool duplicate_key = false;
  bool big_integer = false;     // an integer lexeme outside [-2^63, 2^64)
  bool lone_surrogate = false;  // a \u escape of an unpaired surrogate
  std::vector<std::string>
      doubles;  // lexemes a DOM stores as double: a fraction or exponent, or too big
};

class facts_handler {
 public:
  explicit facts_handler(text_facts& f) : f_(f) {}
  void on_object_begin(std::size_t) { keys_.emplace_back(); }
  void on_object_end(std::size_t) { keys_.pop_back(); }
  void on_array_begin(std::size_t) {}
  void on_array_end(std::size_t) {}
  void on_key(const jsonsig::json_string& s) {
    if ((s.flags & jsonsig::json_string::lone_surrogate) != 0) f_.lone_surrogate = true;
    if (!keys_.back().insert(std::string(s.view())).second) f_.duplicate_key = true;
  }
  void on_string(const jsonsig::json_string& s) {
    if ((s.flags & jsonsig::json_string::lone_surrogate) != 0) f_.lone_surrogate = true;
  }
  void on_number(const jsonsig::json_number& n) {
    const std::string_view v = n.view();
    if (!n.integer) {
      f_.doubles.emplace_back(v);
      return;
    }
    std::int64_t i = 0;
    std::uint64_t u = 0;
    const bool fits_i = std::from_chars(v.data(), v.data() + v.size(), i).ec == std::errc();
    const bool fits_u = std::from_chars(v.data(), v.data() + v.size(), u).ec == std::errc();
    if (!fits_i && !fits_u) {
      f_.big_integer = true;
      f_.doubles.emplace_back(v);
    }
  }
  void on_literal(jsonsig::json_literal, std::size_t) {}

 private:
  text_facts& f_;
  std::vector<std::set<std::string>> keys_;
};

inline text_facts facts_of(std::string_view text) {
  text_facts f;
  facts_handler h(f);
  jsonsig::json_parser ps;
  jsonsig::error_info err;
  ps.parse(text, h, err);
  f.valid = !err;
  return f;
}

/// Tallies of one run, reported by the test and checked against what the adapter documents.
struct tally {
  std::size_t parsed = 0;                     // documents the DOM accepted
  std::size_t rejected = 0;                   // documents the DOM rejected (skipped)
  std::size_t compared = 0;                   // (document, configuration) pairs compared
  std::size_t serialization_non_finite = 0;   // compared with the text instead (check 1)
  std::size_t same_as_text = 0;               // check 2 held exactly
  std::map<std::string, std::size_t> causes;  // check 2 differences, by documented cause
  std::set<std::string> misrounded;  // lexemes the DOM parses to another double than strtod
  std::size_t cause(const std::string& k) const {
    const auto it = causes.find(k);
    return it == causes.end() ? 0 : it->second;
  }
};

inline std::ostream& operator<<(std::ostream& os, const tally& t) {
  os << "parsed " << t.parsed << ", rejected by the DOM " << t.rejected << ", compared "
     << t.compared << ", same as text " << t.same_as_text;
  for (const auto& [k, n] : t.causes) os << ", " << k << " " << n;
  if (t.serialization_non_finite != 0)
    os << ", non-finite (serialization not JSON) " << t.serialization_non_finite;
  return os;
}

/// True when the DOM parses some number lexeme it stores as a double to another double than
/// strtod (glibc's strtod rounds correctly).
template <class Traits>
bool dom_rounds_differently(const std::vector<std::string>& doubles,
                            std::set<std::string>& misrounded) {
  bool any = false;
  for (const std::string& lex : doubles) {
    const std::optional<double> got = Traits::parse_double(lex);
    if (!got) continue;  // the DOM rejects it alone, or makes it an integer
    const double want = std::strtod(lex.c_str(), nullptr);
    if (std::memcmp(&want, &*got, sizeof want) != 0) {
      misrounded.insert(lex);
      any = true;
    }
  }
  return any;
}

/// Runs checks 1 and 2 over `cases`.
template <class Traits>
tally run_cases(const std::vector<text_case>& cases) {
  tally t;
  const std::vector<config> cfgs = configs();
  for (const text_case& c : cases) {
    auto doc = Traits::parse(c.input);
    if (!doc) {
      ++t.rejected;
      continue;
    }
    ++t.parsed;
    const auto& dom = Traits::root(doc);
    const std::optional<std::string> ser = Traits::serialize(dom);
    const bool non_finite = Traits::has_non_finite(dom);
    const text_facts facts = facts_of(c.input);
    bool rounds_checked = false, rounds_differently = false;
    for (const config& cfg : cfgs) {
      ++t.compared;
      const outcome got = of_dom(dom, cfg.opt);
      const outcome text = of_text(c.input, cfg.opt);
      // Check 1: the DOM's own serialization. A DOM holding NaN or Infinity has none that is
      // JSON (Boost.JSON writes Infinity, RapidJSON's Writer fails): check 2 alone applies.
      if (non_finite) {
        ++t.serialization_non_finite;
        if (ser) {
          EXPECT_NE(of_text(*ser, cfg.opt).code, jsonsig::errc::ok) << c.name << " " << cfg.name;
        }
      } else if (!ser) {
        ADD_FAILURE() << c.name << ": the DOM could not serialize what it parsed";
      } else {
        EXPECT_EQ(got, of_text(*ser, cfg.opt))
            << c.name << " " << cfg.name << " serialization '" << safe(*ser) << "'";
      }
      // Check 2: the original text, or a documented cause.
      if (got == text) {
        ++t.same_as_text;
        continue;
      }
      std::string cause;
      if (Traits::skips_bom && c.input.rfind("\xEF\xBB\xBF", 0) == 0 &&
          text.code != jsonsig::errc::ok) {
        cause = "leading utf-8 bom skipped by the DOM";
      } else if (Traits::merges_duplicates && facts.duplicate_key) {
        cause = "duplicate keys merged";
      } else if (Traits::big_integers_as_double && facts.big_integer &&
                 cfg.opt.prof == jsonsig::profile::python) {
        cause = "integer beyond 64 bits as double";
      } else if (Traits::lone_surrogates_as_wtf8 && facts.lone_surrogate &&
                 got.code == jsonsig::errc::invalid_utf8) {
        cause = "lone surrogate stored as invalid utf-8";
      } else {
        if (!rounds_checked) {
          rounds_differently = dom_rounds_differently<Traits>(facts.doubles, t.misrounded);
          rounds_checked = true;
        }
        if (rounds_differently) cause = "number rounded differently by the DOM";
        if (std::getenv("ADAPTER_TEST_VERBOSE") != nullptr)
          std::cout << c.name << " " << cfg.name << ": " << (cause.empty() ? "?" : cause)
                    << ": adapter " << got << " text " << text << "\n";
      }
      if (cause.empty()) {
        ADD_FAILURE() << c.name << " " << cfg.name << ": adapter " << got << " but text " << text
                      << " with no documented cause";
      } else {
        ++t.causes[cause];
      }
    }
  }
  return t;
}

}  // namespace adapter_test

#endif  // JSONSIG_TESTS_ADAPTER_SUPPORT_HPP
