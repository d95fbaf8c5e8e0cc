"""The team's model served live to Label Studio: an ML backend speaking Label Studio's protocol.

Label Studio 1.23 (its ``ml/`` app) calls a connected backend with JSON: ``GET /health`` (any
2xx JSON) and ``POST /setup`` (answer ``{"model_version": ...}``) before every prediction
request; ``POST /predict`` with ``{tasks, project, label_config, params}`` (answer
``{"results": [...]}``, one ``{result, score, model_version}`` per task, in order), only for
tasks without a prediction of the version /setup named; ``POST /webhook`` with the project's
events (``ANNOTATION_CREATED``, ``ANNOTATION_UPDATED``, ``ANNOTATIONS_DELETED``, and
``START_TRAINING`` from the model's card). It asks for live predictions when an annotator opens
a task in the labeling stream (``/api/projects/<id>/next``), if the project's ``model_version``
is the *title* of a connected backend. The backend is titled with the rules' version
(``corpus.defaults.MODEL_VERSION``), the version push shows: a push leaves it selected, and the
Data Manager's preview keeps the rules' pre-annotations.

It answers with the rules' prediction of the unit, its check-worthiness choice and CLAIM regions
replaced by the model's (``model_version`` ``<rules>+<model>``); with the rules alone (their own
version) while there is no model, or where the model fails: a broken model never leaves an
annotator without pre-annotations. Each answer is checked against the labeling config first, as
push checks its own (``corpus.studio.checks``). Annotation events retrain it: ``debounce``
seconds after the last one, one background thread pulls the project into ``.corpus/model/data/``
and trains the workspace's model (``corpus.model.train_model``), served as soon as it is written.

A small server of its own (the standard library's ``ThreadingHTTPServer``), not HumanSignal's
``label-studio-ml``: 44 MB with 17 distributions, Flask 1.1.2, Werkzeug 2.0.2 and Jinja2 3.0.3
pinned (this environment has Jinja2 3.1), and its PyPI release (1.0.9) imports ``redis`` and
``rq`` without declaring them. Four routes need none of it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import httpx

from corpus import defaults
from corpus.errors import CorpusError, LabelStudioError, NotFound, OptionError, StudioError
from corpus.model.workspace import model_path
from corpus.results import Result
from corpus.workspace import Workspace

if TYPE_CHECKING:
    from corpus.model.learn import Judgement, Model
    from corpus.studio.checks import PredictionChecker
    from corpus.studio.client import Client
    from corpus.studio.project import ProjectRef

log = logging.getLogger("corpus.backend")

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 9090  # Label Studio's own examples listen there
DEBOUNCE = 10.0  # seconds without a new annotation event before retraining
CHECK_EVERY = 30.0  # seconds between checks that Label Studio still has the connection
RECORD = "backend.json"  # .corpus/backend.json: where the workspace's backend listens, its pid
LOG_FILE = "backend.log"
DESCRIPTION = "corpus: the rules' pre-annotations with the team's model (corpus model serve)"
RETRAIN_ACTIONS = frozenset({"ANNOTATION_CREATED", "ANNOTATIONS_CREATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED"})
TRAIN_NOW = "START_TRAINING"  # the "Start training" button of the model's card in Label Studio

# The embedded Label Studio refuses by default to call a backend on this machine: the ML
# connection checks ML_BLOCK_LOCAL_IP, webhooks the SSRF subnets (core/utils/io.py: validate_ip).
# These let it reach 127.0.0.1 and keep every other reserved network banned.
_BANNED_BUT_LOOPBACK = (
    "0.0.0.0/8,10.0.0.0/8,100.64.0.0/10,169.254.0.0/16,172.16.0.0/12,192.0.0.0/24,192.0.2.0/24,"
    "192.88.99.0/24,192.168.0.0/16,198.18.0.0/15,198.51.100.0/24,203.0.113.0/24,224.0.0.0/4,"
    "233.252.0.0/24,240.0.0.0/4,255.255.255.255/32,::/128,::ffff:0:0/96,64:ff9b::/96,fc00::/7,"
    "fe80::/10,ff00::/8"
)


def studio_environment() -> dict[str, str]:
    """What a local Label Studio needs in its environment to call a backend on 127.0.0.1.

    ``ML_BLOCK_LOCAL_IP=false`` lets it connect to a backend on a local address (only a project
    manager can add one); the banned subnets of its SSRF checks lose the loopback only, so that
    project webhooks reach ``/webhook`` while imports from URLs still cannot reach private networks.
    """
    return {
        "ML_BLOCK_LOCAL_IP": "false",
        "USE_DEFAULT_BANNED_SUBNETS": "false",
        "USER_ADDITIONAL_BANNED_SUBNETS": _BANNED_BUT_LOOPBACK,
    }


BLOCKED_HINT = (
    "Label Studio at {url} refuses to call a model backend on a local address (its ML_BLOCK_LOCAL_IP "
    "and SSRF settings); restart the local one with the backend: corpus studio down && corpus studio up "
    "--model (another server needs ML_BLOCK_LOCAL_IP=false in its environment)"
)


# -- predictions ------------------------------------------------------------------------------------
def _is_claim(region: dict[str, Any], claim: str) -> bool:
    from corpus.studio import labelconfig as lc

    labels = (region.get("value") or {}).get("labels")
    return region.get("type") == "labels" and region.get("from_name") == lc.SPAN_LABELS and labels == [claim]


def with_judgement(rules: dict[str, Any], judged: Judgement, model_version: str, queue: str) -> dict[str, Any]:
    """The rules' prediction with its check-worthiness choice and CLAIM regions replaced by the
    model's: figures and attributions stay; each CLAIM carries the model's probability as its score."""
    from corpus.schema import label_set
    from corpus.studio import labelconfig as lc
    from corpus.studio.tasks import queue_score

    labels = label_set()
    claim = labels.span_label("claim")
    result = [r for r in rules["result"] if r.get("id") != "checkworthy" and not _is_claim(r, claim)]
    taken = {r.get("id") for r in result}
    n = 0
    for span, chance in judged.claims:
        while f"claim{n}" in taken:
            n += 1
        taken.add(f"claim{n}")
        result.append(
            {
                "id": f"claim{n}",
                "from_name": lc.SPAN_LABELS,
                "to_name": lc.SENTENCE,
                "type": "labels",
                "origin": "prediction",
                "score": round(chance, 4),
                "value": {"start": span.start, "end": span.end, "text": span.text, "labels": [claim]},
            }
        )
    result.append(
        {
            "id": "checkworthy",
            "from_name": lc.CHECKWORTHY,
            "to_name": lc.SENTENCE,
            "type": "choices",
            "origin": "prediction",
            "score": round(judged.score, 4),
            "value": {"choices": [labels.checkworthy_label(judged.role)]},
        }
    )
    return {"model_version": model_version, "score": queue_score(judged.role, judged.score, queue), "result": result}


class Predictor:
    """The workspace's model (re-read when its file changes) and the predictions it makes with the rules."""

    def __init__(self, workspace: Workspace, queue: str = defaults.QUEUE):
        self.workspace = workspace
        self.queue = queue
        self.model: Model | None = None
        self._stamp: tuple[int, int] | None = None
        self._lock = threading.Lock()
        self._checkers: dict[str, PredictionChecker] = {}
        self.refresh()

    @property
    def model_version(self) -> str:
        """What the predictions carry: the rules' version, with the model's after a '+'."""
        model = self.model
        return f"{defaults.MODEL_VERSION}+{model.version}" if model is not None else defaults.MODEL_VERSION

    def refresh(self) -> None:
        """Read the workspace's model again if its file changed (a retrain, ``corpus model train``)."""
        from corpus.model.learn import load

        path = model_path(self.workspace)
        try:
            info = path.stat()
            stamp: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = None
        if stamp == self._stamp:
            return
        with self._lock:
            if stamp == self._stamp:
                return
            model = load(path) if stamp is not None else None
            if stamp is not None and model is None:
                log.warning("cannot read the model %s: the rules answer alone", path)
            self.model, self._stamp = model, stamp  # one assignment each: a request sees the old or the new
            log.info("serving %s", self.model_version)

    def checker(self, label_config: str | None) -> PredictionChecker:
        from corpus.studio import labelconfig
        from corpus.studio.checks import PredictionChecker

        config = label_config or labelconfig.generate()
        found = self._checkers.get(config)
        if found is None:
            if len(self._checkers) > 8:
                self._checkers.clear()
            found = self._checkers[config] = PredictionChecker(config)
        return found

    def predict(self, tasks: list[dict[str, Any]], label_config: str | None = None) -> list[dict[str, Any]]:
        """One prediction per task (Label Studio's task JSON: its ``data`` holds the unit)."""
        self.refresh()
        checker = self.checker(label_config)
        return [self.prediction(task.get("data") or {}, checker, task.get("id")) for task in tasks]

    def prediction(self, data: dict[str, Any], checker: PredictionChecker, task_id: Any = None) -> dict[str, Any]:
        """The prediction of one task's data: the model's where it works and fits the config, else the rules'."""
        from corpus.studio.tasks import predictions_for

        text, context = str(data.get("text") or ""), str(data.get("context_before") or "")
        role = str(data.get("role") or "body")
        rules = predictions_for(text, context, role, self.queue)[0]
        model = self.model
        if model is not None:
            try:
                judged = model.judge(text, context, role)
                mine = with_judgement(rules, judged, f"{defaults.MODEL_VERSION}+{model.version}", self.queue)
                problems = checker.errors(mine, data)
                if not problems:
                    return mine
                log.error("task %s: the model's prediction does not fit the labeling config: %s", task_id, problems[0])
            except Exception:
                # A broken model never blocks an annotator: the rules answer, the log says why.
                log.exception("task %s: model %s failed; the rules answer", task_id, model.version)
        problems = checker.errors(rules, data)
        if problems:  # a bug in corpus: sent all the same (push would have refused it), and said
            log.error("task %s: the rules' prediction does not fit the labeling config: %s", task_id, problems[0])
        return rules


