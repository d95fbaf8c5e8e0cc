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


@pytest.fixture(autouse=True)
def workspace_outside_the_checkout(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that runs a command without a workspace (-w) keeps the state the command writes (the
    rule predictions ``publish`` keeps, a model it looks for) in a throwaway workspace, never in the
    checkout the tests run from. Tests with a server choose their workspaces themselves."""
    if request.node.get_closest_marker("studio") is None:
        monkeypatch.setenv("CORPUS_WORKSPACE", str(request.getfixturevalue("tmp_path") / "default-workspace"))


# Fixtures that start a real server (Label Studio, PostgreSQL). A test that uses one, directly or
# through another fixture, must carry the `studio` marker, so that `-m "not studio"` (make
# test-fast) never starts a server.
SERVER_FIXTURES = frozenset({"label_studio", "ls_env", "label_studio_pg", "postgresql"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [
        item.nodeid
        for item in items
        if SERVER_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("studio") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "tests that start a server must be marked @pytest.mark.studio: " + ", ".join(sorted(unmarked))
        )
