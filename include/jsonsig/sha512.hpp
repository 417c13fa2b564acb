// SPDX-License-Identifier: MIT
// SHA-512 (FIPS 180-4). jsonsig::sha512 is the bundled portable implementation, or OpenSSL's
// when JSONSIG_USE_OPENSSL is 1 (CMake: -DJSONSIG_WITH_OPENSSL=ON, which links libcrypto).
// Both give the same bytes; the bundled one stays reachable as jsonsig::detail::sha512_bundled.
#ifndef JSONSIG_SHA512_HPP
#define JSONSIG_SHA512_HPP

#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>

#include "config.hpp"
#include "detail/sha512_bundled.hpp"
#if JSONSIG_USE_OPENSSL
#include "detail/openssl_backend.hpp"
#endif

JSONSIG_BEGIN_NAMESPACE

/// Incremental SHA-512: update() with any chunking, then finish().
/// Complexity: O(n); whole 128-byte blocks are hashed straight from the caller's memory and
/// only a partial tail is buffered (no heap use in the bundled backend).
/// Errors: none (every member is noexcept and cannot fail; see detail/openssl_backend.hpp for
/// how the OpenSSL backend handles allocation failure).
/// Thread-safety: one object per thread; distinct objects are independent.
/// Constant time: yes with respect to the data (lengths are public).
/// Movable, not copyable (an OpenSSL context copy could fail to allocate).
class sha512 {
 public:
  static constexpr std::size_t digest_size = 64;
  static constexpr std::size_t block_size = 128;

  /// Starts an empty message.
  sha512() noexcept = default;
  sha512(const sha512&) = delete;
  sha512& operator=(const sha512&) = delete;
  sha512(sha512&&) noexcept = default;
  sha512& operator=(sha512&&) noexcept = default;
  ~sha512() = default;  // the state is wiped (bundled) or cleansed by OpenSSL

  /// Appends n bytes at data (data may be null when n is 0).
  void update(const void* data, std::size_t n) noexcept { impl_.update(data, n); }
  void update(std::string_view s) noexcept { impl_.update(s.data(), s.size()); }

  /// Writes the 64-byte digest to out; the object is then reset for a new message.
  void finish(unsigned char out[64]) noexcept { impl_.finish(out); }
  std::array<unsigned char, 64> finish() noexcept { return impl_.finish(); }

  /// Discards any absorbed input and starts an empty message.
  void reset() noexcept { impl_.reset(); }

 private:
#if JSONSIG_USE_OPENSSL
  detail::openssl::sha512 impl_;
#else
  detail::sha512_bundled impl_;
#endif
};

/// SHA-512 of msg in one call. O(n). Thread-safe. Constant time: yes (length is public).
inline std::array<unsigned char, 64> sha512_digest(std::string_view msg) noexcept {
  sha512 h;
  h.update(msg);
  return h.finish();
}

namespace detail {
/// "openssl", or "bundled-<kernel>" ("bundled-avx512", "bundled-avx2", "bundled-scalar"):
/// what jsonsig::sha512 runs on.
inline const char* sha512_backend_name() noexcept {
#if JSONSIG_USE_OPENSSL
  return "openssl";
#else
  const char* k = sha512_core::active_kernel().name;
  if (std::strcmp(k, "avx512") == 0) return "bundled-avx512";
  if (std::strcmp(k, "avx2") == 0) return "bundled-avx2";
  return "bundled-scalar";
#endif
}
}  // namespace detail

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_SHA512_HPP
