"""Upload of a dataset folder to the Hugging Face Hub, tagged ``vX.Y.Z``.

The token comes from ``HF_TOKEN`` or the huggingface_hub login (``huggingface-cli login``),
never from the command line. ``HF_ENDPOINT`` selects another Hub (the tests use a local stand-in).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError

from corpus.errors import HubError


@dataclass
class UploadResult:
    repo_id: str
    tag: str
    commit: str | None
    tags: list[str]


def upload(
    folder: str | Path, repo_id: str, version: str, *, private: bool = False, endpoint: str | None = None
) -> UploadResult:
    """Create the dataset repo if needed, upload the folder as one commit, tag it vX.Y.Z."""
    api = HfApi(endpoint=endpoint)
    tag = f"v{version}"
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        existing = [t.name for t in api.list_repo_refs(repo_id, repo_type="dataset").tags]
        if tag in existing:
            raise HubError(
                f"{repo_id} already has a tag {tag}: a published version is never replaced; publish a new version"
            )
        commit = api.upload_folder(
            folder_path=str(folder),
            repo_id=repo_id,
            repo_type="dataset",
            commit_message=f"Release {tag}",
            ignore_patterns=[".git/*", ".*"],
        )
        api.create_tag(
            repo_id, tag=tag, repo_type="dataset", revision=commit.oid, tag_message=f"Dataset version {version}"
        )
        tags = [t.name for t in api.list_repo_refs(repo_id, repo_type="dataset").tags]
    except ValueError as exc:  # the Hub's check of the card's YAML
        raise HubError(f"the Hub refused the dataset card of {repo_id}: {exc}") from None
    except HfHubHTTPError as exc:
        response = exc.response
        status = response.status_code if response is not None else "?"
        where = f" on {response.request.method} {response.request.url.path}" if response is not None else ""
        hint = " (set HF_TOKEN or run `huggingface-cli login`)" if status in (401, 403) else ""
        raise HubError(f"the Hub refused the upload of {repo_id} (HTTP {status}{where}){hint}") from None
    return UploadResult(repo_id, tag, commit.oid, sorted(tags))