# -- retraining --------------------------------------------------------------------------------------
class Retrainer:
    """Runs ``job`` in one background thread ``debounce`` seconds after the last request: never two at once."""

    def __init__(self, job: Callable[[], None], debounce: float = DEBOUNCE):
        self.job = job
        self.debounce = debounce
        self.running = False
        self._due: float | None = None
        self._stopped = False
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._loop, name="corpus-retrain", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> bool:
        return self._due is not None

    def request(self, delay: float | None = None) -> None:
        """Train ``delay`` seconds from now (default ``debounce``); a later request moves it later."""
        with self._wake:
            self._due = time.monotonic() + (self.debounce if delay is None else delay)
            self._wake.notify()

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._stopped and (self._due is None or time.monotonic() < self._due):
                    self._wake.wait(None if self._due is None else max(self._due - time.monotonic(), 0.01))
                if self._stopped:
                    return
                self._due, self.running = None, True
            try:
                self.job()
            except Exception:  # the job reports its own failures; this keeps the thread alive
                log.exception("retraining failed")
            finally:
                with self._wake:
                    self.running = False
                    self._wake.notify_all()

    def stop(self, timeout: float = 5.0) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify_all()
        self._thread.join(timeout)


# -- the connection in Label Studio -------------------------------------------------------------------
class Refused(LabelStudioError):
    """Label Studio refuses to call the backend's address (its SSRF checks: HTTP 403 naming the address)."""


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    """POST through the client's session: Label Studio answers its SSRF refusal with a 403, which
    the client would report as a rejected key."""
    from corpus.studio.client import NO_RETRY

    response = client.call(lambda: client.http.request(path, method="POST", json=body, request_options=NO_RETRY), path)
    if response.status_code == 403 and "reserved network" in response.text:
        raise Refused(f"Label Studio at {client.url} refuses to call a local address: {response.json().get('detail')}")
    if response.status_code >= 400:
        raise LabelStudioError(
            f"Label Studio answered HTTP {response.status_code} to POST {path}: {response.text[:300]}"
        )
    return response.json()


