"""Command line: regenerate the headers of one or more specs, or check that they are current.

    python3 -m chatbind_codegen [--check] [--include DIR] spec/heychat.yaml ...
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import loader, render


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(prog="chatbind_codegen", description=__doc__)
    parser.add_argument("specs", nargs="+", type=Path, help="OpenAPI documents to generate from")
    parser.add_argument("--include", type=Path, default=repo / "include", help="output root (default: include/)")
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a header differs")
    args = parser.parse_args(argv)

    stale = []
    for spec in args.specs:
        try:
            module = loader.load(spec, repo)
        except loader.SpecError as e:
            print(f"{spec}: {e}", file=sys.stderr)
            return 2
        if args.check:
            out_dir = render.output_dir(module, args.include)
            files = render.render(module)
            for name, text in files.items():
                path = out_dir / name
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(path)
            stale += [p for p in out_dir.glob("*.hpp") if p.name not in files]
        else:
            for path in render.write(module, args.include):
                print(f"wrote {path}")
    if stale:
        for path in stale:
            print(f"stale: {path} differs from a fresh generation (or is no longer generated)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
