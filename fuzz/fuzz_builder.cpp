// SPDX-License-Identifier: MIT
// The builder against the text path. The fuzz bytes decode to a sequence of builder events
// (begin/end object/array, key, string, int64, uint64, double, lexeme, bool, null); the same
// events are also written as ordinary JSON text (keys in the given order, strings escaped).
// In every profile, builder.finish() must equal canonicalize(text): the same bytes, or the
// same errc (invalid UTF-8, too_deep, duplicate_key, a jcs non-finite number ...); and
// signer::sign / sign_body of the builder give the HMAC of those bytes (or the same error).
//
// Input layout: byte 0 = flags (below), then events until the input runs out.
//   bit 0  raw mode: events go to the builder exactly as decoded, misuse included; an
//          independent model of the builder's contract predicts the first misuse, and the
//          builder must report errc::invalid_argument at that call. Otherwise (repair mode)
//          the decoder keeps the sequence well-formed (a key before each member value, ends
//          matching the open container, everything closed at the end).
//   bit 1  reject_duplicates           bit 2  max_depth = bits 3..5 (0..7), else the default
//   bit 6  text escapes every character (\u00XX, \uD83D\uDE00, "\/")
//   bit 7  text has whitespace between tokens
//
// Text for the binary numbers: integers in decimal; a double as the shortest round-trip form
// (std::to_chars, independent of jsonsig's formatter) with ".0" added when it has neither '.'
// nor exponent, so python reads it as a float too; +-Infinity as +-1e400, which parses to the
// same infinity (js: null, python: Infinity, jcs: non_finite_number); NaN as null for js and
// as 1e400 for jcs (both paths then fail with non_finite_number at that event), and python is
// not compared for a NaN (json.dumps writes NaN, which has no JSON text).
#include <jsonsig/builder.hpp>
#include <jsonsig/canonical_writer.hpp>
#include <jsonsig/hex.hpp>
#include <jsonsig/hmac.hpp>
#include <jsonsig/sign.hpp>

#include <array>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

namespace {

using jsonsig::canonical_options;
using jsonsig::errc;
using jsonsig::error_info;
using jsonsig::profile;
using namespace std::string_view_literals;

enum class op : std::uint8_t {
  begin_object,
  end_object,
  begin_array,
  end_array,
  key,
  string,
  int64,
  uint64,
  dbl,
  lexeme,
  boolean,
  null,
  count
};

struct event {
  op kind;
  std::string text;        // key, string, lexeme
  std::uint64_t bits = 0;  // int64 / uint64 / double bits / bool
};

// Keys that exercise each profile's order (array indexes, UTF-16 vs code point), escaping and
// duplicate handling.
constexpr std::string_view key_dict[] = {
    "",           "a",          "b",          "A",           "0",
    "1",          "2",          "10",         "01",          "-1",
    "4294967294", "4294967295", "__proto__",  "\xc3\xa9",    "e\xcc\x81",
    "\xef\xbf\xbf", "\xef\xbd\xa1", "\xf0\x9f\x98\x80", "\xf0\x90\x80\x80", "\x7f",
    "\x1f",       "a\"b",       "\\",         "/",           "\xe2\x80\xa8",
    "\xc2\x80",   "aa",         "a\x00" "b"sv};

const double double_table[] = {0.0,
                               -0.0,
                               0.1,
                               1e21,
                               1e-7,
                               1e-6,
                               1e20,
                               1e16,
                               1e15,
                               5e-324,
                               DBL_MAX,
                               DBL_MIN,
                               9007199254740993.0,
                               123456789012345680000.0,
                               1.5,
                               -2.5e-300,
                               0.30000000000000004,
                               std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN()};

const std::uint64_t int_table[] = {0,
                                   1,
                                   static_cast<std::uint64_t>(-1),
                                   static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::min()),
                                   static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()),
                                   std::uint64_t{1} << 53,
                                   (std::uint64_t{1} << 53) + 1,
                                   999999999999999,
                                   1000000000000000,
                                   10000000000000001,
                                   505874924095815681};

template <class T, std::size_t N>
constexpr std::size_t size_of(const T (&)[N]) noexcept {
  return N;
}

// ---------------------------------------------------------------------------------------------
// Independent references (sharing no code with jsonsig).

// RFC 8259 §6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_number_lexeme(std::string_view s) {
  std::size_t i = 0;
  auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digit(i)) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == s.size();
}

