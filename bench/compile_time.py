#!/usr/bin/env python3
"""Compile-time benchmark: what including chatbind and making one call costs, as a ratio to a
translation unit that includes only <nlohmann/json.hpp> and parses one object.

Every case is a generated .cpp compiled with `<cxx> -std=c++20 <opt> -I <repo>/include -c -o
/dev/null`, for each compiler and optimisation level, N times; the runs are interleaved (each
round visits every measurement once, in a shuffled order) so that machine noise spreads evenly,
and the figure is the median CPU time the compiler took (user + system, steadier than wall time on
a shared machine). The 20-TU bot runs --bot-runs times (default 1). A case whose header does not exist is reported as
skipped, so the script works before and after the header reorganisation.

  /usr/bin/python3 bench/compile_time.py                  # 5 runs, g++ and clang++, -O0 and -O2
  /usr/bin/python3 bench/compile_time.py --runs 1         # quick look
  /usr/bin/python3 bench/compile_time.py --smoke          # one run, g++ -O0, no bot (tools/test.sh)
  /usr/bin/python3 bench/compile_time.py --write bench/README.md

Exit status: 0; 1 if a case does not compile (the first 30 lines of the compiler's output are
printed: that is a real bug). A missed target is reported, never a failure.
Python 3 standard library only.
"""
from __future__ import annotations

import argparse
import datetime
import os
import pathlib
import random
import resource
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

# ------------------------------------------------------------------------------------------------
# The cases. The header layout is changing (group headers under <platform>/generated/), so every
# path and name lives here and nowhere else.
#
#   platform   group header (one generated group)          umbrella header          namespace             endpoint           request (braced initialiser of E::request)
PLATFORMS = [
    ("heychat",  "chatbind/heychat/generated/roles.hpp",     "chatbind/heychat.hpp",  "chatbind::heychat",  "ListRoomRoles",   "{}"),
    ("yunhu",    "chatbind/yunhu/generated/message.hpp",     "chatbind/yunhu.hpp",    "chatbind::yunhu",    "ListMessage",     "{}"),
    ("wildfire", "chatbind/wildfire/generated/chatroom.hpp", "chatbind/wildfire.hpp", "chatbind::wildfire", "GetChatroomInfo", "{}"),
    ("yunhu_bot", "chatbind/yunhu_bot/generated/boards.hpp", "chatbind/yunhu_bot.hpp", "chatbind::yunhu_bot", "DismissBoard", "{}"),
]
# The reference: system headers only (not checked against <repo>/include).
REFERENCE_HEADER = "nlohmann/json.hpp"
# Target: median(case) / median(reference), same compiler and optimisation level.
TARGETS = {"group": 1.3, "umbrella": 2.0}
# 'A bot of 20 TUs': each TU includes the umbrella and makes a different call (the i-th endpoint of
# the platform's all_endpoints list); header-only, then with the separate-compilation macro plus
# the library's one instantiating TU compiled once.
BOT = dict(
    platform="heychat",
    header="chatbind/heychat.hpp",
    namespace="chatbind::heychat",
    endpoints="chatbind::heychat::all_endpoints",
    tus=20,
    macro="CHATBIND_SEPARATE_COMPILATION",
    library_source="src/heychat.cpp",  # relative to the repository
)
# ------------------------------------------------------------------------------------------------

COMPILERS = ("g++", "clang++")
OPTS = ("-O0", "-O2")
ERROR_LINES = 30


@dataclass
class Case:
    name: str
    kind: str  # reference | group | umbrella | all | bot
    headers: tuple[str, ...]  # checked against <repo>/include unless kind == reference
    sources: list[str] = field(default_factory=list)  # generated TUs (text)
    separate: bool = False  # bot only: the -D<macro> variant plus the library TU
    skipped: str = ""  # why it is not measured


