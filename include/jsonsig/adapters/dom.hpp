// SPDX-License-Identifier: MIT
// The part every DOM adapter shares: the canonicalize / canonicalize_to / sign / sign_body
// overloads for a parsed or hand-built DOM, written once over a `dom_adapter<Dom>` trait that
// each adapter header specializes (nlohmann.hpp, rapidjson.hpp, simdjson.hpp, boost_json.hpp).
//
// An adapter walks the DOM into jsonsig::builder: no JSON text is written or parsed again, and
// the bytes are those that canonicalizing the DOM's own serialization would give, except where
// the adapter header says otherwise (non-finite numbers, values without a JSON form).
// docs/adapters.md lists, per DOM, what the DOM cannot express (duplicate keys it merged,
// integers it turned into doubles, ...) and what jsonsig then signs.
//
// Errors (error_info / jsonsig::error, as for text): the builder's own (errc::invalid_utf8 for a
// string that is not UTF-8, errc::too_deep beyond max_depth, errc::duplicate_key under jcs or
// reject_duplicates, errc::non_finite_number under jcs) and the adapter's (errc::invalid_argument
// for a DOM value with no JSON form). There is no input text, so error_info::offset is the
// 0-based index of the offending event in a depth-first walk of the DOM (begin_object, key, each
// scalar, end_object, ... in document order; the root's first event is 0), and the throwing
// forms report no line or column.
//
// Using the single header: include single_include/jsonsig.hpp first, then the adapter header
// (this file is not part of the single header; it then includes nothing of jsonsig's own).
#ifndef JSONSIG_ADAPTERS_DOM_HPP
#define JSONSIG_ADAPTERS_DOM_HPP

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#ifndef JSONSIG_SINGLE_HEADER
#include "../builder.hpp"
#include "../constant_time.hpp"
#include "../error.hpp"
#include "../hex.hpp"
#include "../hmac.hpp"
#include "../hmac_sink.hpp"
#include "../profiles.hpp"
#include "../sign.hpp"
#include "../sinks.hpp"
#endif

JSONSIG_BEGIN_NAMESPACE

/// Customization point: specialize for a DOM type with
/// `static bool walk(const Dom& dom, builder& b, error_info& err)`, which emits the DOM's value
/// as the next value of `b` and returns false (err set) only for a value that has no JSON form.
/// The adapter headers specialize it; so can you, for any other tree type.
template <class Dom, class Enable = void>
struct dom_adapter {};

namespace detail {

template <class Dom, class = void>
struct is_dom : std::false_type {};
template <class Dom>
struct is_dom<
    Dom, std::void_t<decltype(dom_adapter<Dom>::walk(
             std::declval<const Dom&>(), std::declval<builder&>(), std::declval<error_info&>()))>>
    : std::true_type {};

// The overloads below are templates constrained to DOM types, so that they never compete with
// the string_view overloads: a DOM such as boost::json::value or nlohmann::json converts
// implicitly from a string, and a non-template overload would make canonicalize("{}") ambiguous.
template <class Dom>
using enable_if_dom = std::enable_if_t<is_dom<Dom>::value, int>;

// Walks `dom` into a fresh builder and writes the canonical bytes to sink.
template <class Dom, class Sink>
void canonicalize_dom(const Dom& dom, Sink& sink, const canonical_options& opt, error_info& err) {
  err.clear();
  builder b(opt);
  if (!dom_adapter<Dom>::walk(dom, b, err)) return;
  b.finish(sink, err);
}

// Secrets: token, mac. The MAC of canonical(dom) streamed into the HMAC; with body != nullptr
// the canonical bytes are also kept there (cleared on error).
template <class Dom>
bool mac_dom(const Dom& dom, std::string_view token, const canonical_options& opt,
             unsigned char mac[64], std::string* body, error_info& err) {
  err.clear();
  builder b(opt);
  if (!dom_adapter<Dom>::walk(dom, b, err)) return false;
  return mac_builder(hmac_key(token), opt, b, mac, body, err);
}

inline canonical_options options_of(profile p) noexcept {
  canonical_options o;
  o.prof = p;
  return o;
}

}  // namespace detail

/// Writes the canonical form of `dom` in profile opt.prof to `sink`. On error err is set and the
/// sink has received nothing (the builder checks the whole document before it writes).
/// O(n log n) in the DOM's size. Thread-safety: as reading the DOM concurrently is.
template <class Dom, class Sink, detail::enable_if_dom<Dom> = 0>
void canonicalize_to(const Dom& dom, Sink& sink, const canonical_options& opt, error_info& err) {
  detail::canonicalize_dom(dom, sink, opt, err);
}