// ---------------------------------------------------------------------------------------------
// Decoding.

std::string read_text(fuzz::cursor& in, bool is_key) {
  const std::uint8_t b = in.byte();
  if (is_key && b < 0x80) return std::string(key_dict[b % size_of(key_dict)]);
  std::size_t len = b & 0x1Fu;
  if ((b & 0x60u) == 0x60u) len *= 16;  // now and then a long one (the SIMD scanners' blocks)
  return std::string(in.bytes(len));
}

std::string read_lexeme(fuzz::cursor& in) {
  static constexpr char alphabet[] = "0123456789-+.eE0123456789";
  const std::size_t len = in.byte() & 0x3Fu;
  std::string s;
  for (std::size_t i = 0; i < len && !in.empty(); ++i) {
    const std::uint8_t c = in.byte();
    s += c < 0xF8 ? alphabet[c % (sizeof alphabet - 1)] : static_cast<char>(c & 0x7Fu);
  }
  return s;
}

event read_event(fuzz::cursor& in) {
  event e;
  const std::uint8_t b = in.byte();
  e.kind = static_cast<op>(b % static_cast<std::uint8_t>(op::count));
  const bool table = (b & 0x80u) != 0;  // high bit: an interesting value instead of raw bytes
  switch (e.kind) {
    case op::key: e.text = read_text(in, true); break;
    case op::string: e.text = read_text(in, table); break;
    case op::int64:
    case op::uint64: e.bits = table ? int_table[in.byte() % size_of(int_table)] : in.u64(); break;
    case op::dbl:
      if (table) {
        const double d = double_table[in.byte() % size_of(double_table)];
        std::memcpy(&e.bits, &d, sizeof d);
      } else {
        e.bits = in.u64();
      }
      break;
    case op::lexeme: e.text = read_lexeme(in); break;
    case op::boolean: e.bits = in.byte() & 1u; break;
    default: break;
  }
  return e;
}

// Repair mode: rewrites the decoded events into a well-formed document. Invalid lexemes are
// set aside (checked on their own) rather than placed in the document.
std::vector<event> repair(fuzz::cursor& in, std::vector<std::string>& bad_lexemes) {
  std::vector<event> out;
  std::vector<op> open;  // begin_object / begin_array
  bool have_key = false;
  auto need_key = [&] { return !open.empty() && open.back() == op::begin_object && !have_key; };
  auto dict_key = [&] {
    event k;
    k.kind = op::key;
    k.text = std::string(key_dict[in.byte() % size_of(key_dict)]);
    out.push_back(std::move(k));
    have_key = true;
  };
  auto close = [&] {
    if (have_key) {
      out.push_back(event{op::null, {}, 0});
      have_key = false;
    }
    out.push_back(event{open.back() == op::begin_object ? op::end_object : op::end_array, {}, 0});
    open.pop_back();
  };
  bool started = false;
  while (!in.empty()) {
    event e = read_event(in);
    if (e.kind == op::lexeme && !is_number_lexeme(e.text)) {
      bad_lexemes.push_back(std::move(e.text));
      continue;
    }
    if (e.kind == op::end_object || e.kind == op::end_array) {
      if (open.empty()) continue;
      close();
    } else if (e.kind == op::key && need_key()) {
      out.push_back(std::move(e));
      have_key = true;
    } else {
      if (e.kind == op::key) e.kind = op::string;  // a key where a value is due: its text
      if (need_key()) dict_key();
      const bool container = e.kind == op::begin_object || e.kind == op::begin_array;
      out.push_back(std::move(e));
      started = true;
      have_key = false;
      if (container) open.push_back(out.back().kind);
    }
    if (started && open.empty()) break;  // one top-level value
  }
  if (!started) out.push_back(event{op::null, {}, 0});
  while (!open.empty()) close();
  return out;
}

