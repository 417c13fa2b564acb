// SPDX-License-Identifier: MIT
// jsonsig umbrella header: includes every public header. Include a single header instead when
// you need only one concern (e.g. <jsonsig/hmac.hpp> for HMAC alone).
#ifndef JSONSIG_JSONSIG_HPP
#define JSONSIG_JSONSIG_HPP

#include "version.hpp"
#include "config.hpp"
#include "error.hpp"
#include "constant_time.hpp"
#include "profiles.hpp"

#endif  // JSONSIG_JSONSIG_HPP
