"""The people of the Label Studio organisation: an account of their own for every annotator.

Every annotator works under their own account, so that overlap and agreement count people, and
``pull`` names them by pseudonym (``pseudonym(project key, user id)``), never by e-mail. The lead
alone maps pseudonyms back to people, with ``list_annotators``: it reads the organisation live
from Label Studio and returns the map; nothing of it is written to the workspace or the data.

Two kinds of server:

* the local one started by ``corpus studio up`` (the workspace holds its managed credentials):
  Label Studio's REST API can neither set a password nor deactivate an account, so corpus does
  both through Label Studio's own Django, run from its virtual environment on its database (as
  ``label-studio reset_password`` does). The password travels to it through the environment,
  never a command line, and is returned once, to be handed over; corpus keeps no copy. Removal
  deactivates the account: no login, no API token, and their name stays on their annotations.
* any other server (``LABEL_STUDIO_URL``/``LABEL_STUDIO_API_KEY``): only its API. A new person
  gets the organisation's invitation link (``GET /api/invite``) and signs up with a password of
  their own; removal takes them out of the organisation (``DELETE
  /api/organizations/{id}/memberships/{user}/``, Label Studio's own soft delete: they can still
  log in, but open no project; the API then hides their e-mail as "Deleted").
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from corpus.errors import LabelStudioError, NotFound, OptionError, StudioError
from corpus.studio import server
from corpus.studio.client import Client, connect
from corpus.studio.convert import pseudonym
from corpus.studio.project import recorded_project
from corpus.workspace import Workspace

# Django's EmailValidator, as Label Studio's forms apply it: a dot-atom, a domain with a TLD.
_EMAIL = re.compile(
    r"^[-!#$%&'*+/=?^_`{}|~0-9a-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9a-z]+)*"
    r"@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+)(?:[a-z0-9-]{2,63}(?<!-))$"
)
EMAIL_MAX_LENGTH = 254
NAME_MAX_LENGTH = 256  # Label Studio's first_name and last_name columns
# What Label Studio's API shows of a member removed from the organisation, instead of their e-mail.
_HIDDEN = "Deleted"
_RESULT = "CORPUS-RESULT "

# Run by Label Studio's own Python, in its package folder, on the workspace's database. Every
# input comes through the environment (the password included); the answer is one JSON line.
_DJANGO = r"""
import json, os
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'core.settings.label_studio')
import django
django.setup()
from django.db import transaction
from organizations.models import Organization, OrganizationMember
from users.models import User

org = Organization.objects.order_by('id').first()

def person(user):
    member = OrganizationMember.objects.filter(user=user, organization=org).first()
    return {
        'id': user.id, 'email': user.email, 'first_name': user.first_name, 'last_name': user.last_name,
        'is_active': user.is_active, 'member': member is not None and member.deleted_at is None,
        'last_activity': user.last_activity.isoformat() if user.last_activity else None,
    }

action = os.environ['CORPUS_ACTION']
out = {'owner': org.created_by_id if org else None}
if org is None:
    out['status'] = 'no-organization'
elif action == 'people':
    users = User.objects.filter(om_through__organization=org).distinct().order_by('id')
    out['people'] = [person(u) for u in users]
else:
    email = os.environ['CORPUS_EMAIL']
    user = User.objects.filter(email__iexact=email).order_by('id').first()
    if action == 'add':
        first, last = os.environ['CORPUS_FIRST_NAME'], os.environ['CORPUS_LAST_NAME']
        out['status'] = 'exists'
        if user is None or os.environ.get('CORPUS_RESET') == '1':
            with transaction.atomic():
                if user is None:
                    user = User.objects.create_user(
                        email, os.environ['CORPUS_PASSWORD'], username=email, first_name=first, last_name=last
                    )
                    out['status'] = 'created'
                else:
                    user.set_password(os.environ['CORPUS_PASSWORD'])
                    user.is_active = True
                    if first or last:
                        user.first_name, user.last_name = first, last
                    out['status'] = 'reset'
                member, _ = OrganizationMember.objects.get_or_create(user=user, organization=org)
                if member.deleted_at is not None:
                    member.deleted_at = None
                    member.save(update_fields=['deleted_at'])
                user.active_organization = org
                user.save()
        out['person'] = person(user)
    elif action == 'deactivate':
        keep = {int(i) for i in os.environ.get('CORPUS_KEEP', '').split(',') if i}
        if user is None:
            out['status'] = 'missing'
        elif user.id in keep or user.id == org.created_by_id:
            out['status'] = 'refused'
            out['person'] = person(user)
        else:
            was_active = user.is_active
            if was_active:
                user.is_active = False
                user.save(update_fields=['is_active'])
            out['status'] = 'deactivated' if was_active else 'inactive'
            out['person'] = person(user)