std::vector<event> raw(fuzz::cursor& in) {
  std::vector<event> out;
  while (!in.empty() && out.size() < 4096) out.push_back(read_event(in));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The builder's contract (builder.hpp), written out: index of the first misused call, or npos.
// Also predicts too_deep, which the builder checks right after placement.
struct contract_model {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t misuse = npos;  // call index of the first misuse
  std::size_t too_deep = npos;
  bool complete = false;

  contract_model(const std::vector<event>& evs, std::size_t max_depth) {
    std::vector<op> open;
    bool have_key = false, done = false;
    for (std::size_t i = 0; i < evs.size() && misuse == npos; ++i) {
      const op k = evs[i].kind;
      const bool in_object = !open.empty() && open.back() == op::begin_object;
      bool bad;
      if (k == op::end_object) {
        bad = !in_object || have_key;
      } else if (k == op::end_array) {
        bad = open.empty() || open.back() != op::begin_array;
      } else if (k == op::key) {
        bad = !in_object || have_key;
      } else {
        bad = done || (in_object && !have_key);
      }
      if (bad) {
        misuse = i;
        break;
      }
      if (k == op::key) {
        have_key = true;
        continue;
      }
      if (k == op::begin_object || k == op::begin_array) {
        if (open.size() >= max_depth && too_deep == npos) too_deep = i;
        open.push_back(k);
        have_key = false;
        continue;
      }
      if (k == op::end_object || k == op::end_array) open.pop_back();
      // a finished value (scalar or closed container)
      if (open.empty()) {
        done = true;
      } else if (open.back() == op::begin_object) {
        have_key = false;
      }
    }
    complete = misuse == npos && done;
  }
};

// ---------------------------------------------------------------------------------------------
// The two paths.

void apply(jsonsig::builder& b, const std::vector<event>& evs) {
  for (const event& e : evs) {
    switch (e.kind) {
      case op::begin_object: b.begin_object(); break;
      case op::end_object: b.end_object(); break;
      case op::begin_array: b.begin_array(); break;
      case op::end_array: b.end_array(); break;
      case op::key: b.key(e.text); break;
      case op::string: b.string(e.text); break;
      case op::int64: b.number(static_cast<std::int64_t>(e.bits)); break;
      case op::uint64: b.number(e.bits); break;
      case op::dbl: {
        double d;
        std::memcpy(&d, &e.bits, sizeof d);
        b.number(d);
        break;
      }
      case op::lexeme: b.number_lexeme(e.text); break;
      case op::boolean: b.boolean(e.bits != 0); break;
      case op::null: b.null(); break;
      case op::count: break;
    }
  }
}

struct text_style {
  bool escape_all = false;
  bool spaces = false;
};

void put_u(std::string& out, std::uint32_t u, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += digits[(u >> shift) & 0xFu];
}

void quote(std::string& out, const std::string& s, const text_style& st) {
  out += '"';
  std::vector<std::uint32_t> cps;
  if (st.escape_all && fuzz::utf8_decode(s, &cps)) {
    for (std::uint32_t cp : cps) {
      if (cp == '/') {
        out += "\\/";
      } else if (cp >= 0x10000) {
        put_u(out, 0xD800 + ((cp - 0x10000) >> 10), (cp & 1) != 0);
        put_u(out, 0xDC00 + ((cp - 0x10000) & 0x3FF), (cp & 2) != 0);
      } else {
        put_u(out, cp, (cp & 1) != 0);
      }
    }
  } else {
    for (char ch : s) {  // invalid UTF-8 stays raw, so the text fails on it too
      const auto c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += ch;
      } else if (c < 0x20) {
        put_u(out, c, false);
      } else {
        out += ch;
      }
    }
  }
  out += '"';
}