def call_function(index: int, namespace: str, endpoint: str, request: str) -> str:
    """One encode_request<E> and one decode_response<E> of the same endpoint."""
    return f"""\
int chatbind_call_{index}(const char* body) {{
  using E = {endpoint};
  const {namespace}::Credentials credentials{{}};
  const E::request request = E::request{request};
  chatbind::Result<chatbind::HttpRequest> encoded = chatbind::encode_request<E>(request, credentials);
  chatbind::HttpResponse response{{}};
  response.body = body;
  chatbind::Result<E::response> decoded = chatbind::decode_response<E>(response);
  return encoded && decoded ? 0 : 1;
}}
"""


def tu_with_calls(headers: list[str], calls: list[tuple[str, str, str]]) -> str:
    text = "".join(f"#include <{h}>\n" for h in headers) + "\n"
    text += "\n".join(call_function(i, ns, f"{ns}::{ep}", req) for i, (ns, ep, req) in enumerate(calls))
    summed = " + ".join(f"chatbind_call_{i}(body)" for i in range(len(calls)))
    return text + f"""
int main(int argc, char** argv) {{
  const char* body = argc > 1 ? argv[1] : "{{}}";
  return {summed};
}}
"""


def reference_tu() -> str:
    return f"""\
#include <{REFERENCE_HEADER}>

int main(int argc, char** argv) {{
  auto j = nlohmann::json::parse(argv[1]);
  return j.is_object() ? 0 : 1;
}}
"""


def bot_tu(index: int) -> str:
    endpoint = f"boost::mp11::mp_at_c<{BOT['endpoints']}, {index}>"
    return f"#include <{BOT['header']}>\n\n#include <boost/mp11/algorithm.hpp>\n\n" + call_function(
        index, BOT["namespace"], endpoint, "{}")


def build_cases(repo: pathlib.Path) -> list[Case]:
    cases = [Case("reference: nlohmann::json::parse", "reference", (REFERENCE_HEADER,), [reference_tu()])]
    for platform, group, umbrella, ns, endpoint, request in PLATFORMS:
        call = [(ns, endpoint, request)]
        cases.append(Case(f"{platform} group + call", "group", (group,), [tu_with_calls([group], call)]))
    for platform, group, umbrella, ns, endpoint, request in PLATFORMS:
        call = [(ns, endpoint, request)]
        cases.append(Case(f"{platform} umbrella + call", "umbrella", (umbrella,), [tu_with_calls([umbrella], call)]))
    umbrellas = [p[2] for p in PLATFORMS]
    calls = [(p[3], p[4], p[5]) for p in PLATFORMS]
    cases.append(Case(f"all {len(umbrellas)} umbrellas + {len(calls)} calls", "all", tuple(umbrellas), [tu_with_calls(umbrellas, calls)]))
    bot_sources = [bot_tu(i) for i in range(BOT["tus"])]
    n = BOT["tus"]
    cases.append(Case(f"bot of {n} TUs, header-only", "bot", (BOT["header"],), bot_sources))
    separate = Case(f"bot of {n} TUs, separate compilation", "bot", (BOT["header"],), bot_sources, separate=True)
    if not (repo / BOT["library_source"]).is_file():
        separate.skipped = f"skipped ({BOT['library_source']} missing)"
    cases.append(separate)
    for case in cases:
        if case.kind == "reference" or case.skipped:
            continue
        missing = [h for h in case.headers if not (repo / "include" / h).is_file()]
        if missing:
            case.skipped = f"skipped (header missing: {', '.join(missing)})"
    return cases


@dataclass
class Job:
    """One measurement: a case with one compiler at one level; each run times all its commands."""
    case: Case
    cxx: str
    opt: str
    commands: list[list[str]]
    times: list[float] = field(default_factory=list)


