// SPDX-License-Identifier: MIT
// Reusable RapidCheck generators for JSON values, weighted toward what canonicalization gets
// wrong: number edges (-0, 2^53 + 1, 17 significant digits, subnormals, overflow, exponent
// forms), escapes, controls, DEL, supplementary characters, keys whose UTF-16 and code point
// orders differ, array-index keys, lone surrogates (WTF-8), duplicate keys and depth.
//
// A json_gen::value is the *decoded* value (strings as UTF-8/WTF-8 bytes, numbers as lexemes,
// objects as ordered member lists that may repeat keys). write() turns it into JSON text with
// random whitespace, random escaping choices and (optionally) a random member order; every text
// it writes for a value parses back to that value.
#ifndef JSONSIG_TESTS_PROP_JSON_GEN_HPP
#define JSONSIG_TESTS_PROP_JSON_GEN_HPP

#include <rapidcheck.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace json_gen {

/// What the generated values may contain (jcs rejects the three "may" items).
struct options {
  bool lone_surrogates = true;
  bool duplicate_keys = true;
  bool overflow_numbers = true;  // lexemes whose nearest double is infinite (1e400)
  int max_depth = 4;
};

struct value {
  enum kind_t { null_v, bool_v, number_v, string_v, array_v, object_v } kind = null_v;
  bool b = false;
  std::string text;  // number lexeme, or decoded string
  std::vector<value> items;
  std::vector<std::pair<std::string, value>> members;
};

// ---------------------------------------------------------------------------------------------
// Code points and text

/// Appends cp as UTF-8 (WTF-8 for surrogates).
inline void append_utf8(std::string& s, std::uint32_t cp) {
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Decodes UTF-8/WTF-8 (as produced by append_utf8) into code points.
inline std::vector<std::uint32_t> code_points(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    out.push_back(cp);
    i += n;
  }
  return out;
}

inline rc::Gen<std::uint32_t> code_point(const options& o) {
  using rc::gen::inRange;
  const auto printable = inRange<std::uint32_t>(0x20, 0x7F);
  const auto special =
      rc::gen::element<std::uint32_t>('"', '\\', '/', 0x7F, '\n', '\t', 0, 0x1F, '\b', '\f', '\r');
  const auto controls = inRange<std::uint32_t>(0, 0x20);
  const auto two_byte = inRange<std::uint32_t>(0x80, 0x800);
  const auto below_surrogates = inRange<std::uint32_t>(0x800, 0xD800);
  const auto above_surrogates = inRange<std::uint32_t>(0xE000, 0x10000);  // after pairs in UTF-16
  const auto bmp_edges =
      rc::gen::element<std::uint32_t>(0xFFFF, 0xE000, 0xFB33, 0xD7FF, 0xFEFF, 0x2028);
  const auto astral = inRange<std::uint32_t>(0x10000, 0x110000);
  const auto astral_edges = rc::gen::element<std::uint32_t>(0x10000, 0x1F602, 0x10FFFF);
  if (!o.lone_surrogates) {
    return rc::gen::weightedOneOf<std::uint32_t>({{30, printable},
                                                  {8, special},
                                                  {3, controls},
                                                  {5, two_byte},
                                                  {5, below_surrogates},
                                                  {6, above_surrogates},
                                                  {2, bmp_edges},
                                                  {6, astral},
                                                  {2, astral_edges}});
  }
  return rc::gen::weightedOneOf<std::uint32_t>(
      {{30, printable},
       {8, special},
       {3, controls},
       {5, two_byte},
       {5, below_surrogates},
       {6, above_surrogates},
       {2, bmp_edges},
       {6, astral},
       {2, astral_edges},
       {3, inRange<std::uint32_t>(0xD800, 0xE000)},
       {1, rc::gen::element<std::uint32_t>(0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D)}});
}

/// Text from code points; a high surrogate directly followed by a low one is merged into the
/// supplementary character they spell (JSON text could not keep them apart).
inline std::string text_from(std::vector<std::uint32_t> cps) {
  std::string s;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    std::uint32_t cp = cps[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < cps.size() && cps[i + 1] >= 0xDC00 &&
        cps[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (cps[i + 1] - 0xDC00);
      ++i;
    }
    append_utf8(s, cp);
  }
  return s;
}

