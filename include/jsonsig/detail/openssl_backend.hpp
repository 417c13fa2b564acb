// SPDX-License-Identifier: MIT
// SHA-512 and HMAC-SHA-512 through OpenSSL 3's EVP digest API: the backend of jsonsig::sha512 /
// jsonsig::hmac_sha512 when JSONSIG_USE_OPENSSL is 1. The header is self-contained, so tests and
// benchmarks include it in every configuration (they link libcrypto) to compare with the bundled
// code. It uses only non-deprecated OpenSSL 3 calls and fetches SHA-512 through the default
// library context, so a FIPS provider configured there is honoured.
//
// Failure policy. The public API is noexcept and cannot report errors, so OpenSSL allocates
// only in constructors and reset(): EVP_DigestUpdate and EVP_DigestFinal_ex never allocate for
// SHA-512. If a context cannot be created or copied (out of memory, no provider offers SHA-512)
// the object computes with the bundled implementation instead, which gives the same bytes. A
// result is therefore always correct; the only observable difference is speed.
#ifndef JSONSIG_DETAIL_OPENSSL_BACKEND_HPP
#define JSONSIG_DETAIL_OPENSSL_BACKEND_HPP

#include <openssl/evp.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "../config.hpp"
#include "../constant_time.hpp"
#include "sha512_bundled.hpp"

#if !defined(OPENSSL_VERSION_MAJOR) || OPENSSL_VERSION_MAJOR < 3
#error "jsonsig: JSONSIG_USE_OPENSSL needs OpenSSL 3 (EVP_DigestInit_ex2, EVP_MD_fetch)"
#endif

JSONSIG_BEGIN_NAMESPACE
namespace detail {
namespace openssl {

/// SHA-512 fetched once from the default library context (an implicit fetch through
/// EVP_sha512() would repeat a locked provider lookup on every init; see OpenSSL's
/// crypto(7), "Explicit fetching"). Null if no provider offers it. Never freed.
inline const EVP_MD* sha512_md() noexcept {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA512", nullptr);
  return md;
}

/// A fresh context initialised for SHA-512, or null.
inline EVP_MD_CTX* new_sha512_ctx() noexcept {
  const EVP_MD* md = sha512_md();
  if (md == nullptr) return nullptr;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx != nullptr && EVP_DigestInit_ex2(ctx, md, nullptr) != 1) {
    EVP_MD_CTX_free(ctx);
    ctx = nullptr;
  }
  return ctx;
}

/// A copy of `src` (a SHA-512 context), or null.
inline EVP_MD_CTX* dup_ctx(const EVP_MD_CTX* src) noexcept {
  if (src == nullptr) return nullptr;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx != nullptr && EVP_MD_CTX_copy_ex(ctx, src) != 1) {
    EVP_MD_CTX_free(ctx);
    ctx = nullptr;
  }
  return ctx;
}

/// SHA-512 over an EVP_MD_CTX; same contract as sha512_bundled. Move-only: a mid-message
/// copy would have to allocate, and a failed allocation could not be recovered from.
/// Thread-safety: one object per thread. Constant time: as OpenSSL's SHA-512 (yes).
class sha512 {
 public:
  static constexpr std::size_t digest_size = 64;
  static constexpr std::size_t block_size = 128;

  sha512() noexcept : ctx_(new_sha512_ctx()) {}
  sha512(const sha512&) = delete;
  sha512& operator=(const sha512&) = delete;
  sha512(sha512&& o) noexcept : ctx_(o.ctx_), stale_(o.stale_), fallback_(o.fallback_) {
    o.ctx_ = nullptr;
    o.stale_ = false;
  }
  sha512& operator=(sha512&& o) noexcept {
    if (this != &o) {
      EVP_MD_CTX_free(ctx_);  // frees with OPENSSL_clear_free: the state is cleansed
      ctx_ = o.ctx_;
      stale_ = o.stale_;
      fallback_ = o.fallback_;
      o.ctx_ = nullptr;
      o.stale_ = false;
    }
    return *this;
  }
  ~sha512() { EVP_MD_CTX_free(ctx_); }

