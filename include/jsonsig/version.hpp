// jsonsig: sign and verify JSON API requests (HMAC-SHA512 over canonical JSON).
// SPDX-License-Identifier: MIT
#ifndef JSONSIG_VERSION_HPP
#define JSONSIG_VERSION_HPP

#define JSONSIG_VERSION_MAJOR 1
#define JSONSIG_VERSION_MINOR 0
#define JSONSIG_VERSION_PATCH 0
// One comparable number: 10000 * major + 100 * minor + patch.
#define JSONSIG_VERSION (JSONSIG_VERSION_MAJOR * 10000 + JSONSIG_VERSION_MINOR * 100 + JSONSIG_VERSION_PATCH)
#define JSONSIG_VERSION_STRING "1.0.0"

#endif  // JSONSIG_VERSION_HPP
