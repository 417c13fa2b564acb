// SPDX-License-Identifier: MIT
// Sinks for the canonical writer. A sink is any type with `void write(const char* data,
// std::size_t n)`; the writer calls it with chunks of up to a few KiB (never with n == 0).
// hmac_sink is in hmac_sink.hpp and ostream_sink in ostream_sink.hpp, so this header pulls in
// neither the HMAC code nor <ostream>.
#ifndef JSONSIG_SINKS_HPP
#define JSONSIG_SINKS_HPP

#include <cstddef>
#include <string>

#include "config.hpp"

JSONSIG_BEGIN_NAMESPACE

/// Appends to a std::string (which it does not own).
struct string_sink {
  std::string& out;
  void write(const char* data, std::size_t n) { out.append(data, n); }
};

/// Writes every chunk to both sinks, a first. Neither is owned.
template <class A, class B>
class tee_sink {
 public:
  tee_sink(A& a, B& b) noexcept : a_(a), b_(b) {}
  void write(const char* data, std::size_t n) {
    a_.write(data, n);
    b_.write(data, n);
  }

 private:
  A& a_;
  B& b_;
};

/// Counts the bytes (e.g. a Content-Length) without keeping them.
struct counting_sink {
  std::size_t count = 0;
  void write(const char*, std::size_t n) noexcept { count += n; }
};

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_SINKS_HPP
