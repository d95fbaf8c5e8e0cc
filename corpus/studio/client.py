"""The Label Studio client of corpus, on top of the official SDK (``label_studio_sdk``).

Works with any Label Studio 1.23+: the local one started by ``corpus studio up`` or an existing
server given by ``LABEL_STUDIO_URL`` and ``LABEL_STUDIO_API_KEY`` (the SDK's variable names).
The key may be a legacy token or a personal access token (a JWT refresh token that the SDK
exchanges for short-lived access tokens).

What corpus adds to the SDK:

- a bounded retry of idempotent calls (connection refused or reset, time-outs, 500/502/503/504),
  with exponential backoff for at most ``CORPUS_MAX_RETRY_SECONDS``; the SDK's own retries are
  off (``max_retries=0``): they have no time bound, do not retry time-outs, and would repeat an
  import whose answer was lost (see studio/push.py for how imports land exactly once);
- a second exchange of a personal access token that the server refuses before its expiry
  (the SDK only refreshes on the expiry it reads from the token);
- one-line errors (``LabelStudioError``, ``NotFound``, ``Unreachable``): never ``str()`` of an
  SDK ``ApiError``, which prints every response header, session cookie included.

The SDK is imported on first use, so that commands without Label Studio do not pay for it.
``LabelStudioBase`` is used rather than ``LabelStudio``: the latter only adds pandas-based export
helpers and imports pandas up front (0.6 s more for every push and pull, measured in the README).
"""

from __future__ import annotations

import base64
import email.utils
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timezone
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import httpx
from tenacity import Retrying, retry_if_exception, stop_after_attempt, stop_after_delay, wait_exponential

from corpus.errors import LabelStudioError, NotFound, Unreachable
from corpus.jsonl import compact_json
from corpus.workspace import Workspace, servers_elsewhere

