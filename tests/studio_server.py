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
        """A user of the organisation, with a password so that a browser can log in as them."""
        with self.client() as client:
            email = f"{name}-{secrets.token_hex(3)}@annotators.example"
            user = client.request(
                "POST",
                "/api/users/",
                json={"email": email, "username": email, "first_name": name.title(), "last_name": "Tester"},
            )
            user["password"] = f"pw-{secrets.token_hex(8)}"
            # Membership and a password are set through Django: the REST API has no endpoint for them.
            _set_password_and_membership(self, user["id"], user["password"])
            return user


def _set_password_and_membership(server: Server, user_id: int, password: str) -> None:
    import subprocess

    venv = studio.studio_executable().parent
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'core.settings.label_studio'); django.setup();"
        "from users.models import User; from organizations.models import Organization;"
        f"u = User.objects.get(id={user_id}); u.set_password(os.environ['CORPUS_TEST_PASSWORD']); u.save();"
        "org = Organization.objects.first(); org.add_user(u); u.active_organization = org; u.save()"
    )
    env = {
        "LABEL_STUDIO_BASE_DATA_DIR": str(server.workspace / ".corpus" / "studio"),
        "PATH": str(venv),
        "CORPUS_TEST_PASSWORD": password,
    }
    package = next((venv.parent / "lib").glob("python*/site-packages/label_studio"))
    subprocess.run(
        [str(venv / "python"), "-c", script], env=env, cwd=package, check=True, capture_output=True, timeout=120
    )


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
