"""The Label Studio project of a workspace: found by a stable key, configured from the schema."""

from __future__ import annotations

import datetime as dt
import html
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.errors import LabelStudioError, NoProject, NotFound, OptionError
from corpus.labels import guidelines as versioned
from corpus.schema import SCHEMA_VERSION
from corpus.studio import labelconfig
from corpus.studio.client import Client
from corpus.workspace import Workspace

KEY_PREFIX = "corpus-key:"


def guidelines_path() -> Path:
    package = Path(__file__).resolve().parent.parent
    packaged = package / "guidelines.md"
    return packaged if packaged.exists() else package.parent / "docs" / "guidelines.md"


def current_guidelines() -> versioned.Guidelines:
    """The guidelines pushed now: their version, SHA-256 and sections."""
    return versioned.parse(guidelines_path().read_bytes())


def guidelines_html() -> str:
    """The guidelines as the project's instructions, headed by their version and SHA-256."""
    import markdown

    text = guidelines_path().read_bytes()
    found = versioned.parse(text)
    head = (
        f'<p class="corpus-guidelines-version">Guidelines version {html.escape(found.version or "unversioned")}, '
        f"SHA-256 <code>{found.short}</code></p>\n"
    )
    return head + markdown.markdown(text.decode("utf-8"), extensions=["tables"])


@dataclass
class ProjectRef:
    name: str
    id: int
    key: str
    url: str

    @property
    def web_url(self) -> str:
        return f"{self.url}/projects/{self.id}/data"


def project_description(key: str) -> str:
    return (
        f"Sentences to annotate for claims, attributions and figures (schema {SCHEMA_VERSION}). "
        f"Guidelines {current_guidelines().label()}. {KEY_PREFIX}{key}"
    )


def project_guidelines(project: dict[str, Any]) -> str | None:
    """The guidelines version a project was last pushed with (from its description), if it says."""
    found = re.search(r"Guidelines (\S+) \(sha256 ([0-9a-f]+)\)", project.get("description") or "")
    return found.group(1) if found else None


def record_guidelines(workspace: Workspace, name: str, guidelines: versioned.Guidelines | None = None) -> bool:
    """Add the guidelines pushed now to the project's history in the workspace state (version,
    SHA-256, each section's hash, when), unless they are its last entry; True when added."""
    state = workspace.state
    entry = state.get("projects", {}).get(name)
    if entry is None:
        return False
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    history = versioned.record(list(entry.get("guidelines") or []), guidelines or current_guidelines(), now)
    if history is None:
        return False
    entry["guidelines"] = history
    workspace.save_state(state)
    return True


def guidelines_history(workspace: Workspace, name: str) -> list[dict[str, Any]]:
    """The guidelines versions pushed to a project, oldest first (``corpus.labels.guidelines``)."""
    return list((workspace.state.get("projects", {}).get(name) or {}).get("guidelines") or [])


_HINT = re.compile(r"""\s(?:hint|placeholder)=(?:"[^"]*"|'[^']*')""")


def same_but_hints(a: str, b: str) -> bool:
    """Two labeling configs that differ at most in the hints (the schema's label descriptions):
    a newer wording of the same config, not an edit made in Label Studio."""
    return _HINT.sub("", a).strip() == _HINT.sub("", b).strip()


# The project settings corpus sets (ensure_recorded_project) and brings back when changed.
MANAGED_SETTINGS = (
    "label_config",
    "expert_instruction",
    "show_instruction",
    "show_skip_button",
    "maximum_annotations",
    "show_annotation_history",
    "sampling",
    "show_collab_predictions",
)
# What corpus reads of its project, asked for by name: Label Studio otherwise computes every
# count field of the project (see Client.project).
PROJECT_FIELDS = ("id", "title", "description", "model_version", "total_annotations_number", *MANAGED_SETTINGS)


def known_project(workspace: Workspace, client: Client, name: str) -> ProjectRef | None:
    """The project of this name recorded in the workspace for this server, checked to exist."""
    recorded = recorded_project(workspace, client, name)
    return recorded[0] if recorded else None


