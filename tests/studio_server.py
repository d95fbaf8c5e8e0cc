"""The real Label Studio for the test session: installed into its own virtual environment and
started once per session on 127.0.0.1 by ``corpus.studio`` (the same code as ``corpus studio up``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from corpus.studio import server as studio
from corpus.studio.annotators import add_annotator
from corpus.studio.client import Client, Connection
from corpus.workspace import Workspace


@dataclass
class Server:
    url: str
    api_key: str
    workspace: Path
    password: str
    username: str

    def client(self, **options: Any) -> Client:
        return Client(Connection(self.url, self.api_key), **options)

    def env(self) -> dict[str, str]:
        return {"LABEL_STUDIO_URL": self.url, "LABEL_STUDIO_API_KEY": self.api_key}

    def create_user(self, name: str) -> dict[str, Any]:
        """A user of the organisation with a password, so that a browser can log in as them:
        made as a lead makes one (``corpus studio annotator add``) on the session's server."""
        email = f"{name}-{secrets.token_hex(3)}@annotators.example"
        account = add_annotator(
            email, f"{name.title()} Tester", workspace=self.workspace, url=self.url, api_key=self.api_key
        )
        assert account.status == "created" and account.user_id is not None and account.password
        return {
            "id": account.user_id,
            "email": account.email,
            "username": account.email,
            "first_name": name.title(),
            "last_name": "Tester",
            "password": account.password,
        }


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("studio-workspace")
    workspace = Workspace(root)
    # Credentials that begin with "-" (as secrets.token_urlsafe gives one time in 64), stored as
    # an earlier release of corpus stored them: the server must start with them all the same.
    workspace.save_credentials(
        {
            "managed": True,
            "username": studio.ADMIN_EMAIL,
            "password": "-" + secrets.token_urlsafe(16),
            "api_key": secrets.token_hex(20),
        }
    )
    state = studio.up(workspace)
    credentials = workspace.credentials
    server = Server(state.url, credentials["api_key"], root, credentials["password"], credentials["username"])
    try:
        yield server
    finally:
        studio.down(workspace)


@pytest.fixture
def ls_env(label_studio: Server, monkeypatch: pytest.MonkeyPatch) -> Server:
    """Point LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY at the session's server."""
    for name, value in label_studio.env().items():
        monkeypatch.setenv(name, value)
    return label_studio
