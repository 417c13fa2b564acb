// SPDX-License-Identifier: MIT
// A strict RFC 8259 JSON parser that reports events to a handler (SAX style).
//
// Strict means: exactly one value surrounded by optional whitespace (space, tab, LF, CR; §2),
// no comments, trailing commas, single quotes, NaN/Infinity, leading zeros, '+' signs, byte
// order mark, or raw control characters in strings (§7); the whole input must be UTF-8 (§8.1,
// RFC 3629). Nesting is tracked on a heap stack, never the call stack, so no input can exhaust
// it; parse_options::max_depth bounds it.
//
// Strings without escapes and number lexemes are passed as views into the input (zero copy);
// a string with escapes is decoded once into an arena the parser owns. A \u escape of a lone
// surrogate (no pair) is kept as its WTF-8 bytes (ED A0..BF xx), as JS and Python strings keep
// the code unit, unless parse_options forbids it (RFC 8785 / I-JSON).
#ifndef JSONSIG_JSON_PARSER_HPP
#define JSONSIG_JSON_PARSER_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>

#include "config.hpp"
#include "detail/number.hpp"
#include "detail/pod_vector.hpp"
#include "detail/scan.hpp"
#include "detail/utf8.hpp"
#include "error.hpp"

JSONSIG_BEGIN_NAMESPACE

/// What the parser accepts beyond the RFC 8259 grammar (the defaults accept what JSON.parse and
/// Python's json.loads accept on valid UTF-8 input).
struct parse_options {
  /// Containers may nest this deep; the opening bracket one level deeper is errc::too_deep.
  std::size_t max_depth = JSONSIG_DEFAULT_MAX_DEPTH;
  /// false: a `\u` escape of an unpaired surrogate is errc::lone_surrogate (RFC 8785 §3.2.2.2).
  bool allow_lone_surrogates = true;
  /// true: a number whose nearest double is infinite (e.g. 1e400) is errc::non_finite_number.
  bool reject_non_finite = false;
  /// Nonzero: an integer lexeme with more digits is errc::number_too_long (Python 3.11's
  /// int max_str_digits makes json.loads fail beyond 4300).
  std::size_t max_integer_digits = 0;
};

/// A string token. `data` points into the input (no escapes) or into the parser's arena
/// (decoded; then `escaped` is set); either stays valid until the parser's next parse().
/// A handler that declares `static constexpr bool raw_string_values = true;` receives string
/// *values* (not keys) undecoded: data/size are then the body as written, escapes included
/// (validated all the same), which saves the decoding when the handler re-reads the input.
struct json_string {
  static constexpr unsigned escaped = 1;         // had escapes (data is decoded, unless raw)
  static constexpr unsigned non_ascii = 2;       // holds a byte >= 0x80
  static constexpr unsigned lone_surrogate = 4;  // holds a lone surrogate (\u escape; WTF-8)
  const char* data;
  std::size_t size;
  std::size_t offset;    // of the opening quote in the input
  std::size_t raw_size;  // of the body as written, between the quotes
  unsigned flags;
  std::string_view view() const noexcept { return {data, size}; }
};

/// A number token: the lexeme as written (RFC 8259 §6 grammar), a view into the input.
struct json_number {
  const char* data;
  std::size_t size;
  std::size_t offset;
  bool integer;  // no fraction and no exponent
  std::string_view view() const noexcept { return {data, size}; }
};

enum class json_literal : unsigned char { null_value, false_value, true_value };

/// A handler that ignores every event (validation only). A handler has these members; offsets
/// are byte offsets into the input (the bracket, quote or first byte of the token).
struct null_handler {
  void on_object_begin(std::size_t) noexcept {}
  void on_object_end(std::size_t) noexcept {}
  void on_array_begin(std::size_t) noexcept {}
  void on_array_end(std::size_t) noexcept {}
  void on_key(const json_string&) noexcept {}
  void on_string(const json_string&) noexcept {}
  void on_number(const json_number&) noexcept {}
  void on_literal(json_literal, std::size_t) noexcept {}
};

