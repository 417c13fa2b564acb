// SPDX-License-Identifier: MIT
// diff.hpp: first difference, the JSON path at every byte of hand-checked canonical texts, the
// diff rules at member and element boundaries, profile disagreements found through the real
// canonicalizer, a randomized "mutate one leaf, the diff names its path" property over all three
// profiles, and robustness of the path scanner on arbitrary bytes.
#include <jsonsig/canonical.hpp>
#include <jsonsig/diff.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

using jsonsig::diff_canonical;
using jsonsig::json_path_at;
using jsonsig::profile;

std::string canon(std::string_view json, profile p) {
  jsonsig::error_info err;
  std::string out = jsonsig::canonicalize(json, p, err);
  EXPECT_FALSE(err) << jsonsig::format_error(err, json) << " in " << json;
  return out;
}

// ---- first_difference ------------------------------------------------------------------------

TEST(diff, first_difference_basic) {
  EXPECT_EQ(jsonsig::first_difference("", ""), 0u);
  EXPECT_EQ(jsonsig::first_difference("abc", "abc"), 3u);
  EXPECT_EQ(jsonsig::first_difference("abc", "abd"), 2u);
  EXPECT_EQ(jsonsig::first_difference("xbc", "abc"), 0u);
  EXPECT_EQ(jsonsig::first_difference("ab", "abc"), 2u);
  EXPECT_EQ(jsonsig::first_difference("abc", ""), 0u);
}

TEST(diff, first_difference_matches_a_byte_loop_around_block_edges) {
  // The memcmp fast path works in 256-byte blocks: put the difference on every side of them.
  std::mt19937 rng(7);
  for (std::size_t len : {255u, 256u, 257u, 511u, 512u, 513u, 1000u, 4096u}) {
    std::string a(len, '\0');
    for (char& c : a) c = static_cast<char>(rng() & 0xff);
    for (std::size_t at = 0; at < len; at += (at < 8 || len - at < 8) ? 1 : 37) {
      std::string b = a;
      b[at] = static_cast<char>(b[at] ^ 0x20);
      EXPECT_EQ(jsonsig::first_difference(a, b), at) << len << " " << at;
      EXPECT_EQ(jsonsig::first_difference(b, a), at) << len << " " << at;
      EXPECT_EQ(jsonsig::first_difference(a, std::string_view(a).substr(0, at)), at);
    }
    EXPECT_EQ(jsonsig::first_difference(a, a), len);
  }
}

// ---- json_path_at ----------------------------------------------------------------------------

// Expected path for every byte offset (and the end) of a text, worked out by hand from the rules
// in diff.hpp.
void expect_paths(std::string_view text, const std::vector<std::string>& want) {
  ASSERT_EQ(want.size(), text.size() + 1) << "one expectation per byte plus the end";
  for (std::size_t i = 0; i <= text.size(); ++i) {
    EXPECT_EQ(json_path_at(text, i), want[i])
        << "offset " << i << " ('" << (i < text.size() ? text[i] : '$') << "') in " << text;
  }
}

TEST(diff, path_at_every_byte_of_a_nested_document) {
  const std::string_view t = R"({"a":[1,{"b c":"x\"y"},[]],"d":true})";
  const std::string a = "$.a", bc = R"($.a[1]["b c"])";
  expect_paths(t, {
                      "$",                                    // {
                      a, a, a, a,                             // "a":
                      a,                                      // [
                      "$.a[0]",                               // 1
                      "$.a[1]",                               // , (the next element)
                      "$.a[1]",                               // {
                      bc, bc, bc, bc, bc, bc,                 // "b c":
                      bc, bc, bc, bc, bc, bc,                 // "x\"y"
                      "$.a[1]",                               // } closes $.a[1]
                      "$.a[2]",                               // ,
                      "$.a[2]", "$.a[2]",                     // [] (empty: ']' closes $.a[2])
                      a,                                      // ] closes $.a
                      "$.d",                                  // ,
                      "$.d", "$.d", "$.d", "$.d",             // "d":
                      "$.d", "$.d", "$.d", "$.d",             // true
                      "$",                                    // }
                      "$",                                    // the end
                  });
}

TEST(diff, path_at_scalars_and_empty_containers) {
  expect_paths("12", {"$", "$", "$"});
  expect_paths(R"("")", {"$", "$", "$"});
  expect_paths("[]", {"$", "$", "$"});
  expect_paths("{}", {"$", "$", "$"});
  expect_paths("[[]]", {"$", "$[0]", "$[0]", "$", "$"});
  expect_paths(R"({"":{}})", {"$", R"($[""])", R"($[""])", R"($[""])", R"($[""])", R"($[""])",
                              "$", "$"});
  expect_paths("[null,-1.5e+30]",
               {"$", "$[0]", "$[0]", "$[0]", "$[0]",                    // [null
                "$[1]",                                                  // , (the next element)
                "$[1]", "$[1]", "$[1]", "$[1]", "$[1]", "$[1]", "$[1]", "$[1]",  // -1.5e+30
                "$", "$"});
}

