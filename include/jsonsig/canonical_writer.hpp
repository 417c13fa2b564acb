// SPDX-License-Identifier: MIT
// The canonical writer: strict parse, then the sorted compact serialization of one of three
// profiles, streamed to a sink (string_sink, hmac_sink, tee_sink, ostream_sink or your own).
//
//   js      (default) byte-identical to Node's JSON.stringify(sortDeep(JSON.parse(text))), where
//           sortDeep maps arrays and rebuilds plain objects inserting keys in
//           Object.keys(o).sort() order. Consequences: array-index keys ("0".."4294967294")
//           first in numeric order, then the other keys by UTF-16 code units; the last of
//           duplicate keys wins; numbers are the ES Number::toString of the nearest double
//           (integers beyond 2^53 round exactly as JSON.parse rounds them: 505874924095815681
//           prints 505874924095815700; 1e400 overflows and prints null); strings as
//           JSON.stringify quotes them (detail/escape.hpp), lone surrogates as \udxxx.
//           A "__proto__" key is out of scope: JSON.parse makes it an own property but
//           sortDeep's assignment would set the prototype instead; here it is an ordinary key.
//   jcs     RFC 8785: keys by UTF-16 code units (§3.2.3), numbers in ES form (§3.2.2.3), the
//           same string quoting; duplicate keys, lone surrogates and numbers that overflow
//           binary64 are errors (I-JSON, RFC 7493).
//   python  byte-identical to Python 3.11 json.dumps(json.loads(text), sort_keys=True,
//           separators=(",", ":")) (ensure_ascii): keys by code point, last duplicate wins,
//           integers exactly as written ("-0" is 0; more than 4300 digits is an error, as
//           int's max_str_digits makes json.loads fail), other numbers as repr(float), 1e400 as
//           Infinity; non-ASCII and DEL as \uxxxx.
//
// The writer never builds the output string unless the sink does: it emits through a 4 KiB
// buffer, so an hmac_sink receives few large updates. No recursion: the depth budget is
// canonical_options::max_depth, shared by the parser and the writer.
#ifndef JSONSIG_CANONICAL_WRITER_HPP
#define JSONSIG_CANONICAL_WRITER_HPP

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "config.hpp"
#include "detail/escape.hpp"
#include "detail/key_order.hpp"
#include "detail/number.hpp"
#include "detail/pod_vector.hpp"
#include "detail/tape.hpp"
#include "error.hpp"
#include "json_parser.hpp"
#include "profiles.hpp"
#include "sinks.hpp"

JSONSIG_BEGIN_NAMESPACE

/// How to canonicalize.
struct canonical_options {
  profile prof = profile::js;
  /// true: a repeated key is errc::duplicate_key in every profile (jcs always rejects them).
  bool reject_duplicates = false;
  /// Deepest nesting accepted (the opening bracket beyond it is errc::too_deep).
  std::size_t max_depth = JSONSIG_DEFAULT_MAX_DEPTH;
};

