"""Mutation score per module from mutmut's results in mutants/ (after `make mutation`).

Killed (a test failed) and timed-out mutants count as caught; "no tests" mutants count as
survivors, since no test would notice them. Mutants not yet checked are left out and counted.
Usage: python scripts/mutation_scores.py [--survivors] [mutants-folder]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CAUGHT = {1, 3, 36, 24, -24, 152, 255}
SURVIVED = {0, 5, 33}


def scores(folder: Path) -> dict[str, dict]:
    result = {}
    for meta in sorted(folder.rglob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        module = str(meta.relative_to(folder)).removesuffix(".meta")
        checked = {k: v for k, v in codes.items() if v is not None}
        caught = sum(1 for v in checked.values() if v in CAUGHT)
        result[module] = {
            "mutants": len(codes),
            "checked": len(checked),
            "caught": caught,
            "survivors": sorted(k for k, v in checked.items() if v not in CAUGHT),
        }
    return result


def main(argv: list[str]) -> int:
    show = "--survivors" in argv
    args = [a for a in argv if a != "--survivors"]
    folder = Path(args[0] if args else "mutants")
    table = scores(folder)
    if not table:
        print(f"no mutmut results under {folder}/ (run: make mutation)")
        return 1
    print(f"{'module':32} {'mutants':>7} {'checked':>7} {'caught':>7} {'score':>7}")
    for module, row in table.items():
        score = f"{100 * row['caught'] / row['checked']:.1f}%" if row["checked"] else "-"
        print(f"{module:32} {row['mutants']:7} {row['checked']:7} {row['caught']:7} {score:>7}")
        if show:
            for name in row["survivors"]:
                print(f"    survived: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