TEST(diff, path_at_large_index_and_deep_nesting) {
  std::string arr = "[";
  for (int i = 0; i < 1000; ++i) arr += (i ? ",7" : "7");
  arr += "]";
  EXPECT_EQ(json_path_at(arr, arr.size() - 2), "$[999]");
  EXPECT_EQ(json_path_at(arr, arr.size() - 1), "$");
  std::string deep;
  for (int i = 0; i < 500; ++i) deep += R"({"k":)";
  deep += "0";
  for (int i = 0; i < 500; ++i) deep += "}";
  std::string want = "$";
  for (int i = 0; i < 500; ++i) want += ".k";
  EXPECT_EQ(json_path_at(deep, deep.find('0')), want);
  EXPECT_EQ(json_path_at(deep, deep.size()), "$");
  EXPECT_EQ(json_path_at(deep, 1000000), "$");  // clamped
}

TEST(diff, path_key_rendering) {
  const auto at_value = [](std::string_view t) { return json_path_at(t, t.rfind(':') + 1); };
  EXPECT_EQ(at_value(R"({"price":1})"), "$.price");
  EXPECT_EQ(at_value(R"({"_x$9":1})"), "$._x$9");
  EXPECT_EQ(at_value(R"({"$ref":1})"), "$.$ref");
  EXPECT_EQ(at_value(R"({"9a":1})"), R"($["9a"])");   // not an identifier: starts with a digit
  EXPECT_EQ(at_value(R"({"0":1})"), R"($["0"])");     // an object key, not an index
  EXPECT_EQ(at_value(R"({"a-b":1})"), R"($["a-b"])");
  EXPECT_EQ(at_value(R"({"a.b":1})"), R"($["a.b"])");
  // Escapes stay as in the canonical text (they are part of what was signed).
  EXPECT_EQ(at_value(R"({"q\"t\\":1})"), R"($["q\"t\\"])");
  EXPECT_EQ(at_value(R"({"caf\u00e9":1})"), R"($["caf\u00e9"])");
  EXPECT_EQ(at_value("{\"caf\xc3\xa9\":1}"), "$[\"caf\xc3\xa9\"]");
  // Raw DEL and C1 controls (the js profile leaves them raw) become \u00XX in a path; so do raw
  // C0 controls, which only non-canonical text can contain.
  EXPECT_EQ(at_value("{\"a\x7f\xc2\x85\xc2\xa0\":1}"), "$[\"a\\u007f\\u0085\xc2\xa0\"]");
  EXPECT_EQ(at_value("{\"\x01\":1}"), R"($["\u0001"])");
}

// ---- diff_canonical ----------------------------------------------------------------------------

struct diff_case {
  const char* a;
  const char* b;
  std::size_t offset;
  const char* path_a;
  const char* path_b;
};

TEST(diff, boundaries_of_values_members_and_elements) {
  const diff_case cases[] = {
      // A number that one side continues: the difference is in that number, on both sides.
      {"[1,2]", "[10,2]", 2, "$[0]", "$[0]"},
      {"[10,2]", "[1,2]", 2, "$[0]", "$[0]"},
      {"1", "12", 1, "$", "$"},
      {R"({"a":{"x":1}})", R"({"a":{"x":1.5}})", 11, "$.a.x", "$.a.x"},
      {"[true]", "[trueX]", 5, "$[0]", "$[0]"},
      // A finished number followed by different structure: each side names its own place.
      {R"({"a":{"x":1}})", R"({"a":{"x":1,"y":2}})", 11, "$.a", "$.a.y"},
      {"[1]", "[1,2]", 2, "$", "$[1]"},
      {R"({"a":1})", R"({"a":1,"b":2})", 6, "$", "$.b"},
      // Strings: the closing quote against one more character is inside the string.
      {R"({"s":"ab"})", R"({"s":"abc"})", 8, "$.s", "$.s"},
      {R"(["a","b"])", R"(["a","c"])", 6, "$[1]", "$[1]"},
      // Keys: each side completes its own key.
      {R"({"a":1,"b":2})", R"({"a":1,"c":2})", 8, "$.b", "$.c"},
      {R"({"ab":1})", R"({"ac":1})", 3, "$.ab", "$.ac"},
      {R"({"a":1})", R"({"b":1})", 2, "$.a", "$.b"},
      {R"({})", R"({"b":1})", 1, "$", "$.b"},
      {R"({"k":{}})", R"({"k":{"z":null}})", 6, "$.k", "$.k.z"},
      // Empty against non-empty arrays, and containers against scalars.
      {"[]", "[3]", 1, "$", "$[0]"},
      {R"({"a":[]})", R"({"a":[[]]})", 6, "$.a", "$.a[0]"},
      {R"({"a":null})", R"({"a":[1]})", 5, "$.a", "$.a"},
      {"[[1],[2]]", "[[1],[3]]", 6, "$[1][0]", "$[1][0]"},
      {"[[1],[2]]", "[[1],2]", 5, "$[1]", "$[1]"},
      {"[[1],[2]]", "[[1]]", 4, "$[1]", "$"},
  };
  for (const diff_case& c : cases) {
    const jsonsig::canonical_difference d = diff_canonical(c.a, c.b);
    EXPECT_FALSE(d.identical) << c.a << " vs " << c.b;
    EXPECT_EQ(d.offset, c.offset) << c.a << " vs " << c.b;
    EXPECT_EQ(d.path_a, c.path_a) << c.a << " vs " << c.b;
    EXPECT_EQ(d.path_b, c.path_b) << c.a << " vs " << c.b;
  }
}

