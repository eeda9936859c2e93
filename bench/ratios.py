"""Reads Google Benchmark JSON (stdin) and prints a markdown table: chatbind against the reference
of the same run, and against the floor (simdjson's own parse) where there is one, with heap
allocations per operation.

Benchmarks are named <Case>_reference, <Case>_chatbind and optionally <Case>_floor, from one run;
`allocs` and `alloc_bytes` are per-iteration counters (bench/json_bench.cpp counts operator new).
"""
import json
import sys


def fmt_time(ns: float) -> str:
    return f"{ns / 1000:.1f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def fmt_allocs(b: dict | None) -> str:
    if not b or "allocs" not in b:
        return "—"
    return f"{b['allocs']:.0f} / {b['alloc_bytes'] / 1024:.1f} KiB"


def main() -> int:
    data = json.load(sys.stdin)
    # With repetitions, the medians; otherwise the single run of each benchmark.
    medians = {b["run_name"]: b for b in data["benchmarks"] if b.get("aggregate_name") == "median"}
    runs = medians or {b["name"]: b for b in data["benchmarks"] if b.get("run_type", "iteration") == "iteration"}
    cases = []
    for name in runs:
        case = name.rsplit("_", 1)[0]
        if name.endswith(("_reference", "_chatbind")) and case not in cases:
            cases.append(case)
    print("| case | reference | chatbind | × reference | floor (simdjson) | × floor | allocations: reference | allocations: chatbind |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for case in cases:
        ref, ours, floor = (runs.get(f"{case}_{k}") for k in ("reference", "chatbind", "floor"))
        if not (ref and ours):
            continue
        to_ns = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
        t = lambda b: b["real_time"] * to_ns[b.get("time_unit", "ns")]
        floor_cols = f"{fmt_time(t(floor))} | {t(ours) / t(floor):.2f}" if floor else "— | —"
        print(f"| {case} | {fmt_time(t(ref))} | {fmt_time(t(ours))} | **{t(ours) / t(ref):.2f}** | {floor_cols} | "
              f"{fmt_allocs(ref)} | {fmt_allocs(ours)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
