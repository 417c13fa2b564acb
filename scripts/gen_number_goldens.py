#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Regenerates tests/golden/data/numbers_js.txt and numbers_py.txt from the real references.

A deterministic list of hard number lexemes (fixed seed) is run through
  - node:    JSON.stringify(JSON.parse(lexeme))            -> numbers_js.txt  lexeme<TAB>expected
  - python3: json.dumps(json.loads(lexeme))                 -> numbers_py.txt  lexeme<TAB>expected
             which is repr(float(lexeme)) for a float lexeme (Infinity on overflow); for an
             integer lexeme (no '.', 'e', 'E') it is the exact int, and a third column gives
             json.dumps(float(lexeme)).
Nothing is computed here for the expected columns: they are what node and CPython print.
tests/golden/numbers_test.cpp checks every row and the row counts, so after a change to the
lexeme list update the counts there too.

Usage: python3 scripts/gen_number_goldens.py   (needs `node` on PATH; run from anywhere)
"""
import json
import math
import os
import random
import struct
import subprocess
import sys
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "tests", "golden", "data")

NODE_PROGRAM = r"""
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();
process.stdout.write(lines.map(l => JSON.stringify(JSON.parse(l))).join('\n') + '\n');
"""


def bits_to_float(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def float_to_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def g17(x, digits=17):
    return format(x, ".%dg" % digits)


def exact_decimal(fr, max_frac_digits=1100):
    """Exact decimal text of a dyadic rational (always terminates)."""
    neg = fr < 0
    fr = abs(fr)
    ip = fr.numerator // fr.denominator
    rem = fr - ip
    digits = []
    while rem and len(digits) < max_frac_digits:
        rem *= 10
        d = rem.numerator // rem.denominator
        digits.append(str(d))
        rem -= d
    assert rem == 0
    s = str(ip) + ("." + "".join(digits) if digits else "")
    return ("-" if neg else "") + s


def is_json_number(s):
    import re
    return re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?", s) is not None


def lexemes():
    rng = random.Random(20240611)
    out = []

    def add(s):
        out.append(s)

    # 1. Zeros, signs and tiny integers.
    for s in ["0", "-0", "0.0", "-0.0", "0e0", "-0e-10", "0.000", "0E+5", "1", "-1", "10", "100",
              "1.0", "-1.0", "1.5", "0.5", "-0.5", "123", "1e0", "1E1", "1e+1", "1e-1"]:
        add(s)

    # 2. Random bit patterns: 17, 16 and 15 significant digits and the shortest repr.
    for _ in range(700):
        x = bits_to_float(rng.getrandbits(64))
        if not math.isfinite(x):
            continue
        add(g17(x, 17))
        if len(out) % 3 == 0:
            add(g17(x, 16))
            add(g17(x, 15))
            add(repr(x))

    # 3. Doubles of ordinary magnitude (like coordinates), 17 digits, as %.17g prints them.
    for _ in range(400):
        x = rng.uniform(-1000, 1000) * 10 ** rng.randint(-8, 8)
        add(g17(x))

    # 4. Short decimals with the point anywhere.
    for _ in range(300):
        nd = rng.randint(1, 7)
        digits = str(rng.randint(10 ** (nd - 1), 10 ** nd - 1))
        p = rng.randint(0, nd)
        sign = "-" if rng.random() < 0.3 else ""
        if p == 0:
            add(sign + "0." + "0" * rng.randint(0, 7) + digits)
        elif p == nd:
            add(sign + digits + ".0")
        else:
            add(sign + digits[:p] + "." + digits[p:])

    # 5. Powers of ten at every exponent, and neighbours.
    for e in range(-330, 311):
        add("1e%d" % e)
        if e % 7 == 0:
            add("5e%d" % e)
            add("9.999999999999999e%d" % e)
            add("1.0000000000000001e%d" % e)

    # 6. Both profiles' fixed/exponent switches: decimal exponent n of 0.DIGITS x 10^n from -9
    #    to 24 for several digit counts (ES switches at -6 < n <= 21, Python at -4 < n <= 16).
    for n in range(-9, 25):
        for digits in ["1", "15", "123", "1234567", "123456789012345", "1234567890123456",
                       "12345678901234567"]:
            add("0.%se%d" % (digits, n))
            add("-0.%se%d" % (digits, n))
    for s in ["1e20", "1e21", "1e22", "123456789012345680000", "999999999999999900000",
              "999999999999999999999", "1e-6", "1e-7", "0.000001", "0.0000001", "1.5e-6", "1.5e-7",
              "0.0001", "0.00001", "1e-4", "1e-5", "1e15", "1e16", "1e17", "1.5e16", "1.5e15",
              "9999999999999998", "12345678901234567", "1234567890123456.7", "0.001", "1e-3"]:
        add(s)
        add("-" + s)

    # 7. Subnormals, the normal boundary, DBL_MAX and overflow.
    for _ in range(150):
        x = bits_to_float(rng.getrandbits(52) >> rng.randint(0, 51))
        if x == 0:
            continue
        add(repr(x))
        add(g17(x))
    for b in list(range(1, 40)) + [0x000FFFFFFFFFFFFF, 0x0010000000000000, 0x0010000000000001,
                                   0x7FEFFFFFFFFFFFFF, 0x7FEFFFFFFFFFFFFE, 0x7FE0000000000000]:
        add(repr(bits_to_float(b)))
        add(g17(bits_to_float(b)))
    for s in ["5e-324", "4.9406564584124654e-324", "2.4703282292062327e-324",
              "2.4703282292062328e-324", "2.47032822920623272e-324", "3e-324", "7.4e-324",
              "7.5e-324", "1e-323", "2.2250738585072011e-308", "2.2250738585072012e-308",
              "2.2250738585072014e-308", "1.7976931348623157e308", "1.7976931348623158e308",
              "1.7976931348623159e308", "1.797693134862315807e308", "1.7976931348623158079e308",
              "1e308", "1e309", "1e310", "1e400", "1e-400", "123e-400", "1e99999", "1e-99999",
              "0.1e-323", "0.0000001e-317", "100000e303", "0.00001e313"]:
        add(s)
        add("-" + s)

    # 8. Halfway cases: exact midpoints between adjacent doubles, and just above / below them.
    for i in range(160):
        if i < 120:
            x = abs(rng.uniform(1, 2) * 2.0 ** rng.randint(-60, 80))
        else:
            x = bits_to_float(rng.getrandbits(63))
            if not math.isfinite(x) or x == 0:
                continue
        nxt = math.nextafter(x, math.inf)
        if not math.isfinite(nxt):
            continue
        mid = (Fraction(x) + Fraction(nxt)) / 2
        s = exact_decimal(mid)
        if "." not in s:
            s += ".0"
        if len(s) > 1200:
            continue
        add(s)
        add(s + "000000000000000000001")  # just above the midpoint
        fd = len(s) - s.index(".") - 1
        add(exact_decimal(mid - Fraction(1, 10 ** (fd + 20)), 2000))  # just below it

    # 9. Integers around 2^53 .. 2^70, plain, with a fraction, and with exponents.
    for k in range(52, 71):
        for d in range(-3, 4):
            v = 2 ** k + d
            add(str(v))
            if (k + d) % 2 == 0:
                add(str(v) + ".0")
                add(str(v) + "0e-1")
                add(str(v)[:-3] + "." + str(v)[-3:] + "e3")
                add("-" + str(v))
    for s in ["9007199254740993", "9007199254740995", "9007199254740992.5", "9007199254740993.0000000001",
              "18014398509481985", "18014398509481986", "18014398509481987", "295147905179352825856",
              "505874924095815681", "1424953923781206.25", "1424953923781206.2500000001"]:
        add(s)

    # 10. Long significands: 20-40 digits, and a few 800-digit lexemes.
    for _ in range(250):
        nd = rng.randint(20, 40)
        digits = str(rng.randint(10 ** (nd - 1), 10 ** nd - 1))
        p = rng.randint(1, nd)
        add(digits[:p] + ("." + digits[p:] if p < nd else "") + "e%d" % rng.randint(-330, 300))
    for _ in range(12):
        digits = str(rng.randint(10 ** 799, 10 ** 800 - 1))
        add("0." + digits)
        add(digits[:1] + "." + digits[1:] + "e%d" % rng.randint(-320, 300))
    add("0." + "0" * 400 + "1" + "0" * 399 + "e400")
    add("1" + "0" * 799)
    add("1" + "0" * 308)
    add("1" + "0" * 309)

    seen = set()
    uniq = []
    for s in out:
        assert is_json_number(s), s
        if s not in seen:
            seen.add(s)
            uniq.append(s)
    return uniq


def main():
    lex = lexemes()
    js = subprocess.run(["node", "-e", NODE_PROGRAM], input="\n".join(lex) + "\n",
                        capture_output=True, text=True, check=True).stdout.split("\n")
    assert js[-1] == ""
    js = js[:-1]
    assert len(js) == len(lex)
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, "numbers_js.txt"), "w", newline="\n") as f:
        for s, e in zip(lex, js):
            f.write("%s\t%s\n" % (s, e))
    with open(os.path.join(OUT_DIR, "numbers_py.txt"), "w", newline="\n") as f:
        for s in lex:
            dumps, rep = json.dumps(json.loads(s)), repr(float(s))
            if any(c in s for c in ".eE"):  # a float: json.dumps writes float.__repr__ (or Infinity)
                assert dumps == {"inf": "Infinity", "-inf": "-Infinity"}.get(rep, rep), s
                f.write("%s\t%s\n" % (s, dumps))
            else:  # an int: json.dumps keeps it exact; json.dumps(float(s)) is the third column
                f.write("%s\t%s\t%s\n" % (s, dumps, json.dumps(float(s))))
    sys.stderr.write("%d lexemes; node %s; python %s\n" % (
        len(lex), subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
        sys.version.split()[0]))


if __name__ == "__main__":
    main()
