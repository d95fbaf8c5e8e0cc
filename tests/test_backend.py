"""The model backend: Label Studio's ML protocol, served by corpus, retrained by annotation events.

Server-free tests call the backend's handlers (and its HTTP server on 127.0.0.1) directly; the
``studio`` tests run a Label Studio of their own, started as ``corpus studio up --model`` starts
it (allowed to call a backend on this machine), and let it ask for predictions as it does when
an annotator opens a task.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import corpus
from corpus.defaults import MODEL_VERSION
from corpus.model import TrainingUnit, learn, save, train
from corpus.model.learn import Judgement
from corpus.model.workspace import model_path
from corpus.studio import labelconfig
from corpus.studio import labelconfig as lc
from corpus.studio import server as studio
from corpus.studio.backend import (
    Backend,
    Refused,
    Retrainer,
    backend_status,
    connect_backend,
    start_backend,
    start_background,
    stop_background,
    studio_environment,
)
from corpus.studio.checks import check_predictions
from corpus.studio.client import Client, Connection
from corpus.studio.project import ProjectRef
from corpus.studio.tasks import predictions_for
from corpus.text.prelabel import Span
from corpus.workspace import Workspace
from tests.conftest import EXAMPLES
from tests.studio_server import Server
from tests.test_model import _budget, _weather
from tests.test_push import all_tasks

CONFIG = labelconfig.generate()
UNIT = {
    "text": "The council approved 14 new bridges on Tuesday, the mayor said.",
    "context_before": "",
    "role": "body",
}


def small_model() -> learn.Model:
    units = [TrainingUnit(_weather(n), "", "body", "non_factual") for n in range(25)]
    units += [TrainingUnit(t, "", "body", "checkworthy", [(0, len(t) - 1)]) for t in map(_budget, range(25))]
    model = train(units)
    assert model is not None
    return model


class Broken:
    version = "corpus-model-broken"

    def judge(self, text: str, context_before: str = "", role: str = "body") -> Judgement:
        raise RuntimeError("the model file is from another planet")


class OutOfBounds:
    version = "corpus-model-wild"

    def judge(self, text: str, context_before: str = "", role: str = "body") -> Judgement:
        return Judgement("checkworthy", 0.9, [(Span(0, len(text) + 40, text + " and more"), 0.9)])


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Backend]:
    served = start_backend(tmp_path, port=0, connect=False, debounce=0.2)
    try:
        yield served
    finally:
        served.stop()


# -- predictions ------------------------------------------------------------------------------------
def test_a_model_that_raises_answers_with_the_rules_predictions(backend, caplog):
    backend.predictor.model = Broken()  # type: ignore[assignment]
    with caplog.at_level(logging.ERROR, logger="corpus.backend"):
        answer = backend.predict({"tasks": [{"id": 7, "data": UNIT}], "label_config": CONFIG})
    assert answer["results"] == predictions_for(UNIT["text"], "", "body")
    assert answer["results"][0]["model_version"] == MODEL_VERSION
    assert "task 7: model corpus-model-broken failed; the rules answer" in caplog.text
    assert "another planet" in caplog.text


def test_a_prediction_that_does_not_fit_the_config_is_replaced_by_the_rules(backend, caplog):
    backend.predictor.model = OutOfBounds()  # type: ignore[assignment]
    with caplog.at_level(logging.ERROR, logger="corpus.backend"):
        (result,) = backend.predict({"tasks": [{"id": 3, "data": UNIT}], "label_config": CONFIG})["results"]
    assert result == predictions_for(UNIT["text"], "", "body")[0]
    assert "task 3: the model's prediction does not fit the labeling config" in caplog.text


def test_the_models_judgement_replaces_the_rules_checkworthiness_and_claims_only(backend, tmp_path):
    model = small_model()
    save(model, model_path(Workspace(tmp_path)))  # as a retrain writes it: the backend reads it at once
    unit = {"text": _weather(99), "context_before": "", "role": "body"}
    setup = httpx.post(f"{backend.url}/setup", json={"project": "1.1", "schema": CONFIG}).json()
    assert setup == {"model_version": f"{MODEL_VERSION}+{model.version}"}
    answer = httpx.post(f"{backend.url}/predict", json={"tasks": [{"id": 1, "data": unit}], "label_config": CONFIG})
    (prediction,) = answer.json()["results"]
    rules = predictions_for(unit["text"])[0]
    assert prediction["model_version"] == f"{MODEL_VERSION}+{model.version}"
    check_predictions(CONFIG, [prediction], unit)
    judged = model.judge(unit["text"])
    choice = next(r for r in prediction["result"] if r["id"] == "checkworthy")
    assert choice["value"]["choices"] == [corpus.label_set().checkworthy_label(judged.role)] == ["NFS"]
    assert choice["score"] == round(judged.score, 4)
    claim = corpus.label_set().span_label("claim")
    assert not [r for r in prediction["result"] if r.get("value", {}).get("labels") == [claim]]  # non-factual
    # Figures and attributions are the rules'.
    kept = [r for r in rules["result"] if r["id"] != "checkworthy" and r.get("value", {}).get("labels") != [claim]]
    assert [r for r in prediction["result"] if r["id"] != "checkworthy"] == kept
    budget = {"text": _budget(77), "context_before": "", "role": "body"}
    (worthy,) = backend.predict({"tasks": [{"id": 2, "data": budget}], "label_config": CONFIG})["results"]
    claims = [r for r in worthy["result"] if r.get("value", {}).get("labels") == [claim]]
    assert [(r["id"], r["value"]["text"]) for r in claims] == [("claim0", _budget(77)[:-1])] and claims[0]["score"] > 0


def test_the_http_routes_answer_as_label_studio_expects(backend):
    health = httpx.get(f"{backend.url}/health").json()
    assert health["status"] == "UP" and health["model_version"] == MODEL_VERSION and health["model"] is None
    assert health["connected"] is False and health["training"] is False
    assert httpx.get(f"{backend.url}/versions").json() == {"versions": [MODEL_VERSION]}
    assert httpx.post(f"{backend.url}/nothing", json={}).status_code == 404
    assert httpx.post(f"{backend.url}/predict", content=b"{not json").status_code == 400
    empty = httpx.post(f"{backend.url}/predict", json={"tasks": []}).json()
    assert empty["results"] == [] and empty["model_version"] == MODEL_VERSION


# -- retraining -------------------------------------------------------------------------------------
def test_events_are_debounced_and_trainings_never_overlap():
    runs: list[tuple[float, float]] = []
    active = threading.Semaphore(1)

    def job() -> None:
        assert active.acquire(blocking=False), "two trainings at once"
        started = time.monotonic()
        time.sleep(0.3)
        runs.append((started, time.monotonic()))
        active.release()

    retrainer = Retrainer(job, debounce=0.2)
    try:
        for _ in range(5):  # a burst of annotations: one training, 0.2 s after the last
            retrainer.request()
            time.sleep(0.05)
        time.sleep(0.35)  # it runs now
        assert retrainer.running
        retrainer.request()  # an annotation during the training: one more, after it
        retrainer.request()
        deadline = time.monotonic() + 5
        while (len(runs) < 2 or retrainer.running or retrainer.pending) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(runs) == 2 and runs[0][1] <= runs[1][0]
    finally:
        retrainer.stop()


def test_annotation_events_of_the_project_schedule_a_retrain(tmp_path, monkeypatch):
    trained = threading.Event()
    monkeypatch.setattr(Backend, "retrain", lambda self: trained.set())
    served = start_backend(tmp_path, port=0, connect=False, debounce=0.1)
    try:
        served.project = ProjectRef("news", 5, "key", "http://ls")
        other = httpx.post(f"{served.url}/webhook", json={"action": "ANNOTATION_CREATED", "project": {"id": 6}})
        assert other.json()["retrain"] is None
        assert served.webhook({"action": "TASKS_CREATED", "project": {"id": 5}})["retrain"] is None
        assert not trained.wait(0.4)
        answer = httpx.post(f"{served.url}/webhook", json={"action": "ANNOTATION_UPDATED", "project": {"id": 5}})
        assert answer.json() == {"status": "ok", "retrain": "in 0.1 s"}
        assert trained.wait(5)
    finally:
        served.stop()


def test_label_studio_refusing_a_local_backend_is_explained():
    class Refusing:
        url = "http://ls.example"

        def request(self, method: str, path: str, **kwargs: Any) -> Any:
            return []

        def call(self, call: Any, what: str) -> httpx.Response:
            detail = {"status_code": 403, "detail": "URL resolves to a reserved network address (block: 127.0.0.0/8)"}
            return httpx.Response(403, json=detail)  # Label Studio 1.23's answer (core/utils/io.py: validate_ip)

        http = None

    with pytest.raises(Refused, match="refuses to call a model backend on a local address .* studio up --model"):
        connect_backend(Refusing(), ProjectRef("news", 1, "k", "http://ls.example"), "http://127.0.0.1:9090")  # type: ignore[arg-type]


# -- against Label Studio -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ml_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A Label Studio of its own, started with what ``studio up --model`` gives it (the session's
    server may have been started without it)."""
    root = tmp_path_factory.mktemp("backend-studio")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in studio_environment().items():
            patch.setenv(name, value)
        for name in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"):
            patch.delenv(name, raising=False)
        state = studio.up(root)
    credentials = Workspace(root).credentials
    try:
        yield Server(state.url, credentials["api_key"], root, credentials["password"], credentials["username"])
    finally:
        studio.down(root)


