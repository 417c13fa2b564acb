// SPDX-License-Identifier: MIT
// jsonsig for the simdjson DOM API (tested with 3.0.1): canonicalize, canonicalize_to, sign and
// sign_body accept a simdjson::dom::element, dom::object or dom::array, walking it into
// jsonsig::builder without writing JSON text. Optional: the core library never needs it; link
// simdjson yourself. Overloads and error model: adapters/dom.hpp. (The On-Demand API reads
// values once and in order, so it cannot be sorted without copying: canonicalize its input text
// instead.)
//
//   simdjson::dom::parser parser;
//   simdjson::dom::element doc;
//   if (parser.parse(text).get(doc)) { /* not JSON */ }
//   std::string sig = jsonsig::sign(doc, token);
//
// The bytes equal jsonsig::canonicalize(simdjson::to_string(e), profile) (and minify(e), the
// same text), and, for every document simdjson accepts, the canonical form of the text it
// parsed except for the duplicate keys below:
//   INT64 / UINT64   builder number(int64_t / uint64_t): exact in python, the nearest double
//                    in js/jcs (as the text form would be read).
//   DOUBLE           builder number(double), correctly rounded by simdjson's parser: ES
//                    shortest form in js/jcs, repr() in python ("1.0" stays "1.0").
//   strings, keys    validated UTF-8 by simdjson; embedded NULs are kept.
// What the DOM cannot express:
//   - integers outside [-2^63, 2^64): simdjson rejects the document (NUMBER_ERROR), where the
//     text's canonical form has them (rounded in js/jcs, exact in python); so does a number
//     that overflows a double (1e400: null in js, Infinity in python, an error in jcs).
//   - lone surrogate escapes ("\udc00"): simdjson rejects the document; the js and python
//     profiles accept them in text.
//   - duplicate keys are kept in order, so they behave as in the text: the last wins in js and
//     python, and jcs or reject_duplicates give errc::duplicate_key.
//   - "-0" is the integer 0 (canonical 0 in every profile, as for the text); "-0.0" is a double
//     and stays -0.0 in python.
#ifndef JSONSIG_ADAPTERS_SIMDJSON_HPP
#define JSONSIG_ADAPTERS_SIMDJSON_HPP

#include <cstdint>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "dom.hpp"

JSONSIG_BEGIN_NAMESPACE

namespace detail {

// Walks a simdjson DOM into a builder with a heap stack (no recursion), stopping early once the
// builder has failed. Uses the error-code API only, so it also works with SIMDJSON_EXCEPTIONS=0.
class simdjson_walker {
 public:
  simdjson_walker(builder& b, error_info& err) noexcept : b_(b), err_(err) {}

  // Emits v (a scalar, or opens a container), then the rest of the open containers.
  bool run(simdjson::dom::element v) { return value(v) && drain(); }
  bool run(simdjson::dom::object o) { return open(o) && drain(); }
  bool run(simdjson::dom::array a) { return open(a) && drain(); }

 private:
  struct frame {
    simdjson::dom::object::iterator obj, obj_end;
    simdjson::dom::array::iterator arr, arr_end;
    bool is_object;
  };

  bool open(simdjson::dom::object o) {
    b_.begin_object();
    if (b_.status()) return stop();  // e.g. too deep: finish() reports it
    if (o.begin() == o.end()) {
      b_.end_object();
    } else {
      stack_.push_back(frame{o.begin(), o.end(), {}, {}, true});
    }
    return true;
  }
  bool open(simdjson::dom::array a) {
    b_.begin_array();
    if (b_.status()) return stop();
    if (a.begin() == a.end()) {
      b_.end_array();
    } else {
      stack_.push_back(frame{{}, {}, a.begin(), a.end(), false});
    }
    return true;
  }

  bool value(simdjson::dom::element v) {
    using simdjson::dom::element_type;
    switch (v.type()) {
      case element_type::OBJECT: {
        simdjson::dom::object o;
        return v.get(o) == simdjson::SUCCESS ? open(o) : bad();
      }
      case element_type::ARRAY: {
        simdjson::dom::array a;
        return v.get(a) == simdjson::SUCCESS ? open(a) : bad();
      }
      case element_type::STRING: {
        std::string_view s;
        if (v.get(s) != simdjson::SUCCESS) return bad();
        b_.string(s);
        return true;
      }
      case element_type::INT64: {
        std::int64_t i = 0;
        if (v.get(i) != simdjson::SUCCESS) return bad();
        b_.number(i);
        return true;
      }
      case element_type::UINT64: {
        std::uint64_t u = 0;
        if (v.get(u) != simdjson::SUCCESS) return bad();
        b_.number(u);
        return true;
      }
      case element_type::DOUBLE: {
        double d = 0;
        if (v.get(d) != simdjson::SUCCESS) return bad();
        b_.number(d);
        return true;
      }
      case element_type::BOOL: {
        bool t = false;
        if (v.get(t) != simdjson::SUCCESS) return bad();
        b_.boolean(t);
        return true;
      }
      default:
        b_.null();
        return true;  // NULL_VALUE
    }
  }

  // The next member or element of the innermost open container, until none is left.
  bool drain() {
    while (!stopped_ && !stack_.empty()) {
      frame& f = stack_.back();
      if (f.is_object) {
        if (f.obj != f.obj_end) {
          b_.key(f.obj.key());
          const simdjson::dom::element v = f.obj.value();
          ++f.obj;  // before value(): it may push and invalidate f
          if (!value(v)) return false;
          continue;
        }
        b_.end_object();
      } else {
        if (f.arr != f.arr_end) {
          const simdjson::dom::element v = *f.arr;
          ++f.arr;
          if (!value(v)) return false;
          continue;
        }
        b_.end_array();
      }
      stack_.pop_back();
    }
    return true;
  }

  bool stop() noexcept {
    stopped_ = true;
    return true;
  }
  // A getter disagreed with type(): not reachable with a DOM from simdjson's parser.
  bool bad() noexcept {
    err_ = error_info{errc::invalid_argument, 0, "simdjson element of an unexpected type"};
    return false;
  }

  builder& b_;
  error_info& err_;
  std::vector<frame> stack_;
  bool stopped_ = false;
};

template <class T>
struct simdjson_adapter {
  static bool walk(const T& dom, builder& b, error_info& err) {
    return simdjson_walker(b, err).run(dom);
  }
};

}  // namespace detail

/// simdjson::dom::element, dom::object and dom::array.
template <>
struct dom_adapter<simdjson::dom::element> : detail::simdjson_adapter<simdjson::dom::element> {};
template <>
struct dom_adapter<simdjson::dom::object> : detail::simdjson_adapter<simdjson::dom::object> {};
template <>
struct dom_adapter<simdjson::dom::array> : detail::simdjson_adapter<simdjson::dom::array> {};

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_ADAPTERS_SIMDJSON_HPP