TEST(diff, identical_texts) {
  const jsonsig::canonical_difference d = diff_canonical(R"({"a":[1]})", R"({"a":[1]})");
  EXPECT_TRUE(d.identical);
  EXPECT_EQ(d.offset, 9u);
  EXPECT_TRUE(d.path_a.empty());
  EXPECT_TRUE(d.path_b.empty());
  EXPECT_TRUE(diff_canonical("", "").identical);
  EXPECT_FALSE(diff_canonical("", "1").identical);
}

// Where the profiles disagree, found through the real canonicalizer (the outputs themselves are
// checked by the golden tests; here only the path reported for the first disagreement).
TEST(diff, profiles_disagree_at_the_expected_path) {
  struct pcase {
    const char* json;
    profile a, b;
    const char* path;    // in a
    const char* path_b;  // in b, when it differs (each side completes its own key)
  };
  const pcase cases[] = {
      // 1e16: ES prints 10000000000000000, Python repr 1e+16.
      {R"({"items":[{"price":1},{"price":1e16}],"z":0})", profile::js, profile::python,
       "$.items[1].price", nullptr},
      // Non-ASCII: raw UTF-8 in js, \u00e9 in python (ensure_ascii).
      {R"({"a":[0,{"name":"Zo\u00e9"}]})", profile::js, profile::python, "$.a[1].name", nullptr},
      // Python keeps integers exact; ES rounds them to the nearest double.
      {R"({"id":505874924095815681})", profile::js, profile::python, "$.id", nullptr},
      // Key order: js puts array-index keys first, jcs sorts by UTF-16 code units.
      {R"({"b":1,"10":2,"9":3})", profile::js, profile::jcs, R"($["9"])",
       R"($["10"])"},
      // Python writes 1.0 where ES writes 1.
      {R"([[1.0]])", profile::js, profile::python, "$[0][0]", nullptr},
  };
  for (const pcase& c : cases) {
    const std::string a = canon(c.json, c.a), b = canon(c.json, c.b);
    const jsonsig::canonical_difference d = diff_canonical(a, b);
    ASSERT_FALSE(d.identical) << c.json << "\n" << a << "\n" << b;
    EXPECT_EQ(d.path_a, c.path) << c.json << "\n" << a << "\n" << b;
    EXPECT_EQ(d.path_b, c.path_b != nullptr ? c.path_b : c.path)
        << c.json << "\n" << a << "\n" << b;
  }
  // Same profile, same document with different whitespace and member order: identical.
  EXPECT_TRUE(diff_canonical(canon(R"({"b":[1, 2], "a":"x"})", profile::js),
                             canon("{ \"a\" : \"x\" ,\n\"b\":[1,2]}", profile::js))
                  .identical);
}

// ---- property: mutate one leaf, the diff names it ------------------------------------------------

struct node {
  enum kind_t { object, array, string, number, literal } kind = literal;
  std::vector<std::pair<std::string, node>> members;  // keys as JSON string literals
  std::vector<node> elements;
  std::string text;  // leaves: the JSON text
};

class generator {
 public:
  explicit generator(unsigned seed) : rng_(seed) {}