@pytest.fixture(scope="module")
def pushed(ml_studio: Server) -> tuple[Server, int]:
    """The harbour-bridge article split and pushed from the server's workspace: 11 tasks."""
    root = ml_studio.workspace
    corpus.split(EXAMPLES / "harbour-bridge.txt", root / "data")
    result = corpus.push(root / "data" / "sentences.jsonl", project="live", workspace=root, **connection(ml_studio))
    assert result.imported == 11
    return ml_studio, result.project.id


def connection(server: Server) -> dict[str, str]:
    return {"url": server.url, "api_key": server.api_key}


def annotate(client: Client, tasks: list[dict[str, Any]]) -> None:
    """Alternately check-worthy (with a CLAIM over the sentence) and not."""
    labels = corpus.label_set()
    for n, task in enumerate(tasks):
        text, role = task["data"]["text"], ("checkworthy" if n % 2 == 0 else "not_checkworthy")
        result = [{"id": "cw", "from_name": lc.CHECKWORTHY, "to_name": lc.SENTENCE, "type": "choices",
                   "value": {"choices": [labels.checkworthy_label(role)]}}]  # fmt: skip
        if role == "checkworthy":
            end = len(text.rstrip(".\"'”"))
            result.append({"id": "c1", "from_name": lc.SPAN_LABELS, "to_name": lc.SENTENCE, "type": "labels",
                           "value": {"start": 0, "end": end, "text": text[:end], "labels": [labels.span_label("claim")]}})  # fmt: skip
        client.request("POST", f"/api/tasks/{task['id']}/annotations/", json={"result": result, "lead_time": 1.0})


