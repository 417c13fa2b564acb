// SPDX-License-Identifier: MIT
// Canonicalization properties over generated JSON (json_gen.hpp), for each profile:
//   - it equals an independent model (key order computed on UTF-16 / code point vectors,
//     last-wins duplicates, escaping per code point) of the generated value;
//   - it is idempotent and its output always parses again;
//   - it is blind to whitespace, escaping choices and member order;
//   - the builder fed the same value gives the same bytes;
//   - nesting of any depth up to max_depth works, one more is too_deep.
#include <jsonsig/builder.hpp>
#include <jsonsig/canonical_writer.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "json_gen.hpp"

namespace {

using json_gen::value;
using jsonsig::profile;

std::string canon(const std::string& json, profile p, jsonsig::error_info& err) {
  return jsonsig::canonicalize(json, p, err);
}

// ---------------------------------------------------------------------------------------------
// The model: written from the profile definitions, sharing nothing with the library but the
// number formatting (tested on its own against RFC 8785 and CPython).

std::vector<std::uint32_t> utf16_units(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t cp : json_gen::code_points(s)) {
    if (cp >= 0x10000) {
      out.push_back(0xD800 + ((cp - 0x10000) >> 10));
      out.push_back(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out.push_back(cp);
    }
  }
  return out;
}

bool is_array_index(const std::string& k, std::uint64_t& v) {
  if (k.empty() || k.size() > 10) return false;
  if (k.size() > 1 && k[0] == '0') return false;
  v = 0;
  for (char c : k) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v < 4294967295u;
}

bool model_less(const std::string& a, const std::string& b, profile p) {
  if (p == profile::python) return json_gen::code_points(a) < json_gen::code_points(b);
  if (p == profile::js) {
    std::uint64_t va = 0, vb = 0;
    const bool ia = is_array_index(a, va), ib = is_array_index(b, vb);
    if (ia != ib) return ia;
    if (ia) return va < vb;
  }
  return utf16_units(a) < utf16_units(b);
}

void hex4(std::string& out, std::uint32_t u) {
  static const char* digits = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += digits[(u >> shift) & 0xF];
}

std::string model_string(const std::string& s, profile p) {
  std::string out = "\"";
  for (std::uint32_t cp : json_gen::code_points(s)) {
    switch (cp) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (cp < 0x20 || surrogate) {
      hex4(out, cp);
    } else if (p == profile::python && cp > 0x7E) {
      if (cp >= 0x10000) {
        hex4(out, 0xD800 + ((cp - 0x10000) >> 10));
        hex4(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
      } else {
        hex4(out, cp);
      }
    } else {
      json_gen::append_utf8(out, cp);
    }
  }
  return out + "\"";
}

std::string model_number(const std::string& lex, profile p) {
  char buf[jsonsig::detail::number_buf_size];
  const bool integer = lex.find_first_of(".eE") == std::string::npos;
  if (p == profile::python) {
    if (integer) return lex == "-0" ? "0" : lex;
    return std::string(buf, jsonsig::detail::format_py_float(lex, buf));
  }
  const std::size_t n = jsonsig::detail::format_es(lex, buf);
  return n == 0 ? "null" : std::string(buf, n);
}

std::string model(const value& v, profile p) {
  switch (v.kind) {
    case value::null_v:
      return "null";
    case value::bool_v:
      return v.b ? "true" : "false";
    case value::number_v:
      return model_number(v.text, p);
    case value::string_v:
      return model_string(v.text, p);
    case value::array_v: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? "," : "") + model(v.items[i], p);
      return out + "]";
    }
    case value::object_v: {
      // Last occurrence wins (JSON.parse / json.loads assign in order).
      std::vector<std::pair<std::string, const value*>> m;
      for (const auto& kv : v.members) {
        auto it =
            std::find_if(m.begin(), m.end(), [&](const auto& e) { return e.first == kv.first; });
        if (it != m.end()) {
          it->second = &kv.second;
        } else {
          m.emplace_back(kv.first, &kv.second);
        }
      }
      std::sort(m.begin(), m.end(),
                [p](const auto& a, const auto& b) { return model_less(a.first, b.first, p); });
      std::string out = "{";
      for (std::size_t i = 0; i < m.size(); ++i)
        out += (i ? "," : "") + model_string(m[i].first, p) + ":" + model(*m[i].second, p);
      return out + "}";
    }
  }
  return {};
}

