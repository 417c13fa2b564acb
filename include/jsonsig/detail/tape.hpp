// SPDX-License-Identifier: MIT
// The canonical writer's document form: a flat array of 16-byte nodes in document order, plus,
// per object, its member list already sorted in the profile's key order with duplicates
// resolved. Built by the parser (through tape_handler) or by the builder API; read by the
// emitter. Nothing here recurses.
//
//   kind      a            b           c
//   null/false/true        -           -
//   number    offset       length      -          (builder: value bits in a|b, see flags)
//   string    offset       length      source offset of the token (keys: for error reports)
//   array     -            -           index one past its last descendant
//   object    first member count       index one past its last descendant
//
// Offsets are into the input, or into the arena when flag in_arena is set; members[] holds the
// tape index of each member's value (its key node is the node just before it). 32-bit fields
// bound a document to 4 GiB - 1, checked once at the entry points.
#ifndef JSONSIG_DETAIL_TAPE_HPP
#define JSONSIG_DETAIL_TAPE_HPP

#include <cstddef>
#include <cstdint>

#include "../config.hpp"
#include "key_order.hpp"
#include "pod_vector.hpp"

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
  kind_array = 5,
  kind_object = 6,
};

inline constexpr std::uint32_t kind_of(const node& n) noexcept { return n.tag & 0xFFu; }
inline constexpr std::uint32_t flags_of(const node& n) noexcept { return n.tag >> 8; }

// Flags of strings and numbers.
inline constexpr std::uint32_t flag_in_arena = 1;  // bytes are in the arena (strings: decoded text)
inline constexpr std::uint32_t flag_lone = 2;      // string holds WTF-8 surrogates
inline constexpr std::uint32_t flag_integer = 4;   // number lexeme without fraction or exponent
inline constexpr std::uint32_t flag_i64 = 8;       // builder: a|b hold an int64_t
inline constexpr std::uint32_t flag_u64 = 16;      // builder: a|b hold a uint64_t
inline constexpr std::uint32_t flag_f64 = 32;      // builder: a|b hold a double's bits

inline constexpr std::uint32_t max_document_size = 0xFFFFFFFFu;
inline constexpr std::size_t no_duplicate = static_cast<std::size_t>(-1);

/// Builds the tape; sorts each object when it closes.
class tape_builder {
 public:
  void reset(key_order order, bool track_duplicates) noexcept {
    tape.clear();
    members.clear();
    scratch_.clear();
    open_.clear();
    order_ = order;
    track_duplicates_ = track_duplicates;
    first_duplicate = no_duplicate;
  }

  void scalar(std::uint32_t kind, std::uint32_t flags, std::uint32_t a, std::uint32_t b,
              std::uint32_t c = 0) {
    tape.push_back(node{kind | (flags << 8), a, b, c});
  }

  void begin_array() {
    open_.push_back(static_cast<std::uint32_t>(tape.size()));
    tape.push_back(node{kind_array, 0, 0, 0});
  }
  void end_array() noexcept {
    const std::uint32_t i = open_.back();
    open_.pop_back();
    tape[i].c = static_cast<std::uint32_t>(tape.size());
  }

  void begin_object() {
    open_.push_back(static_cast<std::uint32_t>(tape.size()));
    // a: where this object's entries start in scratch_ until it closes
    tape.push_back(node{kind_object, static_cast<std::uint32_t>(scratch_.size()), 0, 0});
  }

  /// A member key: bytes s[0..n) located at `off` (in the arena if `in_arena`), found at
  /// `source` (input offset, or builder call index) for duplicate reports.
  void key(const char* s, std::uint32_t off, std::uint32_t n, bool in_arena, bool lone,
           std::uint32_t source) {
    const auto k = static_cast<std::uint32_t>(tape.size());
    const std::uint32_t flags = (in_arena ? flag_in_arena : 0u) | (lone ? flag_lone : 0u);
    tape.push_back(node{kind_string | (flags << 8), off, n, source});
    key_entry e{0, off, n, k + 1, in_arena ? key_entry::in_arena : 0u};
    std::uint32_t index = 0;
    if (order_ == key_order::js && parse_array_index(s, n, index)) {
      e.head = index;
      e.flags |= key_entry::array_index;
    } else {
      e.head = key_head(s, n);
    }
    scratch_.push_back(e);
  }

  /// Closes the innermost object: sorts its members, keeps the last of equal keys (as
  /// JSON.parse and json.loads do), records the first duplicate when asked to.
  void end_object(const char* const base[2]) {
    const std::uint32_t i = open_.back();
    open_.pop_back();
    const std::uint32_t start = tape[i].a;
    key_entry* first = scratch_.data() + start;
    const std::size_t n = scratch_.size() - start;
    sort_keys(order_, first, first + n, base);
    const auto mstart = static_cast<std::uint32_t>(members.size());
    std::uint32_t* out = members.reserve_more(n);
    std::uint32_t count = 0;
    bool in_run = false;  // first[j] equals first[j - 1]
    for (std::size_t j = 0; j < n; ++j) {
      if (j + 1 < n && same_key(first[j], first[j + 1], base)) {
        // Stable order: within a run of equal keys the document order holds, so first[j + 1]
        // at the start of a run is the second occurrence.
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
    members.commit(count);
    tape[i] = node{kind_object, mstart, count, static_cast<std::uint32_t>(tape.size())};
    scratch_.truncate(start);
  }

  std::size_t depth() const noexcept { return open_.size(); }

  pod_vector<node, 128> tape;
  pod_vector<std::uint32_t, 128> members;
  std::size_t first_duplicate = no_duplicate;  // source offset of the earliest second occurrence

 private:
  pod_vector<key_entry, 48> scratch_;  // keys of the open objects, innermost last
  pod_vector<std::uint32_t, 32> open_;
  key_order order_ = key_order::js;
  bool track_duplicates_ = false;
};

}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_TAPE_HPP