namespace detail {
template <class Handler>
class parse_run;

template <class H, class = void>
struct wants_raw_values : std::false_type {};
template <class H>
struct wants_raw_values<H, std::void_t<decltype(H::raw_string_values)>>
    : std::integral_constant<bool, H::raw_string_values> {};
}  // namespace detail

/// Reusable parser state (the depth stack and the escape arena keep their memory between
/// documents). Not thread-safe; use one per thread.
class json_parser {
 public:
  explicit json_parser(const parse_options& opt = parse_options{}) noexcept : opt_(opt) {}
  json_parser(const json_parser&) = delete;
  json_parser& operator=(const json_parser&) = delete;

  const parse_options& options() const noexcept { return opt_; }
  void set_options(const parse_options& opt) noexcept { opt_ = opt; }

  /// Parses `json`, calling h's members in document order. On failure `err` holds the code, the
  /// byte offset of the offending byte and a static description, and the events so far have been
  /// delivered (the handler sees a prefix). Linear time; errors never throw (std::bad_alloc may).
  template <class Handler>
  void parse(std::string_view json, Handler& h, error_info& err);

  /// Start of the decoding arena (json_string::data of escaped strings points into it).
  const char* arena() const noexcept { return arena_.get(); }

 private:
  template <class Handler>
  friend class detail::parse_run;

  // Makes sure `need` more bytes fit in the arena without moving it. Only called at the first
  // escaped string of a document with need = the rest of the input: decoding never lengthens a
  // string (every escape is at least as long as what it decodes to), so it never moves again.
  char* arena_reserve(std::size_t need) {
    if (arena_cap_ - arena_len_ < need) {
      arena_.reset(new char[arena_len_ + need]);
      arena_cap_ = arena_len_ + need;
    }
    return arena_.get() + arena_len_;
  }

  parse_options opt_;
  detail::pod_vector<unsigned char, 64> stack_;  // 1 = object, 0 = array, per open container
  std::unique_ptr<char[]> arena_;
  std::size_t arena_cap_ = 0;
  std::size_t arena_len_ = 0;
  bool arena_ready_ = false;  // reserved for the current document
};

namespace detail {

inline bool is_little_endian() noexcept {
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__)
  return __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
#else
  return false;  // unknown: take the portable paths
#endif
}

inline bool is_json_ws(unsigned char c) noexcept {
  // space, \t, \n, \r (RFC 8259 §2)
  return c <= 0x20 && ((std::uint64_t{0x100002600} >> c) & 1u) != 0;
}

inline bool is_digit(char c) noexcept { return static_cast<unsigned char>(c - '0') <= 9; }

/// First byte at or after p that is not JSON whitespace (or end). Runs of indentation are
/// skipped 16 bytes at a time; most tokens have no whitespace or one space before them.
inline const char* skip_ws_run(const char* p, const char* end) noexcept {
#if JSONSIG_X86_SIMD
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i ws = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
    const auto m = static_cast<unsigned>(_mm_movemask_epi8(ws));
    if (m != 0xFFFFu) return p + __builtin_ctz(~m);
    p += 16;
  }
#endif
  while (p != end && is_json_ws(static_cast<unsigned char>(*p))) ++p;
  return p;
}

JSONSIG_ALWAYS_INLINE const char* skip_ws(const char* p, const char* end) noexcept {
  if (JSONSIG_LIKELY(p == end || !is_json_ws(static_cast<unsigned char>(*p)))) return p;
  ++p;
  if (p == end || !is_json_ws(static_cast<unsigned char>(*p))) return p;
  return skip_ws_run(p, end);
}

/// End of the run of ASCII digits starting at p (eight bytes at a time while they fit).
JSONSIG_ALWAYS_INLINE const char* skip_digits(const char* p, const char* end) noexcept {
  while (end - p >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    // A byte is a digit iff its high nibble is 3 and adding 6 keeps it 3 (0x30..0x39). A carry
    // out of a byte >= 0xFA can only disturb bytes after a non-digit, never the first one.
    const std::uint64_t hi = 0xF0F0F0F0F0F0F0F0u, threes = 0x3030303030303030u;
    const std::uint64_t bad = ((v & hi) ^ threes) | (((v + 0x0606060606060606u) & hi) ^ threes);
    if (bad != 0) {
#if defined(__GNUC__) || defined(__clang__)
      if (is_little_endian()) return p + (__builtin_ctzll(bad) >> 3);
#endif
      break;  // find it bytewise below
    }
    p += 8;
  }
  while (p != end && is_digit(*p)) ++p;
  return p;
}