bool has_duplicates(const value& v) {
  for (const value& i : v.items)
    if (has_duplicates(i)) return true;
  for (std::size_t i = 0; i < v.members.size(); ++i) {
    if (has_duplicates(v.members[i].second)) return true;
    for (std::size_t j = 0; j < i; ++j)
      if (v.members[i].first == v.members[j].first) return true;
  }
  return false;
}

json_gen::options jcs_options() {
  json_gen::options o;
  o.lone_surrogates = false;
  o.duplicate_keys = false;
  o.overflow_numbers = false;
  return o;
}

// ---------------------------------------------------------------------------------------------

RC_GTEST_PROP(canonical, js_matches_the_model, ()) {
  const value v = *json_gen::document();
  const std::string text = json_gen::to_json(v, *rc::gen::arbitrary<std::uint32_t>());
  jsonsig::error_info err;
  const std::string got = canon(text, profile::js, err);
  RC_ASSERT(!err);
  RC_ASSERT(got == model(v, profile::js));
}

RC_GTEST_PROP(canonical, python_matches_the_model, ()) {
  const value v = *json_gen::document();
  const std::string text = json_gen::to_json(v, *rc::gen::arbitrary<std::uint32_t>());
  jsonsig::error_info err;
  const std::string got = canon(text, profile::python, err);
  RC_ASSERT(!err);
  RC_ASSERT(got == model(v, profile::python));
}

RC_GTEST_PROP(canonical, jcs_matches_the_model, ()) {
  const value v = *json_gen::document(jcs_options());
  const std::string text = json_gen::to_json(v, *rc::gen::arbitrary<std::uint32_t>());
  jsonsig::error_info err;
  const std::string got = canon(text, profile::jcs, err);
  RC_ASSERT(!err);
  RC_ASSERT(got == model(v, profile::jcs));
}

RC_GTEST_PROP(canonical, jcs_rejects_what_ijson_forbids, ()) {
  const value v = *json_gen::document();
  const std::string text = json_gen::to_json(v, *rc::gen::arbitrary<std::uint32_t>());
  jsonsig::error_info err;
  const std::string got = canon(text, profile::jcs, err);
  if (!err) {
    RC_ASSERT(!has_duplicates(v));
    RC_ASSERT(got == model(v, profile::jcs));
  } else {
    RC_ASSERT(err.code == jsonsig::errc::duplicate_key ||
              err.code == jsonsig::errc::lone_surrogate ||
              err.code == jsonsig::errc::non_finite_number);
    if (err.code == jsonsig::errc::duplicate_key) RC_ASSERT(has_duplicates(v));
  }
}

RC_GTEST_PROP(canonical, idempotent_and_reparses, ()) {
  for (profile p : {profile::js, profile::jcs, profile::python}) {
    json_gen::options o = p == profile::jcs ? jcs_options() : json_gen::options{};
    if (p == profile::python) o.overflow_numbers = false;  // Infinity is not JSON text
    const value v = *json_gen::document(o);
    const std::string text = json_gen::to_json(v, *rc::gen::arbitrary<std::uint32_t>());
    jsonsig::error_info err;
    const std::string once = canon(text, p, err);
    RC_ASSERT(!err);
    jsonsig::validate_json(once, jsonsig::parse_options{}, err);
    RC_ASSERT(!err);
    const std::string twice = canon(once, p, err);
    RC_ASSERT(!err);
    RC_ASSERT(twice == once);
  }
}

RC_GTEST_PROP(canonical, blind_to_whitespace_escaping_and_member_order, ()) {
  json_gen::options o;
  o.duplicate_keys = false;  // with duplicates, member order decides which value wins
  const value v = *json_gen::document(o);
  json_gen::write_style plain;
  plain.whitespace = false;
  plain.escapes = false;
  json_gen::write_style shuffled;
  shuffled.permute = true;
  const std::string a = json_gen::to_json(v, 1, plain);
  const std::string b = json_gen::to_json(v, *rc::gen::arbitrary<std::uint32_t>(), shuffled);
  for (profile p : {profile::js, profile::python}) {
    jsonsig::error_info ea, eb;
    const std::string ca = canon(a, p, ea), cb = canon(b, p, eb);
    RC_ASSERT(!ea);
    RC_ASSERT(!eb);
    RC_ASSERT(ca == cb);
  }
}

