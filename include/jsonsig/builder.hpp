// SPDX-License-Identifier: MIT
// Build a JSON body in code and get its canonical bytes directly, without writing JSON text and
// parsing it back. Building a value with the builder and canonicalizing the same value written
// as JSON text give the same bytes (tested property), with these number rules:
//
//   number(int64_t / uint64_t)  python: the exact integer. js/jcs: the ES form of the nearest
//                               double, exactly what JSON.parse then JSON.stringify would print
//                               (9007199254740993 prints 9007199254740992).
//   number(double)              js/jcs: ES Number::toString (JSON.stringify writes NaN and
//                               +-Infinity as null; jcs rejects them: errc::non_finite_number).
//                               python: repr(float) ("1.0", "1e+16"; NaN, Infinity as
//                               json.dumps writes them).
//   number_lexeme(text)         a number exactly as if it appeared in JSON text (validated
//                               against RFC 8259 §6; errc::invalid_number otherwise).
//
// Keys may come in any order; objects are sorted when they close. Misuse (a key outside an
// object, a value where a key is due, unbalanced ends, a second top-level value, invalid UTF-8
// in a key or string) records the first error and ignores every later call; finish() reports it.
// Error offsets count builder calls: error_info::offset is the 0-based index of the offending
// call (begin_object() is call 0, and so on).
#ifndef JSONSIG_BUILDER_HPP
#define JSONSIG_BUILDER_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "canonical_writer.hpp"
#include "config.hpp"
#include "detail/pod_vector.hpp"
#include "detail/scan.hpp"
#include "detail/tape.hpp"
#include "detail/utf8.hpp"
#include "error.hpp"
#include "json_parser.hpp"
#include "profiles.hpp"
#include "sinks.hpp"

JSONSIG_BEGIN_NAMESPACE

/// Event-style builder of one canonical JSON document. Not thread-safe. Reusable via reset().
class builder {
 public:
  explicit builder(const canonical_options& opt = canonical_options{}) : opt_(opt) { reset(); }
  explicit builder(profile p) : builder(options_for(p)) {}
  builder(const builder&) = delete;
  builder& operator=(const builder&) = delete;

  /// Starts a new document (keeps the options and the memory).
  void reset() {
    tape_.reset(detail::key_order_of(opt_.prof),
                opt_.reject_duplicates || opt_.prof == profile::jcs, nullptr, 0);
    arena_.clear();
    stack_.clear();
    have_key_ = false;
    done_ = false;
    calls_ = 0;
    err_.clear();
  }

  void begin_object() {
    if (!open_value()) return;
    tape_.begin_object();
    stack_.push_back(1);
    have_key_ = false;
  }
  void end_object() {
    if (!event()) return;
    if (stack_.empty() || stack_.back() != 1)
      return fail(errc::invalid_argument, "end_object() without an open object");
    if (have_key_)
      return fail(errc::invalid_argument, "end_object() after a key without its value");
    const char* const base[2] = {arena_.data(), arena_.data()};
    tape_.end_object(base);
    stack_.pop_back();
    close_value();
  }
  void begin_array() {
    if (!open_value()) return;
    tape_.begin_array();
    stack_.push_back(0);
  }
  void end_array() {
    if (!event()) return;
    if (stack_.empty() || stack_.back() != 0)
      return fail(errc::invalid_argument, "end_array() without an open array");
    tape_.end_array();
    stack_.pop_back();
    close_value();
  }

  /// The next member's key (UTF-8; errc::invalid_utf8 otherwise).
  void key(std::string_view k) {
    if (!event()) return;
    if (stack_.empty() || stack_.back() != 1)
      return fail(errc::invalid_argument, "key() outside an object");
    if (have_key_) return fail(errc::invalid_argument, "key() twice without a value");
    std::uint32_t off = 0;
    if (!store_text(k, off)) return;
    const auto n = static_cast<std::uint32_t>(k.size());
    tape_.key(arena_.data() + off, off, n, true, off, n, detail::flag_in_arena,
              static_cast<std::uint32_t>(call_index()));
    have_key_ = true;
  }

