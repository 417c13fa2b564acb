// SPDX-License-Identifier: MIT
// The canonical writer's document form: a flat array of 16-byte nodes in document order, plus,
// per object, its member list already sorted in the profile's key order with duplicates
// resolved. Built by the parser (through tape_handler) or by the builder API; read by the
// emitter. Nothing here recurses.
//
//   kind    a                 b                 c
//   null/false/true           -                 -
//   number  offset            length            builder: call index   (builder: value in a|b)
//   string  offset            length            source offset (keys: duplicate reports)
//   leaf    offset of '['     length to ']'     -
//   array   -                 -                 index one past its last descendant
//   object  first member      member count      index one past its last descendant
//
// Strings and numbers from the parser are the input bytes as written (flag_escaped: the string
// body holds escapes, and the writer transcodes it); the builder's are decoded text in its
// arena (flag_in_arena). A *leaf* is an array from the input with no object anywhere inside
// (scalars and arrays of them, at any depth): nothing in it needs sorting, so its contents get
// no nodes at all and the writer reads them again from the input. The number arrays of a mesh
// and a whole GeoJSON coordinates tree ([[[x, y], ...]]) cost one node each, not one per number
// or per point.
// members[] holds the tape index of each member's value; its key node is the node before it.
// 32-bit fields bound a document to 4 GiB - 1, checked once at the entry points.
#ifndef JSONSIG_DETAIL_TAPE_HPP
#define JSONSIG_DETAIL_TAPE_HPP

#include <cstddef>
#include <cstdint>
#include <memory>

#include "../config.hpp"
#include "key_order.hpp"
#include "pod_vector.hpp"
#include "scan.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {

struct node {
  std::uint32_t tag;  // kind | flags << 8
  std::uint32_t a;
  std::uint32_t b;
  std::uint32_t c;
};

enum node_kind : std::uint32_t {
  kind_null = 0,
  kind_false = 1,
  kind_true = 2,
  kind_number = 3,
  kind_string = 4,
  kind_leaf = 5,   // an array with no object inside, read again from the input
  kind_array = 6,  // from here on: containers, with children on the tape
  kind_object = 7,
};

inline constexpr std::uint32_t kind_of(const node& n) noexcept { return n.tag & 0xFFu; }
inline constexpr std::uint32_t flags_of(const node& n) noexcept { return n.tag >> 8; }
inline constexpr bool is_container(std::uint32_t kind) noexcept { return kind >= kind_array; }

// Flags of strings and numbers.
inline constexpr std::uint32_t flag_in_arena = 1;   // decoded text / lexeme in the builder's arena
inline constexpr std::uint32_t flag_escaped = 2;    // input string body that holds escapes
inline constexpr std::uint32_t flag_integer = 4;    // number lexeme without fraction or exponent
inline constexpr std::uint32_t flag_i64 = 8;        // builder: a|b hold an int64_t
inline constexpr std::uint32_t flag_u64 = 16;       // builder: a|b hold a uint64_t
inline constexpr std::uint32_t flag_f64 = 32;       // builder: a|b hold a double's bits
inline constexpr std::uint32_t flag_exponent = 64;  // re-read number lexeme with an exponent
inline constexpr std::uint32_t flag_nested = 128;   // leaf with arrays inside

inline constexpr std::uint32_t max_document_size = 0xFFFFFFFFu;
inline constexpr std::size_t no_duplicate = static_cast<std::size_t>(-1);

/// One scalar read again from (valid) input: a string body as written, a number lexeme or a
/// literal.
struct raw_scalar {
  std::uint32_t kind;
  std::uint32_t flags;  // flag_escaped, flag_integer, flag_exponent
  const char* data;     // string: the body between the quotes
  std::size_t size;
  std::size_t dot;  // number: index of its '.', or size
};