  node make(int depth) {
    node n;
    const unsigned pick = depth >= 4 ? 2 + below(3) : below(5);
    if (pick == 0) {
      n.kind = node::object;
      std::vector<std::string> keys(std::begin(key_pool), std::end(key_pool));
      std::shuffle(keys.begin(), keys.end(), rng_);
      keys.resize(below(6));  // distinct keys: no duplicate may shadow a mutated leaf
      for (const std::string& k : keys) n.members.emplace_back(k, make(depth + 1));
    } else if (pick == 1) {
      n.kind = node::array;
      const unsigned len = below(5);
      for (unsigned i = 0; i < len; ++i) n.elements.push_back(make(depth + 1));
    } else if (pick == 2) {
      n.kind = node::string;
      static const char* const strings[] = {R"("")", R"("x")", R"("caf\u00e9")", R"("a\"b")",
                                            R"("tab\t")", "\"\xe2\x82\xac\""};
      n.text = strings[below(6)];
    } else if (pick == 3) {
      n.kind = node::number;
      static const char* const numbers[] = {"0", "5", "-12", "1.5", "2.25", "100", "3e2"};
      n.text = numbers[below(7)];
    } else {
      n.kind = node::literal;
      static const char* const literals[] = {"true", "false", "null"};
      n.text = literals[below(3)];
    }
    return n;
  }

  unsigned below(unsigned n) { return static_cast<unsigned>(rng_() % n); }
  std::mt19937& rng() { return rng_; }

  // Keys (as JSON string literals): identifiers, array-index-like keys (js sorts them first),
  // keys that need brackets, escapes and non-ASCII (python writes \u escapes).
  static constexpr const char* key_pool[] = {
      R"("a")",  R"("b")",     R"("price")",   R"("_id")",  R"("0")",  R"("10")", R"("2")",
      R"("")",   R"("x y")",   R"("q\"t")",    R"("caf\u00e9")", R"("\u0001")", "\"\xf0\x9f\x98\x80\"",
  };

 private:
  std::mt19937 rng_;
};

void serialize(const node& n, std::mt19937& rng, std::string& out) {
  const auto ws = [&] {
    if (rng() % 4 == 0) out += (rng() % 2 ? " " : "\n\t");
  };
  ws();
  switch (n.kind) {
    case node::object:
      out += '{';
      for (std::size_t i = 0; i < n.members.size(); ++i) {
        if (i != 0) out += ',';
        ws();
        out += n.members[i].first;
        ws();
        out += ':';
        serialize(n.members[i].second, rng, out);
      }
      ws();
      out += '}';
      break;
    case node::array:
      out += '[';
      for (std::size_t i = 0; i < n.elements.size(); ++i) {
        if (i != 0) out += ',';
        serialize(n.elements[i], rng, out);
      }
      ws();
      out += ']';
      break;
    default:
      out += n.text;
  }
  ws();
}

// The path component of a key: its canonical raw text in profile p (the library's own string
// quoting, taken from canonicalizing the bare string), rendered per diff.hpp's rules.
std::string key_component(const std::string& key_literal, profile p) {
  const std::string quoted = canon(key_literal, p);
  std::string out;
  jsonsig::detail::append_path_key(out, std::string_view(quoted).substr(1, quoted.size() - 2));
  return out;
}

// Collects (pointer to leaf, its path) for every leaf.
void leaves(node& n, const std::string& path, profile p,
            std::vector<std::pair<node*, std::string>>& out) {
  if (n.kind == node::object) {
    for (auto& m : n.members) leaves(m.second, path + key_component(m.first, p), p, out);
  } else if (n.kind == node::array) {
    for (std::size_t i = 0; i < n.elements.size(); ++i)
      leaves(n.elements[i], path + "[" + std::to_string(i) + "]", p, out);
  } else {
    out.emplace_back(&n, path);
  }
}

TEST(diff, mutating_one_leaf_names_its_path_in_every_profile) {
  int checked = 0;
  for (unsigned seed = 1; seed <= 400; ++seed) {
    generator g(seed);
    node doc = g.make(0);
    for (profile p : {profile::js, profile::jcs, profile::python}) {
      std::vector<std::pair<node*, std::string>> found;
      leaves(doc, "$", p, found);
      if (found.empty()) continue;
      auto& [leaf, path] = found[g.below(static_cast<unsigned>(found.size()))];
      std::string before;
      serialize(doc, g.rng(), before);
      const node saved = *leaf;
      // A change that alters the leaf's canonical text in every profile.
      switch (g.below(3)) {
        case 0:
          leaf->text = leaf->kind == node::string ? leaf->text.substr(0, leaf->text.size() - 1) + "z\""
                       : leaf->kind == node::number ? (leaf->text == "0" ? "7" : leaf->text + "7")
                       : leaf->text == "null"        ? "0"
                                                     : (leaf->text == "true" ? "false" : "true");
          break;
        case 1:
          leaf->text = "[1]";
          break;
        default:
          leaf->text = R"({"new":1})";
      }
      std::string after;
      serialize(doc, g.rng(), after);
      *leaf = saved;
      const std::string a = canon(before, p), b = canon(after, p);
      const jsonsig::canonical_difference d = diff_canonical(a, b);
      ASSERT_FALSE(d.identical) << before << "\n" << after;
      EXPECT_EQ(d.path_a, path) << "profile " << jsonsig::to_string(p) << "\n" << a << "\n" << b;
      EXPECT_EQ(d.path_b, path) << "profile " << jsonsig::to_string(p) << "\n" << a << "\n" << b;
      ++checked;
    }
  }
  EXPECT_GT(checked, 800);
}

