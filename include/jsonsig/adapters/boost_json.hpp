// SPDX-License-Identifier: MIT
// jsonsig for Boost.JSON (tested with 1.81): canonicalize, canonicalize_to, sign and sign_body
// accept a boost::json::value, object or array, walking it into jsonsig::builder without
// writing JSON text. Optional: the core library never needs it; link Boost::json (or include
// <boost/json/src.hpp> in one TU) yourself. Overloads and error model: adapters/dom.hpp.
//
//   boost::json::error_code ec;
//   boost::json::value body = boost::json::parse(text, ec);   // check ec: on error body is null
//   std::string sig = jsonsig::sign(body, token);
//
// The bytes equal jsonsig::canonicalize(boost::json::serialize(v), profile) except where marked:
//   int64 / uint64   builder number(int64_t / uint64_t): exact in python, the nearest double
//                    in js/jcs (as the text form would be read).
//   double           builder number(double): ES shortest form in js/jcs, repr() in python.
//                    serialize() writes doubles as 1E0, 1.5E-1 ...: the same values.
//   (*) NaN, +-Inf   boost::json::parse reads 1e400 as Infinity, and serialize() writes
//                    Infinity / -Infinity / NaN, which is not JSON. jsonsig applies the
//                    profile's rule to the value, which is also what the original text gives:
//                    js null, jcs errc::non_finite_number, python Infinity / -Infinity / NaN.
//   strings, keys    must be UTF-8 (parse guarantees it unless parse_options::allow_invalid_utf8
//                    is set, or a string was set in code): errc::invalid_utf8 otherwise.
// What the DOM cannot express, so jsonsig signs what the DOM holds, not the original text:
//   - numbers: Boost.JSON 1.81's parser is not correctly rounded (measured: about a quarter of
//     random 17-digit decimals with large exponents land one or more ulps away), and jsonsig
//     prints the double the DOM holds. Canonicalize the text itself when the bytes must match
//     other implementations.
//   - duplicate keys: parse keeps the last value, so reject_duplicates and jcs never see them.
//   - integers outside [-2^63, 2^64) are doubles: python prints 1.8446744073709552e+19 where
//     the text's canonical form keeps the digits (js and jcs agree with the text).
//   - nesting beyond parse_options::max_depth (32 by default) is a parse error in Boost.
//   - "-0" is the integer 0 (canonical 0 in every profile, as for the text); "-0.0" is a double
//     and stays -0.0 in python.
#ifndef JSONSIG_ADAPTERS_BOOST_JSON_HPP
#define JSONSIG_ADAPTERS_BOOST_JSON_HPP

#include <cstdint>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "dom.hpp"

JSONSIG_BEGIN_NAMESPACE

namespace detail {

// Walks a Boost.JSON value into a builder with a heap stack (no recursion), stopping early once
// the builder has failed. A Boost.JSON value always has a JSON form: walking cannot fail.
class boost_json_walker {
 public:
  explicit boost_json_walker(builder& b) noexcept : b_(b) {}

  bool run(const boost::json::value& v) {
    value(v);
    return drain();
  }
  bool run(const boost::json::object& o) {
    open(o);
    return drain();
  }
  bool run(const boost::json::array& a) {
    open(a);
    return drain();
  }

 private:
  struct frame {
    const boost::json::key_value_pair* obj;
    const boost::json::key_value_pair* obj_end;
    const boost::json::value* arr;
    const boost::json::value* arr_end;
    bool is_object;
  };

  static std::string_view text(boost::json::string_view s) noexcept {
    return std::string_view(s.data(), s.size());
  }

  void open(const boost::json::object& o) {
    b_.begin_object();
    if (b_.status()) {  // e.g. too deep: finish() reports it
      stopped_ = true;
      return;
    }
    if (o.empty()) {
      b_.end_object();
    } else {
      stack_.push_back(frame{o.begin(), o.end(), nullptr, nullptr, true});
    }
  }
  void open(const boost::json::array& a) {
    b_.begin_array();
    if (b_.status()) {
      stopped_ = true;
      return;
    }
    if (a.empty()) {
      b_.end_array();
    } else {
      stack_.push_back(frame{nullptr, nullptr, a.begin(), a.end(), false});
    }
  }

  void value(const boost::json::value& v) {
    switch (v.kind()) {
      case boost::json::kind::object:
        open(v.get_object());
        break;
      case boost::json::kind::array:
        open(v.get_array());
        break;
      case boost::json::kind::string:
        b_.string(text(v.get_string()));
        break;
      case boost::json::kind::int64:
        b_.number(static_cast<std::int64_t>(v.get_int64()));
        break;
      case boost::json::kind::uint64:
        b_.number(static_cast<std::uint64_t>(v.get_uint64()));
        break;
      case boost::json::kind::double_:
        b_.number(v.get_double());
        break;
      case boost::json::kind::bool_:
        b_.boolean(v.get_bool());
        break;
      case boost::json::kind::null:
        b_.null();
        break;
    }
  }

  // The next member or element of the innermost open container, until none is left.
  bool drain() {
    while (!stopped_ && !stack_.empty()) {
      frame& f = stack_.back();
      if (f.is_object) {
        if (f.obj != f.obj_end) {
          const boost::json::key_value_pair& kv = *f.obj++;  // before value(): it may push
          b_.key(text(kv.key()));
          value(kv.value());
          continue;
        }
        b_.end_object();
      } else {
        if (f.arr != f.arr_end) {
          value(*f.arr++);
          continue;
        }
        b_.end_array();
      }
      stack_.pop_back();
    }
    return true;
  }

  builder& b_;
  std::vector<frame> stack_;
  bool stopped_ = false;
};

template <class T>
struct boost_json_adapter {
  static bool walk(const T& dom, builder& b, error_info& /*err: never set*/) {
    return boost_json_walker(b).run(dom);
  }
};

}  // namespace detail

/// boost::json::value, object and array.
template <>
struct dom_adapter<boost::json::value> : detail::boost_json_adapter<boost::json::value> {};
template <>
struct dom_adapter<boost::json::object> : detail::boost_json_adapter<boost::json::object> {};
template <>
struct dom_adapter<boost::json::array> : detail::boost_json_adapter<boost::json::array> {};

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_ADAPTERS_BOOST_JSON_HPP