/// Reads the scalar starting at p in text already validated by the parser; returns the byte
/// after it. `end` bounds the scalar; `limit` (>= end) the readable input.
JSONSIG_ALWAYS_INLINE const char* read_scalar(const char* p, const char* end, const char* limit,
                                              raw_scalar& t) noexcept {
  switch (*p) {
    case '"': {
      const char* body = p + 1;
      const char* q = body;
      std::uint32_t flags = 0;
      for (;;) {
        unsigned high = 0;  // (the bytes were validated already)
        q += scan::find_string_special(q, static_cast<std::size_t>(end - q), high);
        if (*q == '"') break;
        flags = flag_escaped;  // a backslash: its escaped character cannot end the string
        q += 2;
      }
      t = raw_scalar{kind_string, flags, body, static_cast<std::size_t>(q - body), 0};
      return q + 1;
    }
    case 't':
      t = raw_scalar{kind_true, 0, p, 4, 0};
      return p + 4;
    case 'f':
      t = raw_scalar{kind_false, 0, p, 5, 0};
      return p + 5;
    case 'n':
      t = raw_scalar{kind_null, 0, p, 4, 0};
      return p + 4;
    default: {
      // A number ends at ',', ']', '}' or whitespace (bytes <= 0x20) in valid JSON text; its
      // '.' and 'e'/'E' tell integers, plain decimals and exponent forms apart.
      const char* q = p;
      std::size_t dot = static_cast<std::size_t>(-1);
      bool exponent = false;
#if JSONSIG_X86_SIMD
      while (limit - q >= 16) {  // once, unless the number is longer than 16 bytes
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
        const __m128i stop = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8(']'))),
            _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8('}')),
                _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x20))));
        const auto m = static_cast<unsigned>(_mm_movemask_epi8(stop));
        auto dots = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
        auto exps = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('e'))));
        if (JSONSIG_LIKELY(m != 0)) {
          const unsigned len = static_cast<unsigned>(__builtin_ctz(m));
          const unsigned in = (1u << len) - 1u;
          dots &= in;
          exps &= in;
          if (dots != 0) {
            dot = static_cast<std::size_t>(q - p) + static_cast<unsigned>(__builtin_ctz(dots));
          }
          exponent |= exps != 0;
          q += len;
          break;
        }
        if (dots != 0) {
          dot = static_cast<std::size_t>(q - p) + static_cast<unsigned>(__builtin_ctz(dots));
        }
        exponent |= exps != 0;
        q += 16;
      }
#endif
      (void)limit;
      for (; q != end; ++q) {  // the tail (a stop byte ends it at once), or all without SIMD
        const char c = *q;
        if ((c >= '0' && c <= '9') || c == '-' || c == '+') continue;
        if (c == '.') {
          dot = static_cast<std::size_t>(q - p);
        } else if (c == 'e' || c == 'E') {
          exponent = true;
        } else {
          break;
        }
      }
      const auto n = static_cast<std::size_t>(q - p);
      const std::uint32_t flags = exponent ? flag_exponent : dot < n ? 0u : flag_integer;
      t = raw_scalar{kind_number, flags, p, n, dot < n ? dot : n};
      return q;
    }
  }
}

/// Builds the tape; sorts each object when it closes.
class tape_builder {
 public:
  /// `input`: the parsed text, which enables leaf arrays (nullptr for the builder API).
  void reset(key_order order, bool track_duplicates, const char* input,
             std::size_t input_size) noexcept {
    tape.clear();
    members.clear();
    scratch_.clear();
    open_.clear();
    order_ = order;
    track_duplicates_ = track_duplicates;
    input_ = input;
    input_end_ = input + input_size;
    leaf_depth_ = 0;
    first_duplicate = no_duplicate;
    for (shape& sh : shapes_) sh = shape{0, 0};  // they point into the previous document
    big_objects_ = 0;
  }

  /// A scalar value: nothing to record inside a leaf array (the writer reads it again).
  void scalar(std::uint32_t kind, std::uint32_t flags, std::uint32_t a, std::uint32_t b,
              std::uint32_t c = 0) {
    if (leaf_depth_ != 0) return;
    tape.push_back(node{kind | (flags << 8), a, b, c});
  }

