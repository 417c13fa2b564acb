// SPDX-License-Identifier: MIT
// Member order of the three profiles, computed on UTF-8 (WTF-8) bytes without transcoding.
//
//   code_point  Python's sort_keys: str compares by code point. UTF-8 byte order is code point
//               order (RFC 3629 §1), and WTF-8 extends that to lone surrogates.
//   utf16       RFC 8785 §3.2.3 and JS Array.prototype.sort: UTF-16 code units. Byte order
//               agrees with it except where one string has a supplementary character (4-byte
//               form, lead F0..F4, high surrogate D800..DBFF in UTF-16) and the other, at the
//               same place, a code point >= U+D800 from the BMP: U+E000..U+FFFF sorts *after*
//               the surrogate pair in UTF-16, and a lone surrogate compares by its code unit.
//               So bytes are compared with memcmp-like words and only that first differing code
//               point is looked at again.
//   js          utf16, except that array-index keys (canonical decimal integers 0..2^32-2,
//               ECMA-262 §6.1.7) come first in ascending numeric order: JS objects enumerate
//               own keys that way whatever the insertion order (OrdinaryOwnPropertyKeys,
//               ECMA-262 §10.1.11.1), so Object.keys(o).sort() re-inserted into a fresh object
//               prints them first.
#ifndef JSONSIG_DETAIL_KEY_ORDER_HPP
#define JSONSIG_DETAIL_KEY_ORDER_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "../config.hpp"
#include "utf8.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {

enum class key_order : std::uint8_t { code_point, utf16, js };

/// True when s is a canonical array index (ECMA-262 §6.1.7: an integer index below 2^32 - 1
/// whose ToString is s itself): "0", or 1-10 digits without a leading zero, value <= 4294967294.
inline bool parse_array_index(const char* s, std::size_t n, std::uint32_t& value) noexcept {
  if (n == 0 || n > 10) return false;
  if (s[0] == '0') {
    value = 0;
    return n == 1;
  }
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned d = static_cast<unsigned char>(s[i]) - unsigned{'0'};
    if (d > 9) return false;
    v = v * 10 + d;
  }
  if (v > 4294967294u) return false;
  value = static_cast<std::uint32_t>(v);
  return true;
}

/// The first 8 bytes of s as a big-endian integer, zero padded: comparing heads compares the
/// first 8 bytes in byte order (a shorter string pads with 0 below any real byte but U+0000,
/// which the full comparison then settles by length).
inline std::uint64_t key_head(const char* s, std::size_t n) noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  std::uint64_t v = 0;
  std::memcpy(&v, s, n < 8 ? n : 8);
  return __builtin_bswap64(v);
#else
  unsigned char b[8] = {};
  std::memcpy(b, s, n < 8 ? n : 8);
  std::uint64_t v = 0;
  for (unsigned char c : b) v = (v << 8) | c;
  return v;
#endif
}

/// key_head when 8 bytes at s are readable: one load and a mask.
inline std::uint64_t key_head_unpadded(const char* s, std::size_t n) noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  std::uint64_t v;
  std::memcpy(&v, s, 8);
  v = __builtin_bswap64(v);
  return n >= 8 ? v : v & ~(~std::uint64_t{0} >> (8 * n));
#else
  return key_head(s, n);
#endif
}

/// Count of leading zero bits; x != 0.
inline unsigned count_leading_zeros(std::uint64_t x) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<unsigned>(__builtin_clzll(x));
#else
  unsigned n = 0;
  while ((x & (std::uint64_t{1} << 63)) == 0) {
    x <<= 1;
    ++n;
  }
  return n;
#endif
}

/// One object member while its object is being sorted.
struct key_entry {
  std::uint64_t head;  // key_head(), or for an array-index key (js order) its value
  std::uint32_t off;   // key bytes: offset into the input or into the arena (flags & in_arena)
  std::uint32_t len;
  std::uint32_t vnode;  // tape index of the member's value; increases in document order
  std::uint32_t flags;
  static constexpr std::uint32_t in_arena = 1;
  static constexpr std::uint32_t array_index = 2;
};

/// Steps through WTF-8 as UTF-16 code units (supplementary characters give two units).
class utf16_units {
 public:
  utf16_units(const unsigned char* p, const unsigned char* end) noexcept : p_(p), end_(end) {}
  /// The next unit, or -1 at the end.
  long next() noexcept {
    if (pending_ != 0) {
      const long u = pending_;
      pending_ = 0;
      return u;
    }
    if (p_ == end_) return -1;
    std::size_t len = utf8::lead_length(*p_);
    if (len > static_cast<std::size_t>(end_ - p_)) len = static_cast<std::size_t>(end_ - p_);
    const std::uint32_t cp = utf8::decode(p_, len);
    p_ += len;
    if (cp < 0x10000) return static_cast<long>(cp);
    pending_ = 0xDC00 + ((cp - 0x10000) & 0x3FF);
    return static_cast<long>(0xD800 + ((cp - 0x10000) >> 10));
  }

 private:
  const unsigned char* p_;
  const unsigned char* end_;
  long pending_ = 0;
};

/// UTF-16 comparison of a[i..) and b[i..), where i is a code point boundary in both.
inline int compare_utf16_from(const unsigned char* a, std::size_t la, const unsigned char* b,
                              std::size_t lb, std::size_t i) noexcept {
  utf16_units ua(a + i, a + la), ub(b + i, b + lb);
  for (;;) {
    const long x = ua.next(), y = ub.next();
    if (x != y) return x < y ? -1 : 1;  // -1 (the end) sorts first: a prefix is smaller
    if (x < 0) return 0;
  }
}