  /// A string value (UTF-8 text, not JSON-escaped; errc::invalid_utf8 otherwise).
  void string(std::string_view s) {
    if (!value()) return;
    std::uint32_t off = 0;
    if (!store_text(s, off)) return;
    tape_.scalar(detail::kind_string, detail::flag_in_arena, off,
                 static_cast<std::uint32_t>(s.size()), static_cast<std::uint32_t>(call_index()));
    close_value();
  }

  void number(std::int64_t v) { binary_number(detail::flag_i64, static_cast<std::uint64_t>(v)); }
  void number(std::uint64_t v) { binary_number(detail::flag_u64, v); }
  void number(double v) {
    if (opt_.prof == profile::jcs && !std::isfinite(v)) {
      if (!value()) return;  // a misplaced value is reported as such first, as for every value
      return fail(errc::non_finite_number, "NaN and Infinity have no JCS form");
    }
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    binary_number(detail::flag_f64, bits);
  }
  /// Other integer types (int, long long, unsigned short, ...) go to the 64-bit overloads.
  template <class T, std::enable_if_t<std::is_integral<T>::value && !std::is_same<T, bool>::value &&
                                          !std::is_same<T, std::int64_t>::value &&
                                          !std::is_same<T, std::uint64_t>::value,
                                      int> = 0>
  void number(T v) {
    if (std::is_signed<T>::value) {
      number(static_cast<std::int64_t>(v));
    } else {
      number(static_cast<std::uint64_t>(v));
    }
  }
  void number(float v) { number(static_cast<double>(v)); }

  /// A number given as its JSON text, e.g. "1.50" or "-0" (as if it appeared in a document).
  void number_lexeme(std::string_view lex);

  void boolean(bool b) {
    if (!value()) return;
    tape_.scalar(b ? detail::kind_true : detail::kind_false, 0, 0, 0);
    close_value();
  }
  void null() {
    if (!value()) return;
    tape_.scalar(detail::kind_null, 0, 0, 0);
    close_value();
  }

  /// The options the document is built under (profile, reject_duplicates, max_depth).
  const canonical_options& options() const noexcept { return opt_; }
  /// The first error so far (ok while the calls are well-formed).
  const error_info& status() const noexcept { return err_; }
  /// True once exactly one complete top-level value has been built.
  bool complete() const noexcept { return done_ && !err_; }

  /// Writes the canonical bytes to `sink`, or sets err (an earlier misuse, an incomplete
  /// document, a duplicate key under jcs/reject_duplicates). Can be called more than once.
  template <class Sink>
  void finish(Sink& sink, error_info& err);

  /// The canonical bytes as a string (empty on error).
  std::string finish(error_info& err) {
    std::string out;
    string_sink sink{out};
    finish(sink, err);
    if (err) out.clear();
    return out;
  }

#if JSONSIG_EXCEPTIONS
  /// Throwing form: jsonsig::error.
  std::string finish() {
    error_info err;
    std::string out = finish(err);
    if (err) throw error(err);
    return out;
  }
#endif

 private:
  static canonical_options options_for(profile p) noexcept {
    canonical_options o;
    o.prof = p;
    return o;
  }

  std::size_t call_index() const noexcept { return calls_ - 1; }

