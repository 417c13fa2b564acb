// SPDX-License-Identifier: MIT
// The independent reference the signing tests compare with: OpenSSL's one-shot HMAC().
#ifndef JSONSIG_TESTS_OPENSSL_REF_HPP
#define JSONSIG_TESTS_OPENSSL_REF_HPP

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>
#include <string_view>

#include "support.hpp"

namespace jsonsig_test {

/// HMAC-SHA-512(key, msg) as 64 raw bytes; empty if OpenSSL fails (so a comparison fails).
inline std::string openssl_hmac(std::string_view key, std::string_view msg) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  static const char dummy = 0;  // HMAC() wants a non-null key pointer even for an empty key
  if (HMAC(EVP_sha512(), key.empty() ? &dummy : key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), mac, &len) == nullptr ||
      len != 64)
    return std::string();
  return std::string(reinterpret_cast<const char*>(mac), len);
}

/// The same as 128 lowercase hex chars (empty if OpenSSL fails).
inline std::string openssl_hmac_hex(std::string_view key, std::string_view msg) {
  return to_hex(openssl_hmac(key, msg));
}

}  // namespace jsonsig_test

#endif  // JSONSIG_TESTS_OPENSSL_REF_HPP