/// Orders two differing bytes x = a[i], y = b[i] at the first difference of a and b.
inline int order_at(key_order order, const unsigned char* a, std::size_t la, const unsigned char* b,
                    std::size_t lb, std::size_t i, unsigned x, unsigned y) noexcept {
  // Lead bytes >= ED on both sides, exactly one of them a 4-byte lead: the UTF-16 order may
  // differ (see the top of this file). Below ED, or both 4-byte, or continuation bytes (equal
  // leads), byte order is UTF-16 order.
  if (order != key_order::code_point && x >= 0xED && y >= 0xED && ((x >= 0xF0) != (y >= 0xF0)))
    return compare_utf16_from(a, la, b, lb, i);
  return x < y ? -1 : 1;
}

/// Index of the first difference of a[from..n) and b[from..n), or n.
inline std::size_t first_difference(const unsigned char* a, const unsigned char* b,
                                    std::size_t from, std::size_t n) noexcept {
  std::size_t i = from;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) break;
  }
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

/// Compares two keys whose first 8 bytes are equal (the rare case): <0, 0, >0.
template <key_order order>
JSONSIG_NOINLINE int compare_tails(const key_entry& a, const key_entry& b,
                                   const char* const base[2]) noexcept {
  const auto* pa =
      reinterpret_cast<const unsigned char*>(base[a.flags & key_entry::in_arena] + a.off);
  const auto* pb =
      reinterpret_cast<const unsigned char*>(base[b.flags & key_entry::in_arena] + b.off);
  const std::size_t n = a.len < b.len ? a.len : b.len;
  if (n > 8) {
    const std::size_t i = first_difference(pa, pb, 8, n);
    if (i < n) return order_at(order, pa, a.len, pb, b.len, i, pa[i], pb[i]);
  }
  return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

/// Compares keys of one object in the given order: <0, 0 (equal strings), >0.
/// `base[0]` is the input, `base[1]` the arena; entries carry offsets into one of them.
template <key_order order>
JSONSIG_ALWAYS_INLINE int compare_keys(const key_entry& a, const key_entry& b,
                                       const char* const base[2]) noexcept {
  if (order == key_order::js) {
    const std::uint32_t ia = a.flags & key_entry::array_index,
                        ib = b.flags & key_entry::array_index;
    if (ia != ib) return ia != 0 ? -1 : 1;
    if (ia != 0) return a.head < b.head ? -1 : a.head > b.head ? 1 : 0;
  }
  if (JSONSIG_LIKELY(a.head != b.head)) {
    if (order != key_order::code_point) {
      // The first differing byte decides, unless it is where UTF-16 and byte order part.
      const std::uint64_t d = a.head ^ b.head;
      const unsigned shift = 56 - (count_leading_zeros(d) & ~7u);
      const unsigned x = static_cast<unsigned>(a.head >> shift) & 0xFFu;
      const unsigned y = static_cast<unsigned>(b.head >> shift) & 0xFFu;
      if (JSONSIG_UNLIKELY(x >= 0xED && y >= 0xED && ((x >= 0xF0) != (y >= 0xF0)))) {
        return compare_utf16_from(
            reinterpret_cast<const unsigned char*>(base[a.flags & key_entry::in_arena] + a.off),
            a.len,
            reinterpret_cast<const unsigned char*>(base[b.flags & key_entry::in_arena] + b.off),
            b.len, (56 - shift) / 8);
      }
    }
    return a.head < b.head ? -1 : 1;
  }
  return compare_tails<order>(a, b, base);
}

template <key_order order>
void sort_keys_in(key_entry* first, key_entry* last, const char* const base[2]) {
  const std::size_t n = static_cast<std::size_t>(last - first);
  if (n <= 24) {
    for (std::size_t i = 1; i < n; ++i) {
      if (compare_keys<order>(first[i - 1], first[i], base) <= 0) continue;
      const key_entry v = first[i];
      std::size_t j = i;
      do {
        first[j] = first[j - 1];
        --j;
      } while (j > 0 && compare_keys<order>(first[j - 1], v, base) > 0);
      first[j] = v;
    }
    return;
  }
  bool sorted = true;
  for (std::size_t i = 1; i < n && sorted; ++i)
    sorted = compare_keys<order>(first[i - 1], first[i], base) <= 0;
  if (sorted) return;
  // vnode increases in document order, so it makes the unstable sort stable.
  std::sort(first, last, [base](const key_entry& a, const key_entry& b) {
    const int c = compare_keys<order>(a, b, base);
    return c < 0 || (c == 0 && a.vnode < b.vnode);
  });
}

/// Sorts entries [first, last) into the order, stably (equal keys stay in document order, which
/// the caller's "last one wins" relies on). Small objects (the usual case) use insertion sort,
/// which is also linear on already sorted input; larger ones check for sortedness first.
inline void sort_keys(key_order order, key_entry* first, key_entry* last,
                      const char* const base[2]) {
  if (last - first < 2) return;
  switch (order) {
    case key_order::code_point:
      sort_keys_in<key_order::code_point>(first, last, base);
      break;
    case key_order::utf16:
      sort_keys_in<key_order::utf16>(first, last, base);
      break;
    case key_order::js:
      sort_keys_in<key_order::js>(first, last, base);
      break;
  }
}

/// Equal keys (same bytes); cheap rejection by head and length first.
inline bool same_key(const key_entry& a, const key_entry& b, const char* const base[2]) noexcept {
  if (a.head != b.head || a.len != b.len || ((a.flags ^ b.flags) & key_entry::array_index) != 0)
    return false;
  if (a.len <= 8) return true;  // the heads hold every byte
  return std::memcmp(base[a.flags & key_entry::in_arena] + a.off + 8,
                     base[b.flags & key_entry::in_arena] + b.off + 8, a.len - 8) == 0;
}

}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_KEY_ORDER_HPP
