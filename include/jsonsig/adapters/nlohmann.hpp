// SPDX-License-Identifier: MIT
// jsonsig for nlohmann/json (tested with 3.11.2): canonicalize, canonicalize_to, sign and
// sign_body accept any nlohmann::basic_json (json, ordered_json, ...), walking it into
// jsonsig::builder without writing JSON text. Optional: include it after <nlohmann/json.hpp>
// is available; the core library never needs it. Overloads and error model: adapters/dom.hpp.
//
//   nlohmann::json body = {{"amount", 10.5}, {"to", "acct-1"}};
//   std::string sig = jsonsig::sign(body, token);                 // x-signed-request
//
// The bytes equal jsonsig::canonicalize(j.dump(), profile) except where marked (*):
//   number_integer / number_unsigned  builder number(int64_t / uint64_t): exact in python,
//                    the nearest double in js/jcs (as the text form would be read).
//   number_float     builder number(double): ES shortest form in js/jcs, repr() in python, so
//                    1.0 stays "1.0" in python (nlohmann keeps "1.0" a float; an integer the
//                    application stores stays an integer).
//   (*) NaN, +-Inf   nlohmann cannot parse them but code can store them, and dump() writes
//                    null. jsonsig treats them as the profile's reference treats the value: js
//                    null (same as dump), jcs errc::non_finite_number, python NaN / Infinity /
//                    -Infinity (json.dumps of that float; differs from dump()'s null).
//   (*) discarded    (what parse(..., allow_exceptions = false) returns for invalid text):
//                    errc::invalid_argument; dump() would write "<discarded>", which is not
//                    JSON.
//   binary           as dump() writes it: {"bytes":[...],"subtype":N or null}.
//   strings, keys    must be UTF-8 (nlohmann's parser guarantees it; a string set in code may
//                    not be): errc::invalid_utf8 otherwise, where dump() would throw
//                    type_error 316.
// What the DOM cannot express, so jsonsig signs what the DOM holds, not the original text:
//   - duplicate keys: nlohmann's parser keeps the last value, so reject_duplicates and jcs never
//     see them (the canonical bytes then equal js/python's last-wins output; jcs would have
//     rejected the text). Reject duplicates in the text (jsonsig::canonicalize or a signer with
//     reject_duplicates) if the server must.
//   - integers outside [-2^63, 2^64): parsed as double, so the python profile prints
//     1.8446744073709552e+19 where the text's canonical form has all the digits (js and jcs
//     round to a double anyway and agree with the text), and python's 4300-digit limit no
//     longer applies.
//   - a leading UTF-8 BOM: nlohmann's parser skips it, so the DOM signs where jsonsig (like
//     JSON.parse) rejects the text with errc::syntax.
//   - "-0" is the integer 0 (the text's canonical form is 0 in every profile too); "-0.0" is a
//     float and stays -0.0 in python.
#ifndef JSONSIG_ADAPTERS_NLOHMANN_HPP
#define JSONSIG_ADAPTERS_NLOHMANN_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "dom.hpp"

JSONSIG_BEGIN_NAMESPACE

/// nlohmann::basic_json<...>: json, ordered_json and custom instantiations whose strings hold
/// char. Walks with a heap stack (no recursion); stops early once the builder has failed.
template <class J>
struct dom_adapter<J, std::enable_if_t<nlohmann::detail::is_basic_json<J>::value>> {
  static bool walk(const J& root, builder& b, error_info& err) {
    using value_t = typename J::value_t;
    using object_t = typename J::object_t;
    using array_t = typename J::array_t;
    struct frame {
      typename object_t::const_iterator obj, obj_end;
      typename array_t::const_iterator arr, arr_end;
      bool is_object;
    };
    std::vector<frame> stack;
    std::size_t events = 0;  // builder calls so far: the error offset (see dom.hpp)
    const J* v = &root;
    for (;;) {
      switch (v->type()) {
        case value_t::object: {
          const object_t& o = *v->template get_ptr<const object_t*>();
          b.begin_object();
          ++events;
          if (b.status()) return true;  // e.g. too deep: finish() reports it
          if (o.empty()) {
            b.end_object();
            ++events;
          } else {
            stack.push_back(frame{o.begin(), o.end(), {}, {}, true});
          }
          break;
        }
        case value_t::array: {
          const array_t& a = *v->template get_ptr<const array_t*>();
          b.begin_array();
          ++events;
          if (b.status()) return true;
          if (a.empty()) {
            b.end_array();
            ++events;
          } else {
            stack.push_back(frame{{}, {}, a.begin(), a.end(), false});
          }
          break;
        }
        case value_t::discarded:
          err = error_info{errc::invalid_argument, events,
                           "a discarded nlohmann value (a failed parse) has no json form"};
          return false;
        default:
          scalar(*v, b, events);
          break;
      }
      // The next value: the next member or element of the innermost open container.
      for (;;) {
        if (stack.empty()) return true;
        frame& f = stack.back();
        if (f.is_object) {
          if (f.obj != f.obj_end) {
            b.key(std::string_view(f.obj->first.data(), f.obj->first.size()));
            ++events;
            v = &f.obj->second;
            ++f.obj;
            break;
          }
          b.end_object();
        } else {
          if (f.arr != f.arr_end) {
            v = &*f.arr;
            ++f.arr;
            break;
          }
          b.end_array();
        }
        ++events;
        stack.pop_back();
      }
    }
  }

 private:
  static void scalar(const J& v, builder& b, std::size_t& events) {
    using value_t = typename J::value_t;
    switch (v.type()) {
      case value_t::null:
        b.null();
        break;
      case value_t::boolean:
        b.boolean(*v.template get_ptr<const typename J::boolean_t*>());
        break;
      case value_t::number_integer:
        b.number(
            static_cast<std::int64_t>(*v.template get_ptr<const typename J::number_integer_t*>()));
        break;
      case value_t::number_unsigned:
        b.number(static_cast<std::uint64_t>(
            *v.template get_ptr<const typename J::number_unsigned_t*>()));
        break;
      case value_t::number_float:
        b.number(static_cast<double>(*v.template get_ptr<const typename J::number_float_t*>()));
        break;
      case value_t::string: {
        const auto& s = *v.template get_ptr<const typename J::string_t*>();
        b.string(std::string_view(s.data(), s.size()));
        break;
      }
      case value_t::binary: {
        // Exactly the object dump() writes for a binary value.
        const auto& bin = *v.template get_ptr<const typename J::binary_t*>();
        b.begin_object();
        b.key("bytes");
        b.begin_array();
        for (const auto byte : bin) b.number(static_cast<std::uint64_t>(byte));
        b.end_array();
        b.key("subtype");
        if (bin.has_subtype()) {
          b.number(static_cast<std::uint64_t>(bin.subtype()));
        } else {
          b.null();
        }
        b.end_object();
        events += 7 + bin.size();
        return;
      }
      default:
        break;  // containers and discarded are handled by walk()
    }
    ++events;
  }
};

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_ADAPTERS_NLOHMANN_HPP