namespace detail {

inline key_order key_order_of(profile p) noexcept {
  return p == profile::js    ? key_order::js
         : p == profile::jcs ? key_order::utf16
                             : key_order::code_point;
}

inline parse_options parse_options_of(const canonical_options& opt) noexcept {
  parse_options po;
  po.max_depth = opt.max_depth;
  po.allow_lone_surrogates = opt.prof != profile::jcs;
  po.reject_non_finite = opt.prof == profile::jcs;
  po.max_integer_digits = opt.prof == profile::python ? 4300 : 0;
  return po;
}

/// True when the non-integer lexeme s[0..n), whose '.' is at s[dot] (dot == n: none) and which
/// has an exponent or not, is already exactly what profile P prints for it, so the writer can
/// copy it: a plain decimal "-?I.F" with at most 15 significant digits, no redundant trailing
/// zero, and a magnitude that P prints without an exponent.
/// Why it is exact: every decimal of <= 15 significant digits in the normal range survives the
/// round trip through the nearest double (DBL_DIG = 15), so no other decimal of <= 15 digits
/// maps to that double and these digits are its shortest round-trip digits; ES Number::toString
/// (ECMA-262 §6.1.6.1.20 steps 6-8) and CPython's float repr ('r' format, fixed notation for
/// decimal exponents -4 <= e < 16) then lay them out as written. Python also keeps "X.0".
template <profile P>
inline bool verbatim_decimal(const char* s, std::size_t n, std::size_t dot,
                             bool exponent) noexcept {
  if (exponent || dot >= n) return false;
  const std::size_t sign = s[0] == '-' ? 1 : 0;
  const std::size_t m = dot - sign;   // integer digits ("0" counts as 1 here)
  const std::size_t f = n - dot - 1;  // fraction digits (>= 1 by the grammar)
  if (s[n - 1] == '0') {
    // Only Python's "X.0" keeps a trailing zero (repr(1.0) == "1.0"; ES prints "1").
    return P == profile::python && f == 1 && m <= 15;
  }
  long exp10;  // value = 0.d1d2...dk * 10^exp10
  std::size_t k;
  if (s[sign] == '0') {
    std::size_t z = 0;
    while (s[dot + 1 + z] == '0') ++z;  // stops at the nonzero last digit at the latest
    exp10 = -static_cast<long>(z);
    k = f - z;
  } else {
    exp10 = static_cast<long>(m);
    k = m + f;
  }
  if (k > 15) return false;
  return P == profile::python ? exp10 >= -3 && exp10 <= 16 : exp10 > -6 && exp10 <= 21;
}

/// verbatim_decimal for a lexeme given alone (finds its '.' and exponent).
template <profile P>
inline bool verbatim_decimal(const char* s, std::size_t n) noexcept {
  std::size_t dot = n;
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i] == '.') dot = i;
    if (s[i] == 'e' || s[i] == 'E') return false;
  }
  return verbatim_decimal<P>(s, n, dot, false);
}