// Builder events for a generated value (strings must be UTF-8: no lone surrogates).
void build(jsonsig::builder& b, const value& v) {
  switch (v.kind) {
    case value::null_v:
      b.null();
      return;
    case value::bool_v:
      b.boolean(v.b);
      return;
    case value::number_v:
      b.number_lexeme(v.text);
      return;
    case value::string_v:
      b.string(v.text);
      return;
    case value::array_v:
      b.begin_array();
      for (const value& i : v.items) build(b, i);
      b.end_array();
      return;
    case value::object_v:
      b.begin_object();
      for (const auto& kv : v.members) {
        b.key(kv.first);
        build(b, kv.second);
      }
      b.end_object();
      return;
  }
}

RC_GTEST_PROP(builder, equals_the_text_path, ()) {
  json_gen::options o;
  o.lone_surrogates = false;
  for (profile p : {profile::js, profile::jcs, profile::python}) {
    json_gen::options po = p == profile::jcs ? jcs_options() : o;
    const value v = *json_gen::document(po);
    jsonsig::builder b(p);
    build(b, v);
    jsonsig::error_info be, te;
    const std::string built = b.finish(be);
    const std::string text =
        canon(json_gen::to_json(v, *rc::gen::arbitrary<std::uint32_t>()), p, te);
    RC_ASSERT(!be);
    RC_ASSERT(!te);
    RC_ASSERT(built == text);
  }
}

RC_GTEST_PROP(builder, binary_numbers_equal_their_text,
              (std::int64_t i, std::uint64_t u, double d)) {
  RC_PRE(std::isfinite(d));
  for (profile p : {profile::js, profile::jcs, profile::python}) {
    jsonsig::builder b(p);
    b.begin_array();
    b.number(i);
    b.number(u);
    b.number(d);
    b.end_array();
    // Text for the double: Python's repr always has a '.' or an exponent, so the text path also
    // reads it as a float.
    char lex[jsonsig::detail::number_buf_size];
    const std::string dl(lex, jsonsig::detail::format_double_py(d, lex));
    const std::string text = "[" + std::to_string(i) + "," + std::to_string(u) + "," + dl + "]";
    jsonsig::error_info be, te;
    const std::string built = b.finish(be);
    RC_ASSERT(!be);
    RC_ASSERT(built == canon(text, p, te));
    RC_ASSERT(!te);
  }
}

RC_GTEST_PROP(canonical, nesting_up_to_the_limit, ()) {
  const int limit = *rc::gen::inRange(1, 40);
  const std::string text = *json_gen::nested_text(60);
  int depth = 0, max_seen = 0;
  for (char c : text) {
    if (c == '[' || c == '{') max_seen = std::max(max_seen, ++depth);
    if (c == ']' || c == '}') --depth;
  }
  jsonsig::canonical_options opt;
  opt.max_depth = static_cast<std::size_t>(limit);
  jsonsig::error_info err;
  const std::string out = jsonsig::canonicalize(text, opt, err);
  if (max_seen <= limit) {
    RC_ASSERT(!err);
    RC_ASSERT(out == text);  // already canonical
  } else {
    RC_ASSERT(err.code == jsonsig::errc::too_deep);
  }
}

}  // namespace

namespace {

// The writer copies plain decimals it knows to be canonical already; that shortcut must agree
// with the number formatter on every lexeme (digit counts around 15, exponents around the
// fixed/exponential switch of each profile, trailing zeros, negative zero).
RC_GTEST_PROP(canonical, verbatim_decimals_agree_with_the_formatter, ()) {
  const bool neg = *rc::gen::arbitrary<bool>();
  const std::string ip = *rc::gen::weightedOneOf<std::string>(
      {{2, rc::gen::just(std::string("0"))}, {3, json_gen::digits(1, 18, true)}});
  const std::string zeros(*rc::gen::inRange<std::size_t>(0, 8), '0');
  const std::string fp = zeros + *json_gen::digits(0, 16, false);
  if (fp.empty()) return;
  const std::string lex = (neg ? "-" : "") + ip + "." + fp;
  char buf[jsonsig::detail::number_buf_size];
  const std::string es(buf, jsonsig::detail::format_es(lex, buf));
  const std::string py(buf, jsonsig::detail::format_py_float(lex, buf));
  if (jsonsig::detail::verbatim_decimal<profile::js>(lex.data(), lex.size())) RC_ASSERT(es == lex);
  if (jsonsig::detail::verbatim_decimal<profile::python>(lex.data(), lex.size()))
    RC_ASSERT(py == lex);
  // And it does take the shortcut where it can (short plain decimals).
  if (ip.size() + fp.size() <= 12 && fp.back() != '0' && ip != "0") {
    RC_ASSERT(jsonsig::detail::verbatim_decimal<profile::js>(lex.data(), lex.size()));
  }
}

}  // namespace
