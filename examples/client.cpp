// SPDX-License-Identifier: MIT
// jsonsig example client: signs a JSON body with jsonsig::signer and POSTs the bytes it signed,
// with the x-signed-request header, using libcurl.
//
//   JSONSIG_TOKEN=s3cr3t jsonsig_example_client --url http://127.0.0.1:8080/orders body.json
//
// Prints the HTTP status code on stdout. Exit status: 0 on 2xx, 1 on any other HTTP status,
// 2 on a usage, input, JSON or network error. The token is never printed.
#include <jsonsig/jsonsig.hpp>
#include <jsonsig/sign.hpp>  // signer, header_name

#include <curl/curl.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "example_util.hpp"

namespace {

constexpr int exit_ok = 0;
constexpr int exit_http_error = 1;
constexpr int exit_usage = 2;

constexpr const char* usage_text =
    "usage: jsonsig_example_client [options] [BODY.json | -]\n"
    "  --url URL           where to POST (default http://127.0.0.1:8080/orders)\n"
    "  --token T           signing token (visible in ps; prefer the two below)\n"
    "  --token-file F      read the token from F (one trailing line break is ignored)\n"
    "                      default: $JSONSIG_TOKEN\n"
    "  --profile P         js (default), jcs or python\n"
    "  --send-raw          send the original bytes instead of the canonical ones\n"
    "  --tamper-body       after signing, flip the case of one letter inside a JSON string\n"
    "  --tamper-signature  after signing, change one hex digit of the signature\n"
    "  --timeout SECONDS   whole-request timeout (default 30)\n"
    "  --verbose           print the bytes sent and the response body on stderr\n"
    "The body is read from the file, or from stdin when it is '-' or absent.\n";

struct options {
  std::string url = "http://127.0.0.1:8080/orders";
  std::string body_path = "-";
  jsonsig_example::common_options common;  // --token, --token-file, --profile
  bool send_raw = false;
  bool tamper_body = false;
  bool tamper_signature = false;
  bool verbose = false;
  long timeout_s = 30;
};

// Returns false (after saying why on stderr) on a bad command line.
bool parse_args(int argc, char** argv, options& o) {
  bool have_body = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "jsonsig-client: %s needs a value\n", name);
        return nullptr;
      }
      return argv[++i];
    };
    const auto common =
        jsonsig_example::parse_common_option("jsonsig-client", argc, argv, i, o.common);
    if (common == jsonsig_example::option_result::error) return false;
    if (common == jsonsig_example::option_result::taken) continue;
    if (a == "--url") {
      const char* v = value("--url");
      if (v == nullptr) return false;
      o.url = v;
    } else if (a == "--timeout") {
      const char* v = value("--timeout");
      if (v == nullptr) return false;
      char* end = nullptr;
      const long t = std::strtol(v, &end, 10);
      if (end == v || *end != '\0' || t <= 0 || t > 3600) {
        std::fprintf(stderr, "jsonsig-client: --timeout wants 1..3600 seconds\n");
        return false;
      }
      o.timeout_s = t;
    } else if (a == "--send-raw") {
      o.send_raw = true;
    } else if (a == "--tamper-body") {
      o.tamper_body = true;
    } else if (a == "--tamper-signature") {
      o.tamper_signature = true;
    } else if (a == "--verbose") {
      o.verbose = true;
    } else if (a == "--help" || a == "-h") {
      std::fputs(usage_text, stdout);
      std::exit(exit_ok);
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "jsonsig-client: unknown option %s\n", argv[i]);
      return false;
    } else if (have_body) {
      std::fprintf(stderr, "jsonsig-client: only one body file\n");
      return false;
    } else {
      o.body_path = argv[i];
      have_body = true;
    }
  }
  return true;
}

// Test hook. Flips the case of the first ASCII letter inside a JSON string, skipping escape
// sequences (flipping the 'e' of \u00e9 would not change the value). The body stays valid JSON
// (so a server answers 401, not 400) and its canonical form changes: a string value or a key
// differs in one code point. False when the body has no such letter.
bool tamper_body(std::string& s) {
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!in_string) {
      in_string = c == '"';
    } else if (c == '\\') {
      i += (i + 1 < s.size() && s[i + 1] == 'u') ? 5u : 1u;
    } else if (c == '"') {
      in_string = false;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      s[i] = static_cast<char>(c ^ 0x20);
      return true;
    }
  }
  return false;
}

