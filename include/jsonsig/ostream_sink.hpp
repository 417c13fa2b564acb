// SPDX-License-Identifier: MIT
// A sink that writes the canonical bytes to a std::ostream (its own header so that the rest of
// the library never pulls in <ostream>). Stream errors are the stream's: check its state after.
#ifndef JSONSIG_OSTREAM_SINK_HPP
#define JSONSIG_OSTREAM_SINK_HPP

#include <cstddef>
#include <ostream>

#include "config.hpp"

JSONSIG_BEGIN_NAMESPACE

class ostream_sink {
 public:
  explicit ostream_sink(std::ostream& os) noexcept : os_(os) {}
  void write(const char* data, std::size_t n) { os_.write(data, static_cast<std::streamsize>(n)); }

 private:
  std::ostream& os_;
};

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_OSTREAM_SINK_HPP