def make_jobs(cases: list[Case], compilers, opts, repo: pathlib.Path, workdir: pathlib.Path) -> list[Job]:
    jobs = []
    for ci, case in enumerate(cases):
        if case.skipped:
            continue
        paths = []
        for si, text in enumerate(case.sources):
            path = workdir / f"case{ci:02d}_tu{si:02d}.cpp"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        defines = [f"-D{BOT['macro']}"] if case.separate else []
        if case.separate:
            paths.append(str(repo / BOT["library_source"]))
        for cxx in compilers:
            for opt in opts:
                base = [cxx, "-std=c++20", opt, *defines, "-I", str(repo / "include"), "-c", "-o", os.devnull]
                jobs.append(Job(case, cxx, opt, [base + [p] for p in paths]))
    return jobs


class CompileError(Exception):
    pass


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_job(job: Job) -> float:
    """The compiler's CPU time (user + system) over the job's commands: steadier than wall time on a
    machine that other work shares."""
    start = children_cpu_seconds()
    for command in job.commands:
        try:
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except FileNotFoundError:
            raise CompileError(f"{job.case.name}: compiler not found: {command[0]}")
        if done.returncode != 0:
            lines = done.stdout.splitlines()
            shown = "\n".join(lines[:ERROR_LINES])
            more = f"\n... ({len(lines) - ERROR_LINES} more lines)" if len(lines) > ERROR_LINES else ""
            raise CompileError(f"{job.case.name}: {job.cxx} {job.opt} failed (exit {done.returncode}):\n"
                               f"$ {shlex.join(command)}\n{shown}{more}")
    return children_cpu_seconds() - start


def measure(jobs: list[Job], runs: int, bot_runs: int) -> None:
    total = sum(bot_runs if job.case.kind == "bot" else runs for job in jobs)
    done = 0
    for run in range(runs):
        order = [job for job in jobs if job.case.kind != "bot" or run < bot_runs]
        random.Random(run).shuffle(order)  # reproducible, but each round in a different order
        for job in order:
            seconds = run_job(job)
            job.times.append(seconds)
            done += 1
            print(f"[{done}/{total}] run {run + 1}: {job.cxx} {job.opt} {job.case.name}: {seconds:.2f} s",
                  file=sys.stderr, flush=True)


def fmt_ratio(r: float) -> str:
    return f"{r:.2f}×"


def tables(cases: list[Case], jobs: list[Job], compilers, opts) -> tuple[str, str, list[str]]:
    """The per-case table, the bot table and the list of missed targets."""
    median = {(j.case.name, j.cxx, j.opt): statistics.median(j.times) for j in jobs}
    reference = cases[0].name
    rows = ["| case | compiler | opt | median (s) | × reference | target | status |", "|---|---|---|---:|---:|---|---|"]
    missed = []
    for case in cases:
        if case.kind == "bot":
            continue
        target = TARGETS.get(case.kind)
        target_text = f"≤ {target}×" if target else "—"
        if case.skipped:
            rows.append(f"| {case.name} | — | — | {case.skipped} | | {target_text} | — |")
            continue
        for cxx in compilers:
            for opt in opts:
                m = median[(case.name, cxx, opt)]
                ratio = m / median[(reference, cxx, opt)]
                status = "—"
                if target:
                    status = "met" if ratio <= target else "not met"
                    if ratio > target:
                        missed.append(f"{case.name} ({cxx} {opt}): {ratio:.2f}× > {target}×")
                rows.append(f"| {case.name} | {cxx} | {opt} | {m:.2f} | {fmt_ratio(ratio)} | {target_text} | {status} |")

    bots = [c for c in cases if c.kind == "bot"]
    header_only = next(c for c in bots if not c.separate)
    separate = next(c for c in bots if c.separate)
    n = BOT["tus"]
    label = f"bot of {n} TUs (each `{BOT['header']}` + a different call), total"
    bot_rows = ["| case | compiler | opt | header-only (s) | separate compilation (s) | saving (header-only / separate) |",
                "|---|---|---|---:|---:|---:|"]
    if header_only.skipped:
        bot_rows.append(f"| {label} | — | — | {header_only.skipped} | | |")
    else:
        for cxx in compilers:
            for opt in opts:
                h = median[(header_only.name, cxx, opt)]
                if separate.skipped:
                    bot_rows.append(f"| {label} | {cxx} | {opt} | {h:.2f} | {separate.skipped} | — |")
                else:
                    s = median[(separate.name, cxx, opt)]
                    bot_rows.append(f"| {label} | {cxx} | {opt} | {h:.2f} | {s:.2f} | {fmt_ratio(h / s)} |")
    return "\n".join(rows), "\n".join(bot_rows), missed