// Test hook: replaces the first hex digit by another one, so the signature stays well-formed
// (128 lowercase hex digits) and only the comparison can reject it.
void tamper_signature(std::string& sig) {
  if (!sig.empty()) sig[0] = sig[0] == '0' ? '1' : '0';
}

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

struct curl_global {
  bool ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  curl_global() = default;
  curl_global(const curl_global&) = delete;
  curl_global& operator=(const curl_global&) = delete;
  ~curl_global() {
    if (ok) curl_global_cleanup();
  }
};

// POSTs `body`; returns the HTTP status or -1 after printing the transport error.
long post(const options& o, const std::string& body, const std::string& signature,
          std::string& response) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);
  if (!h) {
    std::fprintf(stderr, "jsonsig-client: curl_easy_init failed\n");
    return -1;
  }
  curl_slist* raw_list = nullptr;
  const std::string sig_header = std::string(jsonsig::header_name) + ": " + signature;
  // "Expect:" turns off curl's 100-continue round trip for bodies over 1 KiB.
  for (const char* line : {"Content-Type: application/json", sig_header.c_str(), "Expect:"}) {
    curl_slist* next = curl_slist_append(raw_list, line);
    if (next == nullptr) {
      curl_slist_free_all(raw_list);
      std::fprintf(stderr, "jsonsig-client: out of memory\n");
      return -1;
    }
    raw_list = next;
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw_list, &curl_slist_free_all);

  char errbuf[CURL_ERROR_SIZE] = {};
  CURL* c = h.get();
  curl_easy_setopt(c, CURLOPT_URL, o.url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85: the string form; the bitmask form is deprecated
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for timeouts: safe with threads
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, o.timeout_s);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::fprintf(stderr, "jsonsig-client: request to %s failed: %s\n", o.url.c_str(),
                 errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
    return -1;
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  options o;
  if (!parse_args(argc, argv, o)) {
    std::fputs(usage_text, stderr);
    return exit_usage;
  }
  std::string why;
  std::optional<std::string> token = jsonsig_example::find_token(o.common.token, o.common.token_file, why);
  if (!token) {
    std::fprintf(stderr, "jsonsig-client: %s\n", why.c_str());
    return exit_usage;
  }
  const std::optional<std::string> input = jsonsig_example::read_all(o.body_path);
  if (!input) {
    std::fprintf(stderr, "jsonsig-client: cannot read %s\n", o.body_path.c_str());
    jsonsig_example::wipe(*token);
    return exit_usage;
  }

  std::string body;
  std::string signature;
  try {
    // The key state is derived once; the caller's copy of the token is wiped right away.
    const jsonsig::signer s(*token, o.common.profile);
    jsonsig_example::wipe(*token);
    if (o.send_raw) {
      signature = s.sign(*input);  // the server canonicalizes, so the raw bytes still verify
      body = *input;
    } else {
      jsonsig::signed_body sb = s.sign_body(*input);
      body = std::move(sb.body);
      signature = std::move(sb.signature);
    }
  } catch (const jsonsig::error& e) {
    jsonsig_example::wipe(*token);
    const char* name = o.body_path == "-" ? "<stdin>" : o.body_path.c_str();
    std::fprintf(stderr, "jsonsig-client: %s:%s\n", name, e.what());
    return exit_usage;
  }

  if (o.tamper_body && !tamper_body(body)) {
    std::fprintf(stderr, "jsonsig-client: --tamper-body: no ASCII letter inside a string\n");
    return exit_usage;
  }
  if (o.tamper_signature) tamper_signature(signature);
  if (o.verbose) {
    std::fprintf(stderr, "jsonsig-client: sending %zu bytes: ", body.size());
    std::fwrite(body.data(), 1, body.size(), stderr);
    std::fputc('\n', stderr);
  }

  const curl_global curl;
  if (!curl.ok) {
    std::fprintf(stderr, "jsonsig-client: curl_global_init failed\n");
    return exit_usage;
  }
  std::string response;
  const long status = post(o, body, signature, response);
  if (status < 0) return exit_usage;
  std::printf("%ld\n", status);
  std::fflush(stdout);
  const bool success = status >= 200 && status < 300;
  if (o.verbose || !success) {
    std::fprintf(stderr, "jsonsig-client: HTTP %ld: %s\n", status, response.c_str());
  }
  return success ? exit_ok : exit_http_error;
}