inline rc::Gen<std::string> text(const options& o, int max_len = 12) {
  return rc::gen::map(rc::gen::mapcat(rc::gen::inRange(0, max_len + 1),
                                      [o](int n) {
                                        return rc::gen::container<std::vector<std::uint32_t>>(
                                            static_cast<std::size_t>(n), code_point(o));
                                      }),
                      [](std::vector<std::uint32_t> cps) { return text_from(std::move(cps)); });
}

/// Keys: a pool of troublemakers (orders disagree, array indices, shared long prefixes) plus
/// free text. Drawing from a pool also makes duplicates likely.
inline rc::Gen<std::string> key(const options& o) {
  std::vector<std::string> pool = {"",
                                   "a",
                                   "A",
                                   "b",
                                   "aa",
                                   "ab",
                                   "0",
                                   "1",
                                   "2",
                                   "9",
                                   "10",
                                   "01",
                                   "00",
                                   "-1",
                                   "1e3",
                                   "4294967294",
                                   "4294967295",
                                   "99999999999",
                                   "\xef\xac\xb3",
                                   "\xf0\x9f\x98\x82",
                                   "\xee\x80\x80",
                                   "\xed\x9f\xbf",
                                   "\xef\xbf\xbf",
                                   "\xc3\xa9",
                                   "e\xcc\x81",
                                   "common-prefix-key-1",
                                   "common-prefix-key-2",
                                   "common-prefix-key-\xf0\x9f\x98\x82",
                                   "common-prefix-key-\xef\xbf\xbf",
                                   std::string(1, '\0'),
                                   "\x7f",
                                   "\"",
                                   "\\"};
  if (o.lone_surrogates) {
    for (const char* s :
         {"\xed\xa0\x80", "\xed\xa0\xbd", "\xed\xa0\xbdx", "\xed\xa0\xbd\xee\x80\x80",
          "\xed\xbf\xbf", "common-prefix-key-\xed\xa0\xbd"})
      pool.emplace_back(s);
  }
  return rc::gen::weightedOneOf<std::string>({{3, rc::gen::elementOf(pool)}, {2, text(o, 6)}});
}

// ---------------------------------------------------------------------------------------------
// Numbers

inline rc::Gen<std::string> digits(int min_len, int max_len, bool leading_nonzero) {
  return rc::gen::map(rc::gen::mapcat(rc::gen::inRange(min_len, max_len + 1),
                                      [](int n) {
                                        return rc::gen::container<std::vector<int>>(
                                            static_cast<std::size_t>(n), rc::gen::inRange(0, 10));
                                      }),
                      [leading_nonzero](const std::vector<int>& ds) {
                        std::string s;
                        for (int d : ds) s += static_cast<char>('0' + d);
                        if (leading_nonzero && !s.empty() && s[0] == '0') s[0] = '1';
                        return s;
                      });
}

