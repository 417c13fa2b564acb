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

// "000102...feff": the two lowercase hex digits of every byte.
struct hex_pair_table {
  char v[512];
  constexpr hex_pair_table() : v() {
    const char* digits = "0123456789abcdef";
    for (int i = 0; i < 256; ++i) {
      v[2 * i] = digits[i >> 4];
      v[2 * i + 1] = digits[i & 15];
    }
  }
};
inline constexpr hex_pair_table hex_pairs{};

/// Writes \uXXXX (lowercase) for the code unit u (<= 0xFFFF); returns 6.
inline std::size_t write_u(std::uint32_t u, char* o) noexcept {
  o[0] = '\\';
  o[1] = 'u';
  std::memcpy(o + 2, hex_pairs.v + 2 * ((u >> 8) & 0xFF), 2);
  std::memcpy(o + 4, hex_pairs.v + 2 * (u & 0xFF), 2);
  return 6;
}

/// The escape of an ASCII byte both serializers rewrite ('"', '\\', < 0x20, and DEL for
/// Python): the two-character forms they share, else \u00xx. Returns the length written.
inline std::size_t write_ascii_escape(unsigned char c, char* o) noexcept {
  char short_form = 0;
  switch (c) {
    case '"':
      short_form = '"';
      break;
    case '\\':
      short_form = '\\';
      break;
    case '\b':
      short_form = 'b';
      break;
    case '\f':
      short_form = 'f';
      break;
    case '\n':
      short_form = 'n';
      break;
    case '\r':
      short_form = 'r';
      break;
    case '\t':
      short_form = 't';
      break;
    default:
      return write_u(c, o);
  }
  o[0] = '\\';
  o[1] = short_form;
  return 2;
}

/// JSON.stringify's quoting of p[0..n), valid UTF-8 text.
template <class Out>
void write_js(Out& out, const char* p, std::size_t n) {
  out.put('"');
  std::size_t i = 0;
  while (i < n) {
    unsigned high = 0;
    const std::size_t k = scan::find_string_special(p + i, n - i, high);
    out.write(p + i, k);
    i += k;
    if (i == n) break;
    out.advance(write_ascii_escape(static_cast<unsigned char>(p[i]), out.ensure(8)));
    ++i;
  }
  out.put('"');
}

/// Python's ensure_ascii quoting of p[0..n) (valid UTF-8 or WTF-8); `readable` >= n bytes at p
/// may be read (lets short strings be scanned with one vector load).
template <class Out>
void write_py(Out& out, const char* p, std::size_t n, std::size_t readable) {
  out.put('"');
  std::size_t i = 0;
  while (i < n) {
    const std::size_t k = scan::find_py_special(p + i, n - i, readable - i);
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
      const auto* u = reinterpret_cast<const unsigned char*>(p + i);
      // Valid UTF-8 (the parser and the builder checked it), so the continuation bytes exist;
      // the lead byte says how many.
      if (c < 0xE0) {  // Latin, Greek, Cyrillic, ...: two bytes
        out.advance(write_u((std::uint32_t{c & 0x1Fu} << 6) | (u[1] & 0x3Fu), o));
        i += 2;
      } else if (c < 0xF0) {  // the rest of the BMP: three bytes
        out.advance(write_u(
            (std::uint32_t{c & 0x0Fu} << 12) | (std::uint32_t{u[1] & 0x3Fu} << 6) | (u[2] & 0x3Fu),
            o));
        i += 3;
      } else {  // supplementary: a UTF-16 surrogate pair (RFC 8259 §7)
        const std::uint32_t v = utf8::decode(u, 4) - 0x10000;
        write_u(0xD800 + (v >> 10), o);
        write_u(0xDC00 + (v & 0x3FF), o + 6);
        out.advance(12);
        i += 4;
      }
    }
  }
  out.put('"');
}

/// Decodes the escape at p (p[0] == '\\') of valid JSON string text ending at end; returns the
/// code point (a \uD8xx\uDCxx pair combined, a lone surrogate as itself) and sets `used`.
inline std::uint32_t decode_escape(const char* p, const char* end, std::size_t& used) noexcept {
  used = 2;
  switch (p[1]) {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'u':
      break;
    default:
      return static_cast<unsigned char>(p[1]);  // '"', '\\', '/'
  }
  auto hex4 = [](const char* h) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const auto c = static_cast<unsigned char>(h[i]);
      v = (v << 4) | (c <= '9' ? c - '0' : (c | 0x20u) - 'a' + 10);
    }
    return v;
  };
  used = 6;
  const std::uint32_t u = hex4(p + 2);
  if (u >= 0xD800 && u <= 0xDBFF && end - p >= 12 && p[6] == '\\' && p[7] == 'u') {
    const std::uint32_t lo = hex4(p + 8);
    if (lo >= 0xDC00 && lo <= 0xDFFF) {
      used = 12;
      return 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
    }
  }
  return u;
}

/// JSON.stringify's quoting of the string whose JSON body (between the quotes, escapes as
/// written, already validated) is raw[0..n): the same bytes as write_js of the decoded text.
template <class Out>
void write_js_raw(Out& out, const char* raw, std::size_t n) {
  out.put('"');
  const char* p = raw;
  const char* const end = raw + n;
  while (p != end) {
    unsigned high = 0;
    const std::size_t k = scan::find_string_special(p, static_cast<std::size_t>(end - p), high);
    out.write(p, k);  // no '"' or control byte can be raw in valid JSON: k stops at a backslash
    p += k;
    if (p == end) break;
    std::size_t used = 0;
    const std::uint32_t cp = decode_escape(p, end, used);
    p += used;
    char* o = out.ensure(8);
    if (cp < 0x20 || cp == '"' || cp == '\\') {
      out.advance(write_ascii_escape(static_cast<unsigned char>(cp), o));
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      out.advance(write_u(cp, o));  // lone surrogate
    } else {
      out.advance(utf8::encode(cp, o));
    }
  }
  out.put('"');
}

/// Python's ensure_ascii quoting of the string whose valid JSON body is raw[0..n).
template <class Out>
void write_py_raw(Out& out, const char* raw, std::size_t n, std::size_t readable) {
  out.put('"');
  const char* p = raw;
  const char* const end = raw + n;
  while (p != end) {
    const std::size_t k = scan::find_py_special(p, static_cast<std::size_t>(end - p),
                                                readable - static_cast<std::size_t>(p - raw));
    out.write(p, k);
    p += k;
    if (p == end) break;
    std::uint32_t cp;
    if (*p == '\\') {
      std::size_t used = 0;
      cp = decode_escape(p, end, used);
      p += used;
    } else {
      const auto c = static_cast<unsigned char>(*p);
      std::size_t len = utf8::lead_length(c);
      if (len > static_cast<std::size_t>(end - p)) len = static_cast<std::size_t>(end - p);
      cp = utf8::decode(reinterpret_cast<const unsigned char*>(p), len);
      p += len;
    }
    char* o = out.ensure(16);
    if (cp < 0x80) {
      if (cp >= 0x20 && cp <= 0x7E && cp != '"' && cp != '\\') {
        *o = static_cast<char>(cp);
        out.advance(1);
      } else {
        out.advance(write_ascii_escape(static_cast<unsigned char>(cp), o));
      }
    } else if (cp < 0x10000) {
      out.advance(write_u(cp, o));
    } else {
      const std::uint32_t v = cp - 0x10000;
      write_u(0xD800 + (v >> 10), o);
      write_u(0xDC00 + (v & 0x3FF), o + 6);
      out.advance(12);
    }
  }
  out.put('"');
}

}  // namespace escape
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_ESCAPE_HPP
