// SPDX-License-Identifier: MIT
// The bundled SHA-512 (FIPS 180-4) and HMAC-SHA-512 (RFC 2104) implementations. They are the
// backend of jsonsig::sha512 / jsonsig::hmac_sha512 unless JSONSIG_USE_OPENSSL is 1, and they
// stay reachable by these names in every configuration so tests and benchmarks can compare
// them with OpenSSL in one binary.
#ifndef JSONSIG_DETAIL_SHA512_BUNDLED_HPP
#define JSONSIG_DETAIL_SHA512_BUNDLED_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "../config.hpp"
#include "../constant_time.hpp"
#include "sha512_compress.hpp"

JSONSIG_BEGIN_NAMESPACE
namespace detail {

/// The incremental SHA-512 engine shared by sha512_bundled and the HMAC classes: a plain
/// aggregate with no destructor, so each owner wipes exactly what is secret in its use.
struct sha512_engine {
  static constexpr std::size_t block_size = 128;

  sha512_core::compress_fn compress;  // the kernel: sha512_core::compress() picks one per CPU
  std::uint64_t state[8];
  std::uint64_t bytes_lo, bytes_hi;  // message length in bytes, as one 128-bit number
  std::size_t buffered;              // bytes waiting in buffer, always < 128 between calls
  unsigned char buffer[block_size];

  void init(sha512_core::compress_fn fn = nullptr) noexcept {
    compress = (fn != nullptr) ? fn : sha512_core::active_kernel().fn;
    for (unsigned i = 0; i < 8; ++i) state[i] = sha512_core::initial_state[i];
    bytes_lo = bytes_hi = 0;
    buffered = 0;
  }

  /// Resumes from a chaining value taken after `blocks` whole blocks (for HMAC, RFC 2104).
  void init_from(const std::uint64_t* midstate, std::uint64_t blocks,
                 sha512_core::compress_fn fn = nullptr) noexcept {
    compress = (fn != nullptr) ? fn : sha512_core::active_kernel().fn;
    for (unsigned i = 0; i < 8; ++i) state[i] = midstate[i];
    bytes_lo = blocks * block_size;
    bytes_hi = blocks >> 57;  // the bits of blocks * 128 that do not fit in 64
    buffered = 0;
  }

  void update(const void* data, std::size_t n) noexcept {
    if (n == 0) return;  // also keeps a null data pointer away from memcpy
    const auto* p = static_cast<const unsigned char*>(data);
    // FIPS 180-4 §5.1.2 pads with the length in bits as a 128-bit number; count bytes with a
    // carry into the high word and convert to bits when padding.
    const std::uint64_t n64 = static_cast<std::uint64_t>(n);
    bytes_lo += n64;
    bytes_hi += (bytes_lo < n64) ? 1u : 0u;
    if (buffered != 0) {
      const std::size_t take = (n < block_size - buffered) ? n : block_size - buffered;
      std::memcpy(buffer + buffered, p, take);
      buffered += take;
      p += take;
      n -= take;
      if (buffered < block_size) return;
      compress(state, buffer, 1);
      buffered = 0;
    }
    if (n >= block_size) {  // zero-copy: whole blocks straight from the caller's memory
      const std::size_t nblocks = n / block_size;
      compress(state, p, nblocks);
      p += nblocks * block_size;
      n -= nblocks * block_size;
    }
    if (n != 0) {
      std::memcpy(buffer, p, n);
      buffered = n;
    }
  }

  /// FIPS 180-4 §5.1.2: appends 0x80, zeros up to 112 mod 128 and the 128-bit bit length,
  /// and compresses; state then holds the digest words.
  void pad_and_compress() noexcept {
    const std::uint64_t bits_hi = (bytes_hi << 3) | (bytes_lo >> 61);
    const std::uint64_t bits_lo = bytes_lo << 3;
    buffer[buffered++] = 0x80;
    if (buffered > block_size - 16) {
      std::memset(buffer + buffered, 0, block_size - buffered);
      compress(state, buffer, 1);
      buffered = 0;
    }
    std::memset(buffer + buffered, 0, block_size - 16 - buffered);
    sha512_core::store_be64(buffer + 112, bits_hi);
    sha512_core::store_be64(buffer + 120, bits_lo);
    compress(state, buffer, 1);
    buffered = 0;
  }

