"""HTTP client for Label Studio's REST API (the only module that talks to Label Studio).

Works with any Label Studio 1.23+: the local one started by ``corpus studio up`` or an existing
server given by ``LABEL_STUDIO_URL`` and ``LABEL_STUDIO_API_KEY`` (the SDK's variable names).
The key may be a legacy token or a personal access token (a JWT refresh token, exchanged for
short-lived access tokens at ``/api/token/refresh/``).

Transient failures (connection refused or reset, time-outs, 500/502/503/504) are retried with
exponential backoff up to a bound; then a LabelStudioError explains what is wrong.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from tenacity import Retrying, retry_if_exception, stop_after_attempt, stop_after_delay, wait_exponential

from corpus.errors import LabelStudioError, NotFound, Unreachable
from corpus.workspace import Workspace

TRANSIENT_STATUS = {500, 502, 503, 504}
EXPORT_TITLE = "corpus pull"  # snapshots corpus creates; a pull killed mid-way may leave one


class _Transient(Exception):
    def __init__(self, message: str):
        super().__init__(message)


@dataclass(frozen=True)
class Connection:
    url: str
    api_key: str
    managed: bool = False  # the local server of `corpus studio`

    def __repr__(self) -> str:  # never show the key
        return f"Connection(url={self.url!r}, managed={self.managed})"


def resolve_connection(workspace: Workspace, url: str | None = None, api_key: str | None = None) -> Connection:
    """Options first, then LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY, then the local server's credentials."""
    url = url or os.environ.get("LABEL_STUDIO_URL")
    api_key = api_key or os.environ.get("LABEL_STUDIO_API_KEY")
    if url and api_key:
        return Connection(url.rstrip("/"), api_key)
    if url or api_key:
        raise LabelStudioError(
            "set both LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY (or --url and --api-key), or neither to use the local server"
        )
    credentials = workspace.credentials
    if credentials.get("url") and credentials.get("api_key"):
        return Connection(credentials["url"], credentials["api_key"], managed=bool(credentials.get("managed")))
    raise LabelStudioError(
        "no Label Studio configured: run `corpus studio up` for a local one, "
        "or set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY for an existing server"
    )


def connect(
    workspace: Workspace | str | Path | None = None, url: str | None = None, api_key: str | None = None
) -> Client:
    """A client for the given server, else LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY, else the local one.

    Raises:
        LabelStudioError: no server is configured, or only half of URL and key is given.
    """
    return Client(resolve_connection(Workspace.of(workspace), url, api_key))


def is_personal_access_token(key: str) -> bool:
    """Personal access tokens are JWT refresh tokens: three base64url parts, a JSON header."""
    parts = key.split(".")
    if len(parts) != 3:
        return False
    try:
        header = json.loads(base64.urlsafe_b64decode(parts[0] + "=" * (-len(parts[0]) % 4)))
    except (ValueError, json.JSONDecodeError):
        return False
    return isinstance(header, dict) and "alg" in header