std::string double_text(double d, profile p) {
  if (std::isnan(d)) return p == profile::js ? "null" : "1e400";
  if (std::isinf(d)) return d > 0 ? "1e400" : "-1e400";
  char buf[64];
  const std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, r.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string to_text(const std::vector<event>& evs, profile p, const text_style& st) {
  std::string out;
  std::vector<bool> first{true};  // per open container (plus the top level)
  const char* gap = st.spaces ? " \n\t\r" : "";
  auto sep = [&] {
    if (!first.back()) out += ',';
    first.back() = false;
    out += gap;
  };
  bool after_key = false;
  for (const event& e : evs) {
    if (e.kind == op::end_object || e.kind == op::end_array) {
      first.pop_back();
      out += gap;
      out += e.kind == op::end_object ? '}' : ']';
      continue;
    }
    if (e.kind == op::key) {
      sep();
      quote(out, e.text, st);
      out += gap;
      out += ':';
      out += gap;
      after_key = true;
      continue;
    }
    if (!after_key) sep();
    after_key = false;
    switch (e.kind) {
      case op::begin_object: out += '{'; first.push_back(true); break;
      case op::begin_array: out += '['; first.push_back(true); break;
      case op::string: quote(out, e.text, st); break;
      case op::int64: out += std::to_string(static_cast<std::int64_t>(e.bits)); break;
      case op::uint64: out += std::to_string(e.bits); break;
      case op::dbl: {
        double d;
        std::memcpy(&d, &e.bits, sizeof d);
        out += double_text(d, p);
        break;
      }
      case op::lexeme: out += e.text; break;
      case op::boolean: out += e.bits != 0 ? "true" : "false"; break;
      case op::null: out += "null"; break;
      default: break;
    }
  }
  out += gap;
  return out;
}

bool has_nan(const std::vector<event>& evs) {
  for (const event& e : evs) {
    if (e.kind != op::dbl) continue;
    double d;
    std::memcpy(&d, &e.bits, sizeof d);
    if (std::isnan(d)) return true;
  }
  return false;
}

canonical_options options(profile p, std::uint8_t flags) {
  canonical_options o;
  o.prof = p;
  o.reject_duplicates = (flags & 2u) != 0;
  if ((flags & 4u) != 0) o.max_depth = (flags >> 3) & 7u;
  return o;
}

// Builder output in one profile, checked for self-consistency (finish twice, reset + replay,
// the throwing form, a sink).
std::string build(const std::vector<event>& evs, const canonical_options& opt, error_info& err) {
  jsonsig::builder b(opt);
  apply(b, evs);
  std::string out = b.finish(err);
  FUZZ_CHECK(!err || out.empty());
  FUZZ_CHECK(b.complete() == (!b.status() && !(err && err.code == errc::invalid_argument)));

  error_info again_err;
  FUZZ_CHECK(b.finish(again_err) == out);
  FUZZ_CHECK(again_err.code == err.code && again_err.offset == err.offset);

  std::string sunk;
  jsonsig::string_sink sink{sunk};
  error_info sink_err;
  b.finish(sink, sink_err);
  FUZZ_CHECK(sink_err.code == err.code);
  if (!err) FUZZ_CHECK(sunk == out);

#if JSONSIG_EXCEPTIONS
  try {
    FUZZ_CHECK(b.finish() == out);
    FUZZ_CHECK(!err);
  } catch (const jsonsig::error& e) {
    FUZZ_CHECK(err);
    FUZZ_CHECK(e.code() == err.code);
  }
#endif

  // Signing the builder streams the same bytes into the HMAC: the signature of `out`, or the
  // builder's own error.
  const jsonsig::signer signer("fuzz-token", opt);
  error_info sign_err;
  const jsonsig::signed_body sb = signer.sign_body(b, sign_err);
  FUZZ_CHECK(sign_err.code == err.code && sign_err.offset == err.offset);
  if (!err) {
    FUZZ_CHECK(sb.body == out);
    FUZZ_CHECK(sb.signature == jsonsig::hex_encode(jsonsig::hmac_sha512_digest("fuzz-token", out)));
    FUZZ_CHECK(signer.sign(b, sign_err) == sb.signature);
  } else {
    FUZZ_CHECK(sb.body.empty() && sb.signature.empty());
  }

  b.reset();
  apply(b, evs);
  error_info reset_err;
  FUZZ_CHECK(b.finish(reset_err) == out);
  FUZZ_CHECK(reset_err.code == err.code && reset_err.offset == err.offset);
  return out;
}

void compare_with_text(const std::vector<event>& evs, std::uint8_t flags, const text_style& st) {
  const bool nan = has_nan(evs);
  for (profile p : {profile::js, profile::jcs, profile::python}) {
    const canonical_options opt = options(p, flags);
    error_info berr;
    const std::string built = build(evs, opt, berr);
    if (p == profile::python && nan) continue;
    const std::string text = to_text(evs, p, st);
    error_info terr;
    const std::string want = jsonsig::canonicalize(text, opt, terr);
    if (berr.code != terr.code || built != want) {
      std::fprintf(stderr, "profile %s\n  text:    %s\n  builder: %s (errc %d)\n  text ->  %s (errc %d)\n",
                   std::string(jsonsig::to_string(p)).c_str(), text.c_str(), built.c_str(),
                   static_cast<int>(berr.code), want.c_str(), static_cast<int>(terr.code));
    }
    FUZZ_CHECK(berr.code == terr.code);
    FUZZ_CHECK(built == want);
  }
}

// Single calls against the references: a lexeme or a string on its own.
void check_lexeme(const std::string& lex, bool valid) {
  for (profile p : {profile::js, profile::jcs, profile::python}) {
    jsonsig::builder b(p);
    b.number_lexeme(lex);
    error_info err;
    const std::string out = b.finish(err);
    if (!valid) {
      if (err.code != errc::invalid_number)
        std::fprintf(stderr, "profile %s: number_lexeme(\"%s\" = hex %s) gave errc %d, output '%s'\n",
                     std::string(jsonsig::to_string(p)).c_str(), lex.c_str(), fuzz::to_hex(lex).c_str(),
                     static_cast<int>(err.code), out.c_str());
      FUZZ_CHECK(err.code == errc::invalid_number);  // the grammar first, then profile rules
      FUZZ_CHECK(err.offset == 0);
      continue;
    }
    error_info terr;
    const std::string want = jsonsig::canonicalize(lex, p, terr);
    FUZZ_CHECK(err.code == terr.code);
    FUZZ_CHECK(out == want);
  }
}

void check_text_event(const std::string& s) {
  const bool valid = fuzz::utf8_decode(s, nullptr);
  jsonsig::builder b(profile::js);
  b.begin_object();
  b.key(s);
  b.string(s);
  b.end_object();
  error_info err;
  b.finish(err);
  if (valid) {
    FUZZ_CHECK(!err);
  } else {
    FUZZ_CHECK(err.code == errc::invalid_utf8 && err.offset == 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::cursor in(data, size);
  const std::uint8_t flags = in.byte();
  const text_style st{(flags & 0x40u) != 0, (flags & 0x80u) != 0};
  const std::size_t max_depth = options(profile::js, flags).max_depth;

  if ((flags & 1u) == 0) {
    std::vector<std::string> bad_lexemes;
    const std::vector<event> evs = repair(in, bad_lexemes);
    const contract_model m(evs, max_depth);
    FUZZ_CHECK(m.misuse == contract_model::npos && m.complete);  // the repair keeps the contract
    compare_with_text(evs, flags, st);
    for (const std::string& lex : bad_lexemes) check_lexeme(lex, false);
    for (const event& e : evs) {
      if (e.kind == op::lexeme) check_lexeme(e.text, true);
      if (e.kind == op::key || e.kind == op::string) check_text_event(e.text);
    }
    return 0;
  }

  // Raw mode: whatever the events, the builder must report misuse where the contract says.
  const std::vector<event> evs = raw(in);
  const contract_model m(evs, max_depth);
  if (m.misuse == contract_model::npos && m.complete) {
    bool lexemes_ok = true;
    for (const event& e : evs) lexemes_ok = lexemes_ok && (e.kind != op::lexeme || is_number_lexeme(e.text));
    if (lexemes_ok) compare_with_text(evs, flags, st);
    return 0;
  }
  for (profile p : {profile::js, profile::jcs, profile::python}) {
    const canonical_options opt = options(p, flags);
    error_info err;
    const std::string out = build(evs, opt, err);
    FUZZ_CHECK(err);
    FUZZ_CHECK(out.empty());
    if (m.misuse != contract_model::npos) {
      // The first error is the misuse itself, or a data error (bad UTF-8, too deep, a bad
      // number) in an earlier call.
      const bool ok = err.offset < m.misuse ? err.code != errc::invalid_argument
                      : err.offset == m.misuse ? err.code == errc::invalid_argument
                                               : false;
      if (!ok)
        std::fprintf(stderr, "profile %s: first misuse at call %zu (op %d), builder: errc %d at call %zu (%s)\n",
                     std::string(jsonsig::to_string(p)).c_str(), m.misuse,
                     static_cast<int>(evs[m.misuse].kind), static_cast<int>(err.code), err.offset,
                     err.detail != nullptr ? err.detail : "");
      FUZZ_CHECK(ok);
      if (m.too_deep < m.misuse) FUZZ_CHECK(err.offset <= m.too_deep);
    } else {
      // Well-formed but unfinished: "not complete" counts all calls, unless a data error came first.
      FUZZ_CHECK(err.code != errc::invalid_argument || err.offset == evs.size());
    }
  }
  return 0;
}