  // Counts the call; false once an error was recorded (every later call is ignored).
  bool event() noexcept {
    ++calls_;
    return !err_;
  }
  void fail(errc code, const char* detail) noexcept {
    err_ = error_info{code, call_index(), detail};
  }
  // A scalar value may come here.
  bool value() {
    if (!event()) return false;
    if (done_) {
      fail(errc::invalid_argument, "a second top-level value");
      return false;
    }
    if (!stack_.empty() && stack_.back() == 1 && !have_key_) {
      fail(errc::invalid_argument, "a value in an object needs a key() first");
      return false;
    }
    return true;
  }
  // A container may open here.
  bool open_value() {
    if (!value()) return false;
    if (stack_.size() >= opt_.max_depth) {
      fail(errc::too_deep, "nesting deeper than max_depth");
      return false;
    }
    return true;
  }
  void close_value() noexcept {
    if (stack_.empty()) {
      done_ = true;
    } else if (stack_.back() == 1) {
      have_key_ = false;
    }
  }
  bool store_text(std::string_view s, std::uint32_t& off) {
    if (!detail::scan::validate_utf8(s.data(), s.size())) {
      fail(errc::invalid_utf8, "key or string is not valid utf-8");
      return false;
    }
    if (s.size() > detail::max_document_size - arena_.size()) {
      fail(errc::invalid_argument, "document larger than 4 GiB - 1");
      return false;
    }
    off = static_cast<std::uint32_t>(arena_.size());
    arena_.append(s.data(), s.size());
    return true;
  }
  void binary_number(std::uint32_t flag, std::uint64_t bits) {
    if (!value()) return;
    tape_.scalar(detail::kind_number, flag, static_cast<std::uint32_t>(bits),
                 static_cast<std::uint32_t>(bits >> 32), static_cast<std::uint32_t>(call_index()));
    close_value();
  }

  canonical_options opt_;
  detail::tape_builder tape_;
  std::string arena_;
  detail::pod_vector<unsigned char, 32> stack_;  // 1 = object, 0 = array
  bool have_key_ = false;
  bool done_ = false;
  std::size_t calls_ = 0;
  error_info err_;
};

namespace detail {
// Accepts exactly one number token covering the whole text.
struct lexeme_capture {
  json_number num{};
  int events = 0;
  void on_object_begin(std::size_t) noexcept { ++events; }
  void on_object_end(std::size_t) noexcept {}
  void on_array_begin(std::size_t) noexcept { ++events; }
  void on_array_end(std::size_t) noexcept {}
  void on_key(const json_string&) noexcept {}
  void on_string(const json_string&) noexcept { ++events; }
  void on_number(const json_number& n) noexcept {
    num = n;
    ++events;
  }
  void on_literal(json_literal, std::size_t) noexcept { ++events; }
};
}  // namespace detail

inline void builder::number_lexeme(std::string_view lex) {
  if (!value()) return;
  // The grammar first, with no profile rules: "1e400x" is not a number at all, so it must be
  // invalid_number, not the non_finite_number the jcs rules would report when the token ends.
  json_parser ps(parse_options{});
  detail::lexeme_capture cap;
  error_info perr;
  ps.parse(lex, cap, perr);
  if (perr || cap.events != 1 || cap.num.size != lex.size()) {
    return fail(errc::invalid_number, "not a json number lexeme (rfc 8259 section 6)");
  }
  // Then the profile's number rules (jcs overflow, python's digit limit) on the valid lexeme.
  const parse_options rules = detail::parse_options_of(opt_);
  if (rules.reject_non_finite || rules.max_integer_digits != 0) {
    json_parser strict(rules);
    detail::lexeme_capture cap2;
    strict.parse(lex, cap2, perr);
    if (perr) return fail(perr.code, perr.detail);
  }
  std::uint32_t off = 0;
  if (!store_text(lex, off)) return;
  tape_.scalar(detail::kind_number,
               detail::flag_in_arena | (cap.num.integer ? detail::flag_integer : 0u), off,
               static_cast<std::uint32_t>(lex.size()), static_cast<std::uint32_t>(call_index()));
  close_value();
}

template <class Sink>
void builder::finish(Sink& sink, error_info& err) {
  err.clear();
  if (err_) {
    err = err_;
    return;
  }
  if (!done_) {
    err = error_info{errc::invalid_argument, calls_, "the document is not complete"};
    return;
  }
  if (tape_.first_duplicate != detail::no_duplicate) {
    err = error_info{errc::duplicate_key, tape_.first_duplicate, "duplicate key in object"};
    return;
  }
  const char* const base[2] = {arena_.data(), arena_.data()};
  detail::emit_tape_to(opt_.prof, tape_, base, sink, err);
}

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_BUILDER_HPP
