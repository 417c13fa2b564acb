// SPDX-License-Identifier: MIT
// Every text kernel (scalar, sse2, avx2) agrees with the scalar references on arbitrary bytes
// and on valid UTF-8 with damage, at arbitrary start offsets.
#include <jsonsig/detail/scan.hpp>
#include <jsonsig/detail/utf8.hpp>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "json_gen.hpp"

namespace {

namespace sc = jsonsig::detail::scan;

void check_all(const std::string& s, std::size_t offset) {
  std::vector<char> buf(offset + s.size() + 1);
  std::memcpy(buf.data() + offset, s.data(), s.size());
  const char* p = buf.data() + offset;
  const bool valid = jsonsig::detail::utf8::find_invalid_scalar(p, s.size()) == s.size();
  unsigned want_high = 0;
  const std::size_t want = sc::string_special_scalar(p, s.size(), want_high);
  const std::size_t want_py = sc::py_special_scalar(p, s.size());
  for (const sc::kernel& k : sc::kernels()) {
    if (!k.runnable) continue;
    RC_ASSERT(k.validate_utf8(p, s.size()) == valid);
    unsigned high = 0;
    RC_ASSERT(k.string_special(p, s.size(), high) == want);
    RC_ASSERT((high != 0) == (want_high != 0));
    RC_ASSERT(k.py_special(p, s.size()) == want_py);
  }
}

RC_GTEST_PROP(text_kernels, agree_on_arbitrary_bytes, (const std::string& s)) {
  check_all(s, *rc::gen::inRange<std::size_t>(0, 64));
}

RC_GTEST_PROP(text_kernels, agree_on_damaged_utf8, ()) {
  json_gen::options o;
  o.lone_surrogates = false;
  std::string s = *json_gen::text(o, 200);
  const auto hits = *rc::gen::container<std::vector<std::pair<std::size_t, char>>>(
      rc::gen::pair(rc::gen::inRange<std::size_t>(0, 1000), rc::gen::arbitrary<char>()));
  for (std::size_t i = 0; i < hits.size() && i < 2 && !s.empty(); ++i)
    s[hits[i].first % s.size()] = hits[i].second;
  check_all(s, *rc::gen::inRange<std::size_t>(0, 64));
}

}  // namespace