  /// `offset`: of the '[' in the input (parser only).
  void begin_array(std::uint32_t offset = 0) {
    if (leaf_depth_ != 0) {  // an array inside a leaf candidate: nothing to record yet
      ++leaf_depth_;
      leaf_nested_ = true;
      return;
    }
    open_.push_back(static_cast<std::uint32_t>(tape.size()));
    // b: 1 while the array is still a leaf candidate
    const std::uint32_t leaf = input_ != nullptr ? 1u : 0u;
    tape.push_back(node{kind_array, offset, leaf, 0});
    leaf_depth_ = leaf;
    leaf_nested_ = false;
  }
  /// `offset`: of the ']' in the input (parser only).
  void end_array(std::uint32_t offset = 0) noexcept {
    if (leaf_depth_ > 1) {  // closes an array inside the leaf candidate
      --leaf_depth_;
      return;
    }
    const std::uint32_t i = open_.back();
    open_.pop_back();
    if (leaf_depth_ != 0) {
      tape[i] = node{kind_leaf | (leaf_nested_ ? flag_nested << 8 : 0u), tape[i].a,
                     offset - tape[i].a + 1, 0};
    } else {
      tape[i].c = static_cast<std::uint32_t>(tape.size());
    }
    leaf_depth_ = 0;  // the parent (if any) is an object, or an array with an object in it
  }

  void begin_object(std::uint32_t offset = 0) {
    if (leaf_depth_ != 0) materialize(offset);
    open_.push_back(static_cast<std::uint32_t>(tape.size()));
    // a: where this object's entries start in scratch_ until it closes
    tape.push_back(node{kind_object, static_cast<std::uint32_t>(scratch_.size()), 0, 0});
  }

  /// A member key. Sorting uses its decoded bytes `text[0..n)`, found at `off` in the input or
  /// (text_in_arena) the arena; the node records how to write it (raw_off/raw_len/raw_flags,
  /// see the table above) and `source` (input offset, or builder call index) for reports.
  JSONSIG_ALWAYS_INLINE void key(const char* text, std::uint32_t off, std::uint32_t n,
                                 bool text_in_arena, std::uint32_t raw_off, std::uint32_t raw_len,
                                 std::uint32_t raw_flags, std::uint32_t source) {
    const auto k = static_cast<std::uint32_t>(tape.size());
    tape.push_back(node{kind_string | (raw_flags << 8), raw_off, raw_len, source});
    key_entry e{0, off, n, k + 1, text_in_arena ? key_entry::in_arena : 0u};
    std::uint32_t index = 0;
    if (order_ == key_order::js && n != 0 && static_cast<unsigned char>(text[0] - '0') <= 9 &&
        parse_array_index(text, n, index)) {
      e.head = index;
      e.flags |= key_entry::array_index;
    } else if (!text_in_arena && input_end_ - text >= 8) {
      e.head = key_head_unpadded(text, n);  // 8 readable bytes: one load
    } else {
      e.head = key_head(text, n);
    }
    scratch_.push_back(e);
  }

  /// Closes the innermost object: sorts its members, keeps the last of equal keys (as
  /// JSON.parse and json.loads do), records the first duplicate when asked to.
  void end_object(const char* const base[2]) {
    const std::uint32_t i = open_.back();
    open_.pop_back();
    leaf_depth_ = 0;
    const std::uint32_t start = tape[i].a;
    key_entry* first = scratch_.data() + start;
    const std::size_t n = scratch_.size() - start;
    const auto mstart = static_cast<std::uint32_t>(members.size());
    std::uint32_t* out = members.reserve_more(n);
    std::uint32_t count = 0;
    if (n >= shape_min_keys && n <= shape_max_keys) {
      // Already sorted (canonical input signed again, many APIs): nothing to sort or remember.
      // The first unsorted object this big is only counted, so that small bodies never pay
      // for the cache.
      if (is_sorted(first, n, base)) {
        count = resolve(first, n, base, out);
      } else if (big_objects_++ != 0) {
        count = sort_by_shape(first, n, base, out);
      } else {
        sort_keys(order_, first, first + n, base);
        count = resolve(first, n, base, out);
      }
    } else {
      sort_keys(order_, first, first + n, base);
      count = resolve(first, n, base, out);
    }
    members.commit(count);
    tape[i] = node{kind_object, mstart, count, static_cast<std::uint32_t>(tape.size())};
    scratch_.truncate(start);
  }

