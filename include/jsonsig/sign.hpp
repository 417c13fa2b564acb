// SPDX-License-Identifier: MIT
// The facade users call: sign a JSON body for the x-signed-request header, verify one.
//
//   signature = lowercase hex( HMAC-SHA512( key = token's UTF-8 bytes,
//                                           msg = canonical(body, profile) ) )
//
// sign() streams the canonical bytes straight into the HMAC (hmac_sink): no canonical string is
// built unless the caller asks for it (sign_body, verify with canonical_out).
//
// Secrets: the token and the keyed HMAC state (hmac_key wipes itself), and the expected MAC
// inside verify (wiped before return). Public: the JSON, the caller's signature text, lengths.
// The token never appears in an error, a message or an exception.
#ifndef JSONSIG_SIGN_HPP
#define JSONSIG_SIGN_HPP

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "canonical.hpp"
#include "config.hpp"
#include "constant_time.hpp"
#include "error.hpp"
#include "hex.hpp"
#include "hmac.hpp"
#include "profiles.hpp"

JSONSIG_BEGIN_NAMESPACE

/// The HTTP header that carries the signature.
inline constexpr std::string_view header_name = "x-signed-request";
/// Length of a signature: 64 bytes of HMAC-SHA512 as lowercase hex.
inline constexpr std::size_t signature_size = 128;

/// The canonical body and its signature, produced in one pass (a client sends the bytes it signed).
struct signed_body {
  std::string body;
  std::string signature;
};

namespace detail {

// Bodies above this size are canonicalized with a fresh canonicalizer, so a thread does not keep
// the working memory of one huge body for the rest of its life.
inline constexpr std::size_t reuse_limit = std::size_t{1} << 20;

// Runs f(canonicalizer&) with a per-thread reusable canonicalizer (no allocation per call once
// warm: the parse stack, arena and tape keep their capacity). Each thread has its own, which is
// what makes signer's const members thread-safe.
template <class F>
auto with_canonicalizer(const canonical_options& opt, std::size_t input_size, F&& f) {
  if (input_size > reuse_limit) {
    canonicalizer fresh(opt);
    return f(fresh);
  }
  thread_local canonicalizer cached;
  cached.set_options(opt);
  return f(cached);
}

// Secrets: key, mac. Runs emit(sink, err) with a sink that feeds the HMAC and, when body is not
// null, also keeps the bytes in *body (cleared on error); on success mac holds the tag. The one
// place where canonical bytes meet the keyed HMAC, for text and for builders alike.
template <class Emit>
bool mac_stream(const hmac_key& key, unsigned char mac[64], std::string* body, error_info& err,
                Emit&& emit) {
  hmac_sha512 h(key);
  {
    hmac_sink hs(h);
    if (body != nullptr) {
      string_sink keep{*body};
      tee_sink<string_sink, hmac_sink> both(keep, hs);
      emit(both, err);
      if (err) body->clear();
    } else {
      emit(hs, err);
    }
    if (err) return false;
    hs.flush();
  }
  h.finish(mac);
  return true;
}

// Secrets: key, mac. MAC of the canonical form of json, streamed (no intermediate string); with
// body != nullptr the canonical bytes are also kept there.
inline bool mac_canonical(const hmac_key& key, const canonical_options& opt, std::string_view json,
                          unsigned char mac[64], std::string* body, error_info& err) {
  if (body != nullptr) {
    body->clear();
    body->reserve(json.size());
  }
  return with_canonicalizer(opt, json.size(), [&](canonicalizer& c) {
    return mac_stream(key, mac, body, err,
                      [&](auto& sink, error_info& e) { c.canonicalize_to(json, sink, e); });
  });
}

// Secrets: key, mac. The MAC of a builder's document, streamed; with body != nullptr the
// canonical bytes are also kept there (cleared on error). The builder must have been made with
// options at least as strict as the signer's: the same profile, duplicates rejected if the
// signer rejects them, a max_depth no deeper than the signer's. Otherwise the bytes would not
// be what signer::sign gives for the same document as text, so it is an error, not a guess.
inline bool mac_builder(const hmac_key& key, const canonical_options& opt, builder& b,
                        unsigned char mac[64], std::string* body, error_info& err) {
  if (body != nullptr) body->clear();
  const canonical_options& bo = b.options();
  if (bo.prof != opt.prof || (opt.reject_duplicates && !bo.reject_duplicates) ||
      bo.max_depth > opt.max_depth) {
    err = error_info{errc::invalid_argument, 0,
                     "the builder's options differ from the signer's (profile, "
                     "reject_duplicates, max_depth)"};
    return false;
  }
  return mac_stream(key, mac, body, err, [&](auto& sink, error_info& e) { b.finish(sink, e); });
}

// Secrets: mac (the expected MAC). Public: signature_hex. Decodes the caller's hex (either case)
// and compares in constant time. A wrong length or a non-hex char returns false at once: both
// are properties of the public input, not of the secret.
inline bool mac_matches(const unsigned char mac[64], std::string_view signature_hex) noexcept {
  if (signature_hex.size() != signature_size) return false;
  std::array<unsigned char, 64> given{};
  if (!hex_decode(signature_hex, given.data())) return false;
  return ct_equal(mac, given.data(), given.size());
}

}  // namespace detail

