// SPDX-License-Identifier: MIT
// Debugging a signature mismatch: where do two canonical texts first differ, and which JSON value
// is that? The canonical writer's output is compact (no whitespace, RFC 8785 §3.2.1 and the js /
// python profiles alike), so a small state machine over the bytes before an offset knows the
// path to the value there, without parsing or allocating a tree.
//
//   diff_canonical(a, b)            first differing byte + the JSON path on each side
//   json_path_at(canonical, off)    "$.items[2].price" for the byte at off
//   excerpt_at(bytes, off, radius)  a printable window around off with the caret column
//
// Paths: "$" is the top-level value, ".name" a member whose key is an ASCII identifier
// ([A-Za-z_$][A-Za-z0-9_$]*), ["..."] any other member (the key as it appears between the quotes
// of the canonical text, so the escapes of the profile stay visible; raw C0 controls, DEL and
// U+0080-U+009F are written \u00XX so a path is safe to print), [N] an array element.
//
// Constant time: no. These functions are for public data (bodies, never tokens or MACs).
#ifndef JSONSIG_DIFF_HPP
#define JSONSIG_DIFF_HPP

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "config.hpp"

JSONSIG_BEGIN_NAMESPACE

/// Where two canonical texts first differ.
struct canonical_difference {
  bool identical = true;  ///< a == b byte for byte (then offset == a.size(), paths empty)
  /// The first byte index where a and b differ; the shorter size when one is a prefix of the other.
  std::size_t offset = 0;
  std::string path_a;  ///< the JSON path at offset in a (see json_path_at)
  std::string path_b;  ///< the JSON path at offset in b; equal to path_a unless the texts
                       ///< diverge at the boundary of a member or element
};

