"""A local stand-in for the few Hugging Face Hub endpoints that ``corpus publish --repo-id`` uses.

The real Hub is unreachable from this machine, so the upload path is tested at the HTTP
boundary: huggingface_hub itself talks to this server (``HF_ENDPOINT``). It keeps the
repositories in memory: files per commit, branches and tags, as the Hub would.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Repo:
    private: bool = False
    commits: list[dict[str, Any]] = field(default_factory=list)  # {"oid", "files": {path: bytes}, "message"}
    tags: dict[str, str] = field(default_factory=dict)  # tag -> commit oid

    @property
    def head(self) -> dict[str, Any] | None:
        return self.commits[-1] if self.commits else None


class HubStandIn:
    def __init__(self, token: str):
        self.token = token
        self.repos: dict[str, Repo] = {}
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> HubStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _reply(self, status: int, body: Any = None) -> None:
                data = json.dumps(body if body is not None else {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _authorised(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {hub.token}":
                    self._reply(401, {"error": "Invalid credentials"})
                    return False
                return True

            def _repo(self, parts: list[str]) -> tuple[str, Repo | None]:
                repo_id = "/".join(parts[2:4])
                return repo_id, hub.repos.get(repo_id)

            def do_GET(self) -> None:
                hub.requests.append(f"GET {self.path}")
                parts = self.path.split("?")[0].strip("/").split("/")
                if parts[:2] == ["api", "datasets"] and len(parts) >= 5 and parts[4] == "refs":
                    repo_id, repo = self._repo(parts)
                    if repo is None:
                        return self._reply(404, {"error": "Repository not found"})
                    branches = (
                        [{"name": "main", "ref": "refs/heads/main", "targetCommit": repo.head["oid"]}]
                        if repo.head
                        else []
                    )
                    tags = [{"name": t, "ref": f"refs/tags/{t}", "targetCommit": oid} for t, oid in repo.tags.items()]
                    return self._reply(200, {"branches": branches, "converts": [], "tags": tags, "pullRequests": []})
                self._reply(404, {"error": f"not implemented in the stand-in: GET {self.path}"})

            def do_POST(self) -> None:
                hub.requests.append(f"POST {self.path}")
                if not self._authorised():
                    return
                body = self._body()
                parts = self.path.split("?")[0].strip("/").split("/")
                if parts == ["api", "repos", "create"]:
                    data = json.loads(body)
                    repo_id = f"{data['organization']}/{data['name']}" if data.get("organization") else data["name"]
                    if repo_id in hub.repos:
                        return self._reply(
                            409,
                            {"error": "You already created this dataset repo", "url": f"{hub.url}/datasets/{repo_id}"},
                        )
                    hub.repos[repo_id] = Repo(private=bool(data.get("private")))
                    return self._reply(200, {"url": f"{hub.url}/datasets/{repo_id}", "name": repo_id})
                if parts == ["api", "validate-yaml"]:
                    import yaml

                    content = json.loads(body)["content"]
                    front = content.split("---\n")[1] if content.startswith("---\n") else content
                    try:
                        if not isinstance(yaml.safe_load(front), dict):
                            raise yaml.YAMLError("the card metadata is not a mapping")
                    except yaml.YAMLError as exc:
                        return self._reply(400, {"error": "invalid YAML", "errors": [{"message": str(exc)}]})
                    return self._reply(200, {"errors": [], "warnings": []})
                repo_id, repo = self._repo(parts)
                if repo is None:
                    return self._reply(404, {"error": "Repository not found"})
                action = parts[4] if len(parts) > 4 else ""
                if action == "preupload":
                    files = json.loads(body)["files"]
                    # Every file inline ("regular"): no LFS or Xet storage needed in the stand-in.
                    return self._reply(
                        200,
                        {"files": [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False} for f in files]},
                    )
                if action == "commit":
                    files = dict(repo.head["files"]) if repo.head else {}
                    message = ""
                    for line in body.decode().splitlines():
                        item = json.loads(line)
                        if item["key"] == "header":
                            message = item["value"].get("summary", "")
                        elif item["key"] == "file":
                            files[item["value"]["path"]] = base64.b64decode(item["value"]["content"])
                        elif item["key"] == "deletedFile":
                            files.pop(item["value"]["path"], None)
                    oid = hashlib.sha1(repr(sorted(files.items())).encode() + message.encode()).hexdigest()
                    repo.commits.append({"oid": oid, "files": files, "message": message})
                    return self._reply(
                        200,
                        {
                            "commitUrl": f"{hub.url}/datasets/{repo_id}/commit/{oid}",
                            "commitOid": oid,
                            "pullRequestUrl": None,
                        },
                    )
                if action == "tag":
                    data = json.loads(body)
                    if data["tag"] in repo.tags:
                        return self._reply(409, {"error": "Tag already exists"})
                    revision = parts[5] if len(parts) > 5 else "main"
                    repo.tags[data["tag"]] = revision if len(revision) == 40 else repo.head["oid"]
                    return self._reply(200, {})
                self._reply(404, {"error": f"not implemented in the stand-in: POST {self.path}"})

        return Handler