// Copies n <= 32 bytes with a few possibly overlapping fixed-size moves (no call to memcpy for
// the short numbers, keys and strings that dominate JSON output).
JSONSIG_ALWAYS_INLINE void copy_short(char* d, const char* s, std::size_t n) noexcept {
  if (n >= 16) {
    std::memcpy(d, s, 16);
    std::memcpy(d + n - 16, s + n - 16, 16);
  } else if (n >= 8) {
    std::memcpy(d, s, 8);
    std::memcpy(d + n - 8, s + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(d, s, 4);
    std::memcpy(d + n - 4, s + n - 4, 4);
  } else if (n != 0) {
    d[0] = s[0];
    d[n / 2] = s[n / 2];
    d[n - 1] = s[n - 1];
  }
}

/// The writer's output buffer: collects small writes and hands the sink chunks of `capacity`
/// bytes (runs longer than that go straight through).
template <class Sink>
class out_buffer {
 public:
  static constexpr std::size_t capacity = 4096;

  explicit out_buffer(Sink& sink) noexcept : sink_(sink) {}
  out_buffer(const out_buffer&) = delete;
  out_buffer& operator=(const out_buffer&) = delete;

  /// Room for n <= capacity bytes at the returned pointer; commit them with advance().
  char* ensure(std::size_t n) {
    if (JSONSIG_UNLIKELY(capacity - n_ < n)) flush();
    return buf_ + n_;
  }
  void advance(std::size_t n) noexcept { n_ += n; }
  void put(char c) {
    if (JSONSIG_UNLIKELY(n_ == capacity)) flush();
    buf_[n_++] = c;
  }
  JSONSIG_ALWAYS_INLINE void write(const char* p, std::size_t n) {
    if (JSONSIG_LIKELY(n <= 32 && n <= capacity - n_)) {
      copy_short(buf_ + n_, p, n);
      n_ += n;
      return;
    }
    write_long(p, n);
  }
  JSONSIG_NOINLINE void write_long(const char* p, std::size_t n) {
    if (n <= capacity - n_) {
      std::memcpy(buf_ + n_, p, n);
      n_ += n;
      return;
    }
    flush();
    if (n >= capacity) {
      sink_.write(p, n);
      return;
    }
    std::memcpy(buf_, p, n);
    n_ = n;
  }
  void flush() {
    if (n_ != 0) {
      sink_.write(buf_, n_);
      n_ = 0;
    }
  }

 private:
  Sink& sink_;
  std::size_t n_ = 0;
  char buf_[capacity];
};

/// Parser events -> tape.
class tape_handler {
 public:
  static constexpr bool raw_string_values = true;  // values are written from the input text

  tape_handler(tape_builder& tb, const char* input, const json_parser& ps) noexcept
      : tb_(tb), input_(input), ps_(ps) {}

  JSONSIG_ALWAYS_INLINE void on_object_begin(std::size_t off) {
    tb_.begin_object(static_cast<std::uint32_t>(off));
  }
  JSONSIG_ALWAYS_INLINE void on_object_end(std::size_t) {
    const char* const base[2] = {input_, ps_.arena()};
    tb_.end_object(base);
  }
  JSONSIG_ALWAYS_INLINE void on_array_begin(std::size_t off) {
    tb_.begin_array(static_cast<std::uint32_t>(off));
  }
  JSONSIG_ALWAYS_INLINE void on_array_end(std::size_t off) noexcept {
    tb_.end_array(static_cast<std::uint32_t>(off));
  }
  JSONSIG_ALWAYS_INLINE void on_key(const json_string& s) {
    // Sorted by the decoded text (in the arena when it had escapes), written from the input.
    const bool decoded = (s.flags & json_string::escaped) != 0;
    const char* origin = decoded ? ps_.arena() : input_;
    tb_.key(s.data, static_cast<std::uint32_t>(s.data - origin), static_cast<std::uint32_t>(s.size),
            decoded, static_cast<std::uint32_t>(s.offset + 1),
            static_cast<std::uint32_t>(s.raw_size), decoded ? flag_escaped : 0u,
            static_cast<std::uint32_t>(s.offset));
  }
  JSONSIG_ALWAYS_INLINE void on_string(const json_string& s) {
    tb_.scalar(kind_string, (s.flags & json_string::escaped) != 0 ? flag_escaped : 0u,
               static_cast<std::uint32_t>(s.offset + 1), static_cast<std::uint32_t>(s.raw_size),
               static_cast<std::uint32_t>(s.offset));
  }
  JSONSIG_ALWAYS_INLINE void on_number(const json_number& n) {
    tb_.scalar(kind_number, n.integer ? flag_integer : 0u, static_cast<std::uint32_t>(n.offset),
               static_cast<std::uint32_t>(n.size));
  }
  JSONSIG_ALWAYS_INLINE void on_literal(json_literal l, std::size_t) {
    tb_.scalar(l == json_literal::null_value    ? kind_null
               : l == json_literal::false_value ? kind_false
                                                : kind_true,
               0, 0, 0);
  }

 private:
  tape_builder& tb_;
  const char* input_;
  const json_parser& ps_;
};

/// Serializes a finished tape in profile P. `base` locates node bytes: base[0] the input,
/// base[1] the arena (flag_in_arena).
template <profile P, class Out>
class emitter {
 public:
  emitter(const tape_builder& tb, const char* const base[2], Out& out, error_info& err) noexcept
      : tape_(tb.tape.data()),
        members_(tb.members.data()),
        limit_(tb.input_end()),
        out_(out),
        err_(err) {
    base_[0] = base[0];
    base_[1] = base[1];
  }

  /// Writes the whole document. Returns false with err set only for what the tape itself cannot
  /// rule out: a builder double that is not finite under jcs.
  bool run();

 private:
  struct frame {
    std::uint32_t cursor;  // arrays: tape index of the next element; objects: index in members
    std::uint32_t limit;
    std::uint32_t object;
  };

  // A string: decoded text (builder), a body with escapes as written, or a plain body.
  JSONSIG_ALWAYS_INLINE void string(const char* s, std::size_t n, std::uint32_t f) {
    if ((f & flag_in_arena) != 0) {
      if (P == profile::python) {
        escape::write_py(out_, s, n, n);
      } else {
        escape::write_js(out_, s, n);
      }
    } else if ((f & flag_escaped) != 0) {
      if (P == profile::python) {
        escape::write_py_raw(out_, s, n, readable(s));
      } else {
        escape::write_js_raw(out_, s, n);
      }
    } else if (P == profile::python) {
      escape::write_py(out_, s, n, readable(s));
    } else {
      out_.write(s - 1, n + 2);  // no escapes: the input text is already in JSON.stringify form
    }
  }

  // Bytes readable from s, a string in the input.
  std::size_t readable(const char* s) const noexcept {
    return static_cast<std::size_t>(limit_ - s);
  }

  // "key": of the member whose value is node vi (its key is the node before).
  JSONSIG_ALWAYS_INLINE void key(std::uint32_t vi) {
    const node& k = tape_[vi - 1];
    const std::uint32_t f = flags_of(k);
    const char* s = base_[f & flag_in_arena] + k.a;
    if ((f & (flag_in_arena | flag_escaped)) == 0 && k.b <= 29 &&
        (P != profile::python || scan::find_py_special(s, k.b, readable(s)) == k.b)) {
      char* o = out_.ensure(32);  // quotes, key and colon in one go
      copy_short(o, s - 1, k.b + 2);
      o[k.b + 2] = ':';
      out_.advance(k.b + 3);
      return;
    }
    string(s, k.b, f);
    out_.put(':');
  }

  // A number lexeme (valid RFC 8259 grammar). shape: `dot` (index of its '.', n if none) and
  // flag_exponent are known (re-read lexemes); else verbatim_decimal finds them.
  JSONSIG_ALWAYS_INLINE void lexeme(const char* s, std::size_t n, std::uint32_t f, std::size_t dot,
                                    bool shape) {
    if ((f & flag_integer) != 0 && (P == profile::python || n <= 15)) {
      // Exact as written: Python ints; and for ES any integer below 10^15 is an exact double
      // whose Number::toString is its own digits. "-0" is 0 in both.
      if (n == 2 && s[0] == '-' && s[1] == '0') {
        out_.put('0');
      } else {
        out_.write(s, n);
      }
      return;
    }
    if ((f & flag_integer) == 0 && (shape ? verbatim_decimal<P>(s, n, dot, (f & flag_exponent) != 0)
                                          : verbatim_decimal<P>(s, n))) {
      out_.write(s, n);
      return;
    }
    // 16 or 17 digits (printf("%.17g") output, all of canada.json). Tested after the verbatim
    // case: a test before it measurably slows documents of short numbers (marine_ik.json).
    if (shape && (f & (flag_integer | flag_exponent)) == 0 && n >= 17 && long_decimal(s, n, dot))
      return;
    formatted(s, n);
  }
  // Out of line, so that leaf() stays small for the other numbers.
  JSONSIG_NOINLINE bool long_decimal(const char* s, std::size_t n, std::size_t dot) {
    char* o = out_.ensure(number_buf_size);
    const std::size_t len =
        format_long_decimal(P == profile::python, std::string_view(s, n), dot, o);
    out_.advance(len);
    return len != 0;
  }
  JSONSIG_NOINLINE void formatted(const char* s, std::size_t n) {
    char* o = out_.ensure(number_buf_size);
    const std::string_view lex(s, n);
    const std::size_t len = P == profile::python ? format_py_float(lex, o) : format_es(lex, o);
    if (len == 0) {  // ES overflow: JSON.stringify writes null (jcs rejected it while parsing)
      out_.write("null", 4);
      return;
    }
    out_.advance(len);
  }

  // A builder number held as binary.
  JSONSIG_NOINLINE bool binary(const node& nd) {
    const std::uint32_t f = flags_of(nd);
    char* o = out_.ensure(number_buf_size);
    const std::uint64_t bits = (std::uint64_t{nd.b} << 32) | nd.a;
    std::size_t len;
    if ((f & flag_f64) != 0) {
      double d;
      std::memcpy(&d, &bits, sizeof d);
      len = P == profile::python ? format_double_py(d, o) : format_double_es(d, o);
    } else if (P == profile::python) {  // Python ints print exactly
      const std::to_chars_result r =
          (f & flag_i64) != 0
              ? std::to_chars(o, o + number_buf_size, static_cast<std::int64_t>(bits))
              : std::to_chars(o, o + number_buf_size, bits);
      len = static_cast<std::size_t>(r.ptr - o);
    } else {
      // JSON.parse would read the integer as its nearest double; so does the conversion
      // (round to nearest even, the default rounding mode).
      const double d = (f & flag_i64) != 0 ? static_cast<double>(static_cast<std::int64_t>(bits))
                                           : static_cast<double>(bits);
      len = format_double_es(d, o);
    }
    if (len == 0) {  // NaN or +-Infinity: JSON.stringify writes null; JCS has no such number
      if (P == profile::jcs) {
        err_ = error_info{errc::non_finite_number, nd.c, "number is not finite"};
        return false;
      }
      out_.write("null", 4);
      return true;
    }
    out_.advance(len);
    return true;
  }

  // A scalar read again from the input.
  JSONSIG_ALWAYS_INLINE const char* reread_scalar(const char* p, const char* end) {
    raw_scalar t{};
    p = read_scalar(p, end, limit_, t);
    switch (t.kind) {
      case kind_number:
        lexeme(t.data, t.size, t.flags, t.dot, true);
        break;
      case kind_string:
        string(t.data, t.size, t.flags);
        break;
      default:
        out_.write(t.data, t.size);
        break;  // true, false, null
    }
    return p;
  }

  // A leaf: an array with no object inside, read again from the input text (validated by the
  // parser). Flat ones (the number arrays of meshes) take the short loop.
  void leaf(const node& nd) {
    if ((flags_of(nd) & flag_nested) != 0) return nested_leaf(nd);
    const char* p = base_[0] + nd.a + 1;
    const char* const end = base_[0] + nd.a + nd.b - 1;  // the ']'
    out_.put('[');
    p = skip_ws(p, end);
    while (p != end) {
      p = reread_scalar(p, end);
      p = skip_ws(p, end);
      if (p == end) break;
      out_.put(',');
      p = skip_ws(p + 1, end);  // past the ','
    }
    out_.put(']');
  }

  // A leaf with arrays inside: brackets and commas are copied, whitespace dropped. The loop
  // follows the grammar: a value (or a nested '[', or the ']' of an empty array), then any
  // ']'s, then a ','; it returns after the last ']' (at end - 1).
  JSONSIG_NOINLINE void nested_leaf(const node& nd) {
    const char* p = base_[0] + nd.a;
    const char* const end = p + nd.b;
    out_.put('[');
    ++p;
    for (;;) {
      p = skip_ws(p, end);
      char c = *p;
      if (c == '[') {
        out_.put('[');
        ++p;
        continue;
      }
      if (c != ']') {
        p = skip_ws(reread_scalar(p, end), end);
        c = *p;
      }
      while (c == ']') {
        out_.put(']');
        if (++p == end) return;
        p = skip_ws(p, end);
        c = *p;
      }
      out_.put(',');  // c == ','
      ++p;
    }
  }

  JSONSIG_ALWAYS_INLINE bool scalar(const node& nd) {
    const std::uint32_t f = flags_of(nd);
    switch (kind_of(nd)) {
      case kind_number:
        if (JSONSIG_UNLIKELY((f & (flag_i64 | flag_u64 | flag_f64)) != 0)) return binary(nd);
        lexeme(base_[f & flag_in_arena] + nd.a, nd.b, f, 0, false);
        return true;
      case kind_string:
        string(base_[f & flag_in_arena] + nd.a, nd.b, f);
        return true;
      case kind_leaf:
        leaf(nd);
        return true;
      case kind_null:
        out_.write("null", 4);
        return true;
      case kind_false:
        out_.write("false", 5);
        return true;
      default:
        out_.write("true", 4);
        return true;
    }
  }

  const node* tape_;
  const std::uint32_t* members_;
  const char* base_[2];
  const char* limit_;
  Out& out_;
  error_info& err_;
};

template <profile P, class Out>
bool emitter<P, Out>::run() {
  pod_vector<frame, 32> stack;
  std::uint32_t v = 0;  // the value to write next
  for (;;) {
    const node& nd = tape_[v];
    const std::uint32_t kind = kind_of(nd);
    if (kind == kind_array) {
      if (nd.c == v + 1) {
        out_.write("[]", 2);
      } else {
        out_.put('[');
        const std::uint32_t first = v + 1;
        stack.push_back(
            frame{is_container(kind_of(tape_[first])) ? tape_[first].c : first + 1, nd.c, 0});
        v = first;
        continue;
      }
    } else if (kind == kind_object) {
      if (nd.b == 0) {
        out_.write("{}", 2);
      } else {
        out_.put('{');
        stack.push_back(frame{nd.a + 1, nd.a + nd.b, 1});
        v = members_[nd.a];
        key(v);
        continue;
      }
    } else if (!scalar(nd)) {
      return false;
    }
    // Find the next value: the next element of the innermost open container, closing the
    // containers that are done. Scalar members and array elements are written in this loop.
    for (;;) {
      if (stack.empty()) return true;
      frame& f = stack.back();
      if (f.object == 0) {
        while (f.cursor != f.limit && !is_container(kind_of(tape_[f.cursor]))) {
          out_.put(',');
          if (!scalar(tape_[f.cursor])) return false;
          ++f.cursor;
        }
      } else {
        while (f.cursor != f.limit && !is_container(kind_of(tape_[members_[f.cursor]]))) {
          out_.put(',');
          const std::uint32_t m = members_[f.cursor++];
          key(m);
          if (!scalar(tape_[m])) return false;
        }
      }
      if (f.cursor == f.limit) {
        out_.put(f.object != 0 ? '}' : ']');
        stack.pop_back();
        continue;
      }
      out_.put(',');
      if (f.object != 0) {
        v = members_[f.cursor++];
        key(v);
      } else {
        v = f.cursor;
        f.cursor = tape_[v].c;  // a container (scalars were handled above)
      }
      break;
    }
  }
}

template <profile P, class Out>
bool emit_tape(const tape_builder& tb, const char* const base[2], Out& out, error_info& err) {
  return emitter<P, Out>(tb, base, out, err).run();
}

// Writes a finished tape to sink in profile p through the output buffer (flushed on success):
// the one place where the run-time profile picks the compiled emitter.
template <class Sink>
void emit_tape_to(profile p, const tape_builder& tb, const char* const base[2], Sink& sink,
                  error_info& err) {
  out_buffer<Sink> out(sink);
  bool ok = false;
  switch (p) {
    case profile::js:
      ok = emit_tape<profile::js>(tb, base, out, err);
      break;
    case profile::jcs:
      ok = emit_tape<profile::jcs>(tb, base, out, err);
      break;
    case profile::python:
      ok = emit_tape<profile::python>(tb, base, out, err);
      break;
  }
  if (ok) out.flush();
}

}  // namespace detail