TEST(diff, appending_an_element_names_the_new_index) {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    generator g(seed);
    node arr;
    arr.kind = node::array;
    const unsigned len = g.below(4);
    for (unsigned i = 0; i < len; ++i) arr.elements.push_back(g.make(2));
    node doc;
    doc.kind = node::object;
    doc.members.emplace_back(R"("list")", arr);
    std::string before;
    serialize(doc, g.rng(), before);
    doc.members[0].second.elements.push_back(g.make(3));
    std::string after;
    serialize(doc, g.rng(), after);
    const jsonsig::canonical_difference d =
        diff_canonical(canon(before, profile::js), canon(after, profile::js));
    EXPECT_EQ(d.path_a, "$.list") << before << "\n" << after;
    EXPECT_EQ(d.path_b, "$.list[" + std::to_string(len) + "]") << before << "\n" << after;
  }
}

// ---- robustness on arbitrary bytes ------------------------------------------------------------

TEST(diff, path_scanner_is_safe_on_any_bytes) {
  std::mt19937 rng(99);
  static const char chars[] = "{}[],:\"\\ab1-.e\x00\xff";
  const std::string alphabet(chars, sizeof chars - 1);  // keeps the NUL
  for (int round = 0; round < 3000; ++round) {
    std::string t(rng() % 40, '\0');
    for (char& c : t)
      c = rng() % 8 == 0 ? static_cast<char>(rng() & 0xff) : alphabet[rng() % alphabet.size()];
    for (std::size_t i = 0; i <= t.size() + 1; ++i) {
      const std::string p = json_path_at(t, i);
      ASSERT_FALSE(p.empty());
      ASSERT_EQ(p[0], '$');
    }
    std::string u = t;
    if (!u.empty()) u[rng() % u.size()] ^= 1;
    const jsonsig::canonical_difference d = diff_canonical(t, u);
    EXPECT_EQ(d.identical, t == u);
  }
}

// ---- excerpts -------------------------------------------------------------------------------------

TEST(diff, printable_escapes_everything_but_printable_ascii) {
  EXPECT_EQ(jsonsig::printable("a b~"), "a b~");
  EXPECT_EQ(jsonsig::printable(std::string_view("\x00\n\x7f\xc3\xa9", 5)), R"(\x00\x0a\x7f\xc3\xa9)");
  EXPECT_EQ(jsonsig::printable(R"("q\"")"), R"("q\"")");  // JSON escapes pass through
}

TEST(diff, excerpt_window_and_caret) {
  const std::string_view t = "0123456789abcdefghij";
  jsonsig::excerpt e = jsonsig::excerpt_at(t, 10, 4);
  EXPECT_EQ(e.text, "...6789abcd...");
  EXPECT_EQ(e.caret, 7u);
  EXPECT_EQ(e.text[e.caret], 'a');
  e = jsonsig::excerpt_at(t, 2, 4);
  EXPECT_EQ(e.text, "012345...");
  EXPECT_EQ(e.caret, 2u);
  e = jsonsig::excerpt_at(t, 20, 4);  // the end
  EXPECT_EQ(e.text, "...ghij");
  EXPECT_EQ(e.caret, 7u);
  e = jsonsig::excerpt_at(t, 99, 100);  // clamped
  EXPECT_EQ(e.text, t);
  EXPECT_EQ(e.caret, 20u);
  // Escaped bytes widen the window; the caret still points at the byte at offset.
  e = jsonsig::excerpt_at("\xc3\xa9x", 2, 8);
  EXPECT_EQ(e.text, R"(\xc3\xa9x)");
  EXPECT_EQ(e.caret, 8u);
  EXPECT_EQ(jsonsig::excerpt_at("", 0, 5).text, "");
}

}  // namespace