  /// The digest (FIPS 180-4 §6.4.2 step 4: H(N) as big-endian words) after pad_and_compress.
  void store_digest(unsigned char* out) const noexcept {
    for (unsigned i = 0; i < 8; ++i) sha512_core::store_be64(out + 8 * i, state[i]);
  }
};

/// Incremental SHA-512 (FIPS 180-4 §6.4). Whole 128-byte blocks are compressed straight from
/// the caller's memory; only a partial tail is buffered. O(n) time, O(1) space, no heap.
/// Thread-safety: one object per thread; distinct objects are independent.
/// Constant time: yes in the data (lengths are public). The destructor wipes the state and
/// the buffered input, which may be secret (hmac_key hashes long keys with it).
class sha512_bundled {
 public:
  static constexpr std::size_t digest_size = 64;
  static constexpr std::size_t block_size = 128;

  sha512_bundled() noexcept { e_.init(); }
  /// Uses a given kernel from sha512_core::kernels() (tests and benchmarks).
  explicit sha512_bundled(sha512_core::compress_fn kernel) noexcept { e_.init(kernel); }
  sha512_bundled(const sha512_bundled&) noexcept = default;
  sha512_bundled& operator=(const sha512_bundled&) noexcept = default;
  ~sha512_bundled() { secure_wipe(&e_, sizeof e_); }

  /// Starts a new message.
  void reset() noexcept { e_.init(e_.compress); }

  /// Appends n bytes (data may be null when n is 0).
  void update(const void* data, std::size_t n) noexcept { e_.update(data, n); }
  void update(std::string_view s) noexcept { e_.update(s.data(), s.size()); }

  /// Writes the 64-byte digest to out, then leaves the object reset for a new message.
  void finish(unsigned char* out) noexcept {
    e_.pad_and_compress();
    e_.store_digest(out);
    e_.init(e_.compress);
  }
  std::array<unsigned char, 64> finish() noexcept {
    std::array<unsigned char, 64> out;
    finish(out.data());
    return out;
  }

  /// Test hook: pretends `bytes_hi`:`bytes_lo` bytes were already absorbed, to check the
  /// 128-bit length arithmetic on inputs too large to hash. Call with nothing buffered.
  void set_length_for_testing(std::uint64_t bytes_hi, std::uint64_t bytes_lo) noexcept {
    e_.bytes_hi = bytes_hi;
    e_.bytes_lo = bytes_lo;
  }

 private:
  sha512_engine e_;
};

/// HMAC-SHA-512 key schedule (RFC 2104 §2): the chaining values after the first block of the
/// inner (K0 ^ ipad) and outer (K0 ^ opad) hashes, so each message costs only its own blocks
/// plus one outer block. Copyable. Wiped on destruction.
/// Complexity: O(key length) once. Thread-safety: const use from many threads is safe.
/// Constant time: yes (the key length is public).
class hmac_key_bundled {
 public:
  // Secrets: key (contents), inner_, outer_. Public: n.
  /// `kernel`: a compression kernel from sha512_core::kernels(), null for the CPU's best.
  hmac_key_bundled(const void* key, std::size_t n,
                   sha512_core::compress_fn kernel = nullptr) noexcept {
    if (kernel == nullptr) kernel = sha512_core::active_kernel().fn;
    unsigned char k0[128] = {};  // RFC 2104 §2 step (1)-(2): K0 = key or H(key), zero-padded
    if (n > 128) {
      sha512_bundled kh(kernel);
      kh.update(key, n);
      kh.finish(k0);
      // kh's destructor wipes its copy of the key tail.
    } else if (n != 0) {
      std::memcpy(k0, key, n);
    }
    absorb_pad(k0, 0x36, inner_, kernel);
    absorb_pad(k0, 0x5c, outer_, kernel);
    secure_wipe(k0, sizeof k0);
  }
  explicit hmac_key_bundled(std::string_view key) noexcept : hmac_key_bundled(key.data(), key.size()) {}
  hmac_key_bundled(const hmac_key_bundled&) noexcept = default;
  hmac_key_bundled& operator=(const hmac_key_bundled&) noexcept = default;
  ~hmac_key_bundled() {
    secure_wipe(inner_, sizeof inner_);
    secure_wipe(outer_, sizeof outer_);
  }

