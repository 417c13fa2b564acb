#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Ratio table for bench_canonical.

    bench_canonical --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
        --benchmark_format=json > canonical.json
    python3 bench/canonical_ratios.py canonical.json

Prints, per document or body, the median CPU time of each contender and how many times faster
jsonsig is than RapidJSON (with its recursive member sort) and nlohmann::json, with the targets
(>= 2x RapidJSON, >= 5x nlohmann on corpus documents; >= 2x RapidJSON on bodies) marked.
"""
import collections
import json
import sys


def main(path):
    data = json.load(open(path))
    med = collections.OrderedDict()
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        group, doc, impl = b["run_name"].split("/")
        scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
        med.setdefault((group, doc), {})[impl] = b["cpu_time"] * scale
    unit = lambda ns: "%9.1f us" % (ns / 1e3) if ns >= 1e4 else "%9.0f ns" % ns
    print("%-6s %-20s %12s %12s %12s %12s %12s | %-13s %-13s %-13s %-13s" % (
        "group", "input", "js", "python", "js->count", "rapidjson", "nlohmann",
        "RJ/js", "RJ/python", "nl/js", "nl/python"))
    misses = 0
    for (group, doc), m in med.items():
        js, py, rj, nl = m.get("jsonsig_js"), m.get("jsonsig_python"), m.get("rapidjson_sorted"), m.get("nlohmann")
        nostr = m.get("jsonsig_js_nostring")

        def ratio(peer, ours, target):
            nonlocal misses
            if peer is None or ours is None:
                return "%-13s" % "n/a"
            r = peer / ours
            ok = r >= target
            if not ok and ours is js:
                misses += 1
            return "%5.2fx %-6s" % (r, "ok" if ok else "(<%gx)" % target)

        nl_target = 5 if group == "corpus" else 0
        print("%-6s %-20s %s %s %s %s %s | %s %s %s %s" % (
            group, doc, unit(js), unit(py), unit(nostr), unit(rj or 0), unit(nl or 0),
            ratio(rj, js, 2), ratio(rj, py, 2), ratio(nl, js, nl_target), ratio(nl, py, nl_target)))
    print("\njs-profile targets missed: %d" % misses)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/dev/stdin")