def recorded_project(workspace: Workspace, client: Client, name: str) -> tuple[ProjectRef, dict[str, Any]] | None:
    """The recorded project and what the server says of it (one request), or None."""
    entry = workspace.state.get("projects", {}).get(name)
    if not entry or entry.get("url") != client.url:
        return None
    try:
        project = client.project(entry["id"], PROJECT_FIELDS)
    except NotFound:
        raise LabelStudioError(
            f"project {name!r} (id {entry['id']}) was deleted in Label Studio at {client.url}; "
            f"run the command again with --recreate to create it anew (the push journal is reset)"
        ) from None
    if f"{KEY_PREFIX}{entry['key']}" not in (project.get("description") or ""):
        raise LabelStudioError(
            f"project id {entry['id']} at {client.url} is not the project {name!r} of this workspace "
            f"(its key is missing from the description); run again with --recreate"
        )
    return ProjectRef(name, entry["id"], entry["key"], client.url), project


def project_name(workspace: Workspace, name: str | None) -> str:
    """The project a command works on: ``name`` if given, else the workspace's only project (review
    projects aside), else the default name when nothing was pushed yet.

    Raises:
        OptionError: no name given and the workspace has several projects.
    """
    if name:
        return name
    projects = main_projects(workspace)
    if len(projects) > 1:
        raise OptionError(
            f"this workspace has {len(projects)} projects ({', '.join(projects)}): choose one with --project"
        )
    return projects[0] if projects else defaults.PROJECT


def main_projects(workspace: Workspace) -> list[str]:
    """The projects pushed from this workspace (not the review projects made by corpus review)."""
    return sorted(n for n, entry in workspace.state.get("projects", {}).items() if not entry.get("review_of"))


def find_project(workspace: Workspace, client: Client, name: str) -> ProjectRef:
    """The project of this name pushed from the workspace to this server.

    Raises:
        NoProject: nothing was pushed under this name from this workspace to this server.
        LabelStudioError: the project was deleted or replaced in Label Studio.
    """
    project = known_project(workspace, client, name)
    if project is None:
        others = [n for n in main_projects(workspace) if n != name]
        if others:
            raise NoProject(
                f"no project {name!r} in the workspace {workspace.root}; it has {', '.join(others)}: "
                f"run with --project {others[0]}"
            )
        raise NoProject(
            f"no project {name!r} pushed from the workspace {workspace.root} to {client.url}: run "
            f"`corpus push data/sentences.jsonl --project {name}` there first (or -w the folder you pushed from)"
        )
    return project


def forget_project(workspace: Workspace, name: str) -> None:
    state = workspace.state
    entry = state.get("projects", {}).pop(name, None)
    workspace.save_state(state)
    if entry:
        workspace.path("push", f"{entry['key']}.jsonl").unlink(missing_ok=True)  # the journal
        workspace.path("push", f"{entry['key']}.last.json").unlink(missing_ok=True)  # the last push's outcome


def _find_by_key(client: Client, key: str) -> dict[str, Any] | None:
    marker = f"{KEY_PREFIX}{key}"
    return next((p for p in client.projects() if marker in (p.get("description") or "")), None)


def ensure_project(
    workspace: Workspace,
    client: Client,
    name: str = defaults.PROJECT,
    *,
    overlap: int | None = None,
    update_config: bool = False,
) -> tuple[ProjectRef, bool]:
    """Create or reuse the workspace's project, and bring its settings up to date.

    ``overlap`` (annotators per task) is set when given; otherwise a new project gets the default
    and an existing one keeps its own. Returns the project and whether it was created now.
    """
    return ensure_recorded_project(
        workspace, client, name, recorded_project(workspace, client, name), overlap=overlap, update_config=update_config
    )


