#!/usr/bin/env python3
"""Demo only: two stand-in annotators label the demo project so that pull and publish have
something to work on without a person at the browser.

Each stand-in annotator accepts the rule-based pre-annotations of a task as their labels (the
second one drops cues now and then, so that agreement is not perfect) and answers checkworthy.
Real annotation happens in Label Studio's browser interface. Safe to run twice.

    python scripts/demo_annotate.py --project corpus-demo
"""

from __future__ import annotations

import argparse
import random
from typing import Any

import corpus

DEMO_USERS = ("demo-annotator-1@corpus.local", "demo-annotator-2@corpus.local")


def demo_user(client: Any, email: str) -> int:
    """An account of the stand-in annotator's own, as the lead makes one (corpus studio annotator add)."""
    account = corpus.annotator_add(email, "Demo annotator")
    if account.user_id is not None:
        return account.user_id
    return next(user["id"] for user in client.request("GET", "/api/users/") if user["email"] == email)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default="corpus-demo")
    parser.add_argument("--workspace", default=".")
    args = parser.parse_args()
    workspace = corpus.Workspace(args.workspace)
    labels = corpus.label_set()
    rng = random.Random(7)
    with corpus.connect(workspace) as client:
        try:
            project = corpus.find_project(workspace, client, args.project)
        except corpus.CorpusError as exc:
            raise SystemExit(str(exc)) from None
        users = [demo_user(client, email) for email in DEMO_USERS]
        created = 0
        page = 1
        while True:
            data = client.request(
                "GET", "/api/tasks/", params={"project": project.id, "page": page, "page_size": 100, "fields": "all"}
            )
            for task in data["tasks"]:
                done = {a.get("completed_by") for a in client.request("GET", f"/api/tasks/{task['id']}/annotations/")}
                predictions = client.request("GET", f"/api/tasks/{task['id']}/")["predictions"]
                suggested = predictions[0]["result"] if predictions else []
                for n, user in enumerate(users):
                    if user in done:
                        continue
                    # The second stand-in drops a cue now and then (and the relations that need it).
                    dropped = {
                        r["id"]
                        for r in suggested
                        if n == 1 and r.get("value", {}).get("labels") == [labels.cue] and rng.random() < 0.3
                    }
                    result = [
                        dict(r)
                        for r in suggested
                        if r.get("id") not in dropped and not {r.get("from_id"), r.get("to_id")} & dropped
                    ]
                    figure = any(r.get("value", {}).get("labels") == [labels.figure] for r in result)
                    worthy, not_worthy = (
                        labels.checkworthy_label("checkworthy"),
                        labels.checkworthy_label("not_checkworthy"),
                    )
                    result.append(
                        {
                            "id": "checkworthy",
                            "from_name": "checkworthy",
                            "to_name": "sentence",
                            "type": "choices",
                            "value": {"choices": [worthy if figure or rng.random() < 0.2 else not_worthy]},
                        }
                    )
                    client.request(
                        "POST",
                        f"/api/tasks/{task['id']}/annotations/",
                        json={"completed_by": user, "result": result, "lead_time": 5.0},
                    )
                    created += 1
            if page * 100 >= data["total"]:
                break
            page += 1
    print(f"demo: {created} annotations created by {len(users)} stand-in annotators")


if __name__ == "__main__":
    main()
