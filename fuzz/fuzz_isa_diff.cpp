// SPDX-License-Identifier: MIT
// The text-scanning kernels (detail/scan.hpp: UTF-8 validation, the JSON string-body scan, the
// Python ensure_ascii scan) of every runnable ISA against the scalar ones and against
// references written here from the definitions (RFC 3629; RFC 8259 §7; CPython's
// ESCAPE_ASCII), on several prefixes of the input at a fuzz-chosen misalignment, in a buffer
// of exactly the input's size (ASan reports any read past it), plus the inline dispatchers
// find_string_special / find_py_special. STYLE.md §6; the hex kernels have fuzz_hex.
//
// Input layout: byte 0 = flags: bits 0-5 misalignment, bit 6 "text mode": each further byte
// becomes a plain letter (mostly) or one fragment from a list of specials and UTF-8 sequences
// (valid, overlong, surrogate, truncated), so that long valid runs with rare specials, which
// the SIMD paths are built for, are common. Otherwise the bytes are used as they are.
#include <jsonsig/detail/scan.hpp>
#include <jsonsig/detail/utf8.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

namespace {

namespace scan = jsonsig::detail::scan;

constexpr std::string_view fragments[] = {
    "\"", "\\", "\x1f", "\x7f", "\x01", " ", "~", "\xc3\xa9", "\xc2\x80", "\xdf\xbf",
    "\xe2\x82\xac", "\xef\xbf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xf0\x9f\x98\x80",
    "\xf4\x8f\xbf\xbf", "\xed\xa0\x80", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80",
    "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xe2\x82", "\xf0\x9f\x98",
    "\x80", "\xbf", "\xff", "\xfe", "\xc3"};

struct refs {
  bool utf8_ok;
  std::size_t special;  // first '"', '\\' or < 0x20
  bool high_before;     // a byte >= 0x80 before `special`
  std::size_t py;       // first '"', '\\', < 0x20 or > 0x7E
};

refs reference(const unsigned char* p, std::size_t n) {
  refs r{fuzz::utf8_decode(std::string_view(reinterpret_cast<const char*>(p), n), nullptr), n,
         false, n};
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned c = p[i];
    if (c == '"' || c == '\\' || c < 0x20) {
      r.special = i;
      break;
    }
    if (c >= 0x80) r.high_before = true;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned c = p[i];
    if (c == '"' || c == '\\' || c < 0x20 || c > 0x7E) {
      r.py = i;
      break;
    }
  }
  return r;
}

void check(const unsigned char* p, std::size_t n, std::size_t readable) {
  const refs want = reference(p, n);
  const char* s = reinterpret_cast<const char*>(p);
  for (const scan::kernel& k : scan::kernels()) {
    if (!k.runnable) continue;
    const bool ok = k.validate_utf8(s, n);
    if (ok != want.utf8_ok) std::fprintf(stderr, "kernel %s: validate_utf8 %d, want %d\n", k.name, ok, want.utf8_ok);
    FUZZ_CHECK(ok == want.utf8_ok);
    unsigned high = 0;
    const std::size_t at = k.string_special(s, n, high);
    if (at != want.special || (high != 0) != want.high_before)
      std::fprintf(stderr, "kernel %s: string_special %zu (high %u), want %zu (high %d)\n", k.name, at,
                   high, want.special, want.high_before);
    FUZZ_CHECK(at == want.special);
    FUZZ_CHECK((high != 0) == want.high_before);
    const std::size_t py = k.py_special(s, n);
    if (py != want.py) std::fprintf(stderr, "kernel %s: py_special %zu, want %zu\n", k.name, py, want.py);
    FUZZ_CHECK(py == want.py);
  }
  FUZZ_CHECK((jsonsig::detail::utf8::find_invalid_scalar(s, n) == n) == want.utf8_ok);
  FUZZ_CHECK(scan::validate_utf8(s, n) == want.utf8_ok);
  unsigned high = 0;
  FUZZ_CHECK(scan::find_string_special(s, n, high) == want.special);
  FUZZ_CHECK((high != 0) == want.high_before);
  FUZZ_CHECK(scan::find_py_special(s, n, readable) == want.py);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::cursor in(data, size);
  const std::uint8_t flags = in.byte();
  const std::size_t shift = flags & 63u;
  std::string text;
  if ((flags & 64u) != 0) {
    while (!in.empty()) {
      const std::uint8_t b = in.byte();
      if (b < 0xC0) {
        text += static_cast<char>('a' + b % 26);
      } else {
        text += fragments[b % (sizeof fragments / sizeof fragments[0])];
      }
    }
  } else {
    text = std::string(in.rest());
  }
  // Exactly shift + size bytes: nothing after the text is readable.
  std::vector<unsigned char> buf(shift + text.size());
  if (!text.empty()) std::memcpy(buf.data() + shift, text.data(), text.size());
  const unsigned char* p = buf.data() + shift;
  const std::size_t n = text.size();
  // Prefixes move the end of the text across block and sequence boundaries.
  const std::size_t lens[] = {n, n - (n > 0 ? 1 : 0), n / 2, n - n % 32, n - n % 16};
  for (std::size_t i = 0; i < sizeof lens / sizeof lens[0]; ++i) {
    bool seen = false;
    for (std::size_t j = 0; j < i; ++j) seen = seen || lens[j] == lens[i];
    if (!seen) check(p, lens[i], n);  // the whole text stays readable
  }
  // find_py_special may read up to `readable` bytes: a padded copy with 16 spare bytes.
  std::vector<unsigned char> padded(n + 16, 'x');
  if (n != 0) std::memcpy(padded.data(), p, n);
  check(padded.data(), n, n + 16);
  return 0;
}