/// Signs JSON bodies with one token. The HMAC key state (inner/outer midstates) is computed once,
/// in the constructor, and wiped on destruction. Copyable.
/// Thread-safety: const members may be called concurrently from any number of threads.
class signer {
 public:
  /// `token`: the signatureToken; its bytes are the HMAC key (any length; not kept as text).
  explicit signer(std::string_view token, profile p = profile::js) noexcept : key_(token) {
    opt_.prof = p;
  }
  /// Full control: profile, reject_duplicates (recommended for servers), max_depth.
  signer(std::string_view token, const canonical_options& opt) noexcept : key_(token), opt_(opt) {}

  const canonical_options& options() const noexcept { return opt_; }
  profile get_profile() const noexcept { return opt_.prof; }

  /// The raw 64-byte MAC of the canonical form of json. False (err set) on invalid JSON.
  bool sign(std::string_view json, std::array<unsigned char, 64>& mac, error_info& err) const {
    err.clear();
    return detail::mac_canonical(key_, opt_, json, mac.data(), nullptr, err);
  }

  /// 128 lowercase hex chars; empty with err set on invalid JSON. Never throws jsonsig::error.
  std::string sign(std::string_view json, error_info& err) const {
    std::array<unsigned char, 64> mac{};
    std::string out;
    if (sign(json, mac, err)) out = hex_encode(mac);
    secure_wipe(mac.data(), mac.size());  // a MAC of a known message is key-equivalent for it
    return out;
  }

  /// The canonical bytes and their signature in one pass; both empty with err set on error.
  signed_body sign_body(std::string_view json, error_info& err) const {
    err.clear();
    signed_body out;
    std::array<unsigned char, 64> mac{};
    if (detail::mac_canonical(key_, opt_, json, mac.data(), &out.body, err))
      out.signature = hex_encode(mac);
    secure_wipe(mac.data(), mac.size());
    return out;
  }

  /// The signature of a document built in code: the builder's canonical bytes streamed into the
  /// HMAC, one pass, no JSON text and no canonical string. `b` must be complete and built with
  /// this signer's options (`builder b(s.options())`); otherwise empty with err set
  /// (errc::invalid_argument for mismatched options, else the builder's own error). The DOM
  /// adapters' sign(dom, signer) use this. Non-const builder: finish() is, too.
  std::string sign(builder& b, error_info& err) const {
    err.clear();
    std::array<unsigned char, 64> mac{};
    std::string out;
    if (detail::mac_builder(key_, opt_, b, mac.data(), nullptr, err)) out = hex_encode(mac);
    secure_wipe(mac.data(), mac.size());
    return out;
  }

  /// The builder's canonical bytes and their signature in one pass; both empty with err set.
  signed_body sign_body(builder& b, error_info& err) const {
    err.clear();
    signed_body out;
    std::array<unsigned char, 64> mac{};
    if (detail::mac_builder(key_, opt_, b, mac.data(), &out.body, err))
      out.signature = hex_encode(mac);
    secure_wipe(mac.data(), mac.size());
    return out;
  }