inline int hex_value(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  if (u >= '0' && u <= '9') return u - '0';
  const unsigned l = u | 0x20u;
  if (l >= 'a' && l <= 'f') return static_cast<int>(l - 'a' + 10);
  return -1;
}

/// The 4 hex digits at p as a code unit, or -1.
inline long hex4(const char* p) noexcept {
  const int a = hex_value(p[0]), b = hex_value(p[1]), c = hex_value(p[2]), d = hex_value(p[3]);
  if ((a | b | c | d) < 0) return -1;
  return (long{a} << 12) | (long{b} << 8) | (long{c} << 4) | long{d};
}

/// True when the number lexeme (valid grammar) certainly or possibly overflows binary64; the
/// exact answer needs the conversion, which is done only near the limit.
inline bool lexeme_overflows(std::string_view lex) noexcept {
  // value = 0.d1d2... * 10^e10 with d1 != 0; DBL_MAX = 1.797...e308 = 0.1797...e309.
  const char* p = lex.data();
  const char* const end = p + lex.size();
  if (p != end && *p == '-') ++p;
  std::int64_t e10 = 0;
  bool nonzero = false;
  const char* q = p;
  while (q != end && *q == '0') ++q;
  for (; q != end && is_digit(*q); ++q) {
    nonzero = true;
    ++e10;
  }
  if (q != end && *q == '.') {
    ++q;
    if (!nonzero) {
      while (q != end && *q == '0') {
        --e10;
        ++q;
      }
    }
    for (; q != end && is_digit(*q); ++q) nonzero = true;
  }
  if (!nonzero) return false;
  if (q != end && (*q == 'e' || *q == 'E')) {
    ++q;
    bool neg = false;
    if (q != end && (*q == '+' || *q == '-')) neg = *q++ == '-';
    std::int64_t e = 0;
    for (; q != end && is_digit(*q); ++q)
      if (e < 1000000000) e = e * 10 + (*q - '0');
    e10 += neg ? -e : e;
  }
  if (e10 <= 308) return false;  // < 10^308 < DBL_MAX
  if (e10 >= 310) return true;   // >= 10^309 > DBL_MAX
  const double d = parse_double(lex);
  return d - d != 0;  // inf - inf is NaN
}

}  // namespace detail

namespace detail {

/// The parse loop for one document (a separate class so the parser object stays small).
template <class Handler>
class parse_run {
 public:
  parse_run(json_parser& ps, std::string_view json, Handler& h, error_info& err) noexcept
      : ps_(ps), begin_(json.data()), end_(json.data() + json.size()), h_(h), err_(err) {}

  void run();

 private:
  using uchar = unsigned char;

  void fail(errc code, const char* at, const char* detail) noexcept {
    err_.code = code;
    err_.offset = static_cast<std::size_t>(at - begin_);
    err_.detail = detail;
  }
  std::size_t off(const char* p) const noexcept { return static_cast<std::size_t>(p - begin_); }

  const char* skip_ws(const char* p) const noexcept { return detail::skip_ws(p, end_); }

  // A byte that cannot start what was expected: invalid UTF-8 is reported as such, anything
  // else as the syntax error `detail`.
  void unexpected(const char* p, errc code, const char* detail) noexcept {
    const auto c = static_cast<uchar>(*p);
    if (c >= 0x80 &&
        detail::utf8::sequence_length(reinterpret_cast<const uchar*>(p), off_end(p)) == 0) {
      fail(errc::invalid_utf8, p, "invalid utf-8 outside a string");
      return;
    }
    if (p == begin_ && end_ - p >= 3 && c == 0xEF && static_cast<uchar>(p[1]) == 0xBB &&
        static_cast<uchar>(p[2]) == 0xBF) {
      fail(errc::syntax, p, "byte order mark is not allowed (rfc 8259 section 8.1)");
      return;
    }
    fail(code, p, detail);
  }
  std::size_t off_end(const char* p) const noexcept { return static_cast<std::size_t>(end_ - p); }

