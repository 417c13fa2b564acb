// SPDX-License-Identifier: MIT
// Canonical JSON in one include: canonicalize / canonicalize_to / canonicalizer
// (canonical_writer.hpp), the sinks (sinks.hpp, hmac_sink.hpp) and the builder (builder.hpp).
// ostream_sink is in ostream_sink.hpp, so that <ostream> is pulled in only on request.
#ifndef JSONSIG_CANONICAL_HPP
#define JSONSIG_CANONICAL_HPP

#include "builder.hpp"
#include "canonical_writer.hpp"
#include "hmac_sink.hpp"
#include "sinks.hpp"

#endif  // JSONSIG_CANONICAL_HPP