  /// True iff signature_hex (128 hex chars, either case) is the signature of json. False for
  /// anything else: malformed JSON, wrong length, non-hex, mismatch, even allocation failure.
  /// Constant time in the expected MAC.
  bool verify(std::string_view json, std::string_view signature_hex) const noexcept {
    return verify_impl(json, signature_hex, nullptr);
  }

  /// Server side: as verify, and on success `canonical_out` holds the canonical body that was
  /// verified, so the application acts on exactly what was signed. Cleared on failure.
  bool verify(std::string_view json, std::string_view signature_hex,
              std::string& canonical_out) const noexcept {
    return verify_impl(json, signature_hex, &canonical_out);
  }

  /// As above, returning the verified canonical body, or nullopt when the signature is not valid.
  std::optional<std::string> verify_body(std::string_view json,
                                         std::string_view signature_hex) const {
    std::string body;
    if (!verify(json, signature_hex, body)) return std::nullopt;
    return body;
  }

#if JSONSIG_EXCEPTIONS
  /// Throwing forms: jsonsig::error (code, byte offset, line, column) on invalid JSON.
  std::string sign(std::string_view json) const {
    error_info err;
    std::string out = sign(json, err);
    if (err) throw error(err, json);
    return out;
  }
  signed_body sign_body(std::string_view json) const {
    error_info err;
    signed_body out = sign_body(json, err);
    if (err) throw error(err, json);
    return out;
  }
  /// Throwing forms for a builder: jsonsig::error (the offset counts builder calls).
  std::string sign(builder& b) const {
    error_info err;
    std::string out = sign(b, err);
    if (err) throw error(err);
    return out;
  }
  signed_body sign_body(builder& b) const {
    error_info err;
    signed_body out = sign_body(b, err);
    if (err) throw error(err);
    return out;
  }
#endif

 private:
  bool verify_impl(std::string_view json, std::string_view signature_hex,
                   std::string* body) const noexcept {
    if (body != nullptr) body->clear();
    // Cheap public checks first: a malformed signature needs no canonicalization.
    if (signature_hex.size() != signature_size) return false;
#if JSONSIG_EXCEPTIONS
    try {
#endif
      std::array<unsigned char, 64> mac{};
      error_info err;
      const bool made = detail::mac_canonical(key_, opt_, json, mac.data(), body, err);
      bool ok = false;
      if (made) ok = detail::mac_matches(mac.data(), signature_hex);  // `made` is public
      secure_wipe(mac.data(), mac.size());
      ct_declassify(&ok, sizeof ok);  // verify's answer is public; only now may it steer a branch
      if (!ok && body != nullptr) body->clear();
      return ok;
#if JSONSIG_EXCEPTIONS
    } catch (...) {  // std::bad_alloc: verify is noexcept and answers "not verified"
      if (body != nullptr) body->clear();
      return false;
    }
#endif
  }

  hmac_key key_;
  canonical_options opt_;
};

/// One-shot forms. For many bodies with one token, keep a signer: it keys the HMAC once.

/// 128 lowercase hex chars; empty with err set on invalid JSON.
inline std::string sign(std::string_view json, std::string_view token, profile p,
                        error_info& err) {
  return signer(token, p).sign(json, err);
}

/// The canonical body and its signature in one pass.
inline signed_body sign_body(std::string_view json, std::string_view token, profile p,
                             error_info& err) {
  return signer(token, p).sign_body(json, err);
}

/// True iff signature_hex is the signature of json under token. Never throws; constant time in
/// the expected MAC.
inline bool verify(std::string_view json, std::string_view token, std::string_view signature_hex,
                   profile p = profile::js) noexcept {
  return signer(token, p).verify(json, signature_hex);
}

#if JSONSIG_EXCEPTIONS
/// Throws jsonsig::error on invalid JSON (the message names line:column, never the token).
inline std::string sign(std::string_view json, std::string_view token, profile p = profile::js) {
  return signer(token, p).sign(json);
}
inline signed_body sign_body(std::string_view json, std::string_view token,
                             profile p = profile::js) {
  return signer(token, p).sign_body(json);
}
#endif

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_SIGN_HPP