/// Reusable canonicalization state: parse stack, escape arena, tape and member lists keep their
/// memory between calls (until destruction), so a server canonicalizing many bodies allocates
/// only when a body needs more than any before it. Not thread-safe; use one per thread.
class canonicalizer {
 public:
  explicit canonicalizer(const canonical_options& opt = canonical_options{}) noexcept : opt_(opt) {}
  canonicalizer(const canonicalizer&) = delete;
  canonicalizer& operator=(const canonicalizer&) = delete;

  const canonical_options& options() const noexcept { return opt_; }
  void set_options(const canonical_options& opt) noexcept { opt_ = opt; }

  /// Writes the canonical form of `json` to `sink`. On error (err set: code, byte offset,
  /// description), the sink may have received a prefix of the output; discard it.
  /// Errors come in this order: the first grammar, encoding or number-rule error in document
  /// order (the parse stops there); else the earliest second occurrence of a duplicate key
  /// (jcs, reject_duplicates); nothing is written to the sink before both checks pass.
  /// Linear time plus O(m log m) per object of m members. Memory: 16 bytes per object, array,
  /// key, member value and element of an array that holds a container (an array holding none
  /// costs 16 bytes whatever its length: its elements are read again from the input), a copy
  /// of escaped keys, and a 4 KiB output buffer. Throws only std::bad_alloc and whatever the sink throws.
  template <class Sink>
  void canonicalize_to(std::string_view json, Sink& sink, error_info& err);

