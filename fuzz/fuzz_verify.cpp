// SPDX-License-Identifier: MIT
// verify() on attacker-shaped input: it never throws or crashes, accepts exactly the correct
// signature (in either letter case) and rejects everything else.
//
// Input layout:
//   byte 0: bits 0-1 profile (3 = js), bits 2-4 signature mode (below), bit 5 reject_duplicates
//   byte 1: token length L, then L token bytes (any bytes: the token is an opaque key)
//   byte:   P, a parameter of the mode; byte: Q, another
//   byte:   S, then S bytes: the raw signature candidate (modes 4 and 7)
//   rest:   the body
// Modes: 0 the correct signature; 1 uppercased; 2 mixed case by P/Q; 3 char P % 128 replaced
// by Q; 4 the raw candidate; 5 correct with a char appended or removed; 6 correct with one
// decoded bit flipped and re-encoded; 7 the raw candidate mapped onto hex digits.
//
// The oracle is independent of verify: the expected signature is hex(HMAC-SHA512(token,
// canonicalize(body))), and a candidate must verify iff it has 128 chars and equals that after
// folding A-F to a-f.
#include <jsonsig/canonical.hpp>
#include <jsonsig/hex.hpp>
#include <jsonsig/hmac.hpp>
#include <jsonsig/sign.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

using jsonsig::canonical_options;
using jsonsig::error_info;
using jsonsig::profile;

char fold(char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; }

bool folds_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fold(a[i]) != fold(b[i])) return false;
  return true;
}

bool is_lower_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string candidate(int mode, const std::string& correct, std::uint8_t p, std::uint8_t q,
                      std::string_view raw) {
  std::string s = correct;
  switch (mode) {
    case 0: break;
    case 1:
      for (char& c : s) c = c >= 'a' && c <= 'f' ? static_cast<char>(c - 'a' + 'A') : c;
      break;
    case 2:
      for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned bit = ((i % 2 == 0 ? p : q) >> (i / 2 % 8)) & 1u;
        if (bit != 0 && s[i] >= 'a' && s[i] <= 'f') s[i] = static_cast<char>(s[i] - 'a' + 'A');
      }
      break;
    case 3:
      if (!s.empty()) s[p % s.size()] = static_cast<char>(q);
      break;
    case 4: s = std::string(raw); break;
    case 5:
      if ((p & 1u) != 0 && !s.empty()) {
        s.erase(q % s.size(), 1);
      } else {
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(q % (s.size() + 1)), static_cast<char>(p));
      }
      break;
    case 6: {
      std::array<unsigned char, 64> mac{};
      if (jsonsig::hex_decode(s, mac)) {
        mac[p % 64] = static_cast<unsigned char>(mac[p % 64] ^ (1u << (q % 8)));
        s = jsonsig::hex_encode(mac);
      }
      break;
    }
    default: {
      static constexpr char digits[] = "0123456789abcdefABCDEF";
      s.clear();
      for (char c : raw) s += digits[static_cast<unsigned char>(c) % 22];
      break;
    }
  }
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::cursor in(data, size);
  const std::uint8_t flags = in.byte();
  const int pi = flags & 3u;
  const profile p = pi == 1 ? profile::jcs : pi == 2 ? profile::python : profile::js;
  const int mode = (flags >> 2) & 7;
  canonical_options opt;
  opt.prof = p;
  opt.reject_duplicates = (flags & 32u) != 0;
  const std::string token(in.bytes(in.byte()));
  const std::uint8_t pa = in.byte();
  const std::uint8_t qa = in.byte();
  const std::string raw(in.bytes(in.byte()));
  const std::string_view body = in.rest();

  // The oracle.
  error_info cerr;
  const std::string canonical = jsonsig::canonicalize(body, opt, cerr);
  std::string expected;  // empty: no signature can be valid
  if (!cerr) expected = jsonsig::hex_encode(jsonsig::hmac_sha512_digest(token, canonical));

  const jsonsig::signer s(token, opt);
  error_info serr;
  const std::string sig = s.sign(body, serr);
  FUZZ_CHECK(serr.code == cerr.code);
  FUZZ_CHECK(sig == expected);
  FUZZ_CHECK(sig.empty() || (sig.size() == jsonsig::signature_size && is_lower_hex(sig)));
  if (!opt.reject_duplicates) {
    error_info ferr;
    FUZZ_CHECK(jsonsig::sign(body, token, p, ferr) == sig);
  }

  // Without a valid body there is no correct signature; test a plausible-looking one instead.
  const std::string base = expected.empty() ? candidate(7, std::string(), pa, qa, raw + raw + raw) : expected;
  const std::string cand = candidate(mode, base, pa, qa, raw);
  const bool want = !expected.empty() && folds_equal(cand, expected);
  if (!expected.empty() && mode <= 2) FUZZ_CHECK(want);  // sanity of the case games
  if (mode == 5 || mode == 6) FUZZ_CHECK(!want);

  static_assert(noexcept(s.verify(body, cand)), "verify must be noexcept");
  FUZZ_CHECK(s.verify(body, cand) == want);
  std::string verified = "sentinel";
  FUZZ_CHECK(s.verify(body, cand, verified) == want);
  FUZZ_CHECK(verified == (want ? canonical : std::string()));
  const std::optional<std::string> vb = s.verify_body(body, cand);
  FUZZ_CHECK(vb.has_value() == want);
  if (vb) FUZZ_CHECK(*vb == canonical);
  if (!opt.reject_duplicates) FUZZ_CHECK(jsonsig::verify(body, token, cand, p) == want);

  // A copy of the signer is the same signer; signed_body carries the same bytes.
  const jsonsig::signer copy = s;
  FUZZ_CHECK(copy.verify(body, cand) == want);
  error_info berr;
  const jsonsig::signed_body sb = copy.sign_body(body, berr);
  FUZZ_CHECK(berr.code == cerr.code);
  FUZZ_CHECK(sb.body == canonical);
  FUZZ_CHECK(sb.signature == expected);
  return 0;
}