/// A lexeme of the RFC 8259 number grammar.
inline rc::Gen<std::string> number(const options& o) {
  std::vector<std::string> edges = {"0",
                                    "-0",
                                    "0.0",
                                    "-0.0",
                                    "1",
                                    "-1",
                                    "1.0",
                                    "0.10",
                                    "100.000",
                                    "1E+2",
                                    "1e-7",
                                    "0.000001",
                                    "1e21",
                                    "1e20",
                                    "123e-20",
                                    "9007199254740992",
                                    "9007199254740993",
                                    "-9007199254740993",
                                    "123456789012345678",
                                    "18446744073709551616",
                                    "999999999999999",
                                    "1000000000000001",
                                    "5e-324",
                                    "-5e-324",
                                    "2.2250738585072014e-308",
                                    "2.225073858507201e-308",
                                    "1e-400",
                                    "-1e-400",
                                    "1.7976931348623157e308",
                                    "0.1",
                                    "0.2",
                                    "0.3",
                                    "2.5",
                                    "1424953923781206.25",
                                    "-65.613616999999977",
                                    "333333333.33333329",
                                    "4.35",
                                    "1e-6",
                                    "1.5e300",
                                    "7.2e-05"};
  if (o.overflow_numbers) {
    for (const char* s : {"1e400", "-1e309", "1.7976931348623159e308", "1e99999999999"})
      edges.emplace_back(s);
  }
  const auto composed = rc::gen::apply(
      [](bool neg, const std::string& ip, const std::string& frac, int exp_kind,
         const std::string& ed, bool upper) {
        std::string s = neg ? "-" : "";
        s += ip;
        if (!frac.empty()) s += "." + frac;
        if (exp_kind > 0) {
          s += upper ? "E" : "e";
          if (exp_kind == 2) s += "+";
          if (exp_kind == 3) s += "-";
          s += ed;
        }
        return s;
      },
      rc::gen::arbitrary<bool>(),
      rc::gen::weightedOneOf<std::string>(
          {{1, rc::gen::just(std::string("0"))}, {4, digits(1, 20, true)}}),
      rc::gen::weightedOneOf<std::string>(
          {{2, rc::gen::just(std::string())}, {2, digits(1, 18, false)}}),
      rc::gen::inRange(0, 4), digits(1, 3, false), rc::gen::arbitrary<bool>());
  const auto ints = rc::gen::map(rc::gen::arbitrary<std::int64_t>(),
                                 [](std::int64_t v) { return std::to_string(v); });
  const bool overflow = o.overflow_numbers;
  const auto finite_or_not = rc::gen::suchThat(composed, [overflow](const std::string& s) {
    return overflow || std::isfinite(std::strtod(s.c_str(), nullptr));
  });
  return rc::gen::weightedOneOf<std::string>(
      {{3, rc::gen::elementOf(edges)}, {3, finite_or_not}, {2, ints}});
}

// ---------------------------------------------------------------------------------------------
// Values

inline rc::Gen<value> scalar(const options& o) {
  return rc::gen::weightedOneOf<value>({
      {1, rc::gen::just(value{})},
      {1, rc::gen::map(rc::gen::arbitrary<bool>(),
                       [](bool b) {
                         value v;
                         v.kind = value::bool_v;
                         v.b = b;
                         return v;
                       })},
      {3, rc::gen::map(number(o),
                       [](std::string s) {
                         value v;
                         v.kind = value::number_v;
                         v.text = std::move(s);
                         return v;
                       })},
      {4, rc::gen::map(text(o),
                       [](std::string s) {
                         value v;
                         v.kind = value::string_v;
                         v.text = std::move(s);
                         return v;
                       })},
  });
}

inline std::vector<std::pair<std::string, value>> unique_members(
    std::vector<std::pair<std::string, value>> m) {
  std::vector<std::pair<std::string, value>> out;
  for (auto& kv : m) {
    const bool seen =
        std::any_of(out.begin(), out.end(), [&](const auto& e) { return e.first == kv.first; });
    if (!seen) out.push_back(std::move(kv));
  }
  return out;
}

inline rc::Gen<value> any_value(const options& o, int depth);

inline rc::Gen<value> array(const options& o, int depth) {
  return rc::gen::map(rc::gen::mapcat(rc::gen::inRange(0, 6),
                                      [o, depth](int n) {
                                        return rc::gen::container<std::vector<value>>(
                                            static_cast<std::size_t>(n), any_value(o, depth - 1));
                                      }),
                      [](std::vector<value> items) {
                        value v;
                        v.kind = value::array_v;
                        v.items = std::move(items);
                        return v;
                      });
}

inline rc::Gen<value> object(const options& o, int depth) {
  using member = std::pair<std::string, value>;
  return rc::gen::map(rc::gen::mapcat(rc::gen::inRange(0, 12),
                                      [o, depth](int n) {
                                        return rc::gen::container<std::vector<member>>(
                                            static_cast<std::size_t>(n),
                                            rc::gen::pair(key(o), any_value(o, depth - 1)));
                                      }),
                      [o](std::vector<member> m) {
                        value v;
                        v.kind = value::object_v;
                        v.members = o.duplicate_keys ? std::move(m) : unique_members(std::move(m));
                        return v;
                      });
}