  /// As above into a new string; empty on error.
  std::string canonicalize(std::string_view json, error_info& err) {
    std::string out;
    out.reserve(json.size());
    string_sink sink{out};
    canonicalize_to(json, sink, err);
    if (err) out.clear();
    return out;
  }

 private:
  canonical_options opt_;
  json_parser parser_;
  detail::tape_builder tape_;
};

template <class Sink>
void canonicalizer::canonicalize_to(std::string_view json, Sink& sink, error_info& err) {
  err.clear();
  if (json.size() > detail::max_document_size) {
    err = error_info{errc::invalid_argument, 0, "input larger than 4 GiB - 1"};
    return;
  }
  parser_.set_options(detail::parse_options_of(opt_));
  tape_.reset(detail::key_order_of(opt_.prof), opt_.reject_duplicates || opt_.prof == profile::jcs,
              json.data(), json.size());
  detail::tape_handler h(tape_, json.data(), parser_);
  parser_.parse(json, h, err);
  if (err) return;
  if (tape_.first_duplicate != detail::no_duplicate) {
    err = error_info{errc::duplicate_key, tape_.first_duplicate, "duplicate key in object"};
    return;
  }
  const char* const base[2] = {json.data(), parser_.arena()};
  detail::emit_tape_to(opt_.prof, tape_, base, sink, err);
}

