#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""One command for jsonsig's performance report:

    python3 bench/report.py [--quick] [--filter REGEX] [--build-dir DIR]

1. configures BUILD_DIR (default build-bench) in Release with CMake + Ninja if needed and builds
   every bench/bench_*.cpp target (one by one, -j2, so one broken bench does not hide the others)
   and the CLI (for the memory figures, if it has a canon subcommand);
2. runs every bench_* binary with --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
   --benchmark_format=json --benchmark_min_time=0.1 (--quick: 3 repetitions, 0.02 s);
3. runs node bench/node_sign_bench.mjs (Node's JSON.parse/sortDeep/stringify + createHmac);
4. runs bench/memory.sh (peak RSS with /usr/bin/time -v);
5. prints ONE Markdown report on stdout and writes it to BUILD_DIR/bench_report.md (raw outputs in
   BUILD_DIR/bench_results/).

Figures are medians over the repetitions of CPU time (Google Benchmark's cpu_time, node's
process.cpuUsage): on a shared machine wall time also counts the time spent waiting for a core.
MB/s is 10^6 bytes of INPUT per CPU second. A ratio "a vs b" is b's time / a's time (how many
times faster a is) unless the column says otherwise. Progress goes to stderr.
"""
import argparse
import datetime
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("JSONSIG_SHARED_DIR", ROOT.parent / "shared"))

# Targets from the issues. Areas without a stated target (hex, numbers) show ratios only. Each
# entry: (comparison, bound).
TARGET_SHA512_16K = (">=", 0.8)    # bundled SHA-512 throughput vs OpenSSL EVP at 16 KiB
TARGET_HMAC_256 = (">=", 1.0)      # precomputed-key HMAC vs EVP_MAC reused ctx at 256 B (no slower)
TARGET_CANON_RAPIDJSON = (">=", 2.0)  # canonicalize (js) vs RapidJSON+sort: corpus docs and bodies
TARGET_CANON_NLOHMANN = (">=", 5.0)   # canonicalize (js) vs nlohmann parse+dump: corpus docs
TARGET_SIGN_CORPUS = (">=", 0.6)   # signer::sign throughput / floor throughput, every corpus doc
TARGET_SIGN_700B = ("<=", 2.0)     # signer::sign time / floor time on the ~700-byte body
TARGET_MEMORY = ("<=", 3.0)        # peak RSS (net of baseline, input included) / input size
MEMORY_DOCS = ["canada", "citm_catalog", "gsoc-2018", "marine_ik", "twitter"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------- building

def cache_value(build, key):
    cache = build / "CMakeCache.txt"
    if not cache.exists():
        return None
    for line in cache.read_text(errors="replace").splitlines():
        if line.startswith(key + ":"):
            return line.split("=", 1)[1]
    return None


def configure(build, problems):
    if (build / "build.ninja").exists() and cache_value(build, "CMAKE_BUILD_TYPE") == "Release":
        return True
    log(f"configuring {build} (Release, Ninja)")
    cmd = ["cmake", "-S", str(ROOT), "-B", str(build), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
           "-DJSONSIG_BUILD_BENCH=ON", "-DJSONSIG_BUILD_TESTS=OFF", "-DJSONSIG_BUILD_EXAMPLES=OFF",
           "-DJSONSIG_FUZZ_REPLAY=OFF"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        problems.append("cmake configure failed: " + tail(r.stdout + r.stderr))
        return False
    return True


def tail(text, n=6):
    return " / ".join(line.strip() for line in text.strip().splitlines()[-n:])


def build_targets(build, targets, problems, optional=()):
    built = []
    for t in list(targets) + list(optional):
        log(f"building {t}")
        t0 = time.time()
        r = subprocess.run(["cmake", "--build", str(build), "--target", t, "-j2"],
                           capture_output=True, text=True)
        if r.returncode == 0:
            built.append(t)
            log(f"  ok ({time.time() - t0:.0f} s)")
        else:
            log(f"  FAILED: {tail(r.stdout + r.stderr, 12)}")
            if t not in optional:
                problems.append(f"build of {t} failed: " + tail(r.stdout + r.stderr, 4))
    return built


# -------------------------------------------------------------------------------------- running

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


class Result:
    """Median figures of one benchmark."""

    def __init__(self, cpu_ns, real_ns=None, bytes_per_s=None, cv=None, label="", counters=None):
        self.cpu_ns = cpu_ns
        self.real_ns = real_ns
        self.bytes_per_s = bytes_per_s
        self.cv = cv  # coefficient of variation of CPU time across repetitions (fraction)
        self.label = label
        self.counters = counters or {}

    @property
    def mbs(self):
        return None if self.bytes_per_s is None else self.bytes_per_s / 1e6


def parse_gbench(doc, problems, binary):
    """Google Benchmark JSON -> {run_name: Result} (median aggregate, else median of the runs)."""
    rows = {}
    for b in doc.get("benchmarks", []):
        # Repetitions() set in the code appends "/repeats:N" to the name: pair on the rest.
        name = re.sub(r"/repeats:\d+", "", b.get("run_name", b["name"]))
        rows.setdefault(name, []).append(b)
    out = {}
    std_keys = {"name", "run_name", "run_type", "aggregate_name", "aggregate_unit", "family_index",
                "per_family_instance_index", "repetitions", "repetition_index", "threads",
                "iterations", "real_time", "cpu_time", "time_unit", "bytes_per_second",
                "items_per_second", "label", "error_occurred", "error_message"}
    for name, bs in rows.items():
        err = [b for b in bs if b.get("error_occurred")]
        if err:
            problems.append(f"{binary}: {name}: {err[0].get('error_message', 'error')}")
            continue
        med = [b for b in bs if b.get("aggregate_name") == "median"]
        cv = [b for b in bs if b.get("aggregate_name") == "cv"]
        if med:
            m = med[0]
        else:
            its = sorted((b for b in bs if b.get("run_type", "iteration") == "iteration"),
                         key=lambda b: b["cpu_time"])
            if not its:
                continue
            m = its[len(its) // 2]
        unit = UNIT_NS[m.get("time_unit", "ns")]
        counters = {k: v for k, v in m.items() if k not in std_keys and isinstance(v, (int, float))}
        out[name] = Result(m["cpu_time"] * unit, m["real_time"] * unit, m.get("bytes_per_second"),
                           cv[0]["cpu_time"] if cv else None, m.get("label", ""), counters)
    return out


def run_benches(build, binaries, args, outdir, problems):
    results = {}
    for name in binaries:
        exe = build / "bench" / name
        cmd = [str(exe), f"--benchmark_repetitions={args.repetitions}",
               "--benchmark_report_aggregates_only=true", "--benchmark_format=json",
               f"--benchmark_min_time={args.min_time}"]
        if args.filter:
            cmd.append(f"--benchmark_filter={args.filter}")
        log(f"running {name} ...")
        t0 = time.time()
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=build)
        (outdir / f"{name}.json").write_text(r.stdout)
        (outdir / f"{name}.stderr.txt").write_text(r.stderr)
        log(f"  {name}: {time.time() - t0:.0f} s, exit {r.returncode}")
        if r.returncode != 0:
            problems.append(f"{name} exited with {r.returncode}: {tail(r.stderr, 3)}")
        try:
            doc = json.loads(r.stdout)
        except json.JSONDecodeError:
            if "Failed to match" not in r.stderr:
                problems.append(f"{name}: no JSON output ({tail(r.stderr, 3)})")
            continue
        results[name] = parse_gbench(doc, problems, name)
        results.setdefault("_context", doc.get("context", {}))
    return results


def run_node(args, outdir, problems):
    node = "node"
    cmd = [node, str(ROOT / "bench" / "node_sign_bench.mjs"),
           "--repetitions", str(args.repetitions), "--min-time", str(args.node_min_time)]
    if args.filter:
        cmd += ["--filter", args.filter]
    log("running node_sign_bench.mjs ...")
    t0 = time.time()
    env = dict(os.environ, JSONSIG_SHARED_DIR=str(SHARED))
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    except FileNotFoundError:
        problems.append("node not found: the node column is empty")
        return {}
    (outdir / "node_sign_bench.jsonl").write_text(r.stdout)
    log(f"  node: {time.time() - t0:.0f} s, exit {r.returncode}")
    if r.returncode != 0:
        problems.append(f"node_sign_bench.mjs exited with {r.returncode}: {tail(r.stderr, 3)}")
    return parse_node(r.stdout)


def parse_node(text):
    out = {}
    for line in text.splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["name"]] = Result(d["cpu_ns_per_op"], d["ns_per_op"],
                                    d["bytes"] / d["cpu_ns_per_op"] * 1e9, None, d.get("sig16", ""),
                                    {"input_bytes": d["bytes"]})
    return out


def run_memory(build, outdir, problems):
    log("running memory.sh ...")
    t0 = time.time()
    r = subprocess.run(["bash", str(ROOT / "bench" / "memory.sh"), str(build)],
                       capture_output=True, text=True)
    (outdir / "memory.tsv").write_text(r.stdout)
    log(f"  memory: {time.time() - t0:.0f} s, exit {r.returncode}")
    if r.returncode != 0:
        problems.append(f"memory.sh exited with {r.returncode}: {tail(r.stderr, 3)}")
    return parse_memory(r.stdout)


def parse_memory(text):
    rows, notes = {}, []
    for line in text.splitlines():
        if line.startswith("#"):
            if "skipped" in line or "failed" in line or "missing" in line:
                notes.append(line.lstrip("# "))
            continue
        f = line.split("\t")
        if len(f) == 5:
            rows[(f[0], f[1])] = (int(f[2]), int(f[3]), int(f[4]))
    return rows, notes


# ----------------------------------------------------------------------------------- formatting

def sig3(x):
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def fmt_time(ns):
    if ns is None:
        return "—"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{sig3(ns / scale)} {unit}"
    return f"{sig3(ns)} ns"


def fmt_mbs(mbs):
    return "—" if mbs is None else f"{sig3(mbs)} MB/s"


def cell(r):
    """'1.23 µs · 830 MB/s' for a Result (or — when missing)."""
    if r is None:
        return "—"
    if r.mbs is None:
        return fmt_time(r.cpu_ns)
    return f"{fmt_time(r.cpu_ns)} · {fmt_mbs(r.mbs)}"


class Verdicts:
    def __init__(self):
        self.items = []  # (what, text, ok)

    def ratio(self, value, target=None, what=None):
        """'2.30x' or '2.30x (target >= 2x) ok' / '... MISS'."""
        if value is None:
            return "—"
        text = f"{value:.2f}x"
        if target is None:
            return text
        op, bound = target
        ok = value >= bound if op == ">=" else value <= bound
        if abs(value - bound) < 0.005:  # so that 0.597 does not print as a missed "0.60x"
            text = f"{value:.3f}x"
        text = f"{text} (target {op} {bound:g}x) {'ok' if ok else '**MISS**'}"
        self.items.append((what, text, ok))
        return text


def speedup(a, b):
    """How many times faster a is than b: b's time / a's time."""
    if a is None or b is None or a.cpu_ns <= 0:
        return None
    return b.cpu_ns / a.cpu_ns


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def cv_note(results):
    cvs = [(r.cv, n) for n, r in results.items() if r.cv is not None]
    if not cvs:
        return ""
    cvs.sort()
    med = statistics.median(c for c, _ in cvs)
    worst = cvs[-1]
    return (f"_Spread: coefficient of variation of CPU time across repetitions, median "
            f"{med * 100:.1f}%, worst {worst[0] * 100:.1f}% ({worst[1]})._")


def size_key(s):
    m = re.match(r"(\d+)(B|KiB|MiB)$", s)
    return int(m.group(1)) * {"B": 1, "KiB": 1024, "MiB": 1 << 20}[m.group(2)] if m else 0


# ---------------------------------------------------------------------------------------- areas

def section_crypto(res, v):
    if not res:
        return None
    out = ["## Crypto: SHA-512 and HMAC-SHA-512 (bench_crypto)", ""]
    sizes = sorted({n.rsplit("/", 1)[1] for n in res if n.startswith(("sha512/", "hmac/"))},
                   key=size_key)
    g = lambda n: res.get(n)
    rows = []
    for s in sizes:
        b, evp = g(f"sha512/bundled/{s}"), g(f"sha512/openssl_evp/{s}")
        target = TARGET_SHA512_16K if s == "16KiB" else None
        rows.append([s, cell(b), cell(evp), cell(g(f"sha512/openssl_SHA512/{s}")),
                     cell(g(f"sha512/jsonsig_openssl_backend/{s}")),
                     v.ratio(speedup(b, evp), target, f"SHA-512 bundled vs OpenSSL EVP at {s}")])
    if rows:
        kernel = next((g(f"sha512/bundled/{s}").label for s in sizes if g(f"sha512/bundled/{s}")), "")
        out += [f"SHA-512, bundled (dispatched kernel: {kernel or '?'}) vs OpenSSL 3:", "",
                table(["size", "jsonsig bundled", "OpenSSL EVP (reused ctx)", "OpenSSL SHA512()",
                       "jsonsig OpenSSL backend", "bundled vs EVP"], rows), ""]
    rows = []
    for s in sizes:
        pre, reused = g(f"hmac/bundled_prekeyed/{s}"), g(f"hmac/openssl_mac_reused/{s}")
        one = g(f"hmac/openssl_HMAC_oneshot/{s}")
        target = TARGET_HMAC_256 if s == "256B" else None
        rows.append([s, cell(pre), cell(reused), cell(g(f"hmac/openssl_mac_dup/{s}")),
                     cell(g(f"hmac/jsonsig_openssl_backend/{s}")), cell(g(f"hmac/bundled_oneshot/{s}")),
                     cell(one),
                     v.ratio(speedup(pre, reused), target, f"HMAC precomputed vs EVP_MAC reused at {s}"),
                     v.ratio(speedup(pre, one))])
    if rows:
        out += ["HMAC-SHA-512: jsonsig's precomputed hmac_key vs OpenSSL (reused EVP_MAC context, "
                "duplicated context, one-shot HMAC()):", "",
                table(["size", "jsonsig precomputed", "EVP_MAC reused", "EVP_MAC dup",
                       "jsonsig OpenSSL backend", "jsonsig one-shot", "OpenSSL HMAC() one-shot",
                       "precomputed vs reused ctx", "precomputed vs HMAC() one-shot"], rows), ""]
    kern = {}
    for n, r in res.items():
        if n.startswith("sha512_compress/"):
            _, k, s = n.split("/")
            kern.setdefault(k, {})[s] = r
    if kern:
        ks = sorted({s for d in kern.values() for s in d}, key=size_key)
        out += ["SHA-512 compression kernels on whole blocks:", "",
                table(["kernel"] + ks, [[k] + [cell(d.get(s)) for s in ks] for k, d in kern.items()]),
                ""]
    out.append(cv_note(res))
    return "\n".join(out)


def section_hex(res, v):
    if not res:
        return None
    out = ["## Hex (bench_hex)", ""]
    for op in ("hex_encode", "hex_decode"):
        entries = {}
        for n, r in res.items():
            parts = n.split("/")
            if parts[0] == op and len(parts) == 3:
                entries.setdefault(parts[1], {})[int(parts[2])] = r
        if not entries:
            continue
        kernels = [k for k in entries if k != "dispatched"] + (["dispatched"] if "dispatched" in entries else [])
        sizes = sorted({s for d in entries.values() for s in d})
        rows = []
        for s in sizes:
            row = [f"{s} B"] + [cell(entries[k].get(s)) for k in kernels]
            row.append(v.ratio(speedup(entries.get("dispatched", {}).get(s), entries.get("scalar", {}).get(s))))
            rows.append(row)
        what = "input bytes" if op == "hex_encode" else "output bytes"
        out += [f"`{op}` per kernel (size and MB/s in {what}); no stated target:", "",
                table(["size"] + kernels + ["dispatched vs scalar"], rows), ""]
    out.append(cv_note(res))
    return "\n".join(out)


def section_numbers(res, v):
    if not res:
        return None
    out = ["## Numbers (bench_numbers)", "",
           "Cost per number lexeme over every number of each document (ns/number · MB/s of lexeme "
           "bytes). `jsonsig_py` runs over the float lexemes only. No stated target.", ""]
    corpora, contenders = [], []
    for n in res:
        c, doc = n.split("/", 1)
        if doc not in corpora:
            corpora.append(doc)
        if c not in contenders:
            contenders.append(c)

    def ncell(r):
        if r is None:
            return "—"
        per = r.counters.get("per_number")
        t = fmt_time(per * 1e9) if per else fmt_time(r.cpu_ns)
        return f"{t} · {fmt_mbs(r.mbs)}" if r.mbs else t

    def per(r):
        return None if r is None or not r.counters.get("per_number") else r.counters["per_number"]

    rows = []
    for doc in corpora:
        es = res.get(f"jsonsig_es/{doc}")
        nums = int(es.counters.get("numbers", 0)) if es else 0
        row = [doc, nums] + [ncell(res.get(f"{c}/{doc}")) for c in contenders]
        for peer in ("std_charconv", "rapidjson_full"):
            a, b = per(es), per(res.get(f"{peer}/{doc}"))
            row.append(v.ratio(b / a if a and b else None))
        rows.append(row)
    out += [table(["document", "numbers"] + contenders + ["es vs std_charconv", "es vs rapidjson_full"], rows), "",
            cv_note(res)]
    return "\n".join(out)


def section_canonical(res, v):
    if not res:
        return None
    out = ["## Canonicalize (bench_canonical)", "",
           "jsonsig `canonicalize()` (js and python profiles, into a string; `js_nostring` streams "
           "into a counting sink) vs RapidJSON (parse, recursive member sort, Writer) and nlohmann "
           "(`parse(text).dump()`). Targets: js at least 2x RapidJSON+sort on every document "
           "and body, and 5x nlohmann on every corpus document.", ""]
    docs = []
    for n in res:
        group, doc, _ = n.split("/", 2)
        if (group, doc) not in docs:
            docs.append((group, doc))
    docs.sort(key=lambda gd: (gd[0] != "body", gd[1]))
    cols = ["jsonsig_js", "jsonsig_js_nostring", "jsonsig_python", "rapidjson_sorted", "nlohmann"]
    rows = []
    for group, doc in docs:
        r = {c: res.get(f"{group}/{doc}/{c}") for c in cols}
        rows.append([f"{group}/{doc}"] + [cell(r[c]) for c in cols] +
                    [v.ratio(speedup(r["jsonsig_js"], r["rapidjson_sorted"]), TARGET_CANON_RAPIDJSON,
                             f"canonicalize vs RapidJSON+sort on {group}/{doc}"),
                     v.ratio(speedup(r["jsonsig_js"], r["nlohmann"]),
                             TARGET_CANON_NLOHMANN if group == "corpus" else None,
                             f"canonicalize vs nlohmann on {group}/{doc}")])
    out += [table(["document"] + cols + ["js vs RapidJSON+sort", "js vs nlohmann"], rows), "",
            cv_note(res)]
    return "\n".join(out)


def section_sign(res, node, v, canon):
    if not res and not node:
        return None
    out = ["## Sign / verify (bench_sign, node_sign_bench.mjs)", "",
           "`sign` = `signer::sign` (js profile, streamed into the HMAC, hex); `verify` = "
           "`signer::verify` with the right signature; `floor` = HMAC-SHA-512 with the precomputed "
           "`hmac_key` over the already-canonical bytes + hex; `one-shot` = `jsonsig::sign(body, "
           "token)` (keys the HMAC per call); `nlohmann+OpenSSL` = `parse().dump()` + EVP_MAC "
           "(reused ctx); `node` = JSON.parse + sortDeep + JSON.stringify + createHmac (CPU time "
           "of the node process). \"node agrees\": node's signature equals jsonsig's. The floor "
           "hashes the canonical bytes, which can be far fewer than the input (whitespace), while "
           "MB/s always counts input bytes. `canonicalize` is bench_canonical's "
           "`corpus/<doc>/jsonsig_js_nostring` (streaming into a counting sink), for seeing where "
           "sign's time goes: sign ≈ canonicalize + floor. `bound` = simdjson's DOM parse of the "
           "input + the floor: a lower bound for any one-thread signer (it must read the whole "
           "input before it can emit a root object's first member, then hash); `bound / floor "
           "throughput` is the best sign / floor ratio such a signer could reach.", ""]
    docs = []
    for n in list(res) + list(node):
        doc = n.split("/", 2)[2]
        if doc not in docs:
            docs.append(doc)
    def size_of(doc):
        for r in (res.get(f"sign/jsonsig/{doc}"), node.get(f"sign/node/{doc}")):
            if r and r.counters.get("input_bytes"):
                return int(r.counters["input_bytes"])
        return None

    bodies = sorted((d for d in docs if d.startswith("body_")), key=lambda d: size_of(d) or 0)
    corpus = sorted(d for d in docs if not d.startswith("body_"))

    def agrees(doc):
        a, b = res.get(f"sign/jsonsig/{doc}"), node.get(f"sign/node/{doc}")
        if not a or not b or not a.label or not b.label:
            return "—"
        return "yes" if a.label == b.label else "**NO**"

    def cells(doc):
        g = lambda k: res.get(f"{k}/{doc}")
        return (g("sign/jsonsig"), g("verify/jsonsig"), g("sign/floor"), g("sign/jsonsig_oneshot"),
                g("sign/nlohmann_openssl"), node.get(f"sign/node/{doc}"), g("sign/bound_simdjson"))

    rows = []
    for doc in bodies:
        s, ver, floor, one, nl, nd, _ = cells(doc)
        n = size_of(doc)
        time_ratio = None if s is None or floor is None else s.cpu_ns / floor.cpu_ns
        target = TARGET_SIGN_700B if n is not None and 600 <= n <= 800 else None
        rows.append([doc, n if n is not None else "—", fmt_time(s and s.cpu_ns), fmt_time(ver and ver.cpu_ns),
                     fmt_time(floor and floor.cpu_ns), fmt_time(one and one.cpu_ns),
                     fmt_time(nl and nl.cpu_ns), fmt_time(nd and nd.cpu_ns),
                     v.ratio(time_ratio, target, f"sign time / floor time on {doc}"),
                     v.ratio(speedup(s, nl)), v.ratio(speedup(s, nd)), agrees(doc)])
    if rows:
        out += ["API bodies, time per request (the target is on the ~700-byte body):", "",
                table(["body", "bytes", "sign", "verify", "floor", "one-shot", "nlohmann+OpenSSL",
                       "node", "sign time / floor time", "sign vs nlohmann+OpenSSL", "sign vs node",
                       "node agrees"], rows), ""]
    rows = []
    for doc in corpus:
        s, ver, floor, _, nl, nd, bound = cells(doc)
        n = size_of(doc)
        tput = None if s is None or floor is None else floor.cpu_ns / s.cpu_ns
        btput = None if bound is None or floor is None else floor.cpu_ns / bound.cpu_ns
        cb = s.counters.get("canonical_bytes") if s else None
        c = canon.get(f"corpus/{doc}/jsonsig_js_nostring")
        rows.append([doc, f"{n / 1e6:.2f} MB" if n else "—", f"{cb / 1e6:.2f} MB" if cb else "—",
                     cell(s), fmt_mbs(ver and ver.mbs), cell(floor), fmt_time(c and c.cpu_ns),
                     fmt_mbs(nl and nl.mbs), fmt_mbs(nd and nd.mbs),
                     v.ratio(tput, TARGET_SIGN_CORPUS, f"sign / floor throughput on {doc}"),
                     fmt_time(bound and bound.cpu_ns), v.ratio(btput),
                     v.ratio(speedup(s, nl)), v.ratio(speedup(s, nd)), agrees(doc)])
    if rows:
        out += ["Corpus documents, throughput in input bytes (target on every document):", "",
                table(["document", "input", "canonical", "sign", "verify", "floor", "canonicalize",
                       "nlohmann+OpenSSL", "node",
                       "sign / floor throughput", "bound", "bound / floor throughput",
                       "sign vs nlohmann+OpenSSL", "sign vs node",
                       "node agrees"], rows), ""]
    out.append(cv_note(res))
    return "\n".join(out)


def section_memory(rows, notes, v):
    if not rows and not notes:
        return None
    mib = lambda kib: kib / 1024
    progs = [p for p in ("lib:canon", "lib:sign", "cli:canon") if any(k[0] == p for k in rows)]
    out = ["## Memory: peak RSS (bench/memory.sh, /usr/bin/time -v)", "",
           "Peak resident set size of one process that reads the document into memory and "
           "canonicalizes it (`lib:canon`: `canonicalize()` into a string, written to /dev/null; "
           "`lib:sign`: `signer::sign`, no canonical string; `cli:canon`: the CLI), median of 3 runs. "
           "`net` = peak − the same program's peak on the document `{}` (code, libc, libstdc++, "
           "stdio), so it counts the input buffer, the parser's working memory and the output. "
           "Target: net peak <= 3x the input size.", ""]
    header = ["document", "input"]
    for p in progs:
        header += [f"{p} peak (baseline)", f"{p} net", f"{p} net / input"]
    table_rows = []
    for d in MEMORY_DOCS:
        row, size = [d, None], None
        for p in progs:
            m = rows.get((p, d))
            if m is None:
                row += ["—", "—", "—"]
                continue
            size, peak, base = m
            net_kib = peak - base
            target = TARGET_MEMORY if p in ("lib:canon", "cli:canon") else None
            row += [f"{mib(peak):.1f} MiB ({mib(base):.1f})", f"{mib(net_kib):.1f} MiB",
                    v.ratio(net_kib * 1024 / size, target, f"{p} peak RSS / input on {d}")]
        row[1] = f"{size / 2**20:.2f} MiB" if size else "—"
        table_rows.append(row)
    out.append(table(header, table_rows))
    if notes:
        out += ["", "Notes: " + "; ".join(notes)]
    return "\n".join(out)


def section_other(name, res):
    rows = [[n, cell(r)] for n, r in res.items()]
    return "\n".join([f"## {name}", "", table(["benchmark", "median"], rows)])


# ------------------------------------------------------------------------------------- metadata

def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def first_line(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return None


def collect_meta(build, args, load0, load1, started, seconds):
    """Everything the header needs, saved with the raw outputs so --render-only can reuse it."""
    compiler = cache_value(build, "CMAKE_CXX_COMPILER") or "c++"
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return {
        "started": started.strftime("%Y-%m-%d %H:%M"), "seconds": round(seconds),
        "cpu": cpu_model(), "cores": os.cpu_count(),
        "compiler": first_line([compiler, "--version"]) or compiler,
        "flags": (cache_value(build, "CMAKE_CXX_FLAGS_RELEASE") or "").strip(),
        "gbench": first_line(["pkg-config", "--modversion", "benchmark"]) or "?",
        "node": first_line(["node", "--version"]) or "not found",
        "commit": first_line(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]) or "?",
        "dirty": bool(dirty), "load0": load0[0], "load1": load1[0],
        "repetitions": args.repetitions, "min_time": args.min_time, "filter": args.filter,
        "argv": sys.argv[1:],
    }


def header_lines(m):
    return [
        "# jsonsig performance report",
        "",
        f"**{m['started']} UTC** · CPU: {m['cpu']} · {m['cores']} cores · compiler: {m['compiler']} "
        f"· Release ({m['flags']}) · Google Benchmark {m['gbench']} · node {m['node']} · "
        f"commit {m['commit']}{' + uncommitted changes in the tree' if m['dirty'] else ''}",
        "",
        f"Load average (1 min) {m['load0']:.1f} at start, {m['load1']:.1f} at the end (shared "
        f"machine). Medians of {m['repetitions']} repetitions (bench_hex and bench_numbers set "
        f"their own: 9 and 7), min time {m['min_time']} s each; **CPU time**, since wall time on a "
        f"busy machine also counts waiting for a core. MB/s = 10^6 input bytes per CPU second. "
        f"\"a vs b\" = b's time / a's time (> 1: a is faster)."
        + (f" Filter: `{m['filter']}`." if m["filter"] else ""),
    ]


# ----------------------------------------------------------------------------------------- main

def load_results(outdir, problems):
    """Re-reads the raw outputs of a previous run (for --render-only)."""
    results = {}
    for f in sorted(outdir.glob("bench_*.json")):
        try:
            results[f.stem] = parse_gbench(json.loads(f.read_text()), problems, f.stem)
        except json.JSONDecodeError:
            pass
    nf, mf = outdir / "node_sign_bench.jsonl", outdir / "memory.tsv"
    node = parse_node(nf.read_text()) if nf.exists() else {}
    mem = parse_memory(mf.read_text()) if mf.exists() else ({}, [])
    return results, node, mem


def render(meta, results, node, mem, problems, outdir):
    v = Verdicts()
    sections = [
        section_crypto(results.get("bench_crypto"), v),
        section_hex(results.get("bench_hex"), v),
        section_numbers(results.get("bench_numbers"), v),
        section_canonical(results.get("bench_canonical"), v),
        section_sign(results.get("bench_sign", {}), node, v, results.get("bench_canonical", {})),
        section_memory(mem[0], mem[1], v),
    ]
    known = {"bench_crypto", "bench_hex", "bench_numbers", "bench_canonical", "bench_sign"}
    sections += [section_other(n, r) for n, r in results.items() if n not in known and r]

    lines = header_lines(meta)
    ok = sum(1 for *_, good in v.items if good)
    miss = [(w, t) for w, t, good in v.items if not good]
    lines += ["", f"**Targets: {ok} ok, {len(miss)} missed** (of {len(v.items)} checked)."]
    for w, t in miss:
        lines.append(f"- MISS: {w}: {t}")
    if problems:
        lines += ["", "**Problems during the run:**"] + [f"- {p}" for p in problems]
    for s in sections:
        if s:
            lines += ["", s]
    lines += ["", f"_Run time {meta['seconds']} s. Raw outputs: `{outdir}`. Command: "
              f"`{shlex.join(['python3', 'bench/report.py'] + meta['argv'])}`._"]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default=str(ROOT / "build-bench"))
    ap.add_argument("--quick", action="store_true",
                    help="3 repetitions, 0.02 s min time (a smoke run, numbers are rough)")
    ap.add_argument("--filter", default="", help="regex on benchmark names (also node's)")
    ap.add_argument("--repetitions", type=int, default=None)
    ap.add_argument("--min-time", type=float, default=None, help="--benchmark_min_time, seconds")
    ap.add_argument("--no-build", action="store_true", help="use the binaries as they are")
    ap.add_argument("--skip-node", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--render-only", action="store_true",
                    help="run nothing: re-render the report from BUILD_DIR/bench_results")
    args = ap.parse_args()
    if args.repetitions is None:
        args.repetitions = 3 if args.quick else 5
    if args.min_time is None:
        args.min_time = 0.02 if args.quick else 0.1
    args.node_min_time = 0.05 if args.quick else max(0.2, args.min_time)

    build = Path(args.build_dir).resolve()
    outdir = build / "bench_results"
    if args.render_only:
        meta = json.loads((outdir / "meta.json").read_text())
        results, node, mem = load_results(outdir, [])
        report = render(meta, results, node, mem, meta.get("problems", []), outdir)
        (build / "bench_report.md").write_text(report)
        sys.stdout.write(report)
        return 0

    started = datetime.datetime.now(datetime.timezone.utc)
    load0 = os.getloadavg()
    t_start = time.time()
    outdir.mkdir(parents=True, exist_ok=True)
    for old in list(outdir.glob("bench_*")) + [outdir / "meta.json"]:
        old.unlink(missing_ok=True)  # a bench that fails this time must not show old figures
    problems = []

    benches = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.cpp"))
    if args.no_build:
        built = [b for b in benches if (build / "bench" / b).exists()]
    elif configure(build, problems):
        built = build_targets(build, benches, problems, optional=["jsonsig_cli"])
    else:
        built = []
    results = run_benches(build, [b for b in benches if b in built], args, outdir, problems)
    results.pop("_context", None)
    node = {} if args.skip_node else run_node(args, outdir, problems)
    mem = ({}, []) if args.skip_memory else run_memory(build, outdir, problems)
    for f, skipped in (("node_sign_bench.jsonl", args.skip_node), ("memory.tsv", args.skip_memory)):
        if skipped:
            (outdir / f).unlink(missing_ok=True)

    meta = collect_meta(build, args, load0, os.getloadavg(), started, time.time() - t_start)
    meta["problems"] = problems
    (outdir / "meta.json").write_text(json.dumps(meta, indent=1))
    report = render(meta, results, node, mem, problems, outdir)
    (build / "bench_report.md").write_text(report)
    sys.stdout.write(report)
    log(f"report written to {build / 'bench_report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