def ensure_recorded_project(
    workspace: Workspace,
    client: Client,
    name: str,
    recorded: tuple[ProjectRef, dict[str, Any]] | None,
    *,
    overlap: int | None = None,
    update_config: bool = False,
    queue: str = defaults.QUEUE,
) -> tuple[ProjectRef, bool]:
    """``ensure_project`` for a caller that already fetched the recorded project (push: one
    request fewer); only the settings that differ are sent, so a re-push changes nothing."""
    if len(name) < 3:
        raise OptionError(f"project name {name!r} is too short: Label Studio needs at least 3 characters")
    settings: dict[str, Any] = {
        "label_config": labelconfig.generate(),
        "expert_instruction": guidelines_html(),
        "show_instruction": True,
        "show_skip_button": True,
        "maximum_annotations": overlap or defaults.OVERLAP,
        "show_annotation_history": False,
        "sampling": defaults.QUEUE_SAMPLING[queue],
        # Show the rule-based predictions as pre-filled regions that the annotator corrects.
        "show_collab_predictions": True,
    }
    if recorded is None:
        entry = workspace.state.get("projects", {}).get(name)
        key = entry["key"] if entry else secrets.token_hex(8)
        found = _find_by_key(client, key) if entry else None
        created = found is None
        if found is None:
            found = client.create_project(
                title=name, description=project_description(key), model_version=defaults.MODEL_VERSION, **settings
            )
        ref = ProjectRef(name, found["id"], key, client.url)
        state = workspace.state
        history = (entry or {}).get("guidelines")
        state.setdefault("projects", {})[name] = {
            "id": ref.id,
            "key": key,
            "url": client.url,
            **({"guidelines": history} if history else {}),
        }
        workspace.save_state(state)
        if created:
            record_guidelines(workspace, name)
            return ref, True
        project = client.project(ref.id, PROJECT_FIELDS)
    else:
        ref, project = recorded
    if str(project.get("label_config", "")).strip() != str(settings["label_config"]).strip():
        annotated = int(project.get("total_annotations_number") or 0)
        reworded = same_but_hints(str(project.get("label_config", "")), str(settings["label_config"]))
        if annotated and not update_config and not reworded and project_schema(project) == SCHEMA_VERSION:
            raise LabelStudioError(
                f"the labeling config of project {name!r} (id {ref.id}) was changed in Label Studio and no longer "
                f"matches schema {SCHEMA_VERSION}; run push with --update-config to restore the generated config "
                f"(its {annotated} annotations are kept)"
            )
        # Label Studio accepts a config that drops a label annotations use, and then hides
        # those annotations: ask its strict check first, and refuse rather than hide them.
        problem = client.config_problem(ref.id, str(settings["label_config"]))
        if problem:
            raise LabelStudioError(
                f"the labeling config of schema {SCHEMA_VERSION} would hide annotations of project {name!r} "
                f"(id {ref.id}) in Label Studio, so it was not set: {problem}"
            )
    else:
        del settings["label_config"]
    settings["description"] = project_description(ref.key)
    if overlap is None:
        del settings["maximum_annotations"]  # a push without --overlap keeps the project's own
    changed = {field: value for field, value in settings.items() if project.get(field) != value}
    if changed:
        client.update_project(ref.id, **changed)
    record_guidelines(workspace, name)
    if project.get("model_version") != defaults.MODEL_VERSION:
        show_predictions_of(client, ref.id, defaults.MODEL_VERSION)
    return ref, False


def show_predictions_of(client: Client, project_id: int, model_version: str) -> None:
    """Make the predictions of ``model_version`` the pre-annotations annotators see.

    Label Studio refuses a version that no prediction of the project carries yet (a project
    whose tasks came with an earlier rule version): then the earlier one stays shown until a
    push brings tasks with this one, and sets it.
    """
    try:
        client.update_project(project_id, model_version=model_version)
    except LabelStudioError:
        pass


def project_schema(project: dict[str, Any]) -> str | None:
    """The schema version a project was last configured for (from its description)."""
    found = re.search(r"\(schema (\d+\.\d+\.\d+)\)", project.get("description") or "")
    return found.group(1) if found else None
