// SPDX-License-Identifier: MIT
// Helpers for the SHA-512 / HMAC-SHA-512 tests: hex, a NIST CAVP .rsp reader, OpenSSL reference
// calls (libcrypto directly, independent of jsonsig's OpenSSL backend) and the list of every
// SHA-512 / HMAC implementation jsonsig has, so each vector runs through all of them.
#ifndef JSONSIG_TESTS_CRYPTO_VECTORS_HPP
#define JSONSIG_TESTS_CRYPTO_VECTORS_HPP

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <jsonsig/detail/openssl_backend.hpp>
#include <jsonsig/detail/sha512_bundled.hpp>
#include <jsonsig/hmac.hpp>
#include <jsonsig/sha512.hpp>

namespace crypto_vectors {

using bytes = std::vector<unsigned char>;
using digest = std::array<unsigned char, 64>;

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Strict hex decoding: throws on odd length or a non-hex character, so a parsing slip fails.
inline bytes unhex(std::string_view s) {
  if (s.size() % 2 != 0) throw std::runtime_error("odd-length hex: " + std::string(s.substr(0, 40)));
  bytes out(s.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(s[2 * i]), lo = hex_value(s[2 * i + 1]);
    if (hi < 0 || lo < 0) throw std::runtime_error("bad hex: " + std::string(s.substr(0, 40)));
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return out;
}

inline std::string hex(const unsigned char* p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    s += digits[p[i] >> 4];
    s += digits[p[i] & 15];
  }
  return s;
}
inline std::string hex(const bytes& b) { return hex(b.data(), b.size()); }
inline std::string hex(const digest& d) { return hex(d.data(), d.size()); }

/// One record of a CAVP response file: the section it is in ("L=64", spaces removed) and its
/// "Name = value" fields.
struct rsp_record {
  std::string section;
  std::map<std::string, std::string> fields;
  const std::string& at(const std::string& k) const {
    auto it = fields.find(k);
    if (it == fields.end()) throw std::runtime_error("record lacks field " + k);
    return it->second;
  }
};

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// Parses NIST .rsp text: CRLF or LF, '#' comments, "[L = 64]" or "[L=64]" section headers
/// (normalised to "L=64"), records separated by blank lines.
inline std::vector<rsp_record> parse_rsp(const std::string& text) {
  std::vector<rsp_record> out;
  std::string section;
  rsp_record cur;
  auto flush = [&] {
    if (!cur.fields.empty()) out.push_back(cur);
    cur = rsp_record{};
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string_view line = trim(std::string_view(text).substr(pos, eol - pos));
    pos = eol + 1;
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.front() == '#') continue;
    if (line.front() == '[') {
      flush();
      section.clear();
      for (char c : line.substr(1, line.size() - 2))
        if (c != ' ') section += c;
      continue;
    }
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) throw std::runtime_error("unparsed line: " + std::string(line));
    cur.section = section;
    cur.fields[std::string(trim(line.substr(0, eq)))] = std::string(trim(line.substr(eq + 1)));
  }
  flush();
  return out;
}

// ------------------------------------------------------------------ OpenSSL references

inline digest openssl_sha512(const unsigned char* p, std::size_t n) {
  digest d{};
  unsigned int len = 0;
  if (EVP_Digest(p, n, d.data(), &len, EVP_sha512(), nullptr) != 1 || len != 64)
    throw std::runtime_error("EVP_Digest failed");
  return d;
}
inline digest openssl_sha512(const bytes& m) { return openssl_sha512(m.data(), m.size()); }

inline digest openssl_hmac(const bytes& key, const bytes& msg) {
  digest d{};
  unsigned int len = 0;
  static const unsigned char dummy = 0;  // HMAC() wants a non-null key even when it is empty
  if (HMAC(EVP_sha512(), key.empty() ? &dummy : key.data(), static_cast<int>(key.size()),
           msg.data(), msg.size(), d.data(), &len) == nullptr || len != 64)
    throw std::runtime_error("HMAC failed");
  return d;
}

// ------------------------------------------------------------------ every implementation

/// Hashes `msg`, feeding it in pieces of at most `chunk` bytes (0: one update).
using hash_fn = std::function<digest(const bytes& msg, std::size_t chunk)>;
/// HMAC-SHA-512 of (key, msg), message fed in pieces of at most `chunk` bytes (0: one update).
using mac_fn = std::function<digest(const bytes& key, const bytes& msg, std::size_t chunk)>;

template <class H>
void feed(H& h, const bytes& msg, std::size_t chunk) {
  if (chunk == 0) {
    h.update(msg.data(), msg.size());
    return;
  }
  for (std::size_t i = 0; i < msg.size(); i += chunk)
    h.update(msg.data() + i, std::min(chunk, msg.size() - i));
}

/// jsonsig::sha512 (the configured backend), the bundled code on every runnable kernel, and
/// the OpenSSL backend class.
inline std::vector<std::pair<std::string, hash_fn>> sha512_impls() {
  std::vector<std::pair<std::string, hash_fn>> v;
  v.emplace_back(std::string("jsonsig::sha512[") + jsonsig::detail::sha512_backend_name() + "]",
                 [](const bytes& m, std::size_t chunk) {
                   jsonsig::sha512 h;
                   feed(h, m, chunk);
                   return h.finish();
                 });
  for (const auto& k : jsonsig::detail::sha512_core::kernels()) {
    if (!k.runnable) continue;
    const auto fn = k.fn;
    v.emplace_back(std::string("bundled/") + k.name, [fn](const bytes& m, std::size_t chunk) {
      jsonsig::detail::sha512_bundled h(fn);
      feed(h, m, chunk);
      return h.finish();
    });
  }
  v.emplace_back("openssl_backend", [](const bytes& m, std::size_t chunk) {
    jsonsig::detail::openssl::sha512 h;
    if (!h.uses_openssl()) throw std::runtime_error("OpenSSL backend fell back");
    feed(h, m, chunk);
    return h.finish();
  });
  return v;
}

inline std::vector<std::pair<std::string, mac_fn>> hmac_impls() {
  std::vector<std::pair<std::string, mac_fn>> v;
  v.emplace_back(std::string("jsonsig::hmac_sha512[") + jsonsig::detail::sha512_backend_name() + "]",
                 [](const bytes& key, const bytes& m, std::size_t chunk) {
                   const jsonsig::hmac_key k(key.data(), key.size());
                   jsonsig::hmac_sha512 mac(k);
                   feed(mac, m, chunk);
                   return mac.finish();
                 });
  for (const auto& kn : jsonsig::detail::sha512_core::kernels()) {
    if (!kn.runnable) continue;
    const auto fn = kn.fn;
    v.emplace_back(std::string("bundled/") + kn.name,
                   [fn](const bytes& key, const bytes& m, std::size_t chunk) {
                     const jsonsig::detail::hmac_key_bundled k(key.data(), key.size(), fn);
                     jsonsig::detail::hmac_sha512_bundled mac(k, fn);
                     feed(mac, m, chunk);
                     return mac.finish();
                   });
  }
  v.emplace_back("openssl_backend", [](const bytes& key, const bytes& m, std::size_t chunk) {
    const jsonsig::detail::openssl::hmac_key k(key.data(), key.size());
    jsonsig::detail::openssl::hmac_sha512 mac(k);
    if (!k.uses_openssl() || !mac.uses_openssl()) throw std::runtime_error("OpenSSL backend fell back");
    feed(mac, m, chunk);
    return mac.finish();
  });
  return v;
}

}  // namespace crypto_vectors

#endif  // JSONSIG_TESTS_CRYPTO_VECTORS_HPP
