"""Reads Google Benchmark JSON (stdin) and prints chatbind/reference time ratios per benchmark pair.

Pairs are named <Case>_reference and <Case>_chatbind and come from the same run.
"""
import json
import sys


def main() -> int:
    data = json.load(sys.stdin)
    times = {b["name"]: b["real_time"] for b in data["benchmarks"] if b.get("run_type", "iteration") == "iteration"}
    cases = sorted({name.rsplit("_", 1)[0] for name in times if name.endswith(("_reference", "_chatbind"))})
    print(f"{'case':28} {'reference':>12} {'chatbind':>12} {'ratio':>7}")
    for case in cases:
        ref, ours = times.get(case + "_reference"), times.get(case + "_chatbind")
        if ref and ours:
            unit = data["benchmarks"][0].get("time_unit", "ns")
            print(f"{case:28} {ref:10.0f}{unit} {ours:10.0f}{unit} {ours / ref:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