/// The first index where a and b differ, min(a.size(), b.size()) when one is a prefix of the
/// other (so a.size() when they are equal). O(result).
inline std::size_t first_difference(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  std::size_t i = 0;
  // Whole blocks through memcmp first: multi-megabyte bodies often agree for a long prefix.
  constexpr std::size_t block = 256;
  while (n - i >= block && std::memcmp(a.data() + i, b.data() + i, block) == 0) i += block;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

namespace detail {

// Bytes that continue a number or a literal (true, false, null; python's Infinity, NaN).
constexpr bool is_scalar_char(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
         c == '+' || c == '-';
}

constexpr bool is_identifier_start(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

// Appends one path component for an object key given by its raw canonical text.
inline void append_path_key(std::string& out, std::string_view raw) {
  bool identifier = !raw.empty() && is_identifier_start(raw[0]);
  for (std::size_t i = 1; identifier && i < raw.size(); ++i)
    identifier = is_identifier_start(raw[i]) || (raw[i] >= '0' && raw[i] <= '9');
  if (identifier) {
    out += '.';
    out.append(raw.data(), raw.size());
    return;
  }
  static constexpr char digits[] = "0123456789abcdef";
  out += "[\"";
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto u = static_cast<unsigned char>(raw[i]);
    unsigned code = 0x100;  // 0x100: copy the byte
    if (u < 0x20 || u == 0x7f) {
      code = u;
    } else if (u == 0xc2 && i + 1 < raw.size()) {
      // U+0080-U+009F (C1 controls; the js profile writes them raw, as JSON.stringify does).
      const auto v = static_cast<unsigned char>(raw[i + 1]);
      if (v >= 0x80 && v <= 0x9f) {
        code = v;
        ++i;
      }
    }
    if (code == 0x100) {
      out += raw[i];
    } else {
      const char esc[6] = {'\\', 'u', '0', '0', digits[code >> 4], digits[code & 0xf]};
      out.append(esc, sizeof esc);
    }
  }
  out += "\"]";
}

// The raw text of a string whose first byte (after the opening quote) is text[from], up to its
// closing quote or the end of text.
inline std::string_view string_rest(std::string_view text, std::size_t from) noexcept {
  if (from > text.size()) return {};
  std::size_t i = from;
  while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2u : 1u;
  if (i > text.size()) i = text.size();
  return text.substr(from, i - from);
}

/// Tracks the JSON path while reading canonical (compact) JSON byte by byte. Bytes that do not
/// fit the grammar are skipped, so any input is safe (the result is then unspecified).
/// O(1) per byte; memory O(nesting depth).
class path_scanner {
 public:
  explicit path_scanner(std::string_view text) noexcept : text_(text) {}

  /// Reads text[pos .. offset) (offset is clamped to the size).
  void advance_to(std::size_t offset) {
    if (offset > text_.size()) offset = text_.size();
    for (; pos_ < offset; ++pos_) step(text_[pos_]);
  }

  /// Continues with another text that has the same bytes before the current position (its
  /// keys are then read from there). Used for the second side of a diff.
  void rebind(std::string_view text) noexcept { text_ = text; }

  /// True while the bytes read so far end inside a number or a literal (one more scalar byte
  /// would continue it, as in 1 vs 12).
  bool in_scalar() const noexcept { return state_ == state::scalar; }

  /// The path of the value (or member) whose text the current position is in or starts.
  std::string slot_path() const { return render(frames_.size()); }

  /// The path of the place at the current position (see json_path_at for the rules).
  std::string path_here() const {
    const bool at_end = pos_ >= text_.size();
    const char c = at_end ? '\0' : text_[pos_];
    std::string out;
    switch (state_) {
      case state::string:
      case state::string_escape:
      case state::colon:
        return slot_path();
      case state::scalar:
        if (!at_end && is_scalar_char(c)) return slot_path();
        return after_value_path(at_end, c);
      case state::after_value:
        return after_value_path(at_end, c);
      case state::key:
      case state::key_escape:
        // The key started before the position; read it to its end in this text.
        out = container_path();
        append_path_key(out, string_rest(text_, frames_.back().key_begin));
        return out;
      case state::before_key:
        out = container_path();
        if (!at_end && c == '"') append_path_key(out, string_rest(text_, pos_ + 1));
        return out;
      case state::value:
        if (!at_end && c == ']' && !frames_.empty() && !frames_.back().object && frames_.back().empty)
          return container_path();  // the ']' of an empty array
        return slot_path();
    }
    return slot_path();
  }

 private:
  enum class state : unsigned char {
    value,          // a value may start here (top level, after ':', after '[' or ',' in arrays)
    before_key,     // after '{' or ',' in an object: '"' starts a key, '}' closes
    key,            // inside a key string
    key_escape,     // after a backslash in a key
    colon,          // after a key's closing quote
    string,         // inside a string value
    string_escape,  // after a backslash in a string value
    scalar,         // inside a number or literal
    after_value,    // a value just ended: ',' or a closing bracket follows
  };

  struct frame {
    bool object;
    bool empty;             // no element or member has started yet
    std::size_t index;      // arrays: the current element
    std::size_t key_begin;  // objects: the current key's raw text [key_begin, key_end)
    std::size_t key_end;
  };

  void step(char c) {
    switch (state_) {
      case state::value:
        if (c == ']' && !frames_.empty() && !frames_.back().object && frames_.back().empty) {
          frames_.pop_back();
          state_ = state::after_value;
          break;
        }
        if (!frames_.empty()) frames_.back().empty = false;
        if (c == '{') {
          frames_.push_back(frame{true, true, 0, 0, 0});
          state_ = state::before_key;
        } else if (c == '[') {
          frames_.push_back(frame{false, true, 0, 0, 0});
          state_ = state::value;
        } else if (c == '"') {
          state_ = state::string;
        } else {
          state_ = state::scalar;
        }
        break;
      case state::scalar:
        if (is_scalar_char(c)) break;
        state_ = state::after_value;
        after_value(c);
        break;
      case state::after_value:
        after_value(c);
        break;
      case state::before_key:
        if (c == '"' && !frames_.empty()) {
          frames_.back().empty = false;
          frames_.back().key_begin = pos_ + 1;
          frames_.back().key_end = pos_ + 1;
          state_ = state::key;
        } else if (c == '}') {
          close();
        }
        break;
      case state::key:
        if (c == '\\') {
          state_ = state::key_escape;
        } else if (c == '"') {
          frames_.back().key_end = pos_;
          state_ = state::colon;
        }
        break;
      case state::key_escape:
        state_ = state::key;
        break;
      case state::colon:
        if (c == ':') state_ = state::value;
        break;
      case state::string:
        if (c == '\\') state_ = state::string_escape;
        else if (c == '"') state_ = state::after_value;
        break;
      case state::string_escape:
        state_ = state::string;
        break;
    }
  }

  void after_value(char c) {
    if (frames_.empty()) return;  // only trailing bytes after the top-level value
    if (c == ',') {
      frame& f = frames_.back();
      if (f.object) {
        state_ = state::before_key;
      } else {
        ++f.index;
        state_ = state::value;
      }
    } else if (c == '}' || c == ']') {
      close();
    }
  }

  void close() {
    if (!frames_.empty()) frames_.pop_back();
    state_ = state::after_value;
  }

  // Path of the first n frames' current slots.
  std::string render(std::size_t n) const {
    std::string out = "$";
    for (std::size_t i = 0; i < n; ++i) {
      const frame& f = frames_[i];
      if (f.object) {
        append_path_key(out, text_.substr(f.key_begin, f.key_end - f.key_begin));
      } else {
        out += '[';
        out += std::to_string(f.index);
        out += ']';
      }
    }
    return out;
  }
  std::string container_path() const { return render(frames_.empty() ? 0 : frames_.size() - 1); }

  std::string after_value_path(bool at_end, char c) const {
    if (frames_.empty() || at_end) return "$";
    const frame& f = frames_.back();
    if (c == ',') {
      std::string out = container_path();
      if (f.object) {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"')
          append_path_key(out, string_rest(text_, pos_ + 2));
      } else {
        out += '[';
        out += std::to_string(f.index + 1);
        out += ']';
      }
      return out;
    }
    return container_path();  // '}' or ']' (or a byte that does not belong here)
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  state state_ = state::value;
  std::vector<frame> frames_;
};

}  // namespace detail

/// The JSON path of the byte at `offset` of a canonical (compact) JSON text, e.g.
/// "$.items[2].price". The byte belongs to:
///  - a string, number or literal value, including its quotes: that value;
///  - a member's key, its quotes or its ':': that member;
///  - '{' or '[': that object or array; '}' or ']': the container it closes;
///  - ',': the element or member that follows it.
/// offset == canonical.size() (the end) is "$" (larger offsets are clamped). For text that is
/// not compact JSON the result is unspecified, but the call is safe. O(offset), allocates the
/// result and O(depth).
inline std::string json_path_at(std::string_view canonical, std::size_t offset) {
  detail::path_scanner s(canonical);
  s.advance_to(offset);
  return s.path_here();
}

/// First difference of two canonical texts, with the JSON path there on each side. When the
/// common prefix ends inside a number or literal that one side continues (1 vs 12, true vs
/// trueX), the difference is in that value and both paths name it; otherwise each path is
/// json_path_at of its own text (so {"a":1} vs {"a":1,"b":2} gives "$" and "$.b").
/// O(offset + depth).
inline canonical_difference diff_canonical(std::string_view a, std::string_view b) {
  canonical_difference d;
  d.offset = first_difference(a, b);
  d.identical = d.offset == a.size() && d.offset == b.size();
  if (d.identical) return d;
  detail::path_scanner s(a);
  s.advance_to(d.offset);
  const auto continues = [&](std::string_view t) {
    return d.offset < t.size() && detail::is_scalar_char(t[d.offset]);
  };
  if (s.in_scalar() && (continues(a) || continues(b))) {
    d.path_a = s.slot_path();  // both sides are still inside the same number or literal
    d.path_b = d.path_a;
    return d;
  }
  d.path_a = s.path_here();
  s.rebind(b);
  d.path_b = s.path_here();
  return d;
}

/// A printable window of raw bytes: printable ASCII (0x20-0x7e) as is, any other byte as
/// `\xHH`. Canonical JSON never contains the escape `"\x"`, so the notation is unambiguous.
inline void append_printable(std::string& out, std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  for (const char ch : bytes) {
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0x20 && u < 0x7f) {
      out += ch;
    } else {
      const char esc[4] = {'\\', 'x', digits[u >> 4], digits[u & 0xf]};
      out.append(esc, sizeof esc);
    }
  }
}

inline std::string printable(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  append_printable(out, bytes);
  return out;
}

/// A printable excerpt around one byte of a text (see append_printable).
struct excerpt {
  std::string text;       ///< "..." + printable(window) + "...", the dots only where cut
  std::size_t caret = 0;  ///< column in text (0-based) where the byte at offset starts; at
                          ///< the end of text it is text.size() minus any trailing "..."
};

/// bytes[offset - radius, offset + radius) (clamped) made printable, and the caret column of
/// bytes[offset] in it. offset may be bytes.size() (the end). O(radius).
inline excerpt excerpt_at(std::string_view bytes, std::size_t offset, std::size_t radius) {
  if (offset > bytes.size()) offset = bytes.size();
  const std::size_t begin = offset > radius ? offset - radius : 0;
  const std::size_t end = bytes.size() - offset > radius ? offset + radius : bytes.size();
  excerpt e;
  if (begin != 0) e.text = "...";
  append_printable(e.text, bytes.substr(begin, offset - begin));
  e.caret = e.text.size();
  append_printable(e.text, bytes.substr(offset, end - offset));
  if (end != bytes.size()) e.text += "...";
  return e;
}

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DIFF_HPP