def connect_backend(client: Client, project: ProjectRef, backend_url: str) -> tuple[int, bool]:
    """Connect the backend at ``backend_url`` to the project, or keep the connection it has.

    Creates the ML connection (``POST /api/ml``) titled with the rules' version and makes the
    project show its predictions (``model_version`` = that title); removes connections an
    earlier corpus backend left at another address; makes sure annotation events reach
    ``/webhook`` (a project webhook, which Label Studio creates with the connection when it may).

    Returns:
        The connection's id, and whether annotation events reach the backend.

    Raises:
        LabelStudioError: Label Studio refuses the connection (a local address it may not call).
    """
    title = defaults.MODEL_VERSION
    connections = client.request("GET", "/api/ml/", params={"project": project.id}) or []
    mine = None
    for connection in connections:
        if connection.get("url", "").rstrip("/") == backend_url:
            mine = connection
        elif (connection.get("description") or "") == DESCRIPTION:
            log.info("removing the connection of an earlier backend at %s", connection.get("url"))
            with contextlib.suppress(NotFound):
                client.request("DELETE", f"/api/ml/{connection['id']}")
    if mine is None:
        fields = {"url": backend_url, "project": project.id, "title": title, "description": DESCRIPTION}
        try:
            mine = _post(client, "api/ml/", fields | {"is_interactive": False})
        except Refused:
            raise Refused(BLOCKED_HINT.format(url=client.url)) from None
        log.info("connected to project %r (id %s) at %s", project.name, project.id, client.url)
    elif mine.get("title") != title or mine.get("description") != DESCRIPTION:
        client.request("PATCH", f"/api/ml/{mine['id']}", json={"title": title, "description": DESCRIPTION})
    shown = client.project(project.id, ["model_version", "show_collab_predictions"])
    if shown.get("model_version") != title and shown.get("show_collab_predictions") is not False:
        client.update_project(project.id, model_version=title)
    return int(mine["id"]), ensure_webhook(client, project, backend_url)


