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
  return p == profile::js ? key_order::js
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
  void write(const char* p, std::size_t n) {
    if (JSONSIG_LIKELY(n <= capacity - n_)) {
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
  tape_handler(tape_builder& tb, const char* input, const json_parser& ps) noexcept
      : tb_(tb), input_(input), ps_(ps) {}

  void on_object_begin(std::size_t) { tb_.begin_object(); }
  void on_object_end(std::size_t) {
    const char* const base[2] = {input_, ps_.arena()};
    tb_.end_object(base);
  }
  void on_array_begin(std::size_t) { tb_.begin_array(); }
  void on_array_end(std::size_t) noexcept { tb_.end_array(); }
  void on_key(const json_string& s) {
    const bool arena = (s.flags & json_string::escaped) != 0;
    tb_.key(s.data, offset_of(s.data, arena), static_cast<std::uint32_t>(s.size), arena,
            (s.flags & json_string::lone_surrogate) != 0, static_cast<std::uint32_t>(s.offset));
  }
  void on_string(const json_string& s) {
    const bool arena = (s.flags & json_string::escaped) != 0;
    const std::uint32_t flags = (arena ? flag_in_arena : 0u) |
                                ((s.flags & json_string::lone_surrogate) != 0 ? flag_lone : 0u);
    tb_.scalar(kind_string, flags, offset_of(s.data, arena), static_cast<std::uint32_t>(s.size),
               static_cast<std::uint32_t>(s.offset));
  }
  void on_number(const json_number& n) {
    tb_.scalar(kind_number, n.integer ? flag_integer : 0u, offset_of(n.data, false),
               static_cast<std::uint32_t>(n.size));
  }
  void on_literal(json_literal l, std::size_t) {
    tb_.scalar(l == json_literal::null_value    ? kind_null
               : l == json_literal::false_value ? kind_false
                                                : kind_true,
               0, 0, 0);
  }

 private:
  std::uint32_t offset_of(const char* p, bool arena) const noexcept {
    return static_cast<std::uint32_t>(p - (arena ? ps_.arena() : input_));
  }
  tape_builder& tb_;
  const char* input_;
  const json_parser& ps_;
};

/// Serializes a finished tape in profile P. `base` locates node bytes (input, arena). Returns
/// false with err set only for what the tape itself cannot rule out: a builder double that is
/// not finite under jcs.
template <profile P, class Out>
bool emit_tape(const tape_builder& tb, const char* const base[2], Out& out, error_info& err) {
  const node* const tape = tb.tape.data();
  const std::uint32_t* const members = tb.members.data();
  struct frame {
    std::uint32_t cursor;  // arrays: tape index of the next element; objects: index in members
    std::uint32_t limit;
    std::uint32_t start;
    std::uint32_t object;
  };
  pod_vector<frame, 32> stack;

  auto string = [&](const node& nd) {
    const std::uint32_t f = flags_of(nd);
    const char* s = base[f & flag_in_arena] + nd.a;
    if (P == profile::python) {
      escape::write_py(out, s, nd.b);
    } else if ((f & flag_in_arena) == 0) {
      out.write(s - 1, nd.b + 2);  // undecoded input text is already in JSON.stringify form
    } else {
      escape::write_js(out, s, nd.b, (f & flag_lone) != 0);
    }
  };
  // Writes node i; a non-empty container writes its opening bracket and is pushed instead.
  auto value = [&](std::uint32_t i) -> bool {
    const node& nd = tape[i];
    switch (kind_of(nd)) {
      case kind_null: out.write("null", 4); return true;
      case kind_false: out.write("false", 5); return true;
      case kind_true: out.write("true", 4); return true;
      case kind_string: string(nd); return true;
      case kind_number: {
        const std::uint32_t f = flags_of(nd);
        char* o = out.ensure(number_buf_size);
        std::size_t len = 0;
        if ((f & (flag_i64 | flag_u64 | flag_f64)) == 0) {
          const char* s = base[f & flag_in_arena] + nd.a;
          const std::string_view lex(s, nd.b);
          if ((f & flag_integer) != 0 && (P == profile::python || nd.b <= 15)) {
            // Exact as written: Python ints; and for ES any integer below 10^15 is an exact
            // double whose Number::toString is its own digits. "-0" is 0 in both.
            if (nd.b == 2 && s[0] == '-' && s[1] == '0') {
              out.put('0');
            } else {
              out.write(s, nd.b);
            }
            return true;
          }
          len = P == profile::python ? format_py_float(lex, o) : format_es(lex, o);
        } else {
          const std::uint64_t bits = (std::uint64_t{nd.b} << 32) | nd.a;
          if ((f & flag_f64) != 0) {
            double d;
            std::memcpy(&d, &bits, sizeof d);
            len = P == profile::python ? format_double_py(d, o) : format_double_es(d, o);
          } else if (P == profile::python) {
            // Python ints print exactly.
            const std::to_chars_result r =
                (f & flag_i64) != 0
                    ? std::to_chars(o, o + number_buf_size, static_cast<std::int64_t>(bits))
                    : std::to_chars(o, o + number_buf_size, bits);
            len = static_cast<std::size_t>(r.ptr - o);
          } else {
            // JSON.parse would read the integer as its nearest double; so does the conversion
            // (round to nearest even, the default rounding mode).
            const double d = (f & flag_i64) != 0
                                 ? static_cast<double>(static_cast<std::int64_t>(bits))
                                 : static_cast<double>(bits);
            len = format_double_es(d, o);
          }
        }
        if (len == 0) {  // ES overflow: JSON.stringify writes null; JCS has no such number
          if (P == profile::jcs) {
            err = error_info{errc::non_finite_number, nd.c, "number is not finite"};
            return false;
          }
          out.write("null", 4);
          return true;
        }
        out.advance(len);
        return true;
      }
      case kind_array:
        if (nd.c == i + 1) {
          out.write("[]", 2);
        } else {
          out.put('[');
          stack.push_back(frame{i + 1, nd.c, i + 1, 0});
        }
        return true;
      default:  // kind_object
        if (nd.b == 0) {
          out.write("{}", 2);
        } else {
          out.put('{');
          stack.push_back(frame{nd.a, nd.a + nd.b, nd.a, 1});
        }
        return true;
    }
  };
  if (!value(0)) return false;
  while (!stack.empty()) {
    frame& f = stack.back();
    if (f.cursor == f.limit) {
      out.put(f.object != 0 ? '}' : ']');
      stack.pop_back();
      continue;
    }
    if (f.cursor != f.start) out.put(',');  // the first element follows the bracket directly
    std::uint32_t v;
    if (f.object != 0) {
      v = members[f.cursor++];
      string(tape[v - 1]);
      out.put(':');
    } else {
      v = f.cursor;
      f.cursor = kind_of(tape[v]) >= kind_array ? tape[v].c : v + 1;
    }
    if (!value(v)) return false;  // (f may dangle now: value() can grow the stack)
  }
  return true;
}

}  // namespace detail