def wait_for(check: Any, timeout: float = 120.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"not within {timeout} s")


@pytest.mark.studio
def test_annotations_retrain_the_model_and_an_unannotated_task_opens_with_its_predictions(pushed, monkeypatch):
    server, project = pushed
    monkeypatch.setattr(learn, "MIN_UNITS", 5)
    root = server.workspace
    backend = start_backend(root, project="live", data=root / "data", port=0, debounce=0.5, **connection(server))
    client = Client(Connection(server.url, server.api_key))
    try:
        (ml,) = client.request("GET", "/api/ml/", params={"project": project})
        assert (ml["url"], ml["title"], ml["state"]) == (backend.url, MODEL_VERSION, "CO")
        assert client.project(project, ["model_version"])["model_version"] == MODEL_VERSION  # the backend's title
        hooks = client.request("GET", "/api/webhooks/", params={"project": project})
        assert [h["url"] for h in hooks] == [f"{backend.url}/webhook"]

        tasks = all_tasks(client, project)
        annotate(client, tasks[:-2])
        health = wait_for(lambda: (h := httpx.get(f"{backend.url}/health").json())["model"] and h)
        version = f"{MODEL_VERSION}+{health['model']}"
        assert health["model_version"] == version and health["last_training"]["units"] == 9

        # An annotator opens the next task: Label Studio asks the backend, which answers with the model.
        opened = client.request("GET", f"/api/projects/{project}/next")
        assert opened["id"] in {t["id"] for t in tasks[-2:]}
        (prediction,) = opened["predictions"]
        assert prediction["model_version"] == version
        choices = [r["value"]["choices"] for r in prediction["result"] if r.get("from_name") == lc.CHECKWORTHY]
        assert len(choices) == 1 and choices[0][0] in corpus.label_set().checkworthy_names
        check_predictions(client.project(project)["label_config"], [prediction], opened["data"])
        stored = client.request("GET", "/api/predictions/", params={"task": opened["id"]})
        assert {p["model_version"] for p in stored} == {MODEL_VERSION, version}  # push's rules, then the model's

        # The connection deleted in Label Studio (by hand, or a database restored): the backend makes it again.
        client.request("DELETE", f"/api/ml/{ml['id']}")
        assert client.project(project, ["model_version"])["model_version"] == ""
        assert backend.check()
        (again,) = client.request("GET", "/api/ml/", params={"project": project})
        assert again["url"] == backend.url and again["id"] != ml["id"]
        assert client.project(project, ["model_version"])["model_version"] == MODEL_VERSION
    finally:
        backend.stop()
    # Stopped: the connection and its webhook are gone; Label Studio shows the rules' predictions.
    assert client.request("GET", "/api/ml/", params={"project": project}) == []
    assert client.request("GET", "/api/webhooks/", params={"project": project}) == []
    assert client.project(project, ["model_version"])["model_version"] == MODEL_VERSION


@pytest.mark.studio
def test_studio_up_model_runs_the_backend_in_the_background_and_studio_down_stops_it(pushed, monkeypatch):
    server, project = pushed
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    state = start_background(server.workspace, port=studio.free_port())
    try:
        assert state.running and state.connected and state.events, state.line()
        assert (state.project, state.project_id) == ("live", project)
        assert "serves corpus-rules-" in state.line() and "retrains when annotations arrive" in state.line()
        assert start_background(server.workspace).pid == state.pid  # running: nothing started
        with Client(Connection(server.url, server.api_key)) as client:
            (ml,) = client.request("GET", "/api/ml/", params={"project": project})
            assert ml["url"] == state.url
    finally:
        assert stop_background(server.workspace)
    assert not backend_status(server.workspace).running
    assert not stop_background(server.workspace)
    with Client(Connection(server.url, server.api_key)) as client:
        assert client.request("GET", "/api/ml/", params={"project": project}) == []
