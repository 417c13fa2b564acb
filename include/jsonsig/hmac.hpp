// SPDX-License-Identifier: MIT
// HMAC-SHA-512 (RFC 2104 with SHA-512; test vectors in RFC 4231). A token becomes an hmac_key
// once (its inner and outer hash states are precomputed), and each message then costs only its
// own blocks plus one outer block. Backend as in sha512.hpp.
#ifndef JSONSIG_HMAC_HPP
#define JSONSIG_HMAC_HPP

#include <array>
#include <cstddef>
#include <string_view>

#include "config.hpp"
#include "constant_time.hpp"
#include "detail/sha512_bundled.hpp"
#include "sha512.hpp"
#if JSONSIG_USE_OPENSSL
#include "detail/openssl_backend.hpp"
#endif

JSONSIG_BEGIN_NAMESPACE

class hmac_sha512;

/// A precomputed HMAC-SHA-512 key: the SHA-512 states after K0^ipad and K0^opad (RFC 2104 §2),
/// where K0 is the key zero-padded to 128 bytes, or SHA-512(key) padded if it is longer.
/// Any length is accepted, including 0. Copyable (a copy is an independent, equal key).
/// The key bytes are not retained; all key material is wiped on destruction (secure_wipe).
/// Complexity: O(key length) once, about two SHA-512 blocks.
/// Thread-safety: a const hmac_key may be shared by many threads, each with its own
/// hmac_sha512. Constant time: yes (the key length is public, its contents are not).
class hmac_key {
 public:
  /// Secrets: key[0..n). Public: n. key may be null when n is 0.
  hmac_key(const void* key, std::size_t n) noexcept : impl_(key, n) {}
  explicit hmac_key(std::string_view key) noexcept : impl_(key.data(), key.size()) {}
  hmac_key(const hmac_key&) noexcept = default;
  hmac_key& operator=(const hmac_key&) noexcept = default;
  hmac_key(hmac_key&&) noexcept = default;
  hmac_key& operator=(hmac_key&&) noexcept = default;
  ~hmac_key() = default;  // the member's destructor wipes (secure_wipe / OPENSSL_cleanse)

 private:
  friend class hmac_sha512;
#if JSONSIG_USE_OPENSSL
  detail::openssl::hmac_key impl_;
#else
  detail::hmac_key_bundled impl_;
#endif
};

/// One HMAC-SHA-512 computation: update() with any chunking, then finish(). Single use: after
/// finish() the object holds only the tag (update() is ignored and finish() writes the same
/// tag again); make a new hmac_sha512 from the hmac_key for the next message.
/// Construction copies the key's two 64-byte precomputed states (no rehashing; the hmac_key
/// need not outlive this object). Complexity: O(message length).
/// Thread-safety: one object per thread. Movable, not copyable.
/// Constant time: yes (the message and all lengths are public; key-derived state never steers
/// a branch or a memory index). Key-derived state is wiped on destruction (after finish() only
/// the tag and the inner digest remain, which reveal nothing more than the tag).
class hmac_sha512 {
 public:
  explicit hmac_sha512(const hmac_key& key) noexcept : impl_(key.impl_) {}
  /// Convenience: keys with `key` directly (one key schedule per object).
  explicit hmac_sha512(std::string_view key) noexcept : impl_(hmac_key(key).impl_) {}
  hmac_sha512(const hmac_sha512&) = delete;
  hmac_sha512& operator=(const hmac_sha512&) = delete;
  hmac_sha512(hmac_sha512&&) noexcept = default;
  hmac_sha512& operator=(hmac_sha512&&) noexcept = default;
  ~hmac_sha512() = default;  // the member's destructor wipes

  /// Appends n bytes of message (data may be null when n is 0).
  void update(const void* data, std::size_t n) noexcept { impl_.update(data, n); }
  void update(std::string_view s) noexcept { impl_.update(s.data(), s.size()); }

  /// Writes the 64-byte tag (compare tags with ct_equal).
  void finish(unsigned char out[64]) noexcept { impl_.finish(out); }
  std::array<unsigned char, 64> finish() noexcept { return impl_.finish(); }

 private:
#if JSONSIG_USE_OPENSSL
  detail::openssl::hmac_sha512 impl_;
#else
  detail::hmac_sha512_bundled impl_;
#endif
};

/// HMAC-SHA-512(key, msg) in one call. O(|key| + |msg|). Thread-safe. Constant time: yes.
inline std::array<unsigned char, 64> hmac_sha512_digest(std::string_view key,
                                                        std::string_view msg) noexcept {
  hmac_sha512 mac(key);
  mac.update(msg);
  return mac.finish();
}

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_HMAC_HPP
