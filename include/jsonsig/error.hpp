// SPDX-License-Identifier: MIT
// The error model: a non-throwing core that records a code, a byte offset and a fixed
// description; line and column are computed only after a failure, by rescanning the prefix.
// The throwing layer (jsonsig::error) is a thin wrapper declared when JSONSIG_EXCEPTIONS is 1.
#ifndef JSONSIG_ERROR_HPP
#define JSONSIG_ERROR_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include "config.hpp"
#if JSONSIG_EXCEPTIONS
#include <stdexcept>
#endif

JSONSIG_BEGIN_NAMESPACE

/// Error codes. Values are stable (they are part of the C++ ABI of error_code users).
enum class errc : int {
  ok = 0,
  syntax = 1,             ///< a token that does not fit the JSON grammar here
  unexpected_end = 2,     ///< the input ended inside a value
  invalid_utf8 = 3,       ///< bytes that are not well-formed UTF-8 (RFC 3629)
  lone_surrogate = 4,     ///< `\uD800`-`\uDFFF` escape without its pair (rejected by jcs only)
  invalid_escape = 5,     ///< a backslash escape JSON does not define, or a bad `\u`
  control_character = 6,  ///< a raw U+0000-U+001F inside a string
  invalid_number = 7,     ///< a number that breaks the RFC 8259 grammar (leading zero, "1.", ...)
  non_finite_number = 8,  ///< a number that overflows to infinity (rejected by jcs only)
  number_too_long = 9,    ///< an integer beyond what the profile's reference accepts
  duplicate_key = 10,     ///< a repeated object key (jcs, or reject_duplicates)
  too_deep = 11,          ///< nesting beyond the configured max_depth
  trailing_data = 12,     ///< anything but whitespace after the top-level value
  bad_signature = 13,     ///< signature is malformed (length, non-hex) or does not match
  invalid_argument = 14,  ///< an API misuse, e.g. a builder event out of order
  io = 15,                ///< a file or stream could not be read (CLI and helpers only)
};

/// What went wrong and where. `offset` is in bytes from the start of the input; `detail`, when
/// non-null, is a static string that says what was expected ("expected ':' after object key").
struct error_info {
  errc code = errc::ok;
  std::size_t offset = 0;
  const char* detail = nullptr;
  explicit operator bool() const noexcept { return code != errc::ok; }
  void clear() noexcept { *this = error_info{}; }
};

/// A 1-based line and column (column counts bytes, as compilers do).
struct location {
  std::size_t line = 1;
  std::size_t column = 1;
};

/// Line and column of `offset` in `input` (LF, CRLF and CR each end a line). O(offset).
inline location locate(std::string_view input, std::size_t offset) noexcept {
  location loc;
  if (offset > input.size()) offset = input.size();
  for (std::size_t i = 0; i < offset; ++i) {
    const char c = input[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= input.size() || input[i + 1] != '\n'))) {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

/// A short lowercase description of a code, e.g. "invalid utf-8".
constexpr const char* describe(errc e) noexcept {
  switch (e) {
    case errc::ok: return "no error";
    case errc::syntax: return "syntax error";
    case errc::unexpected_end: return "unexpected end of input";
    case errc::invalid_utf8: return "invalid utf-8";
    case errc::lone_surrogate: return "lone surrogate";
    case errc::invalid_escape: return "invalid escape";
    case errc::control_character: return "unescaped control character in string";
    case errc::invalid_number: return "invalid number";
    case errc::non_finite_number: return "number out of range";
    case errc::number_too_long: return "number too long";
    case errc::duplicate_key: return "duplicate key";
    case errc::too_deep: return "nesting too deep";
    case errc::trailing_data: return "unexpected data after the json value";
    case errc::bad_signature: return "bad signature";
    case errc::invalid_argument: return "invalid argument";
    case errc::io: return "i/o error";
  }
  return "unknown error";
}

/// One stable lowercase line: "3:17: invalid utf-8: <detail> (byte 42)".
inline std::string format_error(const error_info& err, std::string_view input) {
  const location loc = locate(input, err.offset);
  std::string msg = std::to_string(loc.line) + ':' + std::to_string(loc.column) + ": " +
                    describe(err.code);
  if (err.detail != nullptr) {
    msg += ": ";
    msg += err.detail;
  }
  msg += " (byte " + std::to_string(err.offset) + ')';
  return msg;
}

namespace detail {
class error_category_impl final : public std::error_category {
 public:
  const char* name() const noexcept override { return "jsonsig"; }
  std::string message(int ev) const override { return describe(static_cast<errc>(ev)); }
};
}  // namespace detail

inline const std::error_category& error_category() noexcept {
  static const detail::error_category_impl cat;
  return cat;
}

inline std::error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), error_category()};
}

#if JSONSIG_EXCEPTIONS
/// Thrown by the throwing overloads. what() is format_error(); the input text itself is never
/// copied into the message (it may hold secrets), only its position.
class error : public std::runtime_error {
 public:
  error(const error_info& info, std::string_view input)
      : std::runtime_error(format_error(info, input)), info_(info), loc_(locate(input, info.offset)) {}
  explicit error(const error_info& info)
      : std::runtime_error(std::string(describe(info.code)) +
                           (info.detail != nullptr ? std::string(": ") + info.detail : std::string())),
        info_(info) {}
  errc code() const noexcept { return info_.code; }
  std::error_code error_code() const noexcept { return make_error_code(info_.code); }
  std::size_t offset() const noexcept { return info_.offset; }
  std::size_t line() const noexcept { return loc_.line; }
  std::size_t column() const noexcept { return loc_.column; }
  const error_info& info() const noexcept { return info_; }

 private:
  error_info info_;
  location loc_;
};
#endif

JSONSIG_END_NAMESPACE

namespace std {
template <>
struct is_error_code_enum<jsonsig::errc> : true_type {};
}  // namespace std

#endif  // JSONSIG_ERROR_HPP