def first_line(command: list[str]) -> str:
    try:
        out = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    except FileNotFoundError:
        return "not found"
    return out.splitlines()[0] if out else "unknown"


def machine(repo: pathlib.Path, compilers) -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = "; ".join(f"`{cxx}`: {first_line([cxx, '--version'])}" for cxx in compilers)
    commit = first_line(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", "include", "src"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{date}; nproc {cores} (load average at start {load}); {versions}; "
            f"commit {commit}{' + uncommitted changes in include/ or src/' if dirty else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of every measurement (default 5)")
    parser.add_argument("--bot-runs", type=int, default=1, help="repetitions of the 20-TU bot cases (default 1: they are long)")
    parser.add_argument("--smoke", action="store_true", help="one run, g++ -O0 only, no bot; never fails on a target")
    parser.add_argument("--write", metavar="README", help="replace the compile-time section of this file")
    parser.add_argument("--compilers", default=",".join(COMPILERS), help="comma-separated (default g++,clang++)")
    parser.add_argument("--opts", default=",".join(OPTS), help="comma-separated, written --opts=-O2 (default -O0,-O2)")
    parser.add_argument("--cases", metavar="REGEX", help="measure only cases whose name matches (the reference always)")
    parser.add_argument("--repo", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent,
                        help="repository to measure (default: this script's)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sources (prints where)")
    args = parser.parse_args()
    compilers, opts, runs = args.compilers.split(","), args.opts.split(","), args.runs
    if args.smoke:
        compilers, opts, runs = ["g++"], ["-O0"], 1
    if runs < 1:
        parser.error("--runs must be at least 1")
    repo = args.repo.resolve()

    cases = build_cases(repo)
    if args.smoke:
        for c in cases:
            if c.kind == "bot" and not c.skipped:
                c.skipped = "not in the smoke run"
    if args.cases:
        pattern = re.compile(args.cases)
        for c in cases:
            if c.kind != "reference" and not c.skipped and not pattern.search(c.name):
                c.skipped = "not selected (--cases)"
    info = machine(repo, compilers)
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="chatbind-compile-time-"))
    try:
        jobs = make_jobs(cases, compilers, opts, repo, workdir)
        if args.keep:
            print(f"sources in {workdir}", file=sys.stderr)
        measure(jobs, runs, min(args.bot_runs, runs))
    except CompileError as e:
        print(f"compile-time benchmark: a case does not compile (--keep keeps the sources):\n{e}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    table, bot_table, missed = tables(cases, jobs, compilers, opts)
    command = "/usr/bin/python3 bench/compile_time.py " + shlex.join(a for a in sys.argv[1:] if a != "--keep")
    flags = f"`<cxx> -std=c++20 <opt> -I include -c -o /dev/null`"
    body = (f"Median compiler CPU time (user + system) of {runs} interleaved run{'s' if runs > 1 else ''} per case"
            f" ({min(args.bot_runs, runs)} for the bot), {flags}; "
            f"ratios to the reference with the same compiler and level.\n"
            f"Machine: {info}.\n\n{table}\n\n{bot_table}\n\nReproduce: `{command.strip()}`\n")
    print(body)
    if missed:
        print("Targets not met:\n" + "\n".join(f"- {m}" for m in missed))
    if args.write:
        sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
        sys.dont_write_bytecode = True
        import readme_section
        readme_section.replace_section(pathlib.Path(args.write), "compile-time", body)
        print(f"wrote the compile-time section of {args.write}", file=sys.stderr)
    return 0  # a missed target is reported, never a failure: the table is for people to read


if __name__ == "__main__":
    sys.exit(main())
