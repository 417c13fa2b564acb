// SPDX-License-Identifier: MIT
// Hex kernels against trivial references. Byte 0 picks a misalignment (0..63) for the input
// copy; the rest is used three ways:
//   - as bytes: every runnable kernel's encode == encode_scalar == a table-lookup reference,
//     writing exactly 2n chars (sentinels around the output); hex_encode agrees; decoding the
//     encoding (and its uppercase form) gives the bytes back;
//   - as text: every runnable kernel's decode says "valid" exactly when all 2n chars are
//     [0-9a-fA-F], and then writes the reference bytes; hex_decode (strict) accepts exactly the
//     even-length all-hex inputs and zeroes its output otherwise;
//   - as two halves: ct_equal == (memcmp == 0), also after flipping one bit.
#include <jsonsig/constant_time.hpp>
#include <jsonsig/hex.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

namespace {

namespace hx = jsonsig::detail::hex;

constexpr unsigned char sentinel = 0xA5;
constexpr std::size_t guard = 64;

int ref_nibble(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string ref_encode(const unsigned char* p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 0xF];
  }
  return out;
}

// Valid iff every char of the first 2n is a hex digit; bytes only meaningful when valid.
bool ref_decode(const char* s, std::size_t n, std::vector<unsigned char>& out) {
  out.assign(n, 0);
  bool ok = true;
  for (std::size_t i = 0; i < n; ++i) {
    const int hi = ref_nibble(static_cast<unsigned char>(s[2 * i]));
    const int lo = ref_nibble(static_cast<unsigned char>(s[2 * i + 1]));
    if (hi < 0 || lo < 0) {
      ok = false;
      continue;
    }
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return ok;
}

bool all_sentinel(const unsigned char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != sentinel) return false;
  return true;
}

void check_encode(const unsigned char* in, std::size_t n) {
  const std::string want = ref_encode(in, n);
  std::vector<unsigned char> buf(2 * n + 2 * guard, sentinel);
  char* out = reinterpret_cast<char*>(buf.data() + guard);
  hx::encode_scalar(in, n, out);
  FUZZ_CHECK(std::string_view(out, 2 * n) == want);
  for (const hx::kernel& k : hx::kernels()) {
    if (!k.runnable) continue;
    std::fill(buf.begin(), buf.end(), sentinel);
    k.encode(in, n, out);
    if (std::string_view(out, 2 * n) != want) std::fprintf(stderr, "kernel %s encode differs\n", k.name);
    FUZZ_CHECK(std::string_view(out, 2 * n) == want);
    FUZZ_CHECK(all_sentinel(buf.data(), guard));
    FUZZ_CHECK(all_sentinel(buf.data() + guard + 2 * n, guard));
  }
  FUZZ_CHECK(jsonsig::hex_encode(in, n) == want);

  // Round trip, lowercase and uppercase.
  std::string upper = want;
  for (char& c : upper)
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  for (const std::string* text : {&want, static_cast<const std::string*>(&upper)}) {
    std::vector<unsigned char> back(n + 1, sentinel);
    FUZZ_CHECK(jsonsig::hex_decode(*text, back.data()));
    FUZZ_CHECK(n == 0 || std::memcmp(back.data(), in, n) == 0);
    FUZZ_CHECK(back[n] == sentinel);
  }
}

void check_decode(const char* s, std::size_t len) {
  const std::size_t n = len / 2;
  std::vector<unsigned char> want;
  const bool valid = ref_decode(s, n, want);
  std::vector<unsigned char> buf(n + 2 * guard, sentinel);
  unsigned char* out = buf.data() + guard;
  for (const hx::kernel& k : hx::kernels()) {
    if (!k.runnable) continue;
    std::fill(buf.begin(), buf.end(), sentinel);
    const bool got = k.decode(s, n, out);
    if (got != valid) std::fprintf(stderr, "kernel %s decode validity %d, want %d\n", k.name, got, valid);
    FUZZ_CHECK(got == valid);
    if (valid) FUZZ_CHECK(n == 0 || std::memcmp(out, want.data(), n) == 0);
    FUZZ_CHECK(all_sentinel(buf.data(), guard));
    FUZZ_CHECK(all_sentinel(out + n, guard));
  }

  // The public strict decode of the whole text (odd lengths included).
  const bool strict_ok = len % 2 == 0 && valid;
  std::fill(buf.begin(), buf.end(), sentinel);
  FUZZ_CHECK(jsonsig::hex_decode(std::string_view(s, len), out) == strict_ok);
  if (strict_ok) {
    FUZZ_CHECK(n == 0 || std::memcmp(out, want.data(), n) == 0);
    FUZZ_CHECK(all_sentinel(out + n, guard));
  } else if (len % 2 == 0) {
    for (std::size_t i = 0; i < n; ++i) FUZZ_CHECK(out[i] == 0);  // documented: zeroed
  } else {
    FUZZ_CHECK(all_sentinel(buf.data(), buf.size()));  // documented: odd length writes nothing
  }

  // The fixed-size form, as verify() uses it for a 128-char signature.
  std::array<unsigned char, 64> a{};
  a.fill(sentinel);
  const bool fixed_ok = jsonsig::hex_decode(std::string_view(s, len), a);
  FUZZ_CHECK(fixed_ok == (len == 128 && strict_ok));
  if (fixed_ok) FUZZ_CHECK(std::memcmp(a.data(), want.data(), 64) == 0);
  if (len != 128) FUZZ_CHECK(all_sentinel(a.data(), a.size()));
}

void check_ct_equal(const unsigned char* p, std::size_t len) {
  const std::size_t n = len / 2;
  const unsigned char* a = p;
  const unsigned char* b = p + n;
  FUZZ_CHECK(jsonsig::ct_equal(a, b, n) == (n == 0 || std::memcmp(a, b, n) == 0));
  FUZZ_CHECK(jsonsig::ct_equal(a, a, n));
  if (n == 0) return;
  std::vector<unsigned char> c(a, a + n);
  const std::size_t at = b[0] % n;
  c[at] = static_cast<unsigned char>(c[at] ^ (1u << (b[n - 1] % 8)));
  FUZZ_CHECK(!jsonsig::ct_equal(a, c.data(), n));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::cursor in(data, size);
  const std::uint8_t flags = in.byte();
  const std::size_t shift = flags & 63u;
  const std::string_view body = in.rest();
  // Copy to a chosen misalignment, in a buffer of exactly shift + size bytes so that ASan
  // sees any read past the end.
  std::vector<unsigned char> storage(shift + body.size());
  if (!body.empty()) std::memcpy(storage.data() + shift, body.data(), body.size());
  const unsigned char* p = storage.data() + shift;
  check_encode(p, body.size());
  check_ct_equal(p, body.size());
  if ((flags & 64u) != 0) {
    // Mostly hex digits of both cases, now and then another byte: random bytes alone would
    // almost never make a long valid run for the SIMD decoders.
    static constexpr char digits[] = "0123456789abcdefABCDEF";
    for (std::size_t i = 0; i < body.size(); ++i) {
      const unsigned char c = p[i];
      storage[shift + i] = c < 0xF0 ? static_cast<unsigned char>(digits[c % 22]) : static_cast<unsigned char>(c << 4);
    }
  }
  check_decode(reinterpret_cast<const char*>(p), body.size());
  return 0;
}