  /// End of the parsed input (bounds the writer's 16-byte reads when it re-reads leaf arrays).
  const char* input_end() const noexcept { return input_end_; }

  pod_vector<node, 128> tape;
  pod_vector<std::uint32_t, 128> members;
  std::size_t first_duplicate = no_duplicate;  // source offset of the earliest second occurrence

 private:
  // Writes the value indices of sorted entries to out, dropping all but the last of equal keys;
  // returns how many. Stable order puts equal keys in document order, so the second entry of a
  // run is the key's second occurrence: the earliest of those is the duplicate to report.
  std::uint32_t resolve(const key_entry* first, std::size_t n, const char* const base[2],
                        std::uint32_t* out) noexcept {
    std::uint32_t count = 0;
    bool in_run = false;  // first[j] equals first[j - 1]
    for (std::size_t j = 0; j < n; ++j) {
      if (j + 1 < n && same_key(first[j], first[j + 1], base)) {
        if (track_duplicates_ && !in_run) {
          const std::size_t at = tape[first[j + 1].vnode - 1].c;
          if (at < first_duplicate) first_duplicate = at;
        }
        in_run = true;
        continue;
      }
      in_run = false;
      out[count++] = first[j].vnode;
    }
    return count;
  }

  // Objects with the same keys in the same order (arrays of records: tweets, events, rows)
  // sort the same way. The order found for a key sequence is kept in a small direct-mapped
  // cache and reused after checking that the keys are equal one by one, which costs n key
  // comparisons instead of a sort.
  static constexpr std::size_t shape_min_keys = 6;
  static constexpr std::size_t shape_max_keys = 64;
  static constexpr std::size_t shape_slots = 16;
  struct shape {
    std::uint64_t hash;
    std::uint32_t n;  // 0: empty
  };

  bool is_sorted(const key_entry* e, std::size_t n, const char* const base[2]) const noexcept {
    for (std::size_t j = 1; j < n; ++j)
      if (!keys_ordered(e[j - 1], e[j], base)) return false;
    return true;
  }
  bool keys_ordered(const key_entry& a, const key_entry& b,
                    const char* const base[2]) const noexcept {
    switch (order_) {
      case key_order::code_point:
        return compare_keys<key_order::code_point>(a, b, base) <= 0;
      case key_order::utf16:
        return compare_keys<key_order::utf16>(a, b, base) <= 0;
      default:
        return compare_keys<key_order::js>(a, b, base) <= 0;
    }
  }

  static std::uint64_t shape_hash(const key_entry* e, std::size_t n) noexcept {
    std::uint64_t h = n;
    for (std::size_t j = 0; j < n; ++j)
      h = (h ^ e[j].head ^ (std::uint64_t{e[j].len} << 40) ^
           (std::uint64_t{e[j].flags & 3u} << 60)) *
          0x9E3779B97F4A7C15u;
    return h;
  }

