// SPDX-License-Identifier: MIT
// Reusable RapidCheck generators for signing: tokens (the HMAC key) and messages, favouring the
// lengths where HMAC and SHA-512 change behaviour (empty, around the 128-byte block, keys longer
// than a block that are hashed first) and bytes that matter (NUL, non-ASCII, UTF-8).
#ifndef JSONSIG_TESTS_PROP_TOKEN_GEN_HPP
#define JSONSIG_TESTS_PROP_TOKEN_GEN_HPP

#include <rapidcheck.h>

#include <cstddef>
#include <string>
#include <vector>

namespace token_gen {

/// A length in [0, max], with extra weight on 0, 1 and each 128-byte block edge (+-1).
inline rc::Gen<std::size_t> edgy_length(std::size_t max) {
  std::vector<std::size_t> edges{0, 1};
  for (std::size_t b = 128; b <= max + 1; b += 128) {
    for (std::size_t e : {b - 17, b - 16, b - 1, b, b + 1}) {  // 111/112: the length field fits or not
      if (e <= max) edges.push_back(e);
    }
  }
  return rc::gen::weightedOneOf<std::size_t>(
      {{2, rc::gen::elementOf(edges)}, {3, rc::gen::inRange<std::size_t>(0, max + 1)}});
}

/// Bytes of an edgy length: arbitrary bytes, or printable ASCII, or UTF-8 text.
inline rc::Gen<std::string> bytes(std::size_t max) {
  return rc::gen::mapcat(edgy_length(max), [](std::size_t n) {
    return rc::gen::oneOf(
        rc::gen::container<std::string>(n, rc::gen::arbitrary<char>()),
        rc::gen::container<std::string>(n, rc::gen::map(rc::gen::inRange(0x20, 0x7f),
                                                        [](int c) { return static_cast<char>(c); })),
        rc::gen::map(rc::gen::container<std::vector<int>>(n / 4 + 1, rc::gen::elementOf(std::vector<int>{
                         'a', 'Z', '0', '-', 0xe9, 0x263a, 0x1f511})),
                     [n](const std::vector<int>& cps) {
                       std::string s;
                       for (int cp : cps) {
                         const auto u = static_cast<unsigned>(cp);
                         if (u < 0x80) {
                           s += static_cast<char>(u);
                         } else if (u < 0x800) {
                           s += static_cast<char>(0xc0 | (u >> 6));
                           s += static_cast<char>(0x80 | (u & 0x3f));
                         } else if (u < 0x10000) {
                           s += static_cast<char>(0xe0 | (u >> 12));
                           s += static_cast<char>(0x80 | ((u >> 6) & 0x3f));
                           s += static_cast<char>(0x80 | (u & 0x3f));
                         } else {
                           s += static_cast<char>(0xf0 | (u >> 18));
                           s += static_cast<char>(0x80 | ((u >> 12) & 0x3f));
                           s += static_cast<char>(0x80 | ((u >> 6) & 0x3f));
                           s += static_cast<char>(0x80 | (u & 0x3f));
                         }
                         if (s.size() >= n) break;
                       }
                       return s;
                     }));
  });
}

/// A signatureToken: 0..300 bytes (keys over 128 bytes are hashed first by HMAC).
inline rc::Gen<std::string> token() { return bytes(300); }

/// A raw message: 0..max bytes.
inline rc::Gen<std::string> message(std::size_t max = 1200) { return bytes(max); }

struct token_message {
  std::string token;
  std::string message;
};

/// A token and a message together.
inline rc::Gen<token_message> pair(std::size_t max_message = 1200) {
  return rc::gen::apply([](std::string t, std::string m) { return token_message{std::move(t), std::move(m)}; },
                        token(), message(max_message));
}

}  // namespace token_gen

#endif  // JSONSIG_TESTS_PROP_TOKEN_GEN_HPP