def ensure_webhook(client: Client, project: ProjectRef, backend_url: str) -> bool:
    """A project webhook that sends annotation events to the backend; False if Label Studio refuses it."""
    target = backend_url + "/webhook"
    hooks = client.request("GET", "/api/webhooks/", params={"project": project.id}) or []
    for hook in hooks:
        if hook.get("url") == target and hook.get("project") in (project.id, None):
            if not hook.get("is_active", True):
                client.request("PATCH", f"/api/webhooks/{hook['id']}/", json={"is_active": True})
            return True
    hook = {"project": project.id, "url": target, "send_payload": True, "send_for_all_actions": False}
    try:
        _post(client, "api/webhooks/", hook | {"actions": sorted(RETRAIN_ACTIONS)})
    except Refused:
        log.warning(
            "Label Studio refuses webhooks to %s (SSRF protection): annotations do not retrain the model; "
            "use Start Training on the model's card, or restart it with corpus studio up --model",
            target,
        )
        return False
    return True


def disconnect_backend(client: Client, project_id: int, connection_id: int, backend_url: str) -> None:
    """Remove the connection and its webhook; the project shows the rules' predictions again."""
    from corpus.studio.project import show_predictions_of

    with contextlib.suppress(NotFound):
        client.request("DELETE", f"/api/ml/{connection_id}")
    for hook in client.request("GET", "/api/webhooks/", params={"project": project_id}) or []:
        if hook.get("url") == backend_url + "/webhook":
            with contextlib.suppress(NotFound):
                client.request("DELETE", f"/api/webhooks/{hook['id']}/")
    # Deleting the connection emptied the project's model_version (it was the connection's title).
    show_predictions_of(client, project_id, defaults.MODEL_VERSION)


# -- the server ------------------------------------------------------------------------------------
class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    backend: Backend