class Client:
    """A small, retrying Label Studio API client."""

    def __init__(
        self,
        connection: Connection,
        *,
        timeout: float = 120.0,
        max_attempts: int = 6,
        max_wait: float = 8.0,
        max_delay: float | None = None,
    ):
        self.connection = connection
        self.url = connection.url
        self.http = httpx.Client(base_url=connection.url, timeout=timeout, follow_redirects=True)
        self.max_attempts = max_attempts
        self.max_wait = max_wait
        # CORPUS_MAX_RETRY_SECONDS bounds how long a failing server is retried (default 90 s).
        self.max_delay = max_delay if max_delay is not None else float(os.environ.get("CORPUS_MAX_RETRY_SECONDS", "90"))
        self._access: str | None = None

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- transport ----------------------------------------------------------------------------
    def _auth_header(self) -> dict[str, str]:
        key = self.connection.api_key
        if not is_personal_access_token(key):
            return {"Authorization": f"Token {key}"}
        if self._access is None:
            response = self._send("POST", "/api/token/refresh/", json={"refresh": key}, auth=False)
            if response.status_code != 200:
                raise LabelStudioError(
                    f"Label Studio at {self.url} refused the personal access token (HTTP {response.status_code}); "
                    "create a new one under Account & Settings and set LABEL_STUDIO_API_KEY"
                )
            self._access = response.json()["access"]
        return {"Authorization": f"Bearer {self._access}"}

    def _send(self, method: str, path: str, *, auth: bool = True, retry: bool = True, **kwargs: Any) -> httpx.Response:
        def attempt() -> httpx.Response:
            headers = dict(kwargs.pop("headers", {}) or {})
            if auth:
                headers.update(self._auth_header())
            try:
                response = self.http.request(method, path, headers=headers, **kwargs)
            except httpx.TransportError as exc:
                raise _Transient(f"{type(exc).__name__}: {exc}") from exc
            if response.status_code in TRANSIENT_STATUS:
                raise _Transient(f"HTTP {response.status_code}")
            if auth and response.status_code == 401 and self._access is not None:
                self._access = None  # the access token expired: exchange the refresh token again
                raise _Transient("HTTP 401 (access token expired)")
            return response

        if not retry:
            try:
                return attempt()
            except _Transient as exc:
                raise Unreachable(self.unreachable(str(exc))) from None
        retrying = Retrying(
            retry=retry_if_exception(lambda e: isinstance(e, _Transient)),
            stop=stop_after_attempt(self.max_attempts) | stop_after_delay(self.max_delay),
            wait=wait_exponential(multiplier=0.5, max=self.max_wait),
            reraise=True,
        )
        try:
            return retrying(attempt)
        except _Transient as exc:
            raise Unreachable(self.unreachable(f"{exc}, after retrying")) from None

    def unreachable(self, detail: str) -> str:
        """The one-line explanation for a server that does not answer."""
        hint = (
            "is it running? (corpus studio status)"
            if self.connection.managed
            else "check LABEL_STUDIO_URL and that the server is up"
        )
        return f"cannot reach Label Studio at {self.url} ({detail}); {hint}, then run the command again"

    def request(
        self, method: str, path: str, *, retry: bool = True, expect: tuple[int, ...] = (200, 201, 204), **kwargs: Any
    ) -> Any:
        response = self._send(method, path, retry=retry, **kwargs)
        if response.status_code in (401, 403):
            raise LabelStudioError(
                f"Label Studio at {self.url} rejected the API key (HTTP {response.status_code}); "
                "check LABEL_STUDIO_API_KEY (a legacy token or a personal access token from Account & Settings)"
            )
        if response.status_code == 404:
            raise NotFound(f"{method} {path}: not found on {self.url}")
        if response.status_code not in expect:
            raise LabelStudioError(
                f"Label Studio answered HTTP {response.status_code} to {method} {path}: {response.text[:300]}"
            )
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise LabelStudioError(
                f"{self.url} did not answer {method} {path} with JSON: is it a Label Studio server?"
            ) from None

    # -- API ----------------------------------------------------------------------------------
    def projects(self) -> Iterator[dict[str, Any]]:
        page = 1
        while True:
            data = self.request("GET", "/api/projects/", params={"page": page, "page_size": 100})
            yield from data.get("results", [])
            if not data.get("next"):
                return
            page += 1

    def project(self, project_id: int) -> dict[str, Any]:
        answer: dict[str, Any] = self.request("GET", f"/api/projects/{project_id}/")
        return answer

    def create_project(self, **fields: Any) -> dict[str, Any]:
        answer: dict[str, Any] = self.request("POST", "/api/projects/", json=fields)
        return answer

    def update_project(self, project_id: int, **fields: Any) -> dict[str, Any]:
        answer: dict[str, Any] = self.request("PATCH", f"/api/projects/{project_id}/", json=fields)
        return answer

    def delete_project(self, project_id: int) -> None:
        self.request("DELETE", f"/api/projects/{project_id}/")

    def import_tasks(self, project_id: int, tasks: list[dict[str, Any]], *, retry: bool = False) -> list[int]:
        """Import tasks (with their predictions) in one request; returns the new task ids."""
        data = self.request(
            "POST", f"/api/projects/{project_id}/import", params={"return_task_ids": "true"}, json=tasks, retry=retry
        )
        return list(data.get("task_ids") or [])

    def iter_tasks(self, project_id: int, page_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every task of a project: id, data and annotation counts (no annotation bodies)."""
        page = 1
        while True:
            try:
                data = self.request(
                    "GET",
                    "/api/tasks/",
                    params={"project": project_id, "page": page, "page_size": page_size, "fields": "task_only"},
                )
            except NotFound:  # past the last page
                return
            tasks = data.get("tasks") or []
            yield from tasks
            if len(tasks) < page_size:
                return
            page += 1

    def config_problem(self, project_id: int, label_config: str) -> str | None:
        """Why Label Studio would refuse ``label_config`` for the project's annotations, or None.

        The project endpoint accepts a config that drops a label existing annotations use, and
        then hides them; the validation endpoint checks strictly, which is what corpus needs.
        """
        response = self._send("POST", f"/api/projects/{project_id}/validate/", json={"label_config": label_config})
        if response.status_code == 200:
            return None
        if response.status_code == 400:
            try:
                body = response.json()
            except ValueError:
                return response.text[:500]
            detail = body.get("validation_errors") or body.get("detail") or body
            return json.dumps(detail, ensure_ascii=False)[:500] if not isinstance(detail, str) else detail[:500]
        self.request("POST", f"/api/projects/{project_id}/validate/", json={"label_config": label_config})
        return None

    def task(self, task_id: int) -> dict[str, Any]:
        answer: dict[str, Any] = self.request("GET", f"/api/tasks/{task_id}/")
        return answer

    def update_task(self, task_id: int, data: dict[str, Any]) -> None:
        """Replace a task's data; its annotations and predictions stay as they are."""
        self.request("PATCH", f"/api/tasks/{task_id}/", json={"data": data})

    def delete_task(self, task_id: int) -> None:
        self.request("DELETE", f"/api/tasks/{task_id}/")

    def update_annotation(self, annotation_id: int, result: list[dict[str, Any]]) -> None:
        """Replace an annotation's result (used by schema migrations of a live project)."""
        self.request("PATCH", f"/api/annotations/{annotation_id}/", json={"result": result})

    def count_tasks(self, project_id: int, data_field: str | None = None, value: str | None = None) -> int:
        """Number of tasks in a project, optionally only those whose data[field] == value."""
        params: dict[str, Any] = {"project": project_id, "page_size": 1, "fields": "task_only"}
        if data_field:
            params["query"] = json.dumps(
                {
                    "filters": {
                        "conjunction": "and",
                        "items": [
                            {
                                "filter": f"filter:tasks:data.{data_field}",
                                "operator": "equal",
                                "type": "String",
                                "value": value,
                            }
                        ],
                    }
                }
            )
        data = self.request("GET", "/api/tasks/", params=params)
        return int(data.get("total", 0))

    def create_export(self, project_id: int, timeout: float = 1800.0) -> dict[str, Any]:
        """Create an export snapshot. Label Studio Community builds it inside this request, which
        takes minutes for 100,000 tasks: hence the long time-out, and no retry after one."""
        body = {
            "title": EXPORT_TITLE,
            "task_filter_options": {"only_with_annotations": True},
            "annotation_filter_options": {"usual": True, "ground_truth": True, "skipped": True},
            "serialization_options": {
                "drafts": {"only_id": False},
                "predictions": {"only_id": True},
                "annotations__completed_by": {"only_id": True},
            },
        }
        snapshot: dict[str, Any]
        try:
            snapshot = self.request(
                "POST", f"/api/projects/{project_id}/exports/", json=body, timeout=timeout, retry=False
            )
        except Unreachable:
            # A 5xx or a dropped connection before the snapshot existed: one more try is safe,
            # since a left-over snapshot only costs disk space.
            snapshot = self.request("POST", f"/api/projects/{project_id}/exports/", json=body, timeout=timeout)
        return snapshot

    def exports(self, project_id: int) -> list[dict[str, Any]]:
        return list(self.request("GET", f"/api/projects/{project_id}/exports/") or [])

    def export(self, project_id: int, export_id: int) -> dict[str, Any]:
        answer: dict[str, Any] = self.request("GET", f"/api/projects/{project_id}/exports/{export_id}")
        return answer

    def delete_export(self, project_id: int, export_id: int) -> None:
        self.request("DELETE", f"/api/projects/{project_id}/exports/{export_id}")

    def download_export(self, project_id: int, export_id: int, target: Path) -> None:
        """Stream an export snapshot's JSON to a file (never all in memory)."""

        def attempt() -> None:
            with self.http.stream(
                "GET",
                f"/api/projects/{project_id}/exports/{export_id}/download",
                params={"exportType": "JSON"},
                headers=self._auth_header(),
            ) as response:
                if response.status_code in TRANSIENT_STATUS:
                    raise _Transient(f"HTTP {response.status_code}")
                if response.status_code != 200:
                    raise LabelStudioError(f"downloading export {export_id} failed: HTTP {response.status_code}")
                with open(target, "wb") as handle:
                    for chunk in response.iter_bytes(1 << 20):
                        handle.write(chunk)

        retrying = Retrying(
            retry=retry_if_exception(lambda e: isinstance(e, (_Transient, httpx.TransportError))),
            stop=stop_after_attempt(self.max_attempts),
            wait=wait_exponential(multiplier=0.5, max=self.max_wait),
            reraise=True,
        )
        try:
            retrying(attempt)
        except (_Transient, httpx.TransportError) as exc:
            raise Unreachable(self.unreachable(str(exc))) from None

    # -- added for studio move and incremental pull (issue 13) --------------------------------
    def users(self) -> list[dict[str, Any]]:
        """The users of the key holder's organisation (id, email, names)."""
        data = self.request("GET", "/api/users/")
        return list(data.get("results", []) if isinstance(data, dict) else data or [])

    def create_user(self, email: str, first_name: str = "", last_name: str = "") -> dict[str, Any]:
        """A user (no password: they set one through "forgot password" or an admin), added to
        the key holder's organisation, so that imported annotations can name them."""
        answer: dict[str, Any] = self.request(
            "POST",
            "/api/users/",
            json={"email": email, "username": email, "first_name": first_name, "last_name": last_name},
        )
        return answer

    def create_snapshot(self, project_id: int, body: dict[str, Any], timeout: float = 1800.0) -> dict[str, Any]:
        """An export snapshot with the given filter and serialization options (see create_export)."""
        snapshot: dict[str, Any] = self.request(
            "POST", f"/api/projects/{project_id}/exports/", json={"title": EXPORT_TITLE, **body}, timeout=timeout
        )
        return snapshot

    def annotated_task_ids(self, project_id: int, page_size: int = 1000) -> dict[int, int]:
        """Every task's id and its annotation counts summed with skips: one cheap listing."""
        found: dict[int, int] = {}
        for task in self.iter_tasks(project_id, page_size):
            found[int(task["id"])] = int(task.get("total_annotations") or 0) + int(
                task.get("cancelled_annotations") or 0
            )
        return found

    def task_versions(self, project_id: int, page_size: int = 5000) -> dict[int, tuple[str, int]]:
        """Every task's id -> (updated_at, annotations + skips): a light listing (the task's
        updated_at moves when one of its annotations is created, changed or deleted)."""
        found: dict[int, tuple[str, int]] = {}
        page = 1
        while True:
            try:
                data = self.request(
                    "GET",
                    "/api/tasks/",
                    params={
                        "project": project_id,
                        "page": page,
                        "page_size": page_size,
                        "include": "id,updated_at,total_annotations,cancelled_annotations",
                    },
                )
            except NotFound:  # past the last page
                return found
            tasks = data.get("tasks") or []
            for task in tasks:
                count = int(task.get("total_annotations") or 0) + int(task.get("cancelled_annotations") or 0)
                found[int(task["id"])] = (str(task.get("updated_at")), count)
            if len(tasks) < page_size:
                return found
            page += 1

    def export_tasks(self, project_id: int, task_ids: list[int]) -> list[dict[str, Any]]:
        """Chosen tasks with annotations, drafts and predictions, as an export has them."""
        params: list[tuple[str, str | int]] = [("exportType", "JSON"), ("download_all_tasks", "true")]
        params += [("ids[]", task_id) for task_id in task_ids]
        return list(self.request("GET", f"/api/projects/{project_id}/export", params=params) or [])