  template <bool Decode>
  const char* parse_string(const char* p, json_string& tok);
  template <bool Decode>
  const char* parse_escaped(const char* body, const char* p, unsigned flags, json_string& tok);
  const char* parse_number(const char* p, json_number& tok) noexcept;
  const char* parse_number_bytewise(const char* p, json_number& tok) noexcept;
  // An integer of `digits` digits starting at `start` over the max_integer_digits limit: fails.
  bool too_many_digits(const char* start, std::size_t digits) noexcept {
    if (ps_.opt_.max_integer_digits == 0 || digits <= ps_.opt_.max_integer_digits) return false;
    fail(errc::number_too_long, start, "integer has more digits than this profile accepts");
    return true;
  }
  const char* parse_literal(const char* p, const char* word, std::size_t n) noexcept;
  JSONSIG_ALWAYS_INLINE bool check_run(const char* p, std::size_t n, unsigned high) noexcept {
    return high == 0 || check_utf8(p, n);
  }
  bool check_utf8(const char* p, std::size_t n) noexcept;

  json_parser& ps_;
  const char* const begin_;
  const char* const end_;
  Handler& h_;
  error_info& err_;
};

// Validates a run of string bytes that held a byte >= 0x80.
template <class Handler>
JSONSIG_NOINLINE bool parse_run<Handler>::check_utf8(const char* p, std::size_t n) noexcept {
  if (detail::scan::validate_utf8(p, n)) return true;
  fail(errc::invalid_utf8, p + detail::utf8::find_invalid_scalar(p, n), "invalid utf-8 in string");
  return false;
}

// p: just past the opening quote. Returns the byte after the closing quote, or nullptr (err set).
template <class Handler>
template <bool Decode>
JSONSIG_ALWAYS_INLINE const char* parse_run<Handler>::parse_string(const char* p,
                                                                   json_string& tok) {
  unsigned high = 0;
  const std::size_t k = detail::scan::find_string_special(p, off_end(p), high);
  if (!check_run(p, k, high)) return nullptr;
  const char* q = p + k;
  if (JSONSIG_LIKELY(q != end_ && *q == '"')) {
    tok = json_string{p, k, off(p) - 1, k, high != 0 ? json_string::non_ascii : 0u};
    return q + 1;
  }
  return parse_escaped<Decode>(p, q, high != 0 ? json_string::non_ascii : 0u, tok);
}

// The slow path: body starts the string, p is at the first '\\' (or a control byte or the end).
// Decode: write the decoded text to the arena (else only validate).
template <class Handler>
template <bool Decode>
JSONSIG_NOINLINE const char* parse_run<Handler>::parse_escaped(const char* body, const char* p,
                                                               unsigned flags, json_string& tok) {
  if (p == end_) {
    fail(errc::unexpected_end, p, "unterminated string");
    return nullptr;
  }
  if (*p != '\\') {
    fail(errc::control_character, p, "raw control character in string (escape it)");
    return nullptr;
  }
  char* o0 = nullptr;
  if (Decode) {
    if (!ps_.arena_ready_) {
      ps_.arena_reserve(off_end(body));
      ps_.arena_ready_ = true;
    }
    o0 = ps_.arena_.get() + ps_.arena_len_;
    std::memcpy(o0, body, static_cast<std::size_t>(p - body));
  }
  char* o = Decode ? o0 + (p - body) : nullptr;
  flags |= json_string::escaped;
  for (;;) {
    // p is at a backslash (RFC 8259 §7).
    if (end_ - p < 2) {
      fail(errc::unexpected_end, end_, "unterminated string");
      return nullptr;
    }
    char simple = 0;
    switch (p[1]) {
      case '"':
        simple = '"';
        break;
      case '\\':
        simple = '\\';
        break;
      case '/':
        simple = '/';
        break;
      case 'b':
        simple = '\b';
        break;
      case 'f':
        simple = '\f';
        break;
      case 'n':
        simple = '\n';
        break;
      case 'r':
        simple = '\r';
        break;
      case 't':
        simple = '\t';
        break;
      case 'u': {
        if (end_ - p < 6) {
          // A '"' among the few bytes left makes this a bad escape rather than a cut input.
          if (std::memchr(p + 2, '"', static_cast<std::size_t>(end_ - p - 2)) != nullptr) {
            fail(errc::invalid_escape, p, "\\u needs four hex digits");
          } else {
            fail(errc::unexpected_end, end_, "unterminated string");
          }
          return nullptr;
        }
        const long u = detail::hex4(p + 2);
        if (u < 0) {
          fail(errc::invalid_escape, p, "\\u needs four hex digits");
          return nullptr;
        }
        auto cp = static_cast<std::uint32_t>(u);
        std::size_t used = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF && end_ - p >= 12 && p[6] == '\\' && p[7] == 'u') {
          const long lo = detail::hex4(p + 8);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {  // a pair: one supplementary character
            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(lo) - 0xDC00);
            used = 12;
          }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          if (!ps_.opt_.allow_lone_surrogates) {
            fail(errc::lone_surrogate, p,
                 "unpaired surrogate escape (not allowed by this profile)");
            return nullptr;
          }
          flags |= json_string::lone_surrogate | json_string::non_ascii;
        } else if (cp >= 0x80) {
          flags |= json_string::non_ascii;
        }
        if (Decode) o += detail::utf8::encode(cp, o);
        p += used;
        break;
      }
      default:
        fail(errc::invalid_escape, p,
             "invalid escape (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)");
        return nullptr;
    }
    if (simple != 0) {
      if (Decode) *o++ = simple;
      p += 2;
    }
    unsigned high = 0;
    const std::size_t k = detail::scan::find_string_special(p, off_end(p), high);
    if (!check_run(p, k, high)) return nullptr;
    if (high != 0) flags |= json_string::non_ascii;
    if (Decode) {
      std::memcpy(o, p, k);
      o += k;
    }
    p += k;
    if (p == end_) {
      fail(errc::unexpected_end, p, "unterminated string");
      return nullptr;
    }
    if (*p == '"') break;
    if (*p != '\\') {
      fail(errc::control_character, p, "raw control character in string (escape it)");
      return nullptr;
    }
  }
  const auto raw = static_cast<std::size_t>(p - body);
  if (Decode) {
    const auto n = static_cast<std::size_t>(o - o0);
    ps_.arena_len_ += n;
    tok = json_string{o0, n, off(body) - 1, raw, flags};
  } else {
    tok = json_string{body, raw, off(body) - 1, raw, flags};
  }
  return p + 1;
}