/// Reusable canonicalization state: parse stack, escape arena, tape and member lists keep their
/// memory between calls, so a server canonicalizing many bodies allocates only when a body is
/// bigger than any before it. Not thread-safe; use one per thread.
class canonicalizer {
 public:
  explicit canonicalizer(const canonical_options& opt = canonical_options{}) noexcept
      : opt_(opt) {}
  canonicalizer(const canonicalizer&) = delete;
  canonicalizer& operator=(const canonicalizer&) = delete;

  const canonical_options& options() const noexcept { return opt_; }
  void set_options(const canonical_options& opt) noexcept { opt_ = opt; }

  /// Writes the canonical form of `json` to `sink`. On error (err set: code, byte offset,
  /// description), the sink may have received a prefix of the output; discard it.
  /// Linear time plus O(m log m) per object of m members. Throws only std::bad_alloc and
  /// whatever the sink throws.
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
  tape_.reset(detail::key_order_of(opt_.prof),
              opt_.reject_duplicates || opt_.prof == profile::jcs);
  detail::tape_handler h(tape_, json.data(), parser_);
  parser_.parse(json, h, err);
  if (err) return;
  if (tape_.first_duplicate != detail::no_duplicate) {
    err = error_info{errc::duplicate_key, tape_.first_duplicate, "duplicate key in object"};
    return;
  }
  const char* const base[2] = {json.data(), parser_.arena()};
  detail::out_buffer<Sink> out(sink);
  bool ok = false;
  switch (opt_.prof) {
    case profile::js: ok = detail::emit_tape<profile::js>(tape_, base, out, err); break;
    case profile::jcs: ok = detail::emit_tape<profile::jcs>(tape_, base, out, err); break;
    case profile::python: ok = detail::emit_tape<profile::python>(tape_, base, out, err); break;
  }
  if (ok) out.flush();
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
