// SPDX-License-Identifier: MIT
// The whole input is a JSON body, canonicalized in every profile with the default options,
// with reject_duplicates and with a small max_depth. Beyond "no crash, hang or leak":
//   - an accepted input's output parses again and is a fixed point (python: unless a number
//     overflowed, which python prints as Infinity, not JSON);
//   - the error forms agree: throwing == non-throwing (same bytes, or same errc), a fresh and
//     a reused canonicalizer agree, the error offset lies inside the input, and output is empty
//     on error;
//   - the sinks agree: canonicalize_to into a string_sink, a counting_sink, an hmac_sink (==
//     HMAC-SHA512 of the string), and sign() / sign_body() on top;
//   - the options agree: reject_duplicates changes nothing but adding errc::duplicate_key;
//     max_depth = k accepts exactly the inputs nested at most k deep, with the same bytes;
//   - the profiles agree where their definitions overlap: js, jcs and python accept the same
//     texts except for each profile's documented rejections, and re-canonicalizing one
//     profile's output in another gives that other profile's output.
#include <jsonsig/canonical.hpp>
#include <jsonsig/hex.hpp>
#include <jsonsig/hmac.hpp>
#include <jsonsig/json_parser.hpp>
#include <jsonsig/sign.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

using jsonsig::canonical_options;
using jsonsig::errc;
using jsonsig::error_info;
using jsonsig::profile;

constexpr std::string_view token = "fuzz-token \xc3\xa9";  // any bytes; a non-ASCII one for luck
constexpr profile profiles[] = {profile::js, profile::jcs, profile::python};

struct result {
  std::string out;
  error_info err;
};

canonical_options options(profile p, bool rdup = false, std::size_t depth = JSONSIG_DEFAULT_MAX_DEPTH) {
  canonical_options o;
  o.prof = p;
  o.reject_duplicates = rdup;
  o.max_depth = depth;
  return o;
}

result canon(std::string_view in, const canonical_options& opt) {
  result r;
  r.out = jsonsig::canonicalize(in, opt, r.err);
  return r;
}

bool same(const result& a, const result& b) {
  return a.err.code == b.err.code && a.out == b.out;
}

// Nesting depth of a document already known to be valid JSON (brackets outside strings).
std::size_t depth_of(std::string_view json) {
  std::size_t d = 0, max = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++d > max) max = d;
    } else if (c == ']' || c == '}') {
      --d;
    }
  }
  return max;
}

// True when some number in the (valid) document rounds to an infinite double.
bool has_overflow(std::string_view json) {
  jsonsig::parse_options po;
  po.reject_non_finite = true;
  jsonsig::json_parser ps(po);
  jsonsig::null_handler h;
  error_info err;
  ps.parse(json, h, err);
  return err.code == errc::non_finite_number;
}

// One reused canonicalizer per profile for the whole run: state left over from earlier inputs
// (arena, tape, stacks) must never change a later result.
jsonsig::canonicalizer& reused(profile p) {
  static jsonsig::canonicalizer c[3];
  return c[static_cast<int>(p)];
}

void check_forms(std::string_view in, const canonical_options& opt, const result& r) {
  FUZZ_CHECK(!r.err || r.out.empty());
  FUZZ_CHECK(!r.err || r.err.offset <= in.size());
  FUZZ_CHECK(r.err || !r.out.empty());  // every JSON value has a non-empty text

#if JSONSIG_EXCEPTIONS
  try {
    const std::string thrown = jsonsig::canonicalize(in, opt);
    FUZZ_CHECK(!r.err);
    FUZZ_CHECK(thrown == r.out);
  } catch (const jsonsig::error& e) {
    FUZZ_CHECK(r.err);
    FUZZ_CHECK(e.code() == r.err.code);
    FUZZ_CHECK(e.offset() == r.err.offset);
  }
#endif

  jsonsig::canonicalizer& c = reused(opt.prof);
  c.set_options(opt);
  error_info e2;
  const std::string again = c.canonicalize(in, e2);
  FUZZ_CHECK(e2.code == r.err.code && e2.offset == r.err.offset);
  FUZZ_CHECK(again == r.out);

  std::string streamed;
  jsonsig::string_sink ss{streamed};
  error_info e3;
  jsonsig::canonicalize_to(in, ss, opt, e3);
  FUZZ_CHECK(e3.code == r.err.code);
  if (!r.err) FUZZ_CHECK(streamed == r.out);

  jsonsig::counting_sink cs;
  error_info e4;
  jsonsig::canonicalize_to(in, cs, opt, e4);
  FUZZ_CHECK(e4.code == r.err.code);
  if (!r.err) FUZZ_CHECK(cs.count == r.out.size());
}

