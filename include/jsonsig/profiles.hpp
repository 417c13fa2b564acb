// SPDX-License-Identifier: MIT
#ifndef JSONSIG_PROFILES_HPP
#define JSONSIG_PROFILES_HPP

#include <optional>
#include <string_view>

#include "config.hpp"

JSONSIG_BEGIN_NAMESPACE

/// Which serializer the canonical bytes must match, byte for byte.
///  - js:     Node's JSON.stringify(sortDeep(JSON.parse(text))) (the default).
///  - jcs:    RFC 8785 JSON Canonicalization Scheme (I-JSON: duplicates, lone surrogates and
///            non-finite numbers are errors).
///  - python: json.dumps(json.loads(text), sort_keys=True, separators=(",", ":")).
enum class profile { js, jcs, python };

/// "js", "jcs" or "python".
constexpr std::string_view to_string(profile p) noexcept {
  return p == profile::js ? "js" : p == profile::jcs ? "jcs" : "python";
}

/// The inverse of to_string; nullopt for anything else.
constexpr std::optional<profile> profile_from_string(std::string_view s) noexcept {
  if (s == "js") return profile::js;
  if (s == "jcs") return profile::jcs;
  if (s == "python") return profile::python;
  return std::nullopt;
}

JSONSIG_END_NAMESPACE

#endif  // JSONSIG_PROFILES_HPP