class _Handler(BaseHTTPRequestHandler):
    server_version = "corpus-backend"
    protocol_version = "HTTP/1.1"

    @property
    def backend(self) -> Backend:
        return cast(_Server, self.server).backend

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw or b"{}")
        if not isinstance(body, dict):
            raise ValueError("the body is not a JSON object")
        return body

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")
        if path in ("", "/health"):
            self._send(200, self.backend.health())
        elif path == "/versions":
            self._send(200, {"versions": [self.backend.predictor.model_version]})
        else:
            self._send(404, {"error": f"no route {path}"})

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")
        backend = self.backend
        route = {"/setup": backend.setup, "/predict": backend.predict, "/webhook": backend.webhook}.get(path)
        if route is None:
            self._send(404, {"error": f"no route {path}"})
            return
        try:
            body = self._body()
        except ValueError as exc:
            self._send(400, {"error": f"not JSON: {exc}"})
            return
        try:
            self._send(200, route(body))
        except Exception as exc:  # a bug in corpus: Label Studio logs the error, the backend goes on
            log.exception("%s failed", path)
            self._send(500, {"error": f"{type(exc).__name__}: {exc}"})


@dataclass
class BackendStatus(Result):
    """Where the workspace's model backend listens, what it serves and to which project."""

    running: bool
    url: str | None
    pid: int | None = None
    model_version: str | None = None
    project: str | None = None
    project_id: int | None = None
    connected: bool = False
    events: bool = False  # annotation events reach it (its webhook)
    error: str | None = None

    def line(self) -> str:
        if not self.running:
            return "the model backend is not running" + (f" ({self.error})" if self.error else "")
        where = f"model backend at {self.url}" + (f" (pid {self.pid})" if self.pid else "")
        if not self.connected:
            why = f": {self.error} (it keeps trying)" if self.error else ""
            return f"{where} serves {self.model_version}; not connected to Label Studio{why}"
        events = "retrains when annotations arrive" if self.events else "annotation events do not reach it"
        return f"{where} serves {self.model_version} to project {self.project!r} (id {self.project_id}); {events}"