TRANSIENT_STATUS = {500, 502, 503, 504}
EXPORT_TITLE = "corpus pull"  # snapshots corpus creates; a pull killed mid-way may leave one
NO_RETRY: dict[str, Any] = {"max_retries": 0}
T = TypeVar("T")


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
    elsewhere = servers_elsewhere(workspace.root)
    if elsewhere:
        raise LabelStudioError(f"no Label Studio configured for the workspace {workspace.root}; {elsewhere}")
    raise LabelStudioError(
        f"no Label Studio configured for the workspace {workspace.root}: run `corpus studio up` for a local one, "
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


def _plain(value: Any) -> Any:
    """An SDK model (or a list of them) as the JSON the server sent: dicts, lists, strings."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return value


def _detail(body: Any) -> str:
    """The server's explanation in an error body, on one line (never the headers)."""
    if isinstance(body, dict):
        text = body.get("detail") or body.get("validation_errors") or body
        text = text if isinstance(text, str) else json.dumps(text, ensure_ascii=False)
    else:
        text = str(body)
    return " ".join(text.split())[:300]


@dataclass(frozen=True)
class Census:
    """Tasks of a project up to an id, counted, and the server's time then (None: not sent)."""

    last_id: int
    tasks: int
    at: str | None


def _server_time(date: str | None) -> str | None:
    """An HTTP Date header as the ISO time Label Studio writes (``...Z``), or None."""
    if not date:
        return None
    try:
        when = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def task_body(tasks: list[dict[str, Any]]) -> bytes:
    """The JSON body of an import of ``tasks``."""
    return compact_json(tasks)


class Client:
    """Label Studio through its SDK, with corpus's bounded retries and one-line errors."""

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
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.max_wait = max_wait
        # CORPUS_MAX_RETRY_SECONDS bounds how long a failing server is retried (default 90 s).
        self.max_delay = max_delay if max_delay is not None else float(os.environ.get("CORPUS_MAX_RETRY_SECONDS", "90"))
        self._pat = is_personal_access_token(connection.api_key)
        self._http = httpx.Client(timeout=timeout, follow_redirects=True)
        self._sdk: Any = None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- the SDK --------------------------------------------------------------------------------
    @property
    def sdk(self) -> Any:
        """The ``label_studio_sdk`` client (built on first use; its own retries are off)."""
        if self._sdk is None:
            from label_studio_sdk.base_client import LabelStudioBase
            from label_studio_sdk.core.api_error import ApiError

            try:
                # A trailing "/": the SDK finds the token endpoint with urljoin, which would drop a sub-path.
                self._sdk = LabelStudioBase(
                    base_url=self.url + "/",
                    api_key=self.connection.api_key,
                    timeout=self.timeout,
                    max_retries=0,
                    httpx_client=self._http,
                )
            except ApiError as exc:  # an expired personal access token, or one without expiry
                raise LabelStudioError(self._rejected(exc.status_code)) from None
        return self._sdk

    @property
    def http(self) -> Any:
        """The SDK's HTTP client (adds the URL, the authorization and the time-out)."""
        return self.sdk._client_wrapper.httpx_client

    def _rejected(self, status: int | None) -> str:
        if self._pat:
            return (
                f"Label Studio at {self.url} refused the personal access token (HTTP {status}); "
                "create a new one under Account & Settings and set LABEL_STUDIO_API_KEY"
            )
        return (
            f"Label Studio at {self.url} rejected the API key (HTTP {status}); "
            "check LABEL_STUDIO_API_KEY (a legacy token or a personal access token from Account & Settings)"
        )

    def _forget_access_token(self) -> bool:
        """Drop the access token so that the next call exchanges the PAT again; False if there was none."""
        tokens = self.sdk._client_wrapper._tokens_client
        if not self._pat or tokens._access_token is None:
            return False
        tokens._access_token = None
        return True

    def _attempt(self, call: Callable[[], T], what: str) -> T:
        """One call, its failures sorted: transient ones (to retry) or a one-line LabelStudioError."""
        from label_studio_sdk.core.api_error import ApiError
        from label_studio_sdk.core.parse_error import ParsingError

        for _ in range(2):
            try:
                return call()
            except ApiError as exc:
                status = exc.status_code
                if status in TRANSIENT_STATUS:
                    raise _Transient(f"HTTP {status}") from None
                if status == 401 and self._forget_access_token():
                    continue  # an access token refused before its expiry: exchange the PAT once more
                if status in (401, 403):
                    raise LabelStudioError(self._rejected(status)) from None
                if status == 404:
                    raise NotFound(f"{what}: not found on {self.url}") from None
                raise LabelStudioError(f"Label Studio answered HTTP {status} to {what}: {_detail(exc.body)}") from None
            except httpx.TransportError as exc:
                raise _Transient(f"{type(exc).__name__}: {exc}") from None
            except (ValueError, ParsingError):  # not JSON, or JSON the SDK's models cannot read
                raise LabelStudioError(
                    f"{self.url} answered {what} with something that is not Label Studio's JSON: "
                    "is it a Label Studio server (1.23 or later)?"
                ) from None
        raise LabelStudioError(self._rejected(401))

    def call(self, call: Callable[[], T], what: str, *, retry: bool = True) -> T:
        """Run ``call`` (an SDK call); retry transient failures for at most max_delay seconds if ``retry``.

        Raises:
            Unreachable: the server did not answer, or answered 5xx, after the retries.
            NotFound: HTTP 404.
            LabelStudioError: any other refusal, on one line.
        """
        if not retry:
            try:
                return self._attempt(call, what)
            except _Transient as exc:
                raise Unreachable(self.unreachable(str(exc))) from None
        retrying = Retrying(
            retry=retry_if_exception(lambda e: isinstance(e, _Transient)),
            stop=stop_after_attempt(self.max_attempts) | stop_after_delay(self.max_delay),
            wait=wait_exponential(multiplier=0.5, max=self.max_wait),
            reraise=True,
        )
        try:
            answer: T = retrying(self._attempt, call, what)
        except _Transient as exc:
            raise Unreachable(self.unreachable(f"{exc}, after retrying")) from None
        return answer

    def unreachable(self, detail: str) -> str:
        """The one-line explanation for a server that does not answer."""
        hint = (
            "is it running? (corpus studio status)"
            if self.connection.managed
            else "check LABEL_STUDIO_URL and that the server is up"
        )
        return f"cannot reach Label Studio at {self.url} ({detail}); {hint}, then run the command again"

    # -- raw calls --------------------------------------------------------------------------------
    def _raw(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request through the SDK's HTTP client; HTTP errors come back as SDK ApiErrors."""
        from label_studio_sdk.core.api_error import ApiError

        options: dict[str, Any] = dict(NO_RETRY)
        if "timeout" in kwargs:
            options["timeout"] = kwargs.pop("timeout")
        response: httpx.Response = self.http.request(path, method=method, request_options=options, **kwargs)
        if response.status_code >= 400:
            try:
                body: Any = response.json()
            except ValueError:
                body = response.text
            raise ApiError(status_code=response.status_code, body=body)
        return response

    def request(
        self, method: str, path: str, *, retry: bool = True, expect: tuple[int, ...] = (200, 201, 204), **kwargs: Any
    ) -> Any:
        """A call the SDK has no method for (or the tests' raw calls): the parsed JSON answer, or None."""
        response = self.call(lambda: self._raw(method, path, **kwargs), f"{method} {path}", retry=retry)
        if response.status_code not in expect:
            raise LabelStudioError(f"Label Studio answered HTTP {response.status_code} to {method} {path}")
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
            pager = self.call(partial(self.sdk.projects.list, page=page, page_size=100), "GET /api/projects/")
            yield from _plain(pager.items or [])
            if not getattr(pager.response, "next", None):
                return
            page += 1

    def project(self, project_id: int, fields: Iterable[str] | None = None) -> dict[str, Any]:
        """A project's settings and counts; with ``fields``, only those (Label Studio's ``include``):
        it otherwise computes every count field, 0.83 s for a project of 100,000 tasks against 0.02 s
        for the fields corpus reads. A server that does not know ``include`` sends them all."""
        options: dict[str, Any] = {}
        if fields is not None:
            options["additional_query_parameters"] = {"include": ",".join(fields)}
        answer: dict[str, Any] = _plain(
            self.call(lambda: self.sdk.projects.get(project_id, request_options=options), f"project {project_id}")
        )
        return answer

    def create_project(self, **fields: Any) -> dict[str, Any]:
        answer: dict[str, Any] = _plain(self.call(lambda: self.sdk.projects.create(**fields), "create project"))
        return answer

    def update_project(self, project_id: int, **fields: Any) -> dict[str, Any]:
        answer: dict[str, Any] = _plain(
            self.call(lambda: self.sdk.projects.update(project_id, **fields), f"update project {project_id}")
        )
        return answer

    def delete_project(self, project_id: int) -> None:
        self.call(lambda: self.sdk.projects.delete(project_id), f"delete project {project_id}")

    def import_tasks(self, project_id: int, tasks: list[dict[str, Any]], *, retry: bool = False) -> list[int]:
        """Import tasks (with their predictions) in one request; returns the new task ids."""
        return self.import_body(project_id, task_body(tasks), retry=retry)

    def import_body(self, project_id: int, body: bytes, *, retry: bool = False) -> list[int]:
        """Import the tasks of a request body (``task_body``); returns the new task ids.

        A raw call through the SDK's HTTP client, with the body serialised once: the SDK's
        ``projects.import_tasks`` walks every task through its encoders first (43 ms per 1,000
        tasks against 3 ms, see the README), and must not retry (see studio/push.py).
        """
        path = f"api/projects/{project_id}/import"

        def send() -> httpx.Response:
            return self._raw(
                "POST",
                path,
                params={"return_task_ids": True},
                content=body,
                headers={"Content-Type": "application/json"},
                # The client's time-out: past it the push counts what arrived (studio/push.py).
                timeout=self.timeout,
            )

        data = self.call(send, f"POST /{path}", retry=retry).json()
        return list(data.get("task_ids") or [])

    def iter_tasks(self, project_id: int, page_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every task of a project: id, data and annotation counts (no annotation bodies)."""
        page = 1
        while True:
            try:
                pager = self.call(
                    partial(
                        self.sdk.tasks.list, project=project_id, page=page, page_size=page_size, fields="task_only"
                    ),
                    "GET /api/tasks/",
                )
            except NotFound:  # past the last page
                return
            tasks = _plain(pager.items or [])
            yield from tasks
            if len(tasks) < page_size:
                return
            page += 1

    def config_problem(self, project_id: int, label_config: str) -> str | None:
        """Why Label Studio would refuse ``label_config`` for the project's annotations, or None.

        The project endpoint accepts a config that drops a label existing annotations use, and
        then hides them; the validation endpoint checks strictly, which is what corpus needs.
        """
        from label_studio_sdk.core.api_error import ApiError

        path = f"/api/projects/{project_id}/validate/"

        def attempt() -> str | None:
            try:
                self._raw("POST", path, json={"label_config": label_config})
            except ApiError as exc:
                if exc.status_code != 400:
                    raise
                body = exc.body
                detail = (
                    (body.get("validation_errors") or body.get("detail") or body) if isinstance(body, dict) else body
                )
                return (detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False))[:500]
            return None

        return self.call(attempt, f"POST {path}")

    def task(self, task_id: int) -> dict[str, Any]:
        answer: dict[str, Any] = self.request("GET", f"/api/tasks/{task_id}/")
        return answer

    def update_task(self, task_id: int, data: dict[str, Any]) -> None:
        """Replace a task's data; its annotations and predictions stay as they are."""
        self.call(lambda: self.sdk.tasks.update(str(task_id), data=data), f"update task {task_id}")

    def delete_task(self, task_id: int) -> None:
        self.call(lambda: self.sdk.tasks.delete(str(task_id)), f"delete task {task_id}")

    def update_annotation(self, annotation_id: int, result: list[dict[str, Any]]) -> None:
        """Replace an annotation's result (used by schema migrations of a live project)."""
        self.call(
            lambda: self.sdk.annotations.update(annotation_id, result=result), f"update annotation {annotation_id}"
        )

    def count_tasks(self, project_id: int, data_field: str | None = None, value: str | None = None) -> int:
        """Number of tasks in a project, optionally only those whose data[field] == value."""
        query = None
        if data_field:
            query = json.dumps(
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
        pager = self.call(
            lambda: self.sdk.tasks.list(project=project_id, query=query, page_size=1, fields="task_only"),
            "GET /api/tasks/",
        )
        return int(pager.response.total or 0)

    def predictions(self, project_id: int) -> list[dict[str, Any]]:
        """Every prediction of a project (task id, model version, result)."""
        answer: list[dict[str, Any]] = _plain(
            self.call(lambda: self.sdk.predictions.list(project=project_id), "GET /api/predictions/")
        )
        return answer

    def users(self) -> list[dict[str, Any]]:
        """The users of the organisation."""
        answer: list[dict[str, Any]] = _plain(self.call(lambda: self.sdk.users.list(), "GET /api/users/"))
        return answer

    def create_export(self, project_id: int, timeout: float = 1800.0) -> dict[str, Any]:
        """Create an export snapshot. Label Studio Community builds it inside this request, which
        takes minutes for 100,000 tasks: hence the long time-out, and no retry after one."""

        def create() -> Any:
            return self.sdk.projects.exports.create(
                project_id,
                title=EXPORT_TITLE,
                task_filter_options={"only_with_annotations": True},
                annotation_filter_options={"usual": True, "ground_truth": True, "skipped": True},
                serialization_options={
                    "drafts": {"only_id": False},
                    "predictions": {"only_id": True},
                    "annotations__completed_by": {"only_id": True},
                },
                request_options={"timeout": timeout, "max_retries": 0},
            )

        what = f"POST /api/projects/{project_id}/exports/"
        try:
            snapshot = self.call(create, what, retry=False)
        except Unreachable:
            # A 5xx or a dropped connection before the snapshot existed: one more try is safe,
            # since a left-over snapshot only costs disk space.
            snapshot = self.call(create, what)
        answer: dict[str, Any] = _plain(snapshot)
        return answer

    def exports(self, project_id: int) -> list[dict[str, Any]]:
        answer: list[dict[str, Any]] = _plain(
            self.call(lambda: self.sdk.projects.exports.list(project_id), f"exports of project {project_id}")
        )
        return answer

    def export(self, project_id: int, export_id: int) -> dict[str, Any]:
        answer: dict[str, Any] = _plain(
            self.call(lambda: self.sdk.projects.exports.get(project_id, export_id), f"export {export_id}")
        )
        return answer

    def delete_export(self, project_id: int, export_id: int) -> None:
        self.call(lambda: self.sdk.projects.exports.delete(project_id, export_id), f"delete export {export_id}")

    def download_export(self, project_id: int, export_id: int, target: Path) -> None:
        """Stream an export snapshot's JSON to a file (never all in memory); retried from the start."""

        def download() -> None:
            chunks = self.sdk.projects.exports.download(
                project_id, export_id, export_type="JSON", request_options={"chunk_size": 1 << 20}
            )
            with open(target, "wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)

        self.call(download, f"download of export {export_id}")

    # -- added for studio move and incremental pull (issue 13) --------------------------------
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

    def task_versions(
        self, project_id: int, page_size: int = 5000, *, since: str | None = None
    ) -> dict[int, tuple[str, int]]:
        """Every task's id -> (updated_at, annotations + skips): a light listing (the task's
        updated_at moves when one of its annotations is created, changed or deleted).

        ``since`` (an ``updated_at`` as Label Studio writes it): only the tasks updated after it,
        through the Data Manager's filter on ``updated_at``. Label Studio prefetches every listed
        task's annotations and predictions, so the whole listing costs as much as the project
        (9 s for 10,000 tasks) and the filtered one as much as the change (0.07 s for none, 0.12 s
        for 100 of 10,000; scripts/bench_loop.py).
        """
        query = None
        if since is not None:
            item = {"filter": "filter:tasks:updated_at", "operator": "greater", "type": "Datetime", "value": since}
            query = json.dumps({"filters": {"conjunction": "and", "items": [item]}})
        found: dict[int, tuple[str, int]] = {}
        include = "id,updated_at,total_annotations,cancelled_annotations"
        for task in self._task_pages(project_id, query, include, page_size):
            count = int(task.get("total_annotations") or 0) + int(task.get("cancelled_annotations") or 0)
            found[int(task["id"])] = (str(task.get("updated_at")), count)
        return found

    def _task_pages(self, project_id: int, query: str | None, include: str, page_size: int) -> Iterator[dict[str, Any]]:
        page = 1
        while True:
            params: dict[str, Any] = {"project": project_id, "page": page, "page_size": page_size, "include": include}
            if query is not None:
                params["query"] = query
            try:
                data = self.request("GET", "/api/tasks/", params=params)
            except NotFound:  # past the last page
                return
            tasks = data.get("tasks") or []
            yield from tasks
            if len(tasks) < page_size:
                return
            page += 1

    def task_census(self, project_id: int, up_to: int | None = None) -> Census:
        """The highest task id and the number of tasks of a project, in one light request; with
        ``up_to``, the number of tasks whose id is at most ``up_to`` (then that is the id).

        Ids only grow, so fewer tasks up to the same id means deleted tasks, which leave no
        ``updated_at`` behind to list. ``at``: the server's time of the answer (its Date header).
        """
        if up_to is None:
            query = json.dumps({"ordering": ["-tasks:id"]})
        else:
            item = {"filter": "filter:tasks:id", "operator": "less_or_equal", "type": "Number", "value": up_to}
            query = json.dumps({"filters": {"conjunction": "and", "items": [item]}})
        params = {"project": project_id, "page": 1, "page_size": 1, "include": "id", "query": query}
        response = self.call(lambda: self._raw("GET", "/api/tasks/", params=params), "GET /api/tasks/")
        try:
            data = response.json()
        except ValueError:
            raise LabelStudioError(
                f"{self.url} did not answer GET /api/tasks/ with JSON: is it Label Studio?"
            ) from None
        tasks = data.get("tasks") or []
        highest = up_to if up_to is not None else (int(tasks[0]["id"]) if tasks else 0)
        return Census(highest, int(data.get("total") or 0), _server_time(response.headers.get("date")))

    def export_tasks(self, project_id: int, task_ids: list[int]) -> list[dict[str, Any]]:
        """Chosen tasks with annotations, drafts and predictions, as an export has them."""
        # The SDK's HTTP client takes a mapping; a list value becomes one ids[] per task.
        params: dict[str, Any] = {"exportType": "JSON", "download_all_tasks": "true", "ids[]": list(task_ids)}
        return list(self.request("GET", f"/api/projects/{project_id}/export", params=params) or [])