  void reset() noexcept {
    stale_ = ctx_ != nullptr;  // re-initialised lazily: a digest object is often discarded
    fallback_.reset();
  }
  void update(const void* data, std::size_t n) noexcept {
    if (n == 0) return;
    if (stale_) reinit();
    if (ctx_ != nullptr)
      EVP_DigestUpdate(ctx_, data, n);  // cannot fail for SHA-512 once initialised
    else
      fallback_.update(data, n);
  }
  void update(std::string_view s) noexcept { update(s.data(), s.size()); }
  void finish(unsigned char* out) noexcept {
    if (stale_) reinit();
    if (ctx_ != nullptr) {
      unsigned int len = 0;
      EVP_DigestFinal_ex(ctx_, out, &len);  // no allocation; always 64 bytes for SHA-512
      stale_ = true;
    } else {
      fallback_.finish(out);
    }
  }
  std::array<unsigned char, 64> finish() noexcept {
    std::array<unsigned char, 64> out;
    finish(out.data());
    return out;
  }

  /// True when OpenSSL (not the bundled fallback) is computing this hash.
  bool uses_openssl() const noexcept { return ctx_ != nullptr; }

 private:
  // Re-initialising allocates a new algorithm context in OpenSSL 3.0; if that fails the
  // (still empty) message continues in the bundled code.
  void reinit() noexcept {
    stale_ = false;
    if (EVP_DigestInit_ex2(ctx_, nullptr, nullptr) != 1) {
      EVP_MD_CTX_free(ctx_);
      ctx_ = nullptr;
    }
  }

  EVP_MD_CTX* ctx_;
  bool stale_ = false;       // ctx_ was finished and must be re-initialised before use
  sha512_bundled fallback_;  // used only when ctx_ is null
};

/// HMAC-SHA-512 key (RFC 2104 §2) as two EVP contexts that have absorbed K0^ipad and K0^opad.
/// The bundled chaining values are computed too (two compressions, once per key) so that any
/// later allocation failure can fall back without the key. Copyable: a copy duplicates the
/// contexts, falling back to the bundled values if that fails. Wiped on destruction.
/// Thread-safety: const use from many threads is safe (copying reads the contexts only).
/// Constant time: yes (the key length is public).
class hmac_key {
 public:
  // Secrets: key (contents). Public: n.
  hmac_key(const void* key, std::size_t n) noexcept : fallback_(key, n) {
    unsigned char k0[128] = {};  // RFC 2104 §2 steps (1)-(2)
    bool ok = true;
    if (n > 128) {
      EVP_MD_CTX* kh = new_sha512_ctx();
      unsigned int len = 0;
      ok = kh != nullptr && EVP_DigestUpdate(kh, key, n) == 1 && EVP_DigestFinal_ex(kh, k0, &len) == 1;
      EVP_MD_CTX_free(kh);  // cleanses the copy of the key
    } else if (n != 0) {
      std::memcpy(k0, key, n);
    }
    if (ok) {
      inner_ = keyed_ctx(k0, 0x36);
      outer_ = keyed_ctx(k0, 0x5c);
    }
    secure_wipe(k0, sizeof k0);
    if (inner_ == nullptr || outer_ == nullptr) release();
  }
  explicit hmac_key(std::string_view key) noexcept : hmac_key(key.data(), key.size()) {}
  hmac_key(const hmac_key& o) noexcept : fallback_(o.fallback_) { copy_ctxs(o); }
  hmac_key& operator=(const hmac_key& o) noexcept {
    if (this != &o) {
      release();
      fallback_ = o.fallback_;
      copy_ctxs(o);
    }
    return *this;
  }
  hmac_key(hmac_key&& o) noexcept : inner_(o.inner_), outer_(o.outer_), fallback_(o.fallback_) {
    o.inner_ = o.outer_ = nullptr;
  }
  hmac_key& operator=(hmac_key&& o) noexcept {
    if (this != &o) {
      release();
      inner_ = o.inner_;
      outer_ = o.outer_;
      o.inner_ = o.outer_ = nullptr;
      fallback_ = o.fallback_;
    }
    return *this;
  }
  ~hmac_key() { release(); }  // fallback_ wipes itself; EVP_MD_CTX_free cleanses

  bool uses_openssl() const noexcept { return inner_ != nullptr; }
  const EVP_MD_CTX* inner() const noexcept { return inner_; }
  const EVP_MD_CTX* outer() const noexcept { return outer_; }
  const hmac_key_bundled& bundled() const noexcept { return fallback_; }