/// The canonical form of `dom` as a string (empty on error, err set).
template <class Dom, detail::enable_if_dom<Dom> = 0>
std::string canonicalize(const Dom& dom, const canonical_options& opt, error_info& err) {
  std::string out;
  string_sink sink{out};
  detail::canonicalize_dom(dom, sink, opt, err);
  if (err) out.clear();
  return out;
}

/// The canonical form of `dom` in profile p (empty on error, err set).
template <class Dom, detail::enable_if_dom<Dom> = 0>
std::string canonicalize(const Dom& dom, profile p, error_info& err) {
  return canonicalize(dom, detail::options_of(p), err);
}

/// The signature of `dom` under `token`: 128 lowercase hex chars of HMAC-SHA512(token,
/// canonical(dom, p)), streamed into the HMAC (no canonical string is built). Empty with err set
/// on error. Constant time in the token: yes.
template <class Dom, detail::enable_if_dom<Dom> = 0>
std::string sign(const Dom& dom, std::string_view token, profile p, error_info& err) {
  std::array<unsigned char, 64> mac{};
  std::string out;
  if (detail::mac_dom(dom, token, detail::options_of(p), mac.data(), nullptr, err))
    out = hex_encode(mac);
  secure_wipe(mac.data(), mac.size());  // a MAC of a known message is key-equivalent for it
  return out;
}

/// The canonical body of `dom` (the bytes to send) and its signature under `token`, in one pass.
/// Both empty with err set on error.
template <class Dom, detail::enable_if_dom<Dom> = 0>
signed_body sign_body(const Dom& dom, std::string_view token, profile p, error_info& err) {
  std::array<unsigned char, 64> mac{};
  signed_body out;
  if (detail::mac_dom(dom, token, detail::options_of(p), mac.data(), &out.body, err))
    out.signature = hex_encode(mac);
  secure_wipe(mac.data(), mac.size());
  return out;
}

/// The signature of `dom` with a signer (its profile, reject_duplicates and max_depth apply),
/// streamed into the signer's keyed HMAC in one pass (no canonical string is built).
template <class Dom, detail::enable_if_dom<Dom> = 0>
std::string sign(const Dom& dom, const signer& s, error_info& err) {
  err.clear();
  builder b(s.options());
  if (!dom_adapter<Dom>::walk(dom, b, err)) return std::string();
  return s.sign(b, err);
}

/// The canonical body of `dom` and its signature with a signer, in one pass.
template <class Dom, detail::enable_if_dom<Dom> = 0>
signed_body sign_body(const Dom& dom, const signer& s, error_info& err) {
  err.clear();
  builder b(s.options());
  if (!dom_adapter<Dom>::walk(dom, b, err)) return signed_body{};
  return s.sign_body(b, err);
}

#if JSONSIG_EXCEPTIONS
/// Throwing forms: jsonsig::error (code, event index as offset; no line or column).
template <class Dom, class Sink, detail::enable_if_dom<Dom> = 0>
void canonicalize_to(const Dom& dom, Sink& sink, const canonical_options& opt) {
  error_info err;
  detail::canonicalize_dom(dom, sink, opt, err);
  if (err) throw error(err);
}

template <class Dom, detail::enable_if_dom<Dom> = 0>
std::string canonicalize(const Dom& dom, const canonical_options& opt) {
  error_info err;
  std::string out = canonicalize(dom, opt, err);
  if (err) throw error(err);
  return out;
}

template <class Dom, detail::enable_if_dom<Dom> = 0>
std::string canonicalize(const Dom& dom, profile p = profile::js) {
  return canonicalize(dom, detail::options_of(p));
}

template <class Dom, detail::enable_if_dom<Dom> = 0>
std::string sign(const Dom& dom, std::string_view token, profile p = profile::js) {
  error_info err;
  std::string out = sign(dom, token, p, err);
  if (err) throw error(err);
  return out;
}

template <class Dom, detail::enable_if_dom<Dom> = 0>
signed_body sign_body(const Dom& dom, std::string_view token, profile p = profile::js) {
  error_info err;
  signed_body out = sign_body(dom, token, p, err);
  if (err) throw error(err);
  return out;
}

template <class Dom, detail::enable_if_dom<Dom> = 0>
std::string sign(const Dom& dom, const signer& s) {
  error_info err;
  std::string out = sign(dom, s, err);
  if (err) throw error(err);
  return out;
}

template <class Dom, detail::enable_if_dom<Dom> = 0>
signed_body sign_body(const Dom& dom, const signer& s) {
  error_info err;
  signed_body out = sign_body(dom, s, err);
  if (err) throw error(err);
  return out;
}
#endif

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_ADAPTERS_DOM_HPP
