// SPDX-License-Identifier: MIT
// String output of the profiles, from the decoded (UTF-8 / WTF-8) bytes of a JSON string.
//
//   js, jcs  JSON.stringify, ECMA-262 §25.5.2.3 QuoteJSONString (RFC 8785 §3.2.2.2 is the same):
//            \" \\ \b \t \n \f \r, any other code unit < 0x20 as \u00xx, a lone surrogate as
//            \udxxx (lowercase hex), everything else as itself (DEL and '/' included).
//   python   json.dumps(ensure_ascii=True), CPython Lib/json/encoder.py py_encode_basestring_ascii
//            (and its C twin): \" \\ \n \r \t \b \f, every other character outside 0x20..0x7E
//            as \uxxxx, a supplementary one as its surrogate pair, a lone surrogate as itself.
//
// `Out` is the canonical writer's buffer: ensure(n) returns room for n <= 64 bytes, advance(n)
// commits them, write(p, n) appends any run, put(c) one byte.
#ifndef JSONSIG_DETAIL_ESCAPE_HPP
#define JSONSIG_DETAIL_ESCAPE_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "../config.hpp"
#include "scan.hpp"
#include "utf8.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace escape {

inline constexpr char hex_lower[] = "0123456789abcdef";

/// Writes \uXXXX (lowercase) for the code unit u; returns 6.
inline std::size_t write_u(std::uint32_t u, char* o) noexcept {
  o[0] = '\\';
  o[1] = 'u';
  o[2] = hex_lower[(u >> 12) & 0xF];
  o[3] = hex_lower[(u >> 8) & 0xF];
  o[4] = hex_lower[(u >> 4) & 0xF];
  o[5] = hex_lower[u & 0xF];
  return 6;
}

/// The escape of an ASCII byte both serializers rewrite ('"', '\\', < 0x20, and DEL for
/// Python): the two-character forms they share, else \u00xx. Returns the length written.
inline std::size_t write_ascii_escape(unsigned char c, char* o) noexcept {
  char short_form = 0;
  switch (c) {
    case '"': short_form = '"'; break;
    case '\\': short_form = '\\'; break;
    case '\b': short_form = 'b'; break;
    case '\f': short_form = 'f'; break;
    case '\n': short_form = 'n'; break;
    case '\r': short_form = 'r'; break;
    case '\t': short_form = 't'; break;
    default: return write_u(c, o);
  }
  o[0] = '\\';
  o[1] = short_form;
  return 2;
}

/// Offset of the first WTF-8 surrogate (ED A0..BF xx) in p[0..n), or n.
inline std::size_t find_surrogate(const char* p, std::size_t n) noexcept {
  std::size_t i = 0;
  while (i < n) {
    const void* hit = std::memchr(p + i, 0xED, n - i);
    if (hit == nullptr) return n;
    i = static_cast<std::size_t>(static_cast<const char*>(hit) - p);
    if (i + 2 < n && static_cast<unsigned char>(p[i + 1]) >= 0xA0) return i;
    ++i;
  }
  return n;
}

/// JSON.stringify's quoting of p[0..n). `lone_surrogates`: the bytes may hold WTF-8
/// surrogates (only strings decoded from \u escapes can), which are written as \udxxx.
template <class Out>
void write_js(Out& out, const char* p, std::size_t n, bool lone_surrogates) {
  out.put('"');
  std::size_t i = 0;
  while (i < n) {
    unsigned high = 0;
    std::size_t k = scan::find_string_special(p + i, n - i, high);
    std::size_t s = k;
    if (lone_surrogates && high != 0) s = find_surrogate(p + i, k);
    out.write(p + i, s);
    i += s;
    if (i == n) break;
    char* o = out.ensure(8);
    if (s < k) {  // a surrogate: ED A0..BF xx is U+D800..U+DFFF
      const auto* u = reinterpret_cast<const unsigned char*>(p + i);
      out.advance(write_u(utf8::decode(u, 3), o));
      i += 3;
    } else {
      out.advance(write_ascii_escape(static_cast<unsigned char>(p[i]), o));
      ++i;
    }
  }
  out.put('"');
}

/// Python's ensure_ascii quoting of p[0..n) (valid UTF-8 or WTF-8).
template <class Out>
void write_py(Out& out, const char* p, std::size_t n) {
  out.put('"');
  std::size_t i = 0;
  while (i < n) {
    const std::size_t k = scan::find_py_special(p + i, n - i);
    out.write(p + i, k);
    i += k;
    // A run of escapes (typical for non-Latin text): stay in this loop until plain ASCII.
    while (i < n) {
      const auto c = static_cast<unsigned char>(p[i]);
      if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') break;
      char* o = out.ensure(16);
      if (c < 0x80) {
        out.advance(write_ascii_escape(c, o));
        ++i;
        continue;
      }
      std::size_t len = utf8::lead_length(c);
      if (len > n - i) len = n - i;  // unreachable for valid input; keeps the reads in bounds
      const std::uint32_t cp = utf8::decode(reinterpret_cast<const unsigned char*>(p + i), len);
      i += len;
      if (cp < 0x10000) {
        out.advance(write_u(cp, o));
      } else {  // UTF-16 surrogate pair (RFC 8259 §7)
        const std::uint32_t v = cp - 0x10000;
        write_u(0xD800 + (v >> 10), o);
        write_u(0xDC00 + (v & 0x3FF), o + 6);
        out.advance(12);
      }
    }
  }
  out.put('"');
}

}  // namespace escape
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_ESCAPE_HPP