/// An array of objects that mostly share one key sequence (as API records do), some with a
/// key changed, dropped, repeated or moved, so that sorting by remembered key order is hit and
/// missed.
inline rc::Gen<value> records(const options& o, int depth) {
  using member = std::pair<std::string, value>;
  return rc::gen::apply(
      [o](std::vector<std::string> keys, std::vector<std::vector<value>> rows,
          std::vector<int> edits, std::string other) {
        value arr;
        arr.kind = value::array_v;
        for (std::size_t r = 0; r < rows.size(); ++r) {
          value obj;
          obj.kind = value::object_v;
          for (std::size_t k = 0; k < keys.size(); ++k)
            obj.members.push_back(member{keys[k], k < rows[r].size() ? rows[r][k] : value{}});
          const int edit = r < edits.size() ? edits[r] : 0;
          if (!obj.members.empty()) {
            const std::size_t at = static_cast<std::size_t>(edit / 8) % obj.members.size();
            switch (edit % 8) {
              case 1:
                obj.members[at].first = other;
                break;
              case 2:
                obj.members.erase(obj.members.begin() + static_cast<std::ptrdiff_t>(at));
                break;
              case 3:
                obj.members.push_back(obj.members[at]);
                break;  // a duplicate key
              case 4:
                std::swap(obj.members.front(), obj.members.back());
                break;
              default:
                break;
            }
          }
          if (!o.duplicate_keys) obj.members = unique_members(std::move(obj.members));
          arr.items.push_back(std::move(obj));
        }
        return arr;
      },
      rc::gen::mapcat(rc::gen::inRange(4, 14),
                      [o](int n) {
                        return rc::gen::container<std::vector<std::string>>(
                            static_cast<std::size_t>(n), key(o));
                      }),
      rc::gen::mapcat(rc::gen::inRange(1, 5),
                      [o, depth](int rows) {
                        return rc::gen::container<std::vector<std::vector<value>>>(
                            static_cast<std::size_t>(rows),
                            rc::gen::container<std::vector<value>>(14, any_value(o, depth - 2)));
                      }),
      rc::gen::container<std::vector<int>>(6, rc::gen::inRange(0, 200)), key(o));
}

/// Any value nested at most `depth` levels.
inline rc::Gen<value> any_value(const options& o, int depth) {
  if (depth <= 0) return scalar(o);
  return rc::gen::lazy([o, depth] {
    return rc::gen::weightedOneOf<value>(
        {{4, scalar(o)}, {1, array(o, depth)}, {1, object(o, depth)}, {1, records(o, depth)}});
  });
}

/// A value: usually a container at the top, nested up to o.max_depth.
inline rc::Gen<value> document(const options& o = options{}) {
  return rc::gen::weightedOneOf<value>(
      {{1, scalar(o)}, {3, array(o, o.max_depth)}, {5, object(o, o.max_depth)}});
}

// ---------------------------------------------------------------------------------------------
// Writing JSON text

struct write_style {
  bool whitespace = true;  // random whitespace between tokens
  bool escapes = true;     // random \u / short escapes for characters that may be raw
  bool permute = false;    // random member order (only meaningful without duplicate keys)
};

