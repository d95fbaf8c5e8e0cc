"""Shared fixtures. The Label Studio server fixture lives in tests/studio_server.py."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

pytest_plugins = ["tests.studio_server", "tests.postgres_server"]


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