print('CORPUS-RESULT ' + json.dumps(out))
"""


def valid_email(email: str) -> str:
    """The e-mail address in lower case, as Label Studio's login form looks it up.

    Raises:
        OptionError: not an e-mail address.
    """
    cleaned = email.strip().lower()
    if len(cleaned) > EMAIL_MAX_LENGTH or not _EMAIL.match(cleaned):
        raise OptionError(f"{email!r} is not an e-mail address (like ana@example.org)")
    return cleaned


def _names(name: str | None) -> tuple[str, str]:
    """First and last name from one "First Last" string (the first word, the rest)."""
    words = (name or "").split()
    first, last = (words[0], " ".join(words[1:])) if words else ("", "")
    if len(first) > NAME_MAX_LENGTH or len(last) > NAME_MAX_LENGTH:
        raise OptionError(f"--name is too long: Label Studio keeps at most {NAME_MAX_LENGTH} characters a part")
    return first, last


def _full_name(person: dict[str, Any]) -> str:
    return " ".join(p for p in (person.get("first_name"), person.get("last_name")) if p)


def is_local(workspace: Workspace, client: Client) -> bool:
    """Whether ``client`` talks to the server ``corpus studio up`` started for this workspace
    (however it was named: options, LABEL_STUDIO_URL, or the workspace's own credentials)."""
    credentials = workspace.credentials
    return credentials.get("managed") is True and credentials.get("url") == client.url


def _django(workspace: Workspace, action: str, variables: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``_DJANGO`` with Label Studio's Python on the workspace's database; its JSON answer.

    Its environment is built from nothing (no VIRTUAL_ENV, PYTHONPATH or Label Studio variables
    of the caller's shell); the database is the one the server runs on: the SQLite file in
    ``.corpus/studio/``, or PostgreSQL when the last ``studio up`` chose it.
    """
    credentials = workspace.credentials
    executable = server.studio_executable()
    database = credentials.get("database")
    data_dir = workspace.path("studio-postgresql" if database else "studio")
    env = {name: os.environ[name] for name in ("HOME", "LANG", "LC_ALL", "TZ", "TMPDIR") if name in os.environ}
    env.update(
        {
            "PATH": f"{executable.parent}:/usr/bin:/bin",
            "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "core.settings.label_studio",
            "COLLECT_ANALYTICS": "false",
            "LATEST_VERSION_CHECK": "false",
            "CORPUS_ACTION": action,
            **(variables or {}),
        }
    )
    if database:
        env.update(server.Database.parse(database).environment())
    elif not (data_dir / "label_studio.sqlite3").exists():
        raise StudioError(f"the local Label Studio's database is not in {data_dir}; run corpus studio up here first")
    try:
        result = subprocess.run(
            [str(executable.parent / "python"), "-"],
            input=_DJANGO,
            env=env,
            cwd=server.package_dir(),
            capture_output=True,
            text=True,
            timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StudioError(
            f"could not run Label Studio's Django from {executable.parent} ({type(exc).__name__})"
        ) from None
    answer = next((line for line in result.stdout.splitlines() if line.startswith(_RESULT)), None)
    if result.returncode != 0 or answer is None:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1][:300]
        raise StudioError(f"Label Studio's Django failed to {action} (exit status {result.returncode}): {last}")
    data: dict[str, Any] = json.loads(answer[len(_RESULT) :])
    if data.get("status") == "no-organization":
        raise StudioError("the local Label Studio has no organisation yet; run corpus studio up first")
    return data


def _login_url(workspace: Workspace, client: Client, local: bool) -> str:
    """Where people log in: for the local server listening on the network, the address
    colleagues use (``studio up --host``)."""
    status = server.server_status(workspace) if local else None
    base = status.share_url if status is not None and status.running and status.share_url else client.url
    return f"{base}/user/login/"


def _whoami(client: Client) -> dict[str, Any]:
    me: dict[str, Any] = client.request("GET", "/api/current-user/whoami")
    return me


def _member_by_email(client: Client, email: str) -> dict[str, Any] | None:
    return next((u for u in client.users() if str(u.get("email") or "").lower() == email), None)


# -- add ------------------------------------------------------------------------------------------
@dataclass
class AnnotatorAccount:
    """What ``add_annotator`` did: an account created (or its password replaced), an account
    that was already there, or an invitation link for a server corpus does not run."""

    email: str
    status: str  # "created", "reset", "exists" or "invited"
    server: str
    login_url: str
    user_id: int | None = None
    name: str = ""
    active: bool | None = None  # for "exists": can they log in and annotate?
    local: bool = True
    password: str | None = field(default=None, repr=False)  # "created" and "reset" only: shown once
    invite_url: str | None = field(default=None, repr=False)  # "invited" only: anyone with it can join

    def to_dict(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "status": self.status,
            "server": self.server,
            "login_url": self.login_url,
            "user_id": self.user_id,
            "name": self.name,
            "active": self.active,
            "local": self.local,
            "password": self.password,
            "invite_url": self.invite_url,
        }

    def line(self) -> str:
        who = f"{self.email} (id {self.user_id})"
        if self.status in ("created", "reset"):
            done = "created an account for" if self.status == "created" else "set a new password for"
            return "\n".join(
                [
                    f"{done} {who} in the organisation at {self.server}; hand them, privately:",
                    f"  log in at  {self.login_url}",
                    f"  e-mail     {self.email}",
                    f"  password   {self.password}",
                    "The password is shown this once: corpus keeps no copy. Label Studio Community has no page "
                    "where people change their own password; if it is lost or seen by others, run: "
                    f"corpus studio annotator add {self.email} --reset-password",
                ]
            )
        if self.status == "exists":
            if self.active is False:
                back = (
                    f" (corpus studio annotator add {self.email} --reset-password lets them back in)"
                    if self.local
                    else ""
                )
                return (
                    f"{who} already has an account at {self.server}, removed from the organisation: "
                    f"nothing changed{back}"
                )
            hint = " (a new password: add --reset-password)" if self.local else ""
            return f"{who} already has an account at {self.server}: nothing changed{hint}"
        return "\n".join(
            [
                f"{self.server} is not the local server of this workspace, so corpus cannot set a password there.",
                f"Send {self.email} the organisation's invitation link; they sign up with that e-mail and a password "
                "of their own:",
                f"  {self.invite_url}",
                "Anyone with this link can join the organisation: reset it in Label Studio (Organization, "
                "Add People, Reset Link) once your annotators have joined.",
            ]
        )


def add_annotator(
    email: str,
    name: str | None = None,
    *,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
    reset_password: bool = False,
) -> AnnotatorAccount:
    """Give a person their own Label Studio account in the organisation, and say how they log in.

    On the local server of ``corpus studio up``: the account is created with a random password
    and organisation membership, through Label Studio's Django; the password is in the result
    only (print it once, hand it over; it is written nowhere). On another server: the
    organisation's invitation link, for them to sign up with.

    An e-mail that already has an account changes nothing (the result says so), unless
    ``reset_password``: then (local server only) it gets a new password, and a removed person
    is let back in.

    Args:
        email: their e-mail address, their login (kept in lower case, as Label Studio's login
            form looks it up).
        name: their name as Label Studio shows it ("First Last"), optional.
        workspace: the workspace folder (default: CORPUS_WORKSPACE or the current directory).
        url, api_key: another Label Studio (default: LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY,
            else the local server).
        reset_password: replace the password of an existing account (local server only).

    Returns:
        What was done, with the login URL (and the password, or the invitation link).

    Raises:
        OptionError: a bad e-mail or name, or ``reset_password`` on a server corpus does not run.
        LabelStudioError: the server refused or did not answer.
        StudioError: Label Studio's Django (local server) failed.
    """
    email = valid_email(email)
    first, last = _names(name)
    ws = Workspace.of(workspace)
    with connect(ws, url, api_key) as client:
        _whoami(client)  # the server answers and takes the key, before anything else
        local = is_local(ws, client)
        login_url = _login_url(ws, client, local)
        if not local:
            if reset_password:
                raise OptionError(
                    f"--reset-password needs the local server of corpus studio up; {client.url} is another "
                    "Label Studio, where people set their password themselves"
                )
            existing = _member_by_email(client, email)
            if existing is not None:
                return AnnotatorAccount(
                    email, "exists", client.url, login_url, int(existing["id"]), _full_name(existing), True, False
                )
            invite: dict[str, Any] = client.request("GET", "/api/invite")
            link = client.url + str(invite.get("invite_url") or "")
            return AnnotatorAccount(email, "invited", client.url, login_url, local=False, invite_url=link)
        password = secrets.token_urlsafe(12)
        answer = _django(
            ws,
            "add",
            {
                "CORPUS_EMAIL": email,
                "CORPUS_FIRST_NAME": first,
                "CORPUS_LAST_NAME": last,
                "CORPUS_PASSWORD": password,
                "CORPUS_RESET": "1" if reset_password else "",
            },
        )
        person, status = answer["person"], answer["status"]
        return AnnotatorAccount(
            str(person["email"]),
            status,
            client.url,
            login_url,
            int(person["id"]),
            _full_name(person),
            bool(person["is_active"] and person["member"]),
            True,
            password if status in ("created", "reset") else None,
        )


# -- list -----------------------------------------------------------------------------------------
@dataclass
class Trace:
    """A person in one project: their pseudonym there, and the tasks they annotated or skipped."""

    pseudonym: str
    tasks: int


@dataclass
class Person:
    id: int
    email: str | None  # None: Label Studio hides the e-mail of a removed member (another server)
    name: str
    active: bool  # can log in and annotate (a member of the organisation, account not deactivated)
    last_activity: str | None
    projects: dict[str, Trace] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "email": self.email,
            "name": self.name,
            "active": self.active,
            "last_activity": self.last_activity,
            "projects": {name: {"pseudonym": t.pseudonym, "tasks": t.tasks} for name, t in self.projects.items()},
        }


@dataclass
class AnnotatorList:
    """The organisation's people and their pseudonym in each project of the workspace: the lead's
    private map, read live from Label Studio and never written anywhere by corpus."""

    server: str
    local: bool
    people: list[Person]
    projects: list[str]
    missing: list[str] = field(default_factory=list)  # recorded projects no longer on the server

    def to_dict(self) -> dict[str, Any]:
        return {
            "server": self.server,
            "local": self.local,
            "projects": self.projects,
            "missing_projects": self.missing,
            "people": [p.to_dict() for p in self.people],
        }

    def line(self) -> str:
        header = ["id", "e-mail", "name", "active", "last activity", *self.projects]
        rows = [header]
        for p in self.people:
            traces = [
                f"{p.projects[n].pseudonym} ({p.projects[n].tasks})" if n in p.projects else "-" for n in self.projects
            ]
            rows.append(
                [
                    str(p.id),
                    p.email or "(hidden: removed)",
                    p.name or "-",
                    "yes" if p.active else "no",
                    _short_time(p.last_activity),
                    *traces,
                ]
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        table = ["  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
        count = f"{len(self.people)} {'person' if len(self.people) == 1 else 'people'}"
        lines = [f"{count} in the organisation at {self.server}:", *table]
        if self.projects:
            lines.append(
                "Per project: the pseudonym that pull and publish give that person, and (in brackets) the tasks "
                "they annotated or skipped."
            )
        else:
            lines.append(
                "No project pushed from this workspace to this server yet: pseudonyms come with the first push."
            )
        if self.missing:
            lines.append(f"Recorded but gone from the server: {', '.join(self.missing)}.")
        lines.append(
            "This map of pseudonyms to people was read live from Label Studio and is written nowhere: keep it to yourself."
        )
        return "\n".join(lines)


def _short_time(value: str | None) -> str:
    if not value:
        return "-"
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if moment.tzinfo is not None else "")


def _people(ws: Workspace, client: Client, local: bool) -> list[Person]:
    if local:
        found = _django(ws, "people")["people"]
        return [
            Person(
                int(p["id"]),
                str(p["email"]),
                _full_name(p),
                bool(p["is_active"] and p["member"]),
                p.get("last_activity"),
            )
            for p in found
        ]
    people = []
    for user in sorted(client.users(), key=lambda u: int(u["id"])):
        hidden = user.get("email") == _HIDDEN  # Label Studio's mask for a removed member
        people.append(
            Person(
                int(user["id"]),
                None if hidden else str(user.get("email") or ""),
                "" if hidden else _full_name(user),
                not hidden,
                user.get("last_activity"),
            )
        )
    return people


def _annotated_tasks(client: Client, project_id: int, user_id: int) -> int:
    """Tasks of the project with an annotation (or skip) by the user: one filtered count."""
    query = {
        "filters": {
            "conjunction": "and",
            "items": [{"filter": "filter:tasks:annotators", "operator": "contains", "type": "List", "value": user_id}],
        }
    }
    try:
        answer = client.request(
            "GET",
            "/api/tasks/",
            params={"project": project_id, "page_size": 1, "fields": "task_only", "query": json.dumps(query)},
        )
    except NotFound:  # an empty first page, on some versions
        return 0
    return int((answer or {}).get("total") or 0)


def list_annotators(
    *,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
) -> AnnotatorList:
    """The organisation's people, and each one's pseudonym in every project of this workspace.

    The lead's private map from pseudonym (``pseudonym(project key, user id)``, what ``pull``
    writes) back to a person. It is read live from Label Studio and returned: corpus never writes
    it into the workspace, the data files or the dataset.

    For each person: id, e-mail, name, whether they can log in and annotate, last activity; per
    project pushed from this workspace to this server, their pseudonym and the number of tasks
    they annotated or skipped (one small request per person who worked on the project).

    Args:
        workspace, url, api_key: as for ``add_annotator``.

    Returns:
        The people and the projects.

    Raises:
        LabelStudioError: the server refused or did not answer.
        StudioError: Label Studio's Django (local server) failed.
    """
    ws = Workspace.of(workspace)
    with connect(ws, url, api_key) as client:
        local = is_local(ws, client)
        people = _people(ws, client, local)
        result = AnnotatorList(client.url, local, people, [])
        for name, entry in sorted((ws.state.get("projects") or {}).items()):
            if entry.get("url") != client.url or entry.get("review_of"):
                continue  # another server's; or a review project, whose records carry the main project's pseudonyms
            try:
                recorded = recorded_project(ws, client, name)
            except LabelStudioError:
                result.missing.append(name)
                continue
            if recorded is None:
                continue
            project = recorded[0]
            result.projects.append(name)
            try:
                worked = {int(u["id"]) for u in client.request("GET", f"/api/projects/{project.id}/annotators/") or []}
            except NotFound:  # a server without this endpoint: ask for everyone
                worked = {p.id for p in people}
            for person in people:
                tasks = _annotated_tasks(client, project.id, person.id) if person.id in worked else 0
                person.projects[name] = Trace(pseudonym(project.key, person.id), tasks)
        return result


# -- remove ---------------------------------------------------------------------------------------
@dataclass
class AnnotatorRemoval:
    """What ``remove_annotator`` did. Their finished annotations always stay."""

    email: str
    user_id: int
    server: str
    local: bool  # True: the account was deactivated; False: taken out of the organisation
    changed: bool  # False: they were already out
    annotations: int | None  # their annotations in the organisation, as Label Studio counts them

    def to_dict(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "user_id": self.user_id,
            "server": self.server,
            "local": self.local,
            "how": "deactivated" if self.local else "membership removed",
            "changed": self.changed,
            "annotations": self.annotations,
        }

    def line(self) -> str:
        who = f"{self.email} (id {self.user_id})"
        kept = (
            f"their {self.annotations} finished annotation{'s' if self.annotations != 1 else ''} stay"
            if self.annotations is not None
            else "their finished annotations stay"
        )
        kept += ", in Label Studio and in every pull, under their pseudonym"
        if not self.changed:
            return f"{who} was already removed at {self.server}: nothing changed; {kept}"
        if self.local:
            return (
                f"deactivated the account of {who} at {self.server}: they can no longer log in or annotate "
                f"(their session and API token stop working); {kept}. To let them back in: "
                f"corpus studio annotator add {self.email} --reset-password"
            )
        return (
            f"removed {who} from the organisation at {self.server}: they can no longer open or annotate its "
            f"projects; {kept}. Label Studio Community has no API to deactivate an account: they can still log "
            "in and see the projects' names; whoever runs that server can deactivate the account there "
            "(label-studio shell)"
        )


def _annotations_of(client: Client, organisation: int, user_id: int) -> int | None:
    """Their annotations in the organisation (Label Studio's membership record counts them)."""
    try:
        member = client.request("GET", f"/api/organizations/{organisation}/memberships/{user_id}/")
    except NotFound:
        return None
    return int((member or {}).get("annotations_count") or 0)


def remove_annotator(
    email: str,
    *,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
) -> AnnotatorRemoval:
    """Stop a person from working in the organisation; their finished annotations stay.

    On the local server of ``corpus studio up`` the account is deactivated, through Label
    Studio's Django: no login at all, their session and API token stop working, and Label
    Studio goes on showing their name on their annotations. On another server (the API only):
    Label Studio's own removal from the organisation (the membership's soft delete), after which
    they can open none of its projects. Running it again changes nothing;
    ``add_annotator(..., reset_password=True)`` lets a deactivated person back in.

    Args:
        email: their e-mail address.
        workspace, url, api_key: as for ``add_annotator``.

    Returns:
        What was done, with their number of annotations.

    Raises:
        OptionError: a bad e-mail, or the account corpus itself uses (or the organisation's owner).
        NotFound: no account with that e-mail.
        LabelStudioError: the key is not the organisation owner's (another server), or the
            server refused or did not answer.
        StudioError: Label Studio's Django (local server) failed.
    """
    email = valid_email(email)
    ws = Workspace.of(workspace)
    with connect(ws, url, api_key) as client:
        me = _whoami(client)
        organisation = int(me.get("active_organization") or 0)
        refusal = (
            f"{email} is the account corpus itself uses on {client.url} (the API key's), or the organisation's "
            "owner: it stays"
        )
        if is_local(ws, client):
            answer = _django(ws, "deactivate", {"CORPUS_EMAIL": email, "CORPUS_KEEP": str(me.get("id") or "")})
            if answer["status"] == "missing":
                raise NotFound(f"no account with e-mail {email} at {client.url}")
            if answer["status"] == "refused":
                raise OptionError(refusal)
            user_id = int(answer["person"]["id"])
            changed = answer["status"] == "deactivated"
            return AnnotatorRemoval(
                email, user_id, client.url, True, changed, _annotations_of(client, organisation, user_id)
            )
        found = _member_by_email(client, email)
        if found is None:
            raise NotFound(
                f"no member with e-mail {email} in the organisation at {client.url} "
                "(Label Studio lists a member removed earlier with a hidden e-mail)"
            )
        user_id = int(found["id"])
        owner = (client.request("GET", f"/api/organizations/{organisation}") or {}).get("created_by")
        if user_id in (me.get("id"), owner):
            raise OptionError(refusal)
        if owner != me.get("id"):
            raise LabelStudioError(
                "only the organisation's owner can remove members in Label Studio Community, and the API key "
                f"for {client.url} is not theirs (it is user {me.get('id')}'s; the owner is user {owner})"
            )
        annotations = _annotations_of(client, organisation, user_id)
        try:
            client.request("DELETE", f"/api/organizations/{organisation}/memberships/{user_id}/")
            changed = True
        except NotFound:  # removed meanwhile
            changed = False
        return AnnotatorRemoval(email, user_id, client.url, False, changed, annotations)
