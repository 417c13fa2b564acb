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
#include "sha512.hpp"
#include "hmac.hpp"
#include "hex.hpp"
#include "json_parser.hpp"
#include "canonical.hpp"  // canonical_writer.hpp, builder.hpp, sinks.hpp, hmac_sink.hpp
#include "sign.hpp"      // sign, verify, signer, header_name
// (ostream_sink.hpp is left out on purpose: it pulls in <ostream>; include it when you need it.)

#endif  // JSONSIG_JSONSIG_HPP