class Backend:
    """The ML backend of one workspace: its HTTP server, model, retraining and Label Studio connection."""

    def __init__(
        self,
        workspace: Workspace | str | Path | None = None,
        *,
        project: str | None = None,
        host: str = LOOPBACK,
        port: int | None = None,
        debounce: float = DEBOUNCE,
        data: str | Path = defaults.DATA_DIR,
        url: str | None = None,
        api_key: str | None = None,
        public_url: str | None = None,
        check_every: float = CHECK_EVERY,
    ):
        self.workspace = Workspace.of(workspace)
        self.project_name = project
        self.data = Path(data).resolve()
        self.ls_url, self.api_key = url, api_key
        self.check_every = check_every
        self.project: ProjectRef | None = None
        self.connection_id: int | None = None
        self.events = False
        self.error: str | None = None
        self.last_training: dict[str, Any] | None = None
        self.predictor = Predictor(self.workspace)
        self.retrainer = Retrainer(self.retrain, debounce)
        self._stop = threading.Event()
        try:
            self.server = _Server((host, _port(self.workspace, host, port)), _Handler)
        except OSError as exc:
            self.retrainer.stop()
            raise OptionError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port") from None
        self.server.backend = self
        self.host, self.port = host, int(self.server.server_address[1])
        self.url = (public_url or f"http://{LOOPBACK if host == '0.0.0.0' else host}:{self.port}").rstrip("/")
        self._serving = threading.Thread(target=self.server.serve_forever, name="corpus-backend", daemon=True)
        self._serving.start()

    # -- the protocol ---------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        """``GET /health``: up, what it serves (``model``: the model's own version, None for the rules
        alone), whether it trains, the last training's outcome, its connection."""
        self.predictor.refresh()
        model = self.predictor.model
        state: dict[str, Any] = {"status": "UP", "model_class": "corpus", "rules": defaults.MODEL_VERSION}
        state |= {"model": model.version if model is not None else None, "training": self.retrainer.running}
        state |= {"scheduled": self.retrainer.pending, "last_training": self.last_training}
        return state | self.status().to_dict()

    def setup(self, body: dict[str, Any]) -> dict[str, Any]:
        self.predictor.refresh()
        return {"model_version": self.predictor.model_version}

    def predict(self, body: dict[str, Any]) -> dict[str, Any]:
        tasks = body.get("tasks") or []
        results = self.predictor.predict(tasks, body.get("label_config"))
        return {"results": results, "model_version": self.predictor.model_version}

    def webhook(self, body: dict[str, Any]) -> dict[str, Any]:
        action = str(body.get("action") or "")
        project = body.get("project")
        project_id = project.get("id") if isinstance(project, dict) else None
        ours = self.project is None or project_id in (None, self.project.id)
        if ours and action == TRAIN_NOW:
            self.retrainer.request(0)
            return {"status": "ok", "retrain": "now"}
        if ours and action in RETRAIN_ACTIONS:
            self.retrainer.request()
            return {"status": "ok", "retrain": f"in {self.retrainer.debounce:g} s"}
        return {"status": "ok", "retrain": None}

    # -- retraining -----------------------------------------------------------------------------
    def retrain(self) -> None:
        """Pull the project into ``.corpus/model/data/`` and train the workspace's model on it."""
        from corpus.model.workspace import train_model
        from corpus.studio.pull import pull

        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        folder = self.workspace.path("model", "data")
        try:
            _link_sentences(self.data / defaults.SENTENCES_FILE, folder / defaults.SENTENCES_FILE)
            pulled = pull(
                project=self.project.name if self.project else self.project_name,
                output=folder / defaults.ANNOTATIONS_FILE,
                workspace=self.workspace,
                url=self.ls_url,
                api_key=self.api_key,
            )
            trained = train_model(folder, workspace=self.workspace)
        except CorpusError as exc:
            log.warning("retraining failed: %s (the served model stays)", exc)
            self.last_training = {"started": started, "error": str(exc)}
            return
        self.predictor.refresh()
        self.last_training = {"started": started, "annotations": pulled.annotations, **trained.to_dict()}
        log.info("%s", trained.line())

    # -- the connection -------------------------------------------------------------------------
    def connect(self) -> BackendStatus:
        """Connect to the workspace's project in Label Studio (or keep the connection it has).

        Raises:
            NoProject: the project was not pushed from this workspace.
            LabelStudioError: Label Studio refuses the connection or cannot be reached.
        """
        from corpus.studio.client import connect
        from corpus.studio.project import find_project, project_name

        name = project_name(self.workspace, self.project_name)
        try:
            with connect(self.workspace, self.ls_url, self.api_key) as client:
                self.project = find_project(self.workspace, client, name)
                self.predictor.queue = str(
                    (self.workspace.state.get("projects", {}).get(name) or {}).get("queue") or defaults.QUEUE
                )
                self.connection_id, self.events = connect_backend(client, self.project, self.url)
        except CorpusError as exc:
            self.connection_id, self.error = None, str(exc)
            self._record()
            raise
        self.error = None
        self._record()
        return self.status()

    def check(self) -> bool:
        """Connect again if Label Studio lost the connection (a restart, a deleted connection); log why not."""
        was = self.connection_id
        try:
            self.connect()
        except CorpusError as exc:
            log.warning("not connected to Label Studio: %s (trying again in %g s)", exc, self.check_every)
            return False
        if was is None:  # connected at last: learn from what was annotated meanwhile
            self.retrainer.request()
        return True

    def keep_connected(self) -> None:
        """Check the connection every ``check_every`` seconds until stopped (a background thread)."""

        def loop() -> None:
            while not self._stop.wait(self.check_every):
                self.check()

        threading.Thread(target=loop, name="corpus-backend-keeper", daemon=True).start()

    def status(self) -> BackendStatus:
        name, key = (self.project.name, self.project.id) if self.project else (self.project_name, None)
        state = BackendStatus(True, self.url, os.getpid(), self.predictor.model_version, name, key)
        state.connected, state.events, state.error = self.connection_id is not None, self.events, self.error
        return state

    def _record(self, running: bool = True) -> None:
        record = self.workspace.read_json(RECORD)
        record.update({"url": self.url, "port": self.port, "host": self.host, **self.status().to_dict()})
        record["pid"] = os.getpid() if running else None
        record["running"] = running
        self.workspace.write_json(RECORD, record)

    def stop(self, *, disconnect: bool = True) -> None:
        """Stop serving; with ``disconnect``, remove the connection so Label Studio shows the rules again."""
        from corpus.studio.client import connect

        self._stop.set()
        self.retrainer.stop(timeout=1.0)
        if disconnect and self.project is not None and self.connection_id is not None:
            try:
                with connect(self.workspace, self.ls_url, self.api_key) as client:
                    client.max_delay = 5.0
                    disconnect_backend(client, self.project.id, self.connection_id, self.url)
                self.connection_id = None
                log.info("disconnected from project %r: Label Studio shows the rules' predictions", self.project.name)
            except CorpusError as exc:
                log.warning("could not remove the connection from Label Studio: %s", exc)
        self.server.shutdown()
        self.server.server_close()
        if self.workspace.dir.exists():
            self._record(running=False)


