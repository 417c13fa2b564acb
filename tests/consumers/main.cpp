// A minimal consumer: proves the include path, the target/dependency and the API link up.
#include <jsonsig/jsonsig.hpp>

#include <cstdio>
#include <cstring>

int main() {
  // RFC 4231 test case 2, HMAC-SHA-512.
  const auto mac = jsonsig::hmac_sha512_digest("Jefe", "what do ya want for nothing?");
  const std::string hex = jsonsig::hex_encode(mac.data(), mac.size());
  const char* want =
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737";
  if (hex != want) {
    std::fprintf(stderr, "consumer: wrong digest %s\n", hex.c_str());
    return 1;
  }
  // The facade links up too: sign, verify, canonicalize through the installed/vendored headers.
  const std::string sig = jsonsig::sign(R"({"b":1,"a":[1.0,"\u00e9"]})", "token");
  if (sig.size() != 128 || !jsonsig::verify(R"({"a":[1,"é"],"b":1})", "token", sig) ||
      jsonsig::canonicalize(R"({"b":1,"a":2})") != R"({"a":2,"b":1})") {
    std::fprintf(stderr, "consumer: facade check failed\n");
    return 1;
  }
  std::printf("consumer ok: jsonsig %s\n", JSONSIG_VERSION_STRING);
  return 0;
}
