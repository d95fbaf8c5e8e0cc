"""``corpus studio annotator add|list|remove`` and ``studio up --host``, against the real Label
Studio of the session: an account logs in (in Chromium and through the login form), works under
its own token, comes back from pull as a pseudonym that only ``annotator list`` maps to it, and
stops at ``remove``. The same on a server corpus does not run (the invitation link, Label Studio's
own removal from the organisation)."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from corpus.cli import cli
from corpus.studio import server as studio
from corpus.studio.annotators import add_annotator
from corpus.studio.client import connect
from corpus.workspace import Workspace
from tests.test_browser import browser  # noqa: F401  (the Chromium fixture)
from tests.test_pull import DOCS, choice
from tests.test_push import all_tasks, project_id
from tests.test_studio import _listening

PASSWORD_LINE = re.compile(r"^\s+password\s+(\S+)$", re.MULTILINE)
LOGIN_LINE = re.compile(r"^\s+log in at\s+(\S+)$", re.MULTILINE)
NO_MATCH = "The email and password you entered don't match."


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def email_for(name: str) -> str:
    return f"{name}-{secrets.token_hex(3)}@Lead.Example"  # mixed case: kept in lower case


def login(url: str, email: str, password: str) -> httpx.Client | None:
    """A session through Label Studio's login form (its CSRF token included), or None if refused."""
    session = httpx.Client(base_url=url, timeout=60)
    session.get("/user/login/")
    answer = session.post(
        "/user/login/",
        data={"email": email, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
    )
    if answer.status_code == 302:
        return session
    assert NO_MATCH in answer.text or answer.status_code == 200, answer.status_code
    session.close()
    return None


def own_token(session: httpx.Client) -> str:
    token: str = session.get("/api/current-user/token").json()["token"]
    return token


def annotate(url: str, token: str, task_id: int) -> httpx.Response:
    """One finished annotation, sent with the annotator's own token (as the browser sends it)."""
    return httpx.post(
        f"{url}/api/tasks/{task_id}/annotations/",
        headers={"Authorization": f"Token {token}"},
        json={"result": [choice("checkworthy", "CFS")], "lead_time": 3.0},
        timeout=60,
    )


def files_under(root: Path) -> Iterator[Path]:
    return (p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def pushed(ls_env, tmp_path) -> tuple[Path, str, list[dict]]:
    """A project pushed from a workspace of its own (tmp_path) to the session's server."""
    name = f"people-{secrets.token_hex(3)}"
    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n", encoding="utf-8")
    assert invoke("split", str(source), "-o", str(tmp_path / "data"))[0] == 0
    assert invoke("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", name, "-w", str(tmp_path))[0] == 0
    with ls_env.client() as client:
        tasks = all_tasks(client, project_id(tmp_path, name))
    return tmp_path, name, tasks


def test_a_bad_email_is_one_line_and_exit_status_1(tmp_path):
    for command in (["add", "not-an-email"], ["add", "ana@example"], ["remove", "ana lima@example.org"]):
        code, out, err = invoke("studio", "annotator", *command, "-w", str(tmp_path))
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "is not an e-mail address" in err and "Traceback" not in err


@pytest.mark.studio
@pytest.mark.browser
def test_add_logs_in_in_the_browser_adding_twice_changes_nothing_remove_stops_the_login(
    label_studio,
    browser,  # noqa: F811
):
    ws = str(label_studio.workspace)
    email = email_for("ana")
    code, out, err = invoke("studio", "annotator", "add", email, "--name", "Ana Lima", "-w", ws)
    assert code == 0, err
    password = PASSWORD_LINE.search(out).group(1)  # type: ignore[union-attr]
    login_url = LOGIN_LINE.search(out).group(1)  # type: ignore[union-attr]
    assert login_url == f"{label_studio.url}/user/login/" and email.lower() in out and "shown this once" in out
    # The password is printed, and written nowhere: not in the workspace, not in Label Studio's log.
    assert not [p for p in files_under(label_studio.workspace) if password.encode() in p.read_bytes()]

    page = browser.new_page()
    page.goto(login_url)
    page.fill("input[name=email]", email.lower())
    page.fill("input[name=password]", password)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/user/login" not in page.url
    me = page.evaluate("fetch('/api/current-user/whoami').then(r => r.json())")
    assert me["email"] == email.lower() and me["first_name"] == "Ana" and me["last_name"] == "Lima"

    # Adding again: said so, nothing changed (no new password; the first one still works).
    code, again, _ = invoke("studio", "annotator", "add", email, "-w", ws)
    assert code == 0 and "already has an account" in again and "nothing changed" in again
    assert PASSWORD_LINE.search(again) is None
    assert login(label_studio.url, email, password) is not None

    code, out, err = invoke("studio", "annotator", "remove", email, "-w", ws)
    assert code == 0, err
    assert "can no longer log in" in out and "annotations stay" in out
    # Their open session ends with the account; a new login is refused.
    page.reload()
    page.wait_for_load_state("networkidle")
    assert "/user/login" in page.url
    page.fill("input[name=email]", email.lower())
    page.fill("input[name=password]", password)
    page.click("button[type=submit], input[type=submit]")
    expect(page.get_by_text(NO_MATCH)).to_be_visible()
    page.close()


@pytest.mark.studio
def test_pulled_annotations_carry_a_pseudonym_that_only_annotator_list_maps_to_the_email(label_studio, ls_env, pushed):
    workspace, name, tasks = pushed
    email = email_for("bruno")
    account = add_annotator(email, "Bruno Reis", workspace=label_studio.workspace)
    assert account.status == "created" and account.password
    session = login(label_studio.url, email, account.password)
    assert session is not None
    token = own_token(session)
    for task in tasks[:2]:
        assert annotate(label_studio.url, token, task["id"]).status_code == 201
    out_file = workspace / "data" / "annotations.jsonl"
    code, _, err = invoke("pull", "--project", name, "-o", str(out_file), "-w", str(workspace))
    assert code == 0, err
    records = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    pseudonyms = {r["annotator"] for r in records}
    assert len(records) == 2 and len(pseudonyms) == 1
    (alias,) = pseudonyms
    assert alias.startswith("ann-")

    # The lead's map, from the workspace that pushed the project (this server through the API).
    code, out, err = invoke("studio", "annotator", "list", "--json", "-w", str(workspace))
    assert code == 0, err
    listed = json.loads(out)
    person = next(p for p in listed["people"] if p["email"] == email.lower())
    assert person["id"] == account.user_id and person["name"] == "Bruno Reis" and person["active"] is True
    assert person["projects"][name] == {"pseudonym": alias, "tasks": 2}
    assert [p["email"] for p in listed["people"] if p["projects"][name]["pseudonym"] == alias] == [email.lower()]
    code, table, _ = invoke("studio", "annotator", "list", "-w", str(workspace))
    row = next(line for line in table.splitlines() if email.lower() in line)
    assert f"{alias} (2)" in row and "written nowhere" in table

    # The e-mail (and the name) appear nowhere in what the workspace holds: data and state.
    leaks = [p for p in files_under(workspace) if email.lower().encode() in p.read_bytes().lower()]
    assert leaks == [] and not [p for p in files_under(workspace) if b"Bruno Reis" in p.read_bytes()]

    # On the local server's own workspace, the list comes from Label Studio's Django: the same person.
    local = add_annotator(email, workspace=label_studio.workspace)
    assert local.status == "exists" and local.password is None
    code, out, err = invoke("studio", "annotator", "list", "--json", "-w", str(label_studio.workspace))
    assert code == 0, err
    mine = next(p for p in json.loads(out)["people"] if p["id"] == account.user_id)
    assert mine["email"] == email.lower() and mine["active"] is True


@pytest.mark.studio
def test_remove_deactivates_keeps_the_annotations_and_a_reset_lets_them_back_in(label_studio, ls_env, pushed):
    workspace, name, tasks = pushed
    ws = str(label_studio.workspace)
    email = email_for("carla")
    account = add_annotator(email, workspace=label_studio.workspace)
    session = login(label_studio.url, email, account.password or "")
    assert session is not None
    token = own_token(session)
    assert annotate(label_studio.url, token, tasks[0]["id"]).status_code == 201

    code, out, err = invoke("studio", "annotator", "remove", email, "-w", ws)
    assert code == 0, err
    assert "deactivated" in out and "1 finished annotation stay" in out
    assert login(label_studio.url, email, account.password or "") is None
    assert session.get("/api/current-user/whoami").status_code in (401, 403)  # the open session ended
    assert annotate(label_studio.url, token, tasks[1]["id"]).status_code == 401  # so did the token
    # Again: nothing changed. The finished annotation is still pulled.
    code, again, _ = invoke("studio", "annotator", "remove", email, "-w", ws)
    assert code == 0 and "already removed" in again and "nothing changed" in again
    out_file = workspace / "data" / "annotations.jsonl"
    assert invoke("pull", "--project", name, "-o", str(out_file), "-w", str(workspace))[0] == 0
    assert len(out_file.read_text(encoding="utf-8").splitlines()) == 1
    listed = json.loads(invoke("studio", "annotator", "list", "--json", "-w", ws)[1])
    gone = next(p for p in listed["people"] if p["id"] == account.user_id)
    assert gone["email"] == email.lower() and gone["active"] is False

    # Adding them again says how to let them back in; --reset-password does, with a new password.
    code, out, _ = invoke("studio", "annotator", "add", email, "-w", ws)
    assert code == 0 and "removed" in out and "--reset-password" in out
    code, out, _ = invoke("studio", "annotator", "add", email, "--reset-password", "-w", ws)
    assert code == 0 and "set a new password" in out
    password = PASSWORD_LINE.search(out).group(1)  # type: ignore[union-attr]
    assert password != account.password and login(label_studio.url, email, password) is not None

    # The account corpus itself uses is refused, in one line.
    code, out, err = invoke("studio", "annotator", "remove", label_studio.username, "-w", ws)
    assert code == 1 and "account corpus itself uses" in err and err.count("\n") == 1


@pytest.mark.studio
def test_on_a_server_corpus_does_not_run_add_gives_the_invitation_and_remove_takes_them_out(
    label_studio, ls_env, pushed
):
    # The workspace that pushed has no managed credentials: to it this is any Label Studio, reached
    # through LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY, so corpus cannot touch its Django.
    workspace, name, tasks = pushed
    ws = str(workspace)
    email = email_for("dora")
    code, out, err = invoke("studio", "annotator", "add", email, "-w", ws)
    assert code == 0, err
    invitation = re.search(r"(http\S+/user/signup/\?token=\S+)", out)
    assert invitation and "invitation link" in out and PASSWORD_LINE.search(out) is None
    code, out, err = invoke("studio", "annotator", "add", email, "--reset-password", "-w", ws)
    assert code == 1 and "--reset-password needs the local server" in err

    # The person signs up through the link with that e-mail and a password of their own.
    own = f"pw-{secrets.token_hex(8)}"
    with httpx.Client(timeout=60) as browserless:
        browserless.get(invitation.group(1))
        signed = browserless.post(
            invitation.group(1),
            data={"email": email.lower(), "password": own, "csrfmiddlewaretoken": browserless.cookies["csrftoken"]},
        )
        assert signed.status_code == 302, signed.text[:300]
    code, out, _ = invoke("studio", "annotator", "add", email, "-w", ws)
    assert code == 0 and "already has an account" in out
    session = login(label_studio.url, email, own)
    assert session is not None
    token = own_token(session)
    assert annotate(label_studio.url, token, tasks[0]["id"]).status_code == 201

    try:
        code, out, err = invoke("studio", "annotator", "remove", email, "-w", ws)
        assert code == 0, err
        assert "from the organisation" in out and "1 finished annotation stay" in out and "still log in" in out
        # They can no longer open the project or annotate; Label Studio hides their e-mail from then on.
        project = f"{label_studio.url}/api/projects/{project_id(workspace, name)}/"
        assert httpx.get(project, headers={"Authorization": f"Token {token}"}).status_code in (403, 404)
        assert annotate(label_studio.url, token, tasks[1]["id"]).status_code in (403, 404)
        listed = json.loads(invoke("studio", "annotator", "list", "--json", "-w", ws)[1])
        hidden = [p for p in listed["people"] if p["projects"][name]["tasks"] == 1 and not p["active"]]
        assert len(hidden) == 1 and hidden[0]["email"] is None
        code, _, err = invoke("studio", "annotator", "remove", email, "-w", ws)
        assert code == 1 and "no member with e-mail" in err
    finally:
        # Back into the organisation (local, through Django), so that the session's server lists
        # no hidden member for the tests after this one.
        assert add_annotator(email, workspace=label_studio.workspace, reset_password=True).status == "reset"


@pytest.mark.studio
@pytest.mark.browser
def test_up_on_the_network_lets_a_browser_log_in_and_label_at_the_machine_address(tmp_path, browser):  # noqa: F811
    root = tmp_path / "team"
    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n", encoding="utf-8")
    assert invoke("split", str(source), "-o", str(root / "data"))[0] == 0
    code, out, err = invoke("studio", "up", "--host", "0.0.0.0", "-w", str(root))
    try:
        assert code == 0, err
        status = studio.server_status(root)
        port = int(status.url.rsplit(":", 1)[1])  # type: ignore[union-attr]
        # corpus talks to 127.0.0.1; colleagues open the machine's address, and the warning says what that means.
        assert status.url == f"http://127.0.0.1:{port}" and status.host == "0.0.0.0"
        assert status.share_url == f"http://{studio.machine_address()}:{port}"
        assert status.share_url in out and "anyone on that network" in err and "docs/deploy.md" in err
        assert _listening(port) == ["0.0.0.0"]
        code, shown, _ = invoke("studio", "status", "-w", str(root))
        assert code == 0 and status.share_url in shown and "listening on 0.0.0.0" in shown

        assert invoke("push", str(root / "data" / "sentences.jsonl"), "--project", "team", "-w", str(root))[0] == 0
        project = Workspace(root).state["projects"]["team"]["id"]
        with connect(root) as client:
            task = next(client.iter_tasks(project))["id"]

        account = add_annotator("erik@lead.example", "Erik", workspace=root)
        assert account.login_url == f"{status.share_url}/user/login/"
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(account.login_url)
        page.fill("input[name=email]", account.email)
        page.fill("input[name=password]", account.password or "")
        page.click("button[type=submit], input[type=submit]")
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(status.share_url) and "/user/login" not in page.url
        # Label Studio's links and API calls are relative, so its app works at the address used:
        # the labeling screen of a task opens, its own scripts all from that address.
        page.goto(f"{status.share_url}/projects/{project}/data?task={task}")
        expect(page.locator(".corpus-sentence")).to_be_visible(timeout=60_000)
        scripts = page.evaluate("[...document.scripts].map(s => s.src).filter(Boolean)")
        own = [src for src in scripts if "/react-app/" in src or "/static/" in src]
        assert own and all(src.startswith(status.share_url) for src in own), scripts
        me = page.evaluate("fetch('/api/current-user/whoami').then(r => r.json())")
        assert me["email"] == "erik@lead.example"
        page.close()
        # A second `up` asking for another address is refused while it runs.
        code, _, err = invoke("studio", "up", "--host", "127.0.0.1", "-w", str(root))
        assert code == 1 and "studio down" in err
    finally:
        studio.down(root)


@pytest.mark.studio
def test_the_session_helper_makes_its_users_as_a_lead_does(ls_env, pushed):
    # tests/studio_server.py's create_user (used by the pull, review and browser tests) is
    # `annotator add`: the shape those tests read, a password that logs in, an id that annotates.
    _, _, tasks = pushed
    user = ls_env.create_user("fred")
    assert user["email"].startswith("fred-") and user["first_name"] == "Fred" and user["last_name"] == "Tester"
    assert login(ls_env.url, user["email"], user["password"]) is not None
    with ls_env.client() as client:
        made = client.request(
            "POST",
            f"/api/tasks/{tasks[0]['id']}/annotations/",
            json={"completed_by": user["id"], "result": [choice("checkworthy", "CFS")], "lead_time": 1.0},
        )
    assert made["completed_by"] == user["id"]


@pytest.mark.studio
def test_on_postgresql_behind_uwsgi_too(label_studio_pg):
    # The local server's other shape: Label Studio's Django reaches the same PostgreSQL database.
    ws = str(label_studio_pg.workspace)
    email = email_for("gil")
    code, out, err = invoke(
        "studio",
        "annotator",
        "add",
        email,
        "-w",
        ws,
        "--url",
        label_studio_pg.url,
        "--api-key",
        label_studio_pg.api_key,
    )
    assert code == 0, err
    password = PASSWORD_LINE.search(out).group(1)  # type: ignore[union-attr]
    assert login(label_studio_pg.url, email, password) is not None
    listed = json.loads(invoke("studio", "annotator", "list", "--json", "-w", ws)[1])
    assert [p["active"] for p in listed["people"] if p["email"] == email.lower()] == [True]
    assert invoke("studio", "annotator", "remove", email, "-w", ws)[0] == 0
    assert login(label_studio_pg.url, email, password) is None
