// SPDX-License-Identifier: MIT
// A sink that feeds the canonical bytes into an HMAC-SHA-512 (sign() uses it, so the canonical
// string is never materialised). Small writes are gathered into a 4 KiB buffer; large ones go
// straight to update(). The buffer holds message bytes, which are public, so it is not wiped.
#ifndef JSONSIG_HMAC_SINK_HPP
#define JSONSIG_HMAC_SINK_HPP

#include <cstddef>
#include <cstring>

#include "config.hpp"
#include "hmac.hpp"

JSONSIG_BEGIN_NAMESPACE

/// Writes into `mac` (not owned). Call flush() before mac.finish(); the destructor also
/// flushes, for the common case of a sink scoped to one message.
class hmac_sink {
 public:
  static constexpr std::size_t buffer_size = 4096;
  // When empty, pass writes of a block or more straight on: the SHA-512 engine hashes whole
  // blocks from the caller's memory, so copying them here first would only cost time.
  static constexpr std::size_t direct_threshold = 128;

  explicit hmac_sink(hmac_sha512& mac) noexcept : mac_(mac) {}
  hmac_sink(const hmac_sink&) = delete;
  hmac_sink& operator=(const hmac_sink&) = delete;
  ~hmac_sink() { flush(); }

  void write(const char* data, std::size_t n) noexcept {
    if (n <= buffer_size - n_ && (n_ != 0 || n < direct_threshold)) {
      std::memcpy(buf_ + n_, data, n);
      n_ += n;
      return;
    }
    flush();
    if (n >= direct_threshold) {
      mac_.update(data, n);
      return;
    }
    std::memcpy(buf_, data, n);
    n_ = n;
  }

  /// Hands the buffered bytes to the MAC.
  void flush() noexcept {
    if (n_ != 0) {
      mac_.update(buf_, n_);
      n_ = 0;
    }
  }

 private:
  hmac_sha512& mac_;
  std::size_t n_ = 0;
  char buf_[buffer_size];
};

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_HMAC_SINK_HPP
