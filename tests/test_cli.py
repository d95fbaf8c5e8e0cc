"""What the command line tells a user to do next must be something that works."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click

from corpus.cli import cli

PACKAGE = Path(__file__).resolve().parent.parent / "corpus"
# "corpus push data/x.jsonl --project news", "`corpus studio up`", "run corpus review": the words
# after "corpus" up to the first that is not a command name; options anywhere after them.
SUGGESTION = re.compile(r"\bcorpus ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*){0,2})((?: [^`;:,)\n]*)?)")


def _messages() -> list[tuple[str, str]]:
    """Every string a module of the package can print (literals and f-string parts), with where."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) else "X" for v in node.values)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            else:
                continue
            if "corpus " in text:
                found.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", text))
    return found


def _command(words: list[str]) -> click.Command | None:
    command: click.Command = cli
    for word in words:
        if not isinstance(command, click.Group):
            return command  # the rest is an argument
        if word not in command.commands:
            return None  # a group with no such subcommand
        command = command.commands[word]
    return command


def test_every_command_a_message_suggests_exists_with_the_options_it_names():
    checked, wrong = 0, []
    for where, text in _messages():
        for match in (m for part in text.split("&&") for m in SUGGESTION.finditer(part)):
            words = match.group(1).split()
            if words[0] not in cli.commands:
                continue  # "corpus news claims", "corpus issue": prose, not a command
            command = _command(words)
            if command is None:
                wrong.append(f"{where}: {match.group(0)!r}: no such command")
                continue
            known = {opt for p in command.params for opt in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
            named = re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", match.group(2))
            checked += 1
            wrong += [f"{where}: {match.group(0)!r}: {opt}" for opt in named if opt not in known]
    assert checked >= 15  # the check is looking at real messages
    assert wrong == []


def test_a_suggested_command_name_that_does_not_exist_is_caught():
    # The checker itself: a made-up subcommand is not a command, a made-up option is not known.
    assert _command(["studio", "up"]) is cli.commands["studio"].commands["up"]  # type: ignore[attr-defined]
    assert _command(["studio", "upp"]) is None
    assert "--ack-stale" in {o for p in cli.commands["push"].params for o in getattr(p, "opts", [])}
    assert "--no-such-option" not in {o for p in cli.commands["push"].params for o in getattr(p, "opts", [])}
