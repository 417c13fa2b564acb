#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds single_include/jsonsig.hpp from include/jsonsig/ (the adapters stay separate).

    python3 scripts/amalgamate.py            # regenerate single_include/jsonsig.hpp
    python3 scripts/amalgamate.py --check    # exit 1 if the checked-in file is stale (CI)
    python3 scripts/amalgamate.py -o FILE    # write elsewhere (tests/single_header does)

Order: jsonsig.hpp (the umbrella), then every other public header, then any detail header not
reached yet, each sorted by path. Every `#include "..."` of one of jsonsig's own headers is
replaced by that header's text the first time it is reached; system includes stay where they
are. Include guards are kept, so the single header can meet a real header without clashing.

Conditional includes: a header first reached inside `#if X` (e.g. detail/openssl_backend.hpp under
`#if JSONSIG_USE_OPENSSL`) is inlined again where it is next reached outside that condition (its
guard turns the second copy into nothing when the first was compiled); include guards themselves do
not count as conditions. A header without an include guard is inlined at every #include (it is
meant to be included repeatedly, with different macros), and never on its own. The output depends only on the headers' contents: no dates, no absolute
paths, LF line ends.
"""

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = os.path.join(ROOT, "include")
PKG = os.path.join(INCLUDE, "jsonsig")
DEFAULT_OUT = os.path.join(ROOT, "single_include", "jsonsig.hpp")
SKIP_DIRS = {"adapters"}  # optional headers that need third-party libraries

LOCAL_INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SYSTEM_INCLUDE = re.compile(r"^\s*#\s*include\s*<([^>]+)>")
DIRECTIVE = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)$")
SPDX = re.compile(r"^//\s*SPDX-License-Identifier:")


class AmalgamateError(Exception):
    pass


def rel(path):
    return os.path.relpath(path, INCLUDE).replace(os.sep, "/")


def headers():
    """Every header under include/jsonsig except the adapters: umbrella, public, detail."""
    found = []
    for dirpath, dirnames, filenames in os.walk(PKG):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for f in filenames:
            if f.endswith(".hpp"):
                found.append(os.path.join(dirpath, f))
    umbrella = os.path.join(PKG, "jsonsig.hpp")
    public = sorted(p for p in found if os.path.dirname(p) == PKG and p != umbrella)
    rest = sorted(p for p in found if os.path.dirname(p) != PKG)
    return [umbrella] + public + rest


def logical_lines(text):
    """(logical line, [physical lines]) pairs: backslash continuations joined."""
    physical = text.split("\n")
    if physical and physical[-1] == "":
        physical.pop()
    out, buf, parts = [], [], []
    for line in physical:
        parts.append(line)
        if line.endswith("\\"):
            buf.append(line[:-1])
            continue
        buf.append(line)
        out.append((" ".join(s.strip() for s in buf), parts))
        buf, parts = [], []
    if parts:
        out.append((" ".join(s.strip() for s in buf), parts))
    return out


def guard_of(lines):
    """The include guard macro if the file is `#ifndef G / #define G ... #endif`, else None."""
    directives = [(i, l) for i, (l, _) in enumerate(lines) if l.lstrip().startswith("#")]
    if len(directives) < 3:
        return None
    m1 = re.match(r"^\s*#\s*ifndef\s+(\w+)\s*$", directives[0][1])
    m2 = re.match(r"^\s*#\s*define\s+(\w+)\s*$", directives[1][1])
    if not (m1 and m2 and m1.group(1) == m2.group(1)):
        return None
    if not re.match(r"^\s*#\s*endif\b", directives[-1][1]):
        return None
    # The #ifndef must close at the last #endif, not earlier.
    depth = 0
    for i, (_, l) in enumerate(directives):
        d = DIRECTIVE.match(l)
        if not d:
            continue
        kind = d.group(1)
        if kind in ("if", "ifdef", "ifndef"):
            depth += 1
        elif kind == "endif":
            depth -= 1
            if depth == 0 and i != len(directives) - 1:
                return None
    return m1.group(1)


class Amalgamator:
    def __init__(self):
        self.out = []
        self.context = []   # open conditionals: (key, is_guard)
        self.emitted = {}   # header path or "<sys>" -> list of contexts it was emitted in
        self.active = []    # inclusion chain, for cycle errors

    def key(self):
        return tuple(k for k, is_guard in self.context if not is_guard)

    def covered(self, name):
        ctx = self.key()
        return any(ctx[: len(p)] == p for p in self.emitted.get(name, []))

    def include(self, path, via):
        path = os.path.normpath(path)
        if not path.startswith(PKG + os.sep):
            raise AmalgamateError("%s includes %s, outside include/jsonsig" % (via, path))
        if not os.path.isfile(path):
            raise AmalgamateError("%s includes %s, which does not exist" % (via, rel(path)))
        if path in self.active:
            raise AmalgamateError("include cycle: %s" % " -> ".join(rel(p) for p in self.active + [path]))
        if rel(path).startswith("jsonsig/adapters/"):
            raise AmalgamateError("%s includes the optional adapter %s" % (via, rel(path)))
        with open(path, "r", encoding="utf-8", newline="") as f:
            text = f.read()
        if "\r" in text:
            raise AmalgamateError("%s has CR line ends" % rel(path))
        lines = logical_lines(text)
        guard = guard_of(lines)
        # A header without an include guard is meant to be included more than once (e.g.
        # detail/sha512_simd_kernel.hpp, compiled once per instruction set): inline it each time.
        if guard is not None and self.covered(path):
            return
        self.emitted.setdefault(path, []).append(self.key())
        self.active.append(path)
        self.out.append("// ---- begin %s ----" % rel(path))
        depth_at_start = len(self.context)
        for logical, physical in lines:
            if SPDX.match(logical):
                continue
            m = LOCAL_INCLUDE.match(logical)
            if m:
                self.include(os.path.join(os.path.dirname(path), m.group(1)), rel(path))
                continue
            m = SYSTEM_INCLUDE.match(logical)
            if m:
                name = "<%s>" % m.group(1)
                if self.covered(name):
                    continue
                self.emitted.setdefault(name, []).append(self.key())
                self.out.extend(physical)
                continue
            d = DIRECTIVE.match(logical)
            if d:
                kind, rest = d.group(1), re.sub(r"\s*//.*$", "", d.group(2)).strip()
                if kind in ("if", "ifdef", "ifndef"):
                    is_guard = guard is not None and len(self.context) == depth_at_start and \
                        kind == "ifndef" and rest == guard
                    self.context.append(((kind, rest), is_guard))
                elif kind in ("elif", "else"):
                    if len(self.context) <= depth_at_start:
                        raise AmalgamateError("%s: #%s without #if" % (rel(path), kind))
                    (k, g) = self.context[-1]
                    self.context[-1] = ((k, kind, rest), g)
                else:
                    if len(self.context) <= depth_at_start:
                        raise AmalgamateError("%s: #endif without #if" % rel(path))
                    self.context.pop()
            self.out.extend(physical)
        if len(self.context) != depth_at_start:
            raise AmalgamateError("%s: unbalanced #if/#endif" % rel(path))
        self.out.append("// ---- end %s ----" % rel(path))
        self.active.pop()


def version():
    with open(os.path.join(PKG, "version.hpp"), encoding="utf-8") as f:
        m = re.search(r'#define\s+JSONSIG_VERSION_STRING\s+"([^"]+)"', f.read())
    if not m:
        raise AmalgamateError("no JSONSIG_VERSION_STRING in version.hpp")
    return m.group(1)


def generate():
    a = Amalgamator()
    for h in headers():
        if h not in a.emitted:  # reached from the umbrella already, in whatever context
            a.include(h, "(root)")
    body = a.out
    head = [
        "// SPDX-License-Identifier: MIT",
        "// jsonsig %s, single-header edition: sign and verify JSON API requests (HMAC-SHA512 over" % version(),
        "// canonical JSON). GENERATED by scripts/amalgamate.py from include/jsonsig/ (%d headers):" %
        len([p for p in a.emitted if not p.startswith("<")]),
        "// do not edit; edit the headers and run `python3 scripts/amalgamate.py`.",
        "// The DOM adapters are separate: include this file first, then e.g.",
        "// include/jsonsig/adapters/nlohmann.hpp (it then uses this file, not the separate headers).",
        "#ifndef JSONSIG_SINGLE_HEADER",
        "#define JSONSIG_SINGLE_HEADER 1",
        "",
    ]
    tail = ["", "#endif  // JSONSIG_SINGLE_HEADER", ""]
    return "\n".join(head + body + tail)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the output file is not up to date")
    ap.add_argument("-o", "--output", default=DEFAULT_OUT, help="output file (default: %(default)s)")
    args = ap.parse_args(argv)
    try:
        text = generate()
    except AmalgamateError as e:
        print("amalgamate.py: error: %s" % e, file=sys.stderr)
        return 2
    out = os.path.abspath(args.output)
    if args.check:
        try:
            with open(out, "r", encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError:
            current = None
        if current != text:
            print("amalgamate.py: %s is %s; run: python3 scripts/amalgamate.py" %
                  (os.path.relpath(out, ROOT), "missing" if current is None else "stale"), file=sys.stderr)
            return 1
        print("amalgamate.py: %s is up to date" % os.path.relpath(out, ROOT))
        return 0
    os.makedirs(os.path.dirname(out), exist_ok=True)
    try:
        with open(out, "r", encoding="utf-8", newline="") as f:
            if f.read() == text:
                return 0  # unchanged: keep the timestamp, so builds do not redo work
    except OSError:
        pass
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