  const std::uint64_t* inner() const noexcept { return inner_; }
  const std::uint64_t* outer() const noexcept { return outer_; }

 private:
  static void absorb_pad(const unsigned char* k0, unsigned char pad, std::uint64_t* out,
                         sha512_core::compress_fn kernel) noexcept {
    unsigned char block[128];
    for (unsigned i = 0; i < 128; ++i) block[i] = static_cast<unsigned char>(k0[i] ^ pad);
    for (unsigned i = 0; i < 8; ++i) out[i] = sha512_core::initial_state[i];
    kernel(out, block, 1);
    secure_wipe(block, sizeof block);
  }

  std::uint64_t inner_[8];
  std::uint64_t outer_[8];
};

/// One HMAC-SHA-512 computation (RFC 2104): update() any number of times, then finish().
/// Construction copies the key's two 64-byte chaining values (the key is not referenced
/// afterwards). Single use: after finish() the object holds only the tag; update() is then
/// ignored and finish() writes the same tag again. O(message length).
/// Thread-safety: one object per thread. Constant time: yes (message and lengths are public;
/// key-derived state never steers a branch or an index).
class hmac_sha512_bundled {
 public:
  /// `kernel`: a compression kernel from sha512_core::kernels(), null for the CPU's best.
  explicit hmac_sha512_bundled(const hmac_key_bundled& key,
                               sha512_core::compress_fn kernel = nullptr) noexcept {
    inner_.init_from(key.inner(), 1, kernel);
    for (unsigned i = 0; i < 8; ++i) outer_[i] = key.outer()[i];
  }
  hmac_sha512_bundled(const hmac_sha512_bundled&) noexcept = default;
  hmac_sha512_bundled& operator=(const hmac_sha512_bundled&) noexcept = default;
  // Secrets until finish(): the inner running state and the outer chaining value. After
  // finish() they hold the inner digest and the tag, which are no more sensitive than the
  // tag itself (neither lets anyone compute a tag for another message), so nothing is left
  // to wipe. The message bytes in the buffer are public.
  ~hmac_sha512_bundled() {
    if (!finished_) {
      secure_wipe(inner_.state, sizeof inner_.state);
      secure_wipe(outer_, sizeof outer_);
    }
  }

  void update(const void* data, std::size_t n) noexcept {
    if (!finished_) inner_.update(data, n);
  }
  void update(std::string_view s) noexcept { update(s.data(), s.size()); }

  /// Writes the 64-byte tag.
  void finish(unsigned char* out) noexcept {
    if (!finished_) {
      inner_.pad_and_compress();
      // The outer message is K0^opad (already absorbed) || inner digest: 64 bytes, which with
      // its padding fill exactly one block (FIPS 180-4 §5.1.2; 192 bytes = 1536 bits in all).
      unsigned char block[128];
      inner_.store_digest(block);
      block[64] = 0x80;
      std::memset(block + 65, 0, 128 - 65 - 8);
      sha512_core::store_be64(block + 120, (128 + 64) * 8);
      inner_.compress(outer_, block, 1);
      finished_ = true;
    }
    for (unsigned i = 0; i < 8; ++i) sha512_core::store_be64(out + 8 * i, outer_[i]);
  }
  std::array<unsigned char, 64> finish() noexcept {
    std::array<unsigned char, 64> out;
    finish(out.data());
    return out;
  }

 private:
  sha512_engine inner_;
  std::uint64_t outer_[8];  // the outer chaining value; the tag after finish()
  bool finished_ = false;
};

}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_SHA512_BUNDLED_HPP
