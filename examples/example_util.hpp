// SPDX-License-Identifier: MIT
// Small helpers shared by the two examples: reading a file or stdin, and finding the token
// without ever printing it.
#ifndef JSONSIG_EXAMPLES_EXAMPLE_UTIL_HPP
#define JSONSIG_EXAMPLES_EXAMPLE_UTIL_HPP

#include <jsonsig/jsonsig.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace jsonsig_example {

/// Whole contents of `path` ("-" = stdin), bytes unchanged; nullopt when it cannot be read.
inline std::optional<std::string> read_all(const std::string& path) {
  const bool use_stdin = path == "-";
  std::FILE* f = use_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  std::string out;
  char buf[16384];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  if (!use_stdin) std::fclose(f);
  if (failed) return std::nullopt;
  return out;
}

/// Where the token comes from, in order of precedence: --token, --token-file, $JSONSIG_TOKEN.
/// A token file may end with one line break (LF or CRLF), which is not part of the token, so
/// `echo s3cr3t > token` works. Returns nullopt and sets `why` (never containing the token).
inline std::optional<std::string> find_token(const std::optional<std::string>& token_arg,
                                             const std::optional<std::string>& token_file,
                                             std::string& why) {
  std::string token;
  if (token_arg) {
    token = *token_arg;
  } else if (token_file) {
    std::optional<std::string> text = read_all(*token_file);
    if (!text) {
      why = "cannot read token file " + *token_file;
      return std::nullopt;
    }
    token = std::move(*text);
    if (!token.empty() && token.back() == '\n') token.pop_back();
    if (!token.empty() && token.back() == '\r') token.pop_back();
  } else if (const char* env = std::getenv("JSONSIG_TOKEN")) {
    token = env;
  } else {
    why = "no token: use --token, --token-file or JSONSIG_TOKEN";
    return std::nullopt;
  }
  if (token.empty()) {
    // An empty HMAC key is legal (RFC 2104 pads it) but is always a configuration mistake here.
    why = "the token is empty";
    return std::nullopt;
  }
  return token;
}

/// The options both examples take: where the token comes from and the profile.
struct common_options {
  std::optional<std::string> token;
  std::optional<std::string> token_file;
  jsonsig::profile profile = jsonsig::profile::js;
};

enum class option_result { not_common, taken, error };

/// Parses argv[i] if it is --token T, --token-file F or --profile P (advancing i past the
/// value). On error says why on stderr, prefixed with `prog`; the message never holds the token.
inline option_result parse_common_option(const char* prog, int argc, char** argv, int& i,
                                         common_options& o) {
  const std::string_view a = argv[i];
  if (a != "--token" && a != "--token-file" && a != "--profile") return option_result::not_common;
  if (i + 1 >= argc) {
    std::fprintf(stderr, "%s: %s needs a value\n", prog, argv[i]);
    return option_result::error;
  }
  const char* v = argv[++i];
  if (a == "--token") {
    o.token = v;
  } else if (a == "--token-file") {
    o.token_file = v;
  } else {
    const std::optional<jsonsig::profile> p = jsonsig::profile_from_string(v);
    if (!p) {
      std::fprintf(stderr, "%s: unknown profile '%s' (js, jcs, python)\n", prog, v);
      return option_result::error;
    }
    o.profile = *p;
  }
  return option_result::taken;
}

/// Zeroes a string holding a secret before it is released.
inline void wipe(std::string& s) noexcept {
  jsonsig::secure_wipe(s.data(), s.size());
  s.clear();
}

}  // namespace jsonsig_example

#endif  // JSONSIG_EXAMPLES_EXAMPLE_UTIL_HPP