def _link_sentences(source: Path, link: Path) -> None:
    """The data folder's sentences beside the private pull (a link; a copy where links fail)."""
    if not source.exists():
        raise OptionError(f"{source}: no such file; start the backend with --data the folder that split wrote")
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() and link.resolve() == source.resolve():
        return
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    try:
        link.symlink_to(source)
    except OSError:
        shutil.copyfile(source, link)


def _port(workspace: Workspace, host: str, port: int | None) -> int:
    """The port asked for; else the one used last time, else 9090, else any free one, when free."""
    if port is not None:
        return port
    recorded = workspace.read_json(RECORD).get("port")
    for candidate in (recorded, DEFAULT_PORT):
        if candidate and _free(host, int(candidate)):
            return int(candidate)
    return 0  # the system picks a free one


def _free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def start_backend(
    workspace: Workspace | str | Path | None = None,
    *,
    project: str | None = None,
    host: str = LOOPBACK,
    port: int | None = None,
    debounce: float = DEBOUNCE,
    data: str | Path = defaults.DATA_DIR,
    url: str | None = None,
    api_key: str | None = None,
    connect: bool = True,
    wait: bool = False,
    check_every: float = CHECK_EVERY,
    public_url: str | None = None,
) -> Backend:
    """Start the workspace's model backend in this process (its threads) and connect it to the project.

    Args:
        workspace: the workspace folder (default: CORPUS_WORKSPACE or the current directory).
        project: the project name used with push (default: the workspace's only project).
        host, port: where it listens (default 127.0.0.1, and the port used last time, else 9090,
            else a free one).
        debounce: seconds without a new annotation event before it retrains.
        data: the data folder whose sentences.jsonl the pulled labels are joined to.
        url, api_key: another Label Studio (default: LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY, else the local one).
        connect: connect to Label Studio (False: serve only, for tests and scripts).
        wait: if the first connection fails, keep trying (every ``check_every`` seconds) instead of raising.
        check_every: seconds between checks that Label Studio still has the connection.
        public_url: the URL Label Studio reaches it at (default: from host and port).

    Returns:
        The running backend; ``stop()`` ends it.

    Raises:
        NoProject: the project was not pushed from this workspace (unless ``wait``).
        LabelStudioError: Label Studio refuses the connection or cannot be reached (unless ``wait``).
    """
    backend = Backend(
        workspace,
        project=project,
        host=host,
        port=port,
        debounce=debounce,
        data=data,
        url=url,
        api_key=api_key,
        public_url=public_url,
        check_every=check_every,
    )
    if not connect:
        return backend
    try:
        backend.connect()
    except CorpusError:
        if not wait:
            backend.stop(disconnect=False)
            raise
        log.warning("not connected to Label Studio yet: %s (trying again every %g s)", backend.error, check_every)
    else:
        backend.retrainer.request()  # annotations may have arrived while no backend listened
    backend.keep_connected()
    return backend


