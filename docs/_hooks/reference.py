"""MkDocs hook: the parts of the reference that must not fall behind the code.

- docs/guide.md holds a marker that this hook replaces with every command's ``--help`` (the same
  text ``corpus <command> --help`` prints), written from the CLI itself at build time;
- docs/api.md must document every public name of the package (``corpus.__all__``): a name missing
  there is a warning, which fails ``mkdocs build --strict``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import click

MARKER = "<!-- cli-reference -->"
WIDTH = 100
log = logging.getLogger("mkdocs.hooks.reference")


def _commands(command: click.Command, ctx: click.Context) -> Iterator[tuple[click.Context, click.Command]]:
    yield ctx, command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            settings = {**sub.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
            sub_ctx = click.Context(sub, info_name=name, parent=ctx, **settings)
            yield from _commands(sub, sub_ctx)


def cli_reference() -> str:
    from corpus.cli import cli

    settings = {**cli.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    root = click.Context(cli, info_name="corpus", **settings)
    sections = []
    for ctx, command in _commands(cli, root):
        if isinstance(command, click.Group) and ctx.parent is not None:
            continue  # a group's own help only lists its commands, each documented below
        sections.append(f"### `{ctx.command_path}`\n\n```text\n{command.get_help(ctx).rstrip()}\n```\n")
    return "\n".join(sections)


def _check_api(markdown: str) -> None:
    import corpus

    documented = set(re.findall(r"^::: corpus\.(\w+)\s*$", markdown, re.M))
    public = set(corpus.__all__) - {"__version__"}
    for name in sorted(public - documented):
        log.warning("docs/api.md does not document corpus.%s (add '::: corpus.%s')", name, name)
    for name in sorted(documented - public):
        log.warning("docs/api.md documents corpus.%s, which is not in corpus.__all__", name)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if page.file.src_uri == "guide.md" and MARKER in markdown:
        return markdown.replace(MARKER, cli_reference())
    if page.file.src_uri == "api.md":
        _check_api(markdown)
    return markdown