 private:
  static EVP_MD_CTX* keyed_ctx(const unsigned char* k0, unsigned char pad) noexcept {
    unsigned char block[128];
    for (unsigned i = 0; i < 128; ++i) block[i] = static_cast<unsigned char>(k0[i] ^ pad);
    EVP_MD_CTX* ctx = new_sha512_ctx();
    if (ctx != nullptr && EVP_DigestUpdate(ctx, block, sizeof block) != 1) {
      EVP_MD_CTX_free(ctx);
      ctx = nullptr;
    }
    secure_wipe(block, sizeof block);
    return ctx;
  }
  void copy_ctxs(const hmac_key& o) noexcept {
    inner_ = dup_ctx(o.inner_);
    outer_ = dup_ctx(o.outer_);
    if (inner_ == nullptr || outer_ == nullptr) release();
  }
  void release() noexcept {
    EVP_MD_CTX_free(inner_);
    EVP_MD_CTX_free(outer_);
    inner_ = outer_ = nullptr;
  }

  EVP_MD_CTX* inner_ = nullptr;
  EVP_MD_CTX* outer_ = nullptr;
  hmac_key_bundled fallback_;
};

/// One HMAC-SHA-512 computation over two EVP contexts copied from an hmac_key (the key is not
/// referenced afterwards). Same contract as hmac_sha512_bundled: single use, and after
/// finish() update() is ignored and finish() writes the same tag again. Move-only.
/// Thread-safety: one object per thread. Constant time: as OpenSSL's SHA-512 (yes).
/// EVP_MD_CTX_free cleanses the contexts.
class hmac_sha512 {
 public:
  explicit hmac_sha512(const hmac_key& key) noexcept {
    if (key.uses_openssl()) {
      inner_ = dup_ctx(key.inner());
      outer_ = dup_ctx(key.outer());
    }
    if (inner_ == nullptr || outer_ == nullptr) {
      release();
      fallback_.emplace(key.bundled());
    }
  }
  hmac_sha512(const hmac_sha512&) = delete;
  hmac_sha512& operator=(const hmac_sha512&) = delete;
  hmac_sha512(hmac_sha512&& o) noexcept
      : inner_(o.inner_), outer_(o.outer_), fallback_(o.fallback_), tag_(o.tag_), finished_(o.finished_) {
    o.inner_ = o.outer_ = nullptr;
    o.fallback_.reset();
    o.finished_ = true;  // a moved-from object only repeats its (empty) tag
  }
  hmac_sha512& operator=(hmac_sha512&& o) noexcept {
    if (this != &o) {
      release();
      inner_ = o.inner_;
      outer_ = o.outer_;
      fallback_ = o.fallback_;
      tag_ = o.tag_;
      finished_ = o.finished_;
      o.inner_ = o.outer_ = nullptr;
      o.fallback_.reset();
      o.finished_ = true;
    }
    return *this;
  }
  ~hmac_sha512() { release(); }

  void update(const void* data, std::size_t n) noexcept {
    if (n == 0 || finished_) return;
    if (inner_ != nullptr)
      EVP_DigestUpdate(inner_, data, n);  // no allocation; cannot fail once initialised
    else if (fallback_)
      fallback_->update(data, n);
  }
  void update(std::string_view s) noexcept { update(s.data(), s.size()); }

  void finish(unsigned char* out) noexcept {
    if (!finished_) {
      if (inner_ != nullptr) {
        unsigned char inner_digest[64];  // as sensitive as the tag, see hmac_sha512_bundled
        unsigned int len = 0;
        EVP_DigestFinal_ex(inner_, inner_digest, &len);
        EVP_DigestUpdate(outer_, inner_digest, sizeof inner_digest);
        EVP_DigestFinal_ex(outer_, tag_.data(), &len);
        release();
      } else if (fallback_) {
        fallback_->finish(tag_.data());
        fallback_.reset();
      }
      finished_ = true;
    }
    std::memcpy(out, tag_.data(), tag_.size());
  }
  std::array<unsigned char, 64> finish() noexcept {
    std::array<unsigned char, 64> out;
    finish(out.data());
    return out;
  }

  bool uses_openssl() const noexcept { return inner_ != nullptr; }

 private:
  void release() noexcept {
    EVP_MD_CTX_free(inner_);
    EVP_MD_CTX_free(outer_);
    inner_ = outer_ = nullptr;
  }

  EVP_MD_CTX* inner_ = nullptr;
  EVP_MD_CTX* outer_ = nullptr;
  std::optional<hmac_sha512_bundled> fallback_;  // only when OpenSSL could not provide contexts
  std::array<unsigned char, 64> tag_{};
  bool finished_ = false;
};

}  // namespace openssl
}  // namespace detail
JSONSIG_END_NAMESPACE

#endif  // JSONSIG_DETAIL_OPENSSL_BACKEND_HPP