def serve(
    workspace: Workspace | str | Path | None = None,
    *,
    on_ready: Callable[[BackendStatus], None] | None = None,
    **options: Any,
) -> None:
    """Serve the workspace's model to its Label Studio project until Ctrl-C (or SIGTERM).

    Starts the backend with ``options`` (those of ``start_backend``: project, host, port,
    debounce, data, url, api_key, wait), connects it to the project, calls ``on_ready`` with its
    status, retrains on annotation events, and on the way out removes the connection, so that
    Label Studio shows the rules' pre-annotations again.

    Raises:
        NoProject: the project was not pushed from this workspace (unless ``wait``).
        LabelStudioError: Label Studio refuses the connection or cannot be reached (unless ``wait``).
    """
    backend = start_backend(workspace, **options)

    def stop_on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, stop_on_term)
    try:
        if on_ready is not None:
            on_ready(backend.status())
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        backend.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


# -- in the background, beside the local Label Studio ------------------------------------------------
def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _answers(url: str, pid: int | None = None) -> dict[str, Any] | None:
    """The backend's /health if a corpus backend (of ``pid``) answers at ``url``."""
    try:
        health = httpx.get(f"{url}/health", timeout=2.0).json()
    except (httpx.HTTPError, ValueError):
        return None
    if not isinstance(health, dict) or health.get("model_class") != "corpus":
        return None
    return health if pid is None or health.get("pid") == pid else None


def backend_status(workspace: Workspace | str | Path | None = None) -> BackendStatus:
    """Whether the workspace's model backend runs (its recorded process answers /health), and what it serves."""
    record = Workspace.of(workspace).read_json(RECORD)
    url, pid = record.get("url"), record.get("pid")
    health = _answers(url, pid) if url and pid and _alive(pid) else None
    if health is None:
        return BackendStatus(False, url, error=record.get("error"))
    known: dict[str, Any] = {field.name: health.get(field.name) for field in fields(BackendStatus)}
    return BackendStatus(**known)


def start_background(
    workspace: Workspace | str | Path | None = None,
    *,
    port: int | None = None,
    debounce: float | None = None,
    data: str | Path | None = None,
    timeout: float = 60.0,
) -> BackendStatus:
    """Start ``corpus model serve`` for the workspace's local Label Studio as a process of its own
    (log in ``.corpus/backend.log``); do nothing if it runs. It waits for the project to be pushed.

    Raises:
        StudioError: it did not start (the message names the log).
    """
    ws = Workspace.of(workspace)
    current = backend_status(ws)
    if current.running:
        return current
    ws.ensure()
    command = [sys.executable, "-m", "corpus.cli", "model", "serve", "-w", str(ws.root), "--wait"]
    if port is not None:
        command += ["--port", str(port)]
    if debounce is not None:
        command += ["--debounce", str(debounce)]
    if data is not None:
        command += ["--data", str(Path(data).resolve())]
    env = {k: v for k, v in os.environ.items() if k not in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY")}
    log_path = ws.path(LOG_FILE)
    with open(log_path, "ab") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, cwd=ws.root, env=env, start_new_session=True
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StudioError(f"the model backend stopped at once (exit status {process.returncode}); see {log_path}")
        state = backend_status(ws)
        if state.running and state.pid == process.pid and (state.connected or state.error):
            return state
        time.sleep(0.3)
    state = backend_status(ws)
    if state.running:
        return state
    stop_background(ws)
    raise StudioError(f"the model backend did not answer within {timeout:g} s; see {log_path}")


def stop_background(workspace: Workspace | str | Path | None = None, timeout: float = 20.0) -> bool:
    """Stop the workspace's model backend (by its recorded pid; it disconnects first). True if one was stopped."""
    ws = Workspace.of(workspace)
    record = ws.read_json(RECORD)
    pid, url = record.get("pid"), record.get("url")
    if not pid or not _alive(pid) or not url or _answers(url, pid) is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.2)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    return True