// p: at '-' or a digit. RFC 8259 §6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
template <class Handler>
JSONSIG_ALWAYS_INLINE const char* parse_run<Handler>::parse_number(const char* p,
                                                                   json_number& tok) noexcept {
#if JSONSIG_X86_SIMD
  // One 32-byte digit mask instead of a chain of byte tests and 8-byte digit runs (each waiting
  // for the last to end): it gives the integer run and the fraction run at once. Taken for the
  // plain shapes -?(0|[1-9][0-9]*)(\.[0-9]+)? that end inside the window on a byte other than
  // 'e'/'E'; anything else (exponents, long or malformed numbers, the last 31 bytes of the
  // input) goes through the byte-wise code below, which also words the errors. A plain number
  // of at most 31 bytes cannot overflow binary64.
  if (JSONSIG_LIKELY(end_ - p >= 32)) {
    const auto digits = [](const char* at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      const __m128i x = _mm_sub_epi8(v, _mm_set1_epi8('0'));
      return static_cast<std::uint64_t>(static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(9)), x))));
    };
    // Non-digit bytes; bits 32..63 (past the window) count as such.
    const std::uint64_t other = ~(digits(p) | digits(p + 16) << 16);
    const unsigned s = *p == '-' ? 1u : 0u;
    const auto int_len = static_cast<unsigned>(__builtin_ctzll(other >> s));
    unsigned k = s + int_len;
    bool ok = int_len != 0 && (int_len == 1 || p[s] != '0') && k < 32;
    bool integer = true;
    if (ok && p[k] == '.') {
      const auto frac_len = static_cast<unsigned>(__builtin_ctzll(other >> (k + 1)));
      ok = frac_len != 0;
      k += 1 + frac_len;
      integer = false;
    }
    if (JSONSIG_LIKELY(ok && k < 32 && (p[k] | 0x20) != 'e')) {
      tok = json_number{p, k, off(p), integer};
      if (integer && too_many_digits(p, k - s)) return nullptr;
      return p + k;
    }
  }