  std::uint32_t sort_by_shape(key_entry* first, std::size_t n, const char* const base[2],
                              std::uint32_t* out) {
    if (!shape_keys_) {
      shape_keys_.reset(new key_entry[shape_slots * shape_max_keys]);
      shape_perm_.reset(new std::uint8_t[shape_slots * shape_max_keys]);
    }
    const std::uint64_t h = shape_hash(first, n);
    const std::size_t slot = static_cast<std::size_t>(h >> 60) & (shape_slots - 1);
    shape& sh = shapes_[slot];
    key_entry* cached = shape_keys_.get() + slot * shape_max_keys;
    std::uint8_t* perm = shape_perm_.get() + slot * shape_max_keys;
    if (sh.n == n && sh.hash == h) {
      std::size_t j = 0;
      for (; j < n; ++j)
        if (!same_key(first[j], cached[j], base)) break;
      if (j == n) {  // the same key sequence (so no duplicates either): reuse its order
        for (j = 0; j < n; ++j) out[j] = first[perm[j]].vnode;
        return static_cast<std::uint32_t>(n);
      }
    }
    // Remember the sequence, sort with each entry's position in its flags, keep the order.
    for (std::size_t j = 0; j < n; ++j) {
      cached[j] = first[j];
      first[j].flags |= static_cast<std::uint32_t>(j) << 8;
    }
    sort_keys(order_, first, first + n, base);
    const std::uint32_t count = resolve(first, n, base, out);
    if (count == n) {
      for (std::size_t j = 0; j < n; ++j) perm[j] = static_cast<std::uint8_t>(first[j].flags >> 8);
      sh = shape{h, static_cast<std::uint32_t>(n)};
    } else {
      sh = shape{0, 0};  // duplicates: not worth remembering
    }
    return count;
  }

  // An object begins (at input offset `until`) inside the leaf candidate: that array and the
  // arrays open inside it are not leaves. Gives nodes to what they hold so far, in one pass over
  // the text: scalars get theirs; a nested array gets an array node and is opened, and when it
  // closes before `until` (so it holds no object) it becomes a leaf and its contents' nodes are
  // dropped again. The arrays still open at `until` are the chain down to the new object.
  void materialize(std::uint32_t until) {
    tape[open_.back()].b = 0;
    leaf_depth_ = 0;
    const char* p = input_ + tape[open_.back()].a + 1;
    const char* const end = input_ + until;
    for (p = skip_ws(p, end); p != end; p = skip_ws(p, end)) {
      const auto at = static_cast<std::uint32_t>(p - input_);
      if (*p == ',') {
        ++p;
      } else if (*p == '[') {
        open_.push_back(static_cast<std::uint32_t>(tape.size()));
        tape.push_back(node{kind_array, at, 0, 0});
        ++p;
      } else if (*p == ']') {  // (the parser saw this array close, so one was opened above)
        const std::uint32_t i = open_.back();
        open_.pop_back();
        // (flagged nested whether or not it is: the writer's general loop reads both)
        tape.truncate(i + 1);
        tape[i] = node{kind_leaf | (flag_nested << 8), tape[i].a, at - tape[i].a + 1, 0};
        ++p;
      } else {
        raw_scalar t{};
        const char* next = read_scalar(p, end, end, t);
        const auto off = static_cast<std::uint32_t>(t.data - input_);
        tape.push_back(node{t.kind | (t.flags << 8), off, static_cast<std::uint32_t>(t.size), at});
        p = next;
      }
    }
  }
  static const char* skip_ws(const char* p, const char* end) noexcept {
    while (p != end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
    return p;
  }

  pod_vector<key_entry, 48> scratch_;  // keys of the open objects, innermost last
  shape shapes_[shape_slots] = {};
  std::size_t big_objects_ = 0;  // objects closed with shape_min_keys..shape_max_keys keys
  std::unique_ptr<key_entry[]> shape_keys_;  // shape_max_keys entries per slot, allocated on use
  std::unique_ptr<std::uint8_t[]> shape_perm_;
  pod_vector<std::uint32_t, 32> open_;
  const char* input_ = nullptr;
  const char* input_end_ = nullptr;
  key_order order_ = key_order::js;
  bool track_duplicates_ = false;
  // 0, or the number of arrays open inside the innermost tape container, which is a leaf
  // candidate (an array with no object inside so far), that one included.
  std::uint32_t leaf_depth_ = 0;
  bool leaf_nested_ = false;  // the leaf candidate has had an array inside
};

}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_TAPE_HPP