namespace detail {

inline void ws(std::string& out, std::mt19937& rng, const write_style& st) {
  if (!st.whitespace) return;
  static const char* const pieces[] = {"", "", "", " ", "\n", "\t", "\r\n  ", "  "};
  out += pieces[rng() % 8];
}

inline void hex4(std::string& out, std::uint32_t u, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += digits[(u >> shift) & 0xF];
}

inline void string(std::string& out, const std::string& s, std::mt19937& rng,
                   const write_style& st) {
  out += '"';
  for (std::uint32_t cp : code_points(s)) {
    const bool must_escape = cp == '"' || cp == '\\' || cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF);
    const unsigned choice = st.escapes ? rng() % 4 : 0;
    if (!must_escape && choice != 3) {
      append_utf8(out, cp);
      continue;
    }
    const bool upper = (rng() & 1) != 0;
    switch (cp) {
      case '"':
        out += choice == 1 ? "\\u0022" : "\\\"";
        continue;
      case '\\':
        out += choice == 1 ? "\\u005C" : "\\\\";
        continue;
      case '\n':
        if (choice != 1) {
          out += "\\n";
          continue;
        }
        break;
      case '\t':
        if (choice != 1) {
          out += "\\t";
          continue;
        }
        break;
      case '\r':
        if (choice != 1) {
          out += "\\r";
          continue;
        }
        break;
      case '\b':
        if (choice != 1) {
          out += "\\b";
          continue;
        }
        break;
      case '\f':
        if (choice != 1) {
          out += "\\f";
          continue;
        }
        break;
      case '/':
        if (choice == 2) {
          out += "\\/";
          continue;
        }
        break;
      default:
        break;
    }
    if (cp >= 0x10000) {
      hex4(out, 0xD800 + ((cp - 0x10000) >> 10), upper);
      hex4(out, 0xDC00 + ((cp - 0x10000) & 0x3FF), upper);
    } else {
      hex4(out, cp, upper);
    }
  }
  out += '"';
}

}  // namespace detail

/// Appends v as JSON text; `seed` drives whitespace, escaping and member order.
inline void write(std::string& out, const value& v, std::mt19937& rng, const write_style& st) {
  switch (v.kind) {
    case value::null_v:
      out += "null";
      return;
    case value::bool_v:
      out += v.b ? "true" : "false";
      return;
    case value::number_v:
      out += v.text;
      return;
    case value::string_v:
      detail::string(out, v.text, rng, st);
      return;
    case value::array_v:
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i != 0) out += ',';
        detail::ws(out, rng, st);
        write(out, v.items[i], rng, st);
        detail::ws(out, rng, st);
      }
      out += ']';
      return;
    case value::object_v: {
      std::vector<std::size_t> order(v.members.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      if (st.permute) std::shuffle(order.begin(), order.end(), rng);
      out += '{';
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (i != 0) out += ',';
        detail::ws(out, rng, st);
        detail::string(out, v.members[order[i]].first, rng, st);
        detail::ws(out, rng, st);
        out += ':';
        detail::ws(out, rng, st);
        write(out, v.members[order[i]].second, rng, st);
        detail::ws(out, rng, st);
      }
      out += '}';
      return;
    }
  }
}

inline std::string to_json(const value& v, std::uint32_t seed,
                           const write_style& st = write_style{}) {
  std::mt19937 rng(seed);
  std::string out;
  detail::ws(out, rng, st);
  write(out, v, rng, st);
  detail::ws(out, rng, st);
  return out;
}

/// RapidCheck prints counterexamples with this (found by argument-dependent lookup).
inline void showValue(const value& v, std::ostream& os) {
  write_style plain;
  plain.whitespace = false;
  plain.escapes = false;
  std::string s = to_json(v, 0, plain);
  std::string shown;
  for (unsigned char c : s) {  // keep the report printable
    if (c < 0x20 || c >= 0x7F) {
      static const char* digits = "0123456789abcdef";
      shown += "\\x";
      shown += digits[c >> 4];
      shown += digits[c & 15];
    } else {
      shown += static_cast<char>(c);
    }
  }
  os << shown;
}

/// A chain of nested containers `depth` deep around a scalar (depth is not what the other
/// generators explore).
inline rc::Gen<std::string> nested_text(int max_depth) {
  return rc::gen::apply(
      [](const std::vector<bool>& objects, const std::string& leaf) {
        std::string open, close;
        for (bool obj : objects) {
          open += obj ? "{\"k\":" : "[";
          close = std::string(obj ? "}" : "]") + close;
        }
        return open + leaf + close;
      },
      rc::gen::mapcat(rc::gen::inRange(0, max_depth + 1),
                      [](int n) {
                        return rc::gen::container<std::vector<bool>>(static_cast<std::size_t>(n),
                                                                     rc::gen::arbitrary<bool>());
                      }),
      rc::gen::element<std::string>("1", "\"s\"", "[]", "{}", "null"));
}

}  // namespace json_gen

#endif  // JSONSIG_TESTS_PROP_JSON_GEN_HPP
