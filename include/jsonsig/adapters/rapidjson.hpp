// SPDX-License-Identifier: MIT
// jsonsig for RapidJSON (tested with 1.1.0): canonicalize, canonicalize_to, sign and sign_body
// accept a rapidjson::Value or Document (any allocator, UTF-8 encoding), walking it into
// jsonsig::builder without writing JSON text. Optional: the core library never needs it.
// Overloads and error model: adapters/dom.hpp.
//
//   rapidjson::Document d;
//   d.Parse<rapidjson::kParseFullPrecisionFlag>(text);   // see "numbers" below
//   std::string sig = jsonsig::sign(d, token);
//
// The bytes equal jsonsig::canonicalize(<Writer output>, profile) except where marked (*):
//   Int/Uint/Int64/Uint64  builder number(int64_t / uint64_t): exact in python, the nearest
//                    double in js/jcs (as the text form would be read).
//   Double           builder number(double): ES shortest form in js/jcs, repr() in python.
//                    IsDouble() decides, so 1.0 and 1e2 (doubles to RapidJSON) print "1.0" and
//                    "100.0" in python, as the text would.
//   (*) NaN, +-Inf   (kParseNanAndInfFlag, a misread number, or set in code; the Writer refuses
//                    to write them):
//                    the profile's rule for the value: js null, jcs errc::non_finite_number,
//                    python NaN / Infinity / -Infinity.
//   strings, keys    GetString()/GetStringLength(), so embedded NULs are kept. Must be UTF-8:
//                    errc::invalid_utf8 otherwise (the Writer would pass the bytes through).
// What the DOM cannot express, so jsonsig signs what the DOM holds, not the original text:
//   - numbers: without kParseFullPrecisionFlag RapidJSON's parser may pick a double one or more
//     ulps away from the correctly rounded one (measured: about a quarter of random 17-digit
//     decimals with large exponents), and jsonsig prints that double. Parse with
//     kParseFullPrecisionFlag to get the text's canonical form; even then RapidJSON 1.1.0
//     misreads some numbers whose correct value is 0 or subnormal: 2.4703282292062327e-324
//     becomes 5e-324, 1e-0324 becomes NaN, 0e-23 a tiny nonzero value (not even the same one
//     from run to run: UBSan reports clz(0) and an overflowing shift inside RapidJSON there).
//     jsonsig prints what the DOM holds (NaN: see above). When the bytes must match other
//     implementations, canonicalize the text instead.
//   - integers outside [-2^63, 2^64) are doubles: python prints 1.8446744073709552e+19 where
//     the text's canonical form keeps the digits (js and jcs agree with the text).
//   - kParseNumbersAsStringsFlag turns numbers into strings: they are signed as strings.
//   - duplicate keys are kept in member order, so they behave as in the text: the last wins in
//     js and python, and jcs or reject_duplicates give errc::duplicate_key.
//   - without kParseValidateEncodingFlag RapidJSON stores invalid UTF-8 as is, and a lone
//     surrogate escape such as "\udc00" as the 3-byte (invalid UTF-8) sequence ED B0 80: jsonsig
//     rejects both (errc::invalid_utf8), while the js profile accepts the lone surrogate escape
//     in text ("\udc00" -> "\udc00").
//   - a leading UTF-8 BOM: RapidJSON skips it, so the DOM signs where jsonsig (like JSON.parse)
//     rejects the text with errc::syntax.
//   - "-0" is the integer 0 (the text's canonical form is 0 in every profile too); "-0.0" is a
//     double and stays -0.0 in python.
#ifndef JSONSIG_ADAPTERS_RAPIDJSON_HPP
#define JSONSIG_ADAPTERS_RAPIDJSON_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "dom.hpp"

JSONSIG_BEGIN_NAMESPACE

/// rapidjson::GenericValue<UTF8<char>, Allocator>. Walks with a heap stack (no recursion);
/// stops early once the builder has failed.
template <class Allocator>
struct dom_adapter<rapidjson::GenericValue<rapidjson::UTF8<char>, Allocator>> {
  using value_type = rapidjson::GenericValue<rapidjson::UTF8<char>, Allocator>;

  static bool walk(const value_type& root, builder& b, error_info& /*err: never set*/) {
    using member_iterator = typename value_type::ConstMemberIterator;
    struct frame {
      member_iterator obj, obj_end;
      const value_type* arr;
      const value_type* arr_end;
      bool is_object;
    };
    std::vector<frame> stack;
    const value_type* v = &root;
    for (;;) {
      switch (v->GetType()) {
        case rapidjson::kObjectType:
          b.begin_object();
          if (b.status()) return true;  // e.g. too deep: finish() reports it
          if (v->MemberBegin() == v->MemberEnd()) {
            b.end_object();
          } else {
            stack.push_back(frame{v->MemberBegin(), v->MemberEnd(), nullptr, nullptr, true});
          }
          break;
        case rapidjson::kArrayType:
          b.begin_array();
          if (b.status()) return true;
          if (v->Begin() == v->End()) {
            b.end_array();
          } else {
            stack.push_back(
                frame{member_iterator(), member_iterator(), v->Begin(), v->End(), false});
          }
          break;
        case rapidjson::kStringType:
          b.string(text(*v));
          break;
        case rapidjson::kNumberType:
          if (v->IsDouble()) {
            b.number(v->GetDouble());
          } else if (v->IsInt64()) {
            b.number(static_cast<std::int64_t>(v->GetInt64()));
          } else {
            b.number(static_cast<std::uint64_t>(v->GetUint64()));
          }
          break;
        case rapidjson::kTrueType:
          b.boolean(true);
          break;
        case rapidjson::kFalseType:
          b.boolean(false);
          break;
        default:
          b.null();
          break;  // kNullType
      }
      // The next value: the next member or element of the innermost open container.
      for (;;) {
        if (stack.empty()) return true;
        frame& f = stack.back();
        if (f.is_object) {
          if (f.obj != f.obj_end) {
            b.key(text(f.obj->name));
            v = &f.obj->value;
            ++f.obj;
            break;
          }
          b.end_object();
        } else {
          if (f.arr != f.arr_end) {
            v = f.arr++;
            break;
          }
          b.end_array();
        }
        stack.pop_back();
      }
    }
  }

 private:
  static std::string_view text(const value_type& s) noexcept {
    return std::string_view(s.GetString(), s.GetStringLength());
  }
};

/// rapidjson::GenericDocument: its root value, unless its last Parse() failed, which is
/// errc::invalid_argument (the root is then whatever it was before, typically null, and must not
/// be signed as if it were the body).
template <class Allocator, class StackAllocator>
struct dom_adapter<rapidjson::GenericDocument<rapidjson::UTF8<char>, Allocator, StackAllocator>> {
  using document_type =
      rapidjson::GenericDocument<rapidjson::UTF8<char>, Allocator, StackAllocator>;
  using value_type = rapidjson::GenericValue<rapidjson::UTF8<char>, Allocator>;

  static bool walk(const document_type& d, builder& b, error_info& err) {
    if (d.HasParseError()) {
      err = error_info{errc::invalid_argument, 0, "the rapidjson document holds a parse error"};
      return false;
    }
    return dom_adapter<value_type>::walk(d, b, err);
  }
};

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_ADAPTERS_RAPIDJSON_HPP