#endif
  return parse_number_bytewise(p, tok);
}

// Any number, byte by byte; the errors are worded here. Out of line where the block reader above
// takes nearly all numbers (it keeps the parse loop compact), inline where it is all there is.
#if JSONSIG_X86_SIMD
#define JSONSIG_PARSE_NUMBER_BYTEWISE_INLINE JSONSIG_NOINLINE
#else
#define JSONSIG_PARSE_NUMBER_BYTEWISE_INLINE JSONSIG_ALWAYS_INLINE
#endif
template <class Handler>
JSONSIG_PARSE_NUMBER_BYTEWISE_INLINE const char* parse_run<Handler>::parse_number_bytewise(
    const char* p, json_number& tok) noexcept {
  const char* const start = p;
  if (*p == '-') {
    ++p;
    if (p == end_) {
      fail(errc::unexpected_end, p, "expected a digit after '-'");
      return nullptr;
    }
  }
  if (*p == '0') {
    ++p;
    if (p != end_ && detail::is_digit(*p)) {
      fail(errc::invalid_number, p, "leading zeros are not allowed");
      return nullptr;
    }
  } else if (detail::is_digit(*p)) {
    p = detail::skip_digits(p + 1, end_);
  } else {
    fail(errc::invalid_number, p, "expected a digit");
    return nullptr;
  }
  bool integer = true;
  if (p != end_ && *p == '.') {
    integer = false;
    ++p;
    if (p == end_ || !detail::is_digit(*p)) {
      fail(p == end_ ? errc::unexpected_end : errc::invalid_number, p,
           "expected a digit after the decimal point");
      return nullptr;
    }
    p = detail::skip_digits(p + 1, end_);
  }
  if (p != end_ && (*p | 0x20) == 'e') {
    integer = false;
    ++p;
    if (p != end_ && (*p == '+' || *p == '-')) ++p;
    if (p == end_ || !detail::is_digit(*p)) {
      fail(p == end_ ? errc::unexpected_end : errc::invalid_number, p,
           "expected a digit in the exponent");
      return nullptr;
    }
    p = detail::skip_digits(p + 1, end_);
  }
  const auto n = static_cast<std::size_t>(p - start);
  tok = json_number{start, n, off(start), integer};
  if (integer && too_many_digits(start, n - (*start == '-' ? 1u : 0u))) return nullptr;
  if (ps_.opt_.reject_non_finite && detail::lexeme_overflows(tok.view())) {
    fail(errc::non_finite_number, start, "number overflows to infinity");
    return nullptr;
  }
  return p;
}
#undef JSONSIG_PARSE_NUMBER_BYTEWISE_INLINE

template <class Handler>
const char* parse_run<Handler>::parse_literal(const char* p, const char* word,
                                              std::size_t n) noexcept {
  const std::size_t avail = off_end(p) < n ? off_end(p) : n;
  for (std::size_t i = 0; i < avail; ++i) {
    if (p[i] != word[i]) {
      fail(errc::syntax, p + i, "invalid literal (expected true, false or null)");
      return nullptr;
    }
  }
  if (avail < n) {
    fail(errc::unexpected_end, end_, "input ends inside a literal");
    return nullptr;
  }
  return p + n;
}

