"""Replaces one marked section of bench/README.md: the text between `<!-- NAME:begin -->` and
`<!-- NAME:end -->`. Creates the README (intro + empty sections) if it does not exist; appends the
section if the README lacks its markers.

As a command: `readme_section.py README NAME < body` (bench.sh uses it for the runtime section).
Python 3 standard library only.
"""
import pathlib
import sys

SECTIONS = ("runtime", "compile-time")

INTRO = """\
# Benchmarks

Two kinds of figures, each against a reference measured in the same run on the same machine, so
the ratios mean something even though the absolute times depend on the machine:

- **Runtime** (`tools/bench.sh`, Google Benchmark): chatbind's typed encode/decode against plain
  nlohmann_json and libprotobuf on the same bytes; the figure is chatbind's time divided by the
  reference's.
- **Compile time** (`bench/compile_time.py`): the wall time to compile a small translation unit
  that uses chatbind, divided by the time of one that includes only `<nlohmann/json.hpp>` and
  parses one object.

The sections below are rewritten by the tools; edit the text outside the markers only.
"""


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


def empty_section(name: str) -> str:
    begin, end = markers(name)
    return f"{begin}\n_Not measured yet._\n{end}\n"


def replace_section(path: pathlib.Path, name: str, body: str) -> None:
    begin, end = markers(name)
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        titles = {"runtime": "## Runtime", "compile-time": "## Compile time"}
        text = INTRO + "".join(f"\n{titles[s]}\n{empty_section(s)}" for s in SECTIONS)
    block = f"{begin}\n{body.rstrip()}\n{end}"
    start = text.find(begin)
    stop = text.find(end, start + len(begin)) if start >= 0 else -1
    if start >= 0 and stop >= 0:
        text = text[:start] + block + text[stop + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    replace_section(pathlib.Path(sys.argv[1]), sys.argv[2], sys.stdin.read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