void check_mac(std::string_view in, profile p, const result& r) {
  const jsonsig::hmac_key key(token);
  unsigned char streamed[64];
  error_info err;
  {
    jsonsig::hmac_sha512 h(key);
    {
      jsonsig::hmac_sink sink(h);
      jsonsig::canonicalize_to(in, sink, options(p), err);
      sink.flush();
    }
    h.finish(streamed);
  }
  FUZZ_CHECK(err.code == r.err.code);

  error_info serr;
  const std::string sig = jsonsig::sign(in, token, p, serr);
  FUZZ_CHECK(serr.code == r.err.code);
  if (r.err) {
    FUZZ_CHECK(sig.empty());
    return;
  }
  const auto direct = jsonsig::hmac_sha512_digest(token, r.out);
  FUZZ_CHECK(jsonsig::ct_equal(direct.data(), streamed, 64));
  FUZZ_CHECK(sig == jsonsig::hex_encode(direct));

  error_info berr;
  const jsonsig::signed_body sb = jsonsig::sign_body(in, token, p, berr);
  FUZZ_CHECK(!berr);
  FUZZ_CHECK(sb.body == r.out);
  FUZZ_CHECK(sb.signature == sig);
#if JSONSIG_EXCEPTIONS
  FUZZ_CHECK(jsonsig::sign(in, token, p) == sig);
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t small_depth = size % 6;  // 0..5, varied by the input without spending bytes

  result base[3];
  for (profile p : profiles) {
    const int pi = static_cast<int>(p);
    const canonical_options opt = options(p);
    result& r = base[pi];
    r = canon(in, opt);
    check_forms(in, opt, r);
    check_mac(in, p, r);

    // reject_duplicates: the same result, or duplicate_key where the default accepted.
    const canonical_options ropt = options(p, true);
    const result rd = canon(in, ropt);
    check_forms(in, ropt, rd);
    if (r.err || p == profile::jcs) {
      FUZZ_CHECK(same(rd, r));
    } else {
      FUZZ_CHECK(same(rd, r) || (rd.err.code == errc::duplicate_key && rd.out.empty()));
    }

    // max_depth: exactly the documents nested no deeper are accepted, with the same bytes.
    const canonical_options dopt = options(p, false, small_depth);
    const result dr = canon(in, dopt);
    check_forms(in, dopt, dr);
    if (!r.err) {
      if (depth_of(in) <= small_depth) {
        FUZZ_CHECK(same(dr, r));
      } else {
        FUZZ_CHECK(dr.err.code == errc::too_deep);
      }
    } else {
      FUZZ_CHECK(dr.err);
    }

    if (r.err) continue;
    // Output character set: python is ensure_ascii (printable ASCII only); js/jcs escape every
    // control character.
    for (char ch : r.out) {
      const auto c = static_cast<unsigned char>(ch);
      if (p == profile::python) {
        FUZZ_CHECK(c >= 0x20 && c < 0x7F);
      } else {
        FUZZ_CHECK(c >= 0x20);
      }
    }
    // Fixed point: the output is canonical JSON of the same value.
    if (p == profile::python && has_overflow(in)) continue;  // "Infinity" is not JSON
    const result twice = canon(r.out, opt);
    FUZZ_CHECK(!twice.err);
    FUZZ_CHECK(twice.out == r.out);
  }

  const result& js = base[static_cast<int>(profile::js)];
  const result& jcs = base[static_cast<int>(profile::jcs)];
  const result& py = base[static_cast<int>(profile::python)];
  // Acceptance: one parser, each profile adding only its documented rejections.
  if (js.err) {
    FUZZ_CHECK(jcs.err);
    FUZZ_CHECK(py.err);
    FUZZ_CHECK(py.err.code == js.err.code || py.err.code == errc::number_too_long);
  } else {
    FUZZ_CHECK(!py.err || py.err.code == errc::number_too_long);
    FUZZ_CHECK(!jcs.err || jcs.err.code == errc::duplicate_key ||
               jcs.err.code == errc::lone_surrogate || jcs.err.code == errc::non_finite_number);
  }
  if (!jcs.err) FUZZ_CHECK(!py.err);  // an integer of > 4300 digits overflows binary64

  // Cross-profile: each output holds the same value (the same doubles, keys and strings), so
  // another profile makes the same bytes of it as of the input.
  if (!jcs.err) {
    FUZZ_CHECK(canon(jcs.out, options(profile::js)).out == js.out);
    FUZZ_CHECK(canon(js.out, options(profile::jcs)).out == jcs.out);
    FUZZ_CHECK(canon(py.out, options(profile::jcs)).out == jcs.out);
  }
  if (!js.err && !py.err && !has_overflow(in)) {
    FUZZ_CHECK(canon(py.out, options(profile::js)).out == js.out);
  }
  return 0;
}