template <class Handler>
void parse_run<Handler>::run() {
  auto& stack = ps_.stack_;
  stack.clear();
  ps_.arena_len_ = 0;
  ps_.arena_ready_ = false;
  const std::size_t max_depth = ps_.opt_.max_depth;
  const char* p = begin_;
  json_string str{};
  json_number num{};

value:
  p = skip_ws(p);
  if (p == end_) {
    fail(errc::unexpected_end, p, "expected a value");
    return;
  }
  switch (*p) {
    case '"':
      p = parse_string<!wants_raw_values<Handler>::value>(p + 1, str);
      if (p == nullptr) return;
      h_.on_string(str);
      goto after_value;
    case '{':
      if (stack.size() >= max_depth) {
        fail(errc::too_deep, p, "nesting deeper than max_depth");
        return;
      }
      h_.on_object_begin(off(p));
      p = skip_ws(p + 1);
      if (p != end_ && *p == '}') {
        h_.on_object_end(off(p));
        ++p;
        goto after_value;
      }
      stack.push_back(1);
      goto key;
    case '[':
      if (stack.size() >= max_depth) {
        fail(errc::too_deep, p, "nesting deeper than max_depth");
        return;
      }
      h_.on_array_begin(off(p));
      p = skip_ws(p + 1);
      if (p != end_ && *p == ']') {
        h_.on_array_end(off(p));
        ++p;
        goto after_value;
      }
      stack.push_back(0);
      goto value;
    case 't':
      if ((p = parse_literal(p, "true", 4)) == nullptr) return;
      h_.on_literal(json_literal::true_value, off(p) - 4);
      goto after_value;
    case 'f':
      if ((p = parse_literal(p, "false", 5)) == nullptr) return;
      h_.on_literal(json_literal::false_value, off(p) - 5);
      goto after_value;
    case 'n':
      if ((p = parse_literal(p, "null", 4)) == nullptr) return;
      h_.on_literal(json_literal::null_value, off(p) - 4);
      goto after_value;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      p = parse_number(p, num);
      if (p == nullptr) return;
      h_.on_number(num);
      goto after_value;
    default:
      unexpected(p, errc::syntax, "expected a value");
      return;
  }

key:  // p: first non-whitespace byte where a member must start
  if (p == end_) {
    fail(errc::unexpected_end, p, "expected a string key");
    return;
  }
  if (*p != '"') {
    unexpected(p, errc::syntax, "expected a string key");
    return;
  }
  p = parse_string<true>(p + 1, str);
  if (p == nullptr) return;
  h_.on_key(str);
  p = skip_ws(p);
  if (p == end_) {
    fail(errc::unexpected_end, p, "expected ':' after object key");
    return;
  }
  if (*p != ':') {
    unexpected(p, errc::syntax, "expected ':' after object key");
    return;
  }
  ++p;
  goto value;

after_value:
  p = skip_ws(p);
  if (stack.empty()) {
    if (p != end_) {
      if (static_cast<uchar>(*p) >= 0x80) {
        unexpected(p, errc::trailing_data, "expected end of input after the json value");
      } else {
        fail(errc::trailing_data, p, "expected end of input after the json value");
      }
    }
    return;
  }
  if (stack.back() == 0) {
    if (p != end_ && *p == ',') {
      ++p;
      goto value;
    }
    if (p != end_ && *p == ']') {
      h_.on_array_end(off(p));
      stack.pop_back();
      ++p;
      goto after_value;
    }
    if (p == end_) {
      fail(errc::unexpected_end, p, "expected ',' or ']' after array element");
    } else {
      unexpected(p, errc::syntax, "expected ',' or ']' after array element");
    }
    return;
  }
  if (p != end_ && *p == ',') {
    p = skip_ws(p + 1);
    goto key;
  }
  if (p != end_ && *p == '}') {
    h_.on_object_end(off(p));
    stack.pop_back();
    ++p;
    goto after_value;
  }
  if (p == end_) {
    fail(errc::unexpected_end, p, "expected ',' or '}' after object member");
  } else {
    unexpected(p, errc::syntax, "expected ',' or '}' after object member");
  }
}

}  // namespace detail

template <class Handler>
void json_parser::parse(std::string_view json, Handler& h, error_info& err) {
  err.clear();
  detail::parse_run<Handler>(*this, json, h, err).run();
}

/// Checks that `json` is one strict RFC 8259 document under `opt`; err says where it is not.
inline void validate_json(std::string_view json, const parse_options& opt, error_info& err) {
  json_parser ps(opt);
  null_handler h;
  ps.parse(json, h, err);
}

#if JSONSIG_EXCEPTIONS
/// Throwing form: jsonsig::error with line and column.
inline void validate_json(std::string_view json, const parse_options& opt = parse_options{}) {
  error_info err;
  validate_json(json, opt, err);
  if (err) throw error(err, json);
}
#endif

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_JSON_PARSER_HPP