/// Writes the canonical form of `json` in profile opt.prof to `sink` (any type with
/// `void write(const char*, std::size_t)`). On error err is set and the sink may hold a prefix.
template <class Sink>
void canonicalize_to(std::string_view json, Sink& sink, const canonical_options& opt,
                     error_info& err) {
  canonicalizer c(opt);
  c.canonicalize_to(json, sink, err);
}

/// The canonical form of `json` as a string (empty on error, err set).
inline std::string canonicalize(std::string_view json, const canonical_options& opt,
                                error_info& err) {
  canonicalizer c(opt);
  return c.canonicalize(json, err);
}

inline std::string canonicalize(std::string_view json, profile p, error_info& err) {
  canonical_options opt;
  opt.prof = p;
  return canonicalize(json, opt, err);
}

#if JSONSIG_EXCEPTIONS
/// Throwing forms: jsonsig::error (with line and column) on invalid input.
inline std::string canonicalize(std::string_view json, const canonical_options& opt) {
  error_info err;
  std::string out = canonicalize(json, opt, err);
  if (err) throw error(err, json);
  return out;
}

inline std::string canonicalize(std::string_view json, profile p = profile::js) {
  error_info err;
  std::string out = canonicalize(json, p, err);
  if (err) throw error(err, json);
  return out;
}

template <class Sink>
void canonicalize_to(std::string_view json, Sink& sink, const canonical_options& opt) {
  error_info err;
  canonicalize_to(json, sink, opt, err);
  if (err) throw error(err, json);
}
#endif

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_CANONICAL_WRITER_HPP
