// SPDX-License-Identifier: MIT
// The single header compiled in one knob configuration (CMakeLists.txt builds this file once per
// configuration: C++17, C++20, JSONSIG_USE_OPENSSL=1, JSONSIG_DISABLE_SIMD=1, -fno-exceptions):
// it must compile without warnings and give the reference bytes and the OpenSSL HMAC. Only the
// error_info forms are used, so the same code builds without exceptions.
#include JSONSIG_SINGLE_HEADER_INCLUDE

#include <openssl/hmac.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}

std::string openssl_hmac_hex(std::string_view key, std::string_view msg) {
  unsigned char md[64];
  unsigned int n = 0;
  HMAC(EVP_sha512(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), md, &n);
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += digits[md[i] >> 4];
    out += digits[md[i] & 15];
  }
  return out;
}

}  // namespace

int main() {
  static_assert(JSONSIG_SINGLE_HEADER == 1, "not the single header");
  const std::string_view body = "{\"b\":1.0,\"a\":\"\xC3\xA9\",\"10\":0,\"2\":0,\"n\":1e21}";
  // What node (JSON.stringify(sortDeep(JSON.parse(body)))), RFC 8785 and CPython's json.dumps
  // print for it.
  const struct {
    jsonsig::profile p;
    std::string_view want;
  } cases[] = {
      {jsonsig::profile::js, "{\"2\":0,\"10\":0,\"a\":\"\xC3\xA9\",\"b\":1,\"n\":1e+21}"},
      {jsonsig::profile::jcs, "{\"10\":0,\"2\":0,\"a\":\"\xC3\xA9\",\"b\":1,\"n\":1e+21}"},
      {jsonsig::profile::python, "{\"10\":0,\"2\":0,\"a\":\"\\u00e9\",\"b\":1.0,\"n\":1e+21}"},
  };
  const std::string_view token = "s3cr3t";
  for (const auto& c : cases) {
    jsonsig::error_info err;
    const std::string canonical = jsonsig::canonicalize(body, c.p, err);
    check(!err && canonical == c.want, "canonical bytes");
    const std::string sig = jsonsig::sign(body, token, c.p, err);
    check(!err && sig == openssl_hmac_hex(token, c.want), "signature == OpenSSL HMAC-SHA512");
    check(jsonsig::verify(body, token, sig, c.p), "verify");
    std::string bad = sig;
    bad[5] = bad[5] == '0' ? '1' : '0';
    check(!jsonsig::verify(body, token, bad, c.p), "verify rejects a changed digit");
  }
  jsonsig::error_info err;
  (void)jsonsig::canonicalize("{\"a\":1,\"a\":2}", jsonsig::profile::jcs, err);
  check(err.code == jsonsig::errc::duplicate_key, "jcs duplicate");
  std::printf("single header (%s, exceptions %d, openssl %d, simd off %d): %s\n",
              JSONSIG_VERSION_STRING, JSONSIG_EXCEPTIONS, JSONSIG_USE_OPENSSL, JSONSIG_DISABLE_SIMD,
              failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}
