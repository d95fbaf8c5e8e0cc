"""The README's Install line, exactly as written, on a clean clone with the interpreter's bundled pip.

Slow (a whole install from the package index): marked `install`, left out of `make test-fast`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.install


def _install_line() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Install", 1)[1]
    return re.search(r"```bash\n(.+?)\n```", section, re.S).group(1).strip()


def test_the_readme_install_line_on_a_clean_clone_splits_the_html_example(tmp_path):
    line = _install_line()
    assert line == "python3 -m venv .venv && .venv/bin/pip install -e ."
    clone = tmp_path / "corpus"  # the last commit, as a user would check it out
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    # python3 as the README says, but the interpreter running the tests (its bundled pip, no upgrade).
    command = line.replace("python3", sys.executable, 1)
    subprocess.run(command, shell=True, cwd=clone, check=True, capture_output=True, text=True)
    pip_version = subprocess.run(
        [".venv/bin/pip", "--version"], cwd=clone, check=True, capture_output=True, text=True
    ).stdout
    split = subprocess.run(
        [".venv/bin/corpus", "split", "examples/school-meals.html", "-o", "out", "--json"],
        cwd=clone,
        capture_output=True,
        text=True,
    )
    assert split.returncode == 0, (pip_version, split.stderr)
    assert json.loads(split.stdout)["sentences"] > 0
    assert (clone / "out" / "sentences.jsonl").read_text(encoding="utf-8").count("\n") == json.loads(split.stdout)[
        "sentences"
    ]
